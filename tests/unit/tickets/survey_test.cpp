// What a customer's answer to the satisfaction survey means, in both languages, by digit, word
// or emoji, with the comment after the rating kept; and a message that is no answer at all.
#include "tickets/survey.hpp"

#include <gtest/gtest.h>

namespace ombud::tickets {
namespace {

struct Case {
  const char* text;
  std::optional<Rating> rating;
  const char* comment;
};

TEST(SurveyAnswers, AreUnderstoodInBothLanguages) {
  const SurveyRules rules;
  constexpr auto S = Rating::satisfied, B = Rating::basically, D = Rating::dissatisfied;
  const Case cases[] = {
      // digits of the survey's numbering, alone or before a comment
      {"1", S, ""}, {"2", B, ""}, {"3", D, ""}, {"１", S, ""}, {"3 还是没网", D, "还是没网"},
      {"3，师傅没来", D, "师傅没来"}, {"2 ok", B, "ok"},
      // Chinese
      {"满意", S, ""}, {"很满意", S, ""}, {"非常满意！", S, ""}, {"挺好的，谢谢", S, "挺好的,谢谢"},
      {"已解决，谢谢", S, "谢谢"}, {"修好了", S, ""}, {"不错", S, ""}, {"基本满意", B, ""},
      {"还行", B, ""}, {"还可以吧", B, "还可以吧"}, {"一般般", B, "一般般"}, {"凑合", B, ""},
      {"不满意", D, ""}, {"不满意，还是没网", D, "还是没网"}, {"很不满意", D, ""},
      {"不太满意，太慢了", D, "太慢了"}, {"问题依旧", D, ""}, {"收到，但问题依旧存在", D, "收到,但问题依旧存在"},
      {"还是不行", D, ""}, {"谢谢，但还是没网", D, "谢谢,但还是没网"}, {"差评", D, ""},
      // English
      {"satisfied", S, ""}, {"Very good, thanks", S, "thanks"}, {"great", S, ""}, {"Thank you", S, "thank you"},
      {"it's fixed now", S, "it's fixed now"}, {"not bad", B, ""}, {"OK", B, ""}, {"so-so", B, ""},
      {"mostly", B, ""}, {"not really", D, ""}, {"Not satisfied, still no network", D, "still no network"},
      {"dissatisfied", D, ""}, {"no", D, ""}, {"still not fixed", D, ""}, {"terrible service", D, "terrible service"},
      // emoji
      {"👍", S, ""}, {"👎", D, ""},
      // no answer: something else
      {"我想问一下宽带套餐", std::nullopt, ""}, {"how do I pay my bill", std::nullopt, ""},
      {"12345678901", std::nullopt, ""}, {"", std::nullopt, ""}, {"I know", std::nullopt, ""},
  };
  int n = 0;
  for (const auto& c : cases) {
    const auto answer = understand_answer(c.text, rules);
    EXPECT_EQ(answer.rating, c.rating) << c.text;
    if (c.rating) EXPECT_EQ(answer.comment, c.comment) << c.text;
    ++n;
  }
  EXPECT_GE(n, 40);
}

TEST(SurveyAnswers, ARatingsNameRoundTrips) {
  for (auto r : {Rating::satisfied, Rating::basically, Rating::dissatisfied})
    EXPECT_EQ(rating_from(to_string(r)), r);
  EXPECT_FALSE(rating_from("great"));
}

TEST(SurveyAnswers, AnOrganisationsOwnWordsCount) {
  SurveyRules rules;
  rules.satisfied_words = {"五星"};
  EXPECT_EQ(understand_answer("五星好评", rules).rating, Rating::satisfied);
  EXPECT_EQ(understand_answer("很满意", rules).rating, std::nullopt) << "only the configured words";
}

}  // namespace
}  // namespace ombud::tickets

#pragma once
// The satisfaction survey after a complaint's result (满意度回访): when it is asked, and what a
// customer's free-text answer means. Pure: the desk asks and records (desk/survey.cpp).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ombud::tickets {

/// A customer's opinion of the result.
enum class Rating { satisfied, basically, dissatisfied };
std::string_view to_string(Rating rating) noexcept;
std::optional<Rating> rating_from(std::string_view name) noexcept;

/// tickets.survey: whether and when the survey is asked, and the words its answers use.
struct SurveyRules {
  bool enabled = true;
  /// Working minutes after the result reached the customer: the survey is asked inside
  /// business hours, never at night (a result at Friday 17:30 is asked about on Monday).
  int delay_working_minutes = 120;
  std::int64_t reminder_after_ms = 24LL * 3600 * 1000;  ///< one reminder without an answer
  std::int64_t expiry_ms = 72LL * 3600 * 1000;          ///< then it counts as no answer
  /// How the answers are written, per rating; the first match in the order dissatisfied,
  /// basically, satisfied wins ("不满意" holds "满意"). Digits answer by the survey's own
  /// numbering (1 satisfied, 2 basically, 3 dissatisfied).
  std::vector<std::string> satisfied_words{
      "非常满意", "很满意", "满意", "挺好", "很好", "不错", "好评", "谢谢", "感谢", "解决了", "已解决",
      "修好了", "好了", "👍", "😊", "satisfied", "very good", "great", "good", "excellent",
      "thank", "solved", "fixed", "yes"};
  std::vector<std::string> basically_words{
      "基本满意", "比较满意", "还行", "还可以", "一般", "凑合", "马马虎虎", "还好", "勉强",
      "basically", "mostly", "okay", "ok", "so-so", "so so", "fair", "not bad", "more or less"};
  std::vector<std::string> dissatisfied_words{
      "不满意", "非常不满", "很不满", "不太满意", "不好", "差评", "太差", "很差", "没解决", "没有解决",
      "未解决", "还是没", "还是不行", "没修好", "问题依旧", "依旧", "依然", "仍然", "👎", "😡",
      "not satisfied", "dissatisfied", "unsatisfied", "not really", "not solved", "not fixed",
      "still not", "still no", "bad", "terrible", "poor", "no"};
};

/// What an answer to the survey says: a rating when one is understood, and anything written
/// after it (kept as the customer's comment).
struct SurveyAnswer {
  std::optional<Rating> rating;
  std::string comment;
};

/// The rating `text` gives (by digit or by words, Chinese or English, in any case or width),
/// and its comment: "不满意，还是没网" → dissatisfied, "还是没网"; "2" → basically; "👍" →
/// satisfied; "我想问一下宽带套餐" → none.
SurveyAnswer understand_answer(std::string_view text, const SurveyRules& rules);

}  // namespace ombud::tickets

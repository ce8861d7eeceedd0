// What the desk writes about a revisit by SMS, and when the day's revisits are sent.
#include "tickets/business_calendar.hpp"
#include "tickets/revisit.hpp"

#include <gtest/gtest.h>

namespace ombud::tickets {
namespace {

TEST(Revisit, TheDesksWordsAreReadInEitherLanguage) {
  const RevisitRules r;
  const SurveyRules words;
  struct Case {
    std::string written;
    bool reached;
    std::optional<Rating> rating;
    std::string solved;
  } cases[] = {
      {"满意 已解决 客户确认网络恢复", true, Rating::satisfied, "yes"},
      {"基本满意，已解决", true, Rating::basically, "yes"},
      {"不满意 没解决 仍然断网", true, Rating::dissatisfied, "no"},
      {"客户说还可以", true, Rating::basically, ""},
      {"未接通", false, std::nullopt, ""},
      {"电话关机", false, std::nullopt, ""},
      {"无人接听，明天再打", false, std::nullopt, ""},
      {"satisfied, solved", true, Rating::satisfied, "yes"},
      {"dissatisfied not solved, still no signal", true, Rating::dissatisfied, "no"},
      {"no answer", false, std::nullopt, ""},
      {"2", true, Rating::basically, ""},
      {"已解决", true, Rating::satisfied, "yes"},
      {"客户在外地，下周再说", true, std::nullopt, ""},
  };
  for (const auto& c : cases) {
    const auto got = read_revisit(c.written, r, words);
    EXPECT_EQ(got.reached, c.reached) << c.written;
    EXPECT_EQ(got.rating, c.rating) << c.written;
    EXPECT_EQ(got.solved, c.solved) << c.written;
    EXPECT_EQ(got.remarks, c.written) << "kept as written";
  }
}

TEST(Revisit, TheDigestGoesOutAtItsHourOnTheNextWorkingDay) {
  BusinessCalendar c;
  c.holidays.insert({2026, 12, 9});
  constexpr std::int64_t monday_0853 = 1796000000000;  // 2026-11-30 08:53:20 in Shanghai
  constexpr std::int64_t hour = 3600000;
  const std::int64_t monday_0900 = 1796000400000;
  EXPECT_EQ(c.next_working_time(monday_0853, 9 * 60), monday_0900);
  EXPECT_EQ(c.next_working_time(monday_0900, 9 * 60), monday_0900 + 24 * hour) << "after it: tomorrow";
  const std::int64_t friday_1000 = monday_0900 + 4 * 24 * hour + hour;
  EXPECT_EQ(c.next_working_time(friday_1000, 9 * 60), monday_0900 + 7 * 24 * hour) << "not at the weekend";
  const std::int64_t tuesday_dec8_1000 = monday_0900 + 8 * 24 * hour + hour;
  EXPECT_EQ(c.next_working_time(tuesday_dec8_1000, 9 * 60), monday_0900 + 10 * 24 * hour) << "nor on a holiday";
}

}  // namespace
}  // namespace ombud::tickets

#include "tickets/grading.hpp"

#include <gtest/gtest.h>

namespace ombud::tickets {
namespace {

TEST(Grading, TheMostSevereRuleWins) {
  EXPECT_EQ(grade({"营业员态度很差"}).level, 4);
  EXPECT_EQ(grade({"宽带坏了三天"}).level, 4);  // nothing matched: general
  EXPECT_EQ(grade({"你们答应过周一修好"}).level, 2);
  auto media = grade({"营业员态度很差，我要找媒体曝光"});
  EXPECT_EQ(media.level, 1);
  ASSERT_EQ(media.reasons.size(), 2u);
  EXPECT_EQ(media.reasons[0].keyword, "媒体");  // most severe first
  EXPECT_EQ(media.reasons[0].reason.zh, "媒体曝光或扬言曝光");
  EXPECT_EQ(media.reasons[1].reason.en, "service attitude");
  EXPECT_EQ(grade({"再不处理我就打１２３１５投诉"}).level, 1);   // full-width digits
  EXPECT_EQ(grade({"I will call my LAWYER"}).level, 1);
  EXPECT_EQ(grade({"电梯故障，老人摔倒受伤"}).level, 1);
}

TEST(Grading, ConditionsRaiseTheLevel) {
  EXPECT_EQ(grade({"x", 2}).level, 2);
  EXPECT_EQ(grade({"x", 3}).level, 1);
  EXPECT_EQ(grade({"x", 1, 1}).level, 3);     // a second complaint after handling
  EXPECT_EQ(grade({"x", 1, 0, 2}).level, 2);  // three customers, same matter, this month
  EXPECT_EQ(grade({"x", 1, 0, 1}).level, 4);
  const std::int64_t day = 24LL * 3600 * 1000;
  EXPECT_EQ(grade({"x", 1, 0, 0, 16 * day}).level, 2);  // unresolved after half a month
  EXPECT_EQ(grade({"x", 1, 0, 0, 31 * day}).level, 1);
  EXPECT_EQ(grade({"x", 1, 0, 0, 31 * day, true}).level, 4);
}

TEST(Grading, ACollectiveComplaintIsMajor) {  // seed: 五户或五户以上 → 重大
  auto g = grade({"x", 1, 0, 0, 0, false, 5});
  EXPECT_EQ(g.level, 1);
  ASSERT_EQ(g.reasons.size(), 1u);
  EXPECT_EQ(g.reasons[0].kind, GradeReason::Kind::collective);
  EXPECT_EQ(g.reasons[0].count, 5);
  GradingPolicy lenient;
  lenient.collective_level = 2;
  EXPECT_EQ(grade({"x", 1, 0, 0, 0, false, 5}, lenient).level, 2);
}

}  // namespace
}  // namespace ombud::tickets

#include "tickets/fingerprint.hpp"

#include <gtest/gtest.h>

namespace ombud::tickets {
namespace {

double sim(const char* a, const char* b) {
  return similarity(fingerprint(a), fingerprint(b));
}

TEST(Fingerprint, TheSameComplaintInOtherWordsMatches) {
  EXPECT_GE(sim("我家宽带三天没网了，要求赔偿", "家里宽带断网三天了，一直上不了网"), kSameMatter);
  EXPECT_GE(sim("小区3号楼电梯坏了，一直停在五楼", "３号楼的电梯又坏了！"), kSameMatter);
  EXPECT_GE(sim("基站故障，整个村子手机没有信号", "我们村手机一点信号都没有"), kSameMatter);
  EXPECT_GE(sim("My broadband has been down for 3 days", "broadband DOWN again, 3 days now"),
            kSameMatter);
}

TEST(Fingerprint, DifferentMattersDoNot) {
  EXPECT_LT(sim("我家宽带三天没网了", "这个月话费被多扣了五十元"), kSameMatter);
  EXPECT_LT(sim("3号楼电梯坏了", "3号楼门口的垃圾没人清理"), kSameMatter);
  EXPECT_LT(sim("营业员态度很差", "宽带网速太慢"), kSameMatter);
  EXPECT_EQ(sim("", "宽带"), 0);
}

TEST(Fingerprint, SurvivesStorage) {
  auto f = fingerprint("家里宽带断网三天了");
  auto g = Fingerprint::parse(f.serialize());
  EXPECT_EQ(f.features, g.features);
  EXPECT_EQ(similarity(f, g), 1.0);
}

}  // namespace
}  // namespace ombud::tickets

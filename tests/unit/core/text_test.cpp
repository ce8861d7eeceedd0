#include "core/text.hpp"

#include <gtest/gtest.h>

namespace ombud::core {
namespace {

TEST(Text, Utf8PrefixNeverCutsACharacter) {
  const std::string s = "宽带没网";  // 3 bytes a character
  EXPECT_EQ(utf8_prefix(s, 12), s);
  EXPECT_EQ(utf8_prefix(s, 7), "宽带");
  EXPECT_EQ(utf8_prefix(s, 2), "");
  EXPECT_EQ(utf8_prefix("abc", 2), "ab");
}

TEST(Text, LogSafeEscapesControlCharactersSoNoLineCanBeForged) {
  using namespace std::string_literals;
  EXPECT_EQ(log_safe("SM123\n2026-11-30 [error] forged"), "SM123\\x0a2026-11-30 [error] forged");
  EXPECT_EQ(log_safe("a\0b\x1b[31m"s), "a\\x00b\\x1b[31m");
  EXPECT_EQ(log_safe(std::string(500, 'x')).size(), 160 + std::string("…").size());
}

TEST(Text, QuotedCustomerTextIsOneMarkedLineThatCannotPassForOurs) {
  const auto q = quoted("好的\nT2611300001 回复 已解决\n【系统】本工单已关闭」", 240);
  EXPECT_EQ(q, "「好的 T2611300001 回复 已解决 [系统]本工单已关闭』」");
  EXPECT_EQ(q.find('\n'), std::string::npos);
  EXPECT_EQ(quoted("再不处理\xEF\xBF\xBD我就打12315"), "「再不处理?我就打12315」");
  const auto cut = quoted("宽带没网宽带没网", 7);
  EXPECT_EQ(cut, "「宽带…」");
}

TEST(Text, ToInt64ReadsNumbersAndFallsBackOnAnythingElse) {
  EXPECT_EQ(to_int64("1795971600000"), 1795971600000);
  EXPECT_EQ(to_int64("-5"), -5);
  EXPECT_EQ(to_int64(""), 0);
  EXPECT_EQ(to_int64("12x", 7), 7);
  EXPECT_EQ(to_int64("99999999999999999999999", 3), 3);
}

}  // namespace
}  // namespace ombud::core

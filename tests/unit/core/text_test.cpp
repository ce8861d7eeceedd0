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

// Every phone form the dialog's phone parser accepts is masked in what staff read; ticket
// numbers and short numbers are not.
TEST(Text, PhoneNumbersInTextAreMaskedInEveryFormThePhoneParserAccepts) {
  EXPECT_EQ(mask_phone_numbers("我的电话13912345678，请回电"), "我的电话139****5678，请回电");
  EXPECT_EQ(mask_phone_numbers("+8613912345678"), "+86139****5678");
  EXPECT_EQ(mask_phone_numbers("139 1234 5678"), "139 **** 5678");
  EXPECT_EQ(mask_phone_numbers("139-1234-5678"), "139-****-5678");
  EXPECT_EQ(mask_phone_numbers("（+86）139１２３４5678"), "（+86）139****5678");
  EXPECT_EQ(mask_phone_numbers("T2611300001 已收到"), "T2611300001 已收到");
  EXPECT_EQ(mask_phone_numbers("扣了50元，3栋2单元501"), "扣了50元，3栋2单元501");
  EXPECT_TRUE(has_digit_run("+861390", 5));
  EXPECT_FALSE(has_digit_run("扣了50元", 5));
}

// What a member of staff types may go out: line breaks kept, control characters gone.
TEST(Text, PlainTextKeepsLineBreaksAndDropsControlCharacters) {
  EXPECT_EQ(plain_text("\x1b[31m明天\a上午\r\n十点\r上门\t好"), "[31m明天上午\n十点\n上门 好");
  EXPECT_EQ(plain_text(std::string_view("a\0b", 3)), "ab");
}

}  // namespace
}  // namespace ombud::core

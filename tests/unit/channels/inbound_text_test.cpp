#include "channels/common/inbound_text.hpp"

#include <gtest/gtest.h>

namespace ombud::channels {
namespace {

TEST(InboundText, ValidUtf8IsKeptByteForByte) {
  EXPECT_EQ(repair_utf8("我家宽带坏了 😀 ok"), "我家宽带坏了 😀 ok");
  EXPECT_EQ(repair_utf8(""), "");
}

TEST(InboundText, InvalidSequencesAndNulBecomeTheReplacementCharacter) {
  using namespace std::string_literals;
  EXPECT_EQ(repair_utf8("a\xff" "b"), "a\xef\xbf\xbd" "b");
  EXPECT_EQ(repair_utf8("宽\xe5\xb8"), "宽\xef\xbf\xbd");           // cut in the middle
  EXPECT_EQ(repair_utf8("\xc0\xaf"), "\xef\xbf\xbd\xef\xbf\xbd");  // overlong '/'
  EXPECT_EQ(repair_utf8("a\0b"s), "a\xef\xbf\xbd" "b");
  EXPECT_EQ(repair_utf8("\xed\xa0\x80"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  // surrogate
}

TEST(InboundText, IdentifiersHaveTheirDocumentedShape) {
  using namespace std::string_literals;
  EXPECT_TRUE(is_identifier("SM2003cbd5e6a3701999aa3e5f20ff2787", 34));
  EXPECT_FALSE(is_identifier("SM2003cbd5e6a3701999aa3e5f20ff27870", 34));
  EXPECT_FALSE(is_identifier("", 34));
  EXPECT_FALSE(is_identifier("SM1\n", 34));
  EXPECT_FALSE(is_identifier("SM1\0x"s, 34));
  EXPECT_FALSE(is_identifier("SM 1", 34));
}

TEST(InboundText, PhoneNumbersAreE164OrShortCodes) {
  EXPECT_TRUE(is_phone_number("+8613800138000"));
  EXPECT_TRUE(is_phone_number("10086"));
  EXPECT_FALSE(is_phone_number("+86138001380001234"));
  EXPECT_FALSE(is_phone_number("hello world"));
  EXPECT_FALSE(is_phone_number("+"));
  EXPECT_FALSE(is_phone_number("+86 138"));
}

}  // namespace
}  // namespace ombud::channels

#include "core/language.hpp"

#include <gtest/gtest.h>

namespace ombud::core {
namespace {

TEST(Language, HanCharactersMeanChinese) {
  EXPECT_EQ(detect_language("我家宽带三天没网了，要求赔偿"), Language::zh);
  EXPECT_EQ(detect_language("my broadband 坏了"), Language::zh);
  EXPECT_EQ(detect_language("T2611290001 查询"), Language::zh);
}

TEST(Language, EverythingElseIsEnglish) {
  EXPECT_EQ(detect_language("my broadband has been down for 3 days"), Language::en);
  EXPECT_EQ(detect_language(""), Language::en);
  EXPECT_EQ(detect_language("１２３！"), Language::en);    // full-width digits are not Han
  EXPECT_EQ(detect_language("こんにちは"), Language::en);  // kana is not Han
  EXPECT_EQ(detect_language("\xff\xfe broken utf-8"), Language::en);
}

TEST(Language, TextWithoutLettersKeepsTheLanguageTheCustomerHad) {
  for (const char* text : {"1", "13800138000", "+86 138-0013-8000", "？！", "👍", "１２３", ""})
    EXPECT_EQ(detect_language(text, Language::zh), Language::zh) << text;
  EXPECT_EQ(detect_language("ok", Language::zh), Language::en);
  EXPECT_EQ(detect_language("Ｈｅｌｌｏ", Language::zh), Language::en);  // full-width Latin
  EXPECT_EQ(detect_language("1 好", Language::en), Language::zh);
}

TEST(Language, LocalizedTextPicksTheLanguage) {
  LocalizedText t{"您好", "hello"};
  EXPECT_EQ(t.in(Language::zh), "您好");
  EXPECT_EQ(t.in(Language::en), "hello");
}

}  // namespace
}  // namespace ombud::core

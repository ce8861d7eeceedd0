#include "channels/common/form.hpp"

#include <gtest/gtest.h>

namespace ombud::channels {
namespace {

TEST(Form, DecodesPlusAndPercentEscapesKeepingOrderAndRepeats) {
  auto form = parse_form("From=%2B14017122661&Body=Ahoy%21+Let%27s+go&Digits=1&Digits=2");
  ASSERT_TRUE(form);
  ASSERT_EQ(form->size(), 4u);
  EXPECT_EQ(form_value(*form, "From"), "+14017122661");
  EXPECT_EQ(form_value(*form, "Body"), "Ahoy! Let's go");
  EXPECT_EQ((*form)[2], (std::pair<std::string, std::string>{"Digits", "1"}));
  EXPECT_EQ((*form)[3].second, "2");
  EXPECT_EQ(form_value(*form, "Missing"), "");
}

TEST(Form, DecodesUtf8Chinese) {
  auto form = parse_form("Body=%E5%AE%BD%E5%B8%A6%E6%B2%A1%E7%BD%91");
  ASSERT_TRUE(form);
  EXPECT_EQ(form_value(*form, "Body"), "宽带没网");
}

TEST(Form, RejectsMalformedEscapes) {
  EXPECT_FALSE(parse_form("Body=%ZZ"));
  EXPECT_FALSE(parse_form("Body=%E"));
}

TEST(Form, EncodeRoundTrips) {
  const FormParams params{{"To", "+8613800138000"}, {"Body", "您好 & hello=1%"}};
  auto decoded = parse_form(encode_form(params));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, params);
}

}  // namespace
}  // namespace ombud::channels

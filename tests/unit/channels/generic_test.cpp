#include "channels/generic/channel.hpp"

#include <gtest/gtest.h>

namespace ombud::channels::generic {
namespace {

TEST(GenericChannel, SignsTimestampDotBodyWithHmacSha256) {
  // python3: hmac.new(b"a-secret-of-16-bytes", b'1700000000.{"type":"message"}', sha256)
  EXPECT_EQ(signature("a-secret-of-16-bytes", "1700000000", R"({"type":"message"})"),
            "sha256=2c3fa0126a3022c3f2cce35ecd3fb4010ed52cc5af0c7005b795c4c838a4fc79");
}

TEST(GenericChannel, ParsesAMessageEvent) {
  auto parsed = parse_event(
      "crm", R"({"type":"message","id":"m-1","from":"user-42","text":"宽带没网","extra":1})", 5);
  ASSERT_TRUE(std::holds_alternative<Parsed>(parsed));
  const auto& messages = std::get<Parsed>(parsed).messages;
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].channel, "generic");
  EXPECT_EQ(messages[0].account, "crm");
  EXPECT_EQ(messages[0].provider_id, "m-1");
  EXPECT_EQ(messages[0].from, "user-42");
  EXPECT_EQ(messages[0].text, "宽带没网");
  EXPECT_EQ(messages[0].received_ms, 5);
}

TEST(GenericChannel, ParsesADeliveryReport) {
  auto parsed = parse_event("crm", R"({"type":"status","id":"0-1-0","status":"delivered"})", 0);
  ASSERT_TRUE(std::holds_alternative<Parsed>(parsed));
  const auto& updates = std::get<Parsed>(parsed).updates;
  ASSERT_EQ(updates.size(), 1u);
  EXPECT_EQ(updates[0].provider_id, "0-1-0");
  EXPECT_EQ(updates[0].status, core::DeliveryStatus::delivered);
}

TEST(GenericChannel, RefusesMalformedEventsNamingWhatIsWrong) {
  for (const char* body :
       {"", "[]", "not json", R"({"id":"m"})", R"({"type":"message","id":"m","text":"t"})",
        R"({"type":"message","id":"m","from":"a\nb","text":"t"})",
        R"({"type":"message","id":"has space","from":"u","text":"t"})",
        R"({"type":"status","id":"m"})", R"({"type":"poll","id":"m"})",
        // found by fuzz_generic_event: a member after an error must not be looked up
        R"({"type":"message","id":"blocksizetext":"\u4de1\u53f7"})",
        R"({"type":"message","id":"m","from":"u","text":"t")"}) {
    auto parsed = parse_event("crm", body, 0);
    ASSERT_TRUE(std::holds_alternative<Refusal>(parsed)) << body;
    EXPECT_EQ(std::get<Refusal>(parsed).error, http::ApiError::bad_request) << body;
    EXPECT_FALSE(std::get<Refusal>(parsed).message.empty());
  }
}

TEST(GenericChannel, ANulInTheTextIsRepairedAndTheRawBytesKept) {
  auto parsed = parse_event("crm", R"({"type":"message","id":"m","from":"u","text":"a\u0000b"})", 0);
  ASSERT_TRUE(std::holds_alternative<Parsed>(parsed));
  const auto& m = std::get<Parsed>(parsed).messages.at(0);
  EXPECT_EQ(m.text, "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(m.raw_text, std::string("a\0b", 3));
}

}  // namespace
}  // namespace ombud::channels::generic

#include "gateway/acknowledgement.hpp"

#include <gtest/gtest.h>

namespace ombud::gateway {
namespace {

class AcknowledgementTest : public ::testing::Test {
 protected:
  store::InboxEntry entry(std::string text, std::string opt_out_type = "") {
    store::InboxEntry e;
    e.partition = 3;
    e.id = "1700000000000-0";
    e.message = {"twilio",
                 "main",
                 "SM1",
                 "+8613800138000",
                 "+8610086000",
                 std::move(text),
                 std::move(opt_out_type),
                 1700000000000};
    return e;
  }

  RepliesConfig replies_;
  store::Keys keys_{"ombud"};
  Acknowledgement ack_{replies_, keys_};
  const std::string opt_key_ = "{ombud}:optout:twilio:main:+8613800138000";
};

TEST_F(AcknowledgementTest, AcknowledgesInTheCustomersLanguage) {
  auto zh = ack_.process(entry("我家宽带三天没网了"), false);
  ASSERT_EQ(zh.outbound.size(), 1u);
  EXPECT_EQ(zh.outbound[0].text, replies_.acknowledgement.zh);
  EXPECT_EQ(zh.outbound[0].to, "+8613800138000");
  EXPECT_EQ(zh.outbound[0].kind, store::OutboundKind::reply);
  EXPECT_EQ(zh.outbound[0].id, "3-1700000000000-0-0");  // stable: derived from the entry
  auto en = ack_.process(entry("my broadband is down"), false);
  ASSERT_EQ(en.outbound.size(), 1u);
  EXPECT_EQ(en.outbound[0].text, replies_.acknowledgement.en);
  EXPECT_TRUE(en.set.empty());
  EXPECT_TRUE(en.del.empty());
}

TEST_F(AcknowledgementTest, StopOptsOutWithAConfirmation) {
  auto e = ack_.process(entry("STOP"), false);
  ASSERT_EQ(e.set.size(), 1u);
  EXPECT_EQ(e.set[0].first, opt_key_);
  ASSERT_EQ(e.outbound.size(), 1u);
  EXPECT_EQ(e.outbound[0].kind, store::OutboundKind::opt_confirmation);
  EXPECT_EQ(e.outbound[0].text, replies_.opted_out.en);
}

TEST_F(AcknowledgementTest, StartOptsBackIn) {
  auto e = ack_.process(entry("start"), true);
  EXPECT_EQ(e.del, std::vector<std::string>{opt_key_});
  ASSERT_EQ(e.outbound.size(), 1u);
  EXPECT_EQ(e.outbound[0].text, replies_.opted_in.en);
}

TEST_F(AcknowledgementTest, AnOptedOutCustomerGetsNothingElse) {
  auto e = ack_.process(entry("are you there?"), true);
  EXPECT_TRUE(e.outbound.empty());
}

TEST_F(AcknowledgementTest, WhenTheProviderAnsweredTheKeywordWeOnlyRecordIt) {
  auto e = ack_.process(entry("stop", "STOP"), false);
  EXPECT_EQ(e.set.size(), 1u);
  EXPECT_TRUE(e.outbound.empty());
}

}  // namespace
}  // namespace ombud::gateway

#include "app/message_processor.hpp"
#include "gateway/config.hpp"

#include <gtest/gtest.h>

namespace ombud::app {
namespace {

const std::string kMinimal =
    "server:\n  public_base_url: https://ombud.test\n"
    "channels:\n  twilio:\n    - {id: main, account_sid: AC1, auth_token: t, from: "
    "\"+8610086000\"}\n"
    "dialog:\n  flows: " OMBUD_SOURCE_DIR
    "/config/flows/telecom\n"
    "  classifier:\n    complaint_words: [没网]\n    categories: {broadband: [宽带]}\n";

class MessageProcessorTest : public ::testing::Test {
 protected:
  store::InboxEntry entry(std::string text, std::string opt_out_type = "") {
    store::InboxEntry e;
    e.partition = 3;
    e.id = "1795971600000-" + std::to_string(seq_++);
    e.message = {
        "twilio",      "main",          "SM" + std::to_string(seq_), "+8613800138000",
        "+8610086000", std::move(text), std::move(opt_out_type),     1795971600000 + seq_ * 1000};
    return e;
  }

  // Runs one message through the processor, keeping the session as Redis would.
  MessageProcessor::Outcome send(const std::string& text) {
    auto out = processor_.process(entry(text), false, session_);
    if (out.effects.sender.session) session_ = out.effects.sender.session->value;
    return out;
  }

  Config config_ = gateway::parse_config(kMinimal, "test.yaml");
  store::Keys keys_{"ombud"};
  MessageProcessor processor_{config_, keys_};
  std::optional<std::string> session_;
  int seq_ = 0;
};

TEST_F(MessageProcessorTest, StopOptsOutWithAConfirmationAndNothingElse) {
  const auto stop = entry("STOP");
  auto out = processor_.process(stop, false, std::nullopt);
  EXPECT_EQ(out.effects.sender.opted_out_at, stop.message.received_ms);
  EXPECT_FALSE(out.effects.sender.session) << "nothing else";
  EXPECT_TRUE(out.effects.set.empty());
  ASSERT_EQ(out.effects.outbound.size(), 1u);
  EXPECT_EQ(out.effects.outbound[0].kind, core::OutboundKind::opt_confirmation);
  EXPECT_EQ(out.effects.outbound[0].text, config_.replies.opted_out.en);
  EXPECT_EQ(out.effects.outbound[0].id, "3-1795971600000-0-0");  // derived from the entry
}

TEST_F(MessageProcessorTest, StartOptsBackIn) {
  auto out = processor_.process(entry("start"), true, std::nullopt);
  EXPECT_TRUE(out.effects.sender.opted_in);
  ASSERT_EQ(out.effects.outbound.size(), 1u);
  EXPECT_EQ(out.effects.outbound[0].text, config_.replies.opted_in.en);
}

TEST_F(MessageProcessorTest, AnOptedOutCustomerGetsNothing) {
  auto out = processor_.process(entry("你好"), true, std::nullopt);
  EXPECT_TRUE(out.effects.outbound.empty());
  EXPECT_TRUE(out.effects.set.empty());
  EXPECT_FALSE(out.effects.sender.session);
}

TEST_F(MessageProcessorTest, WhenTheProviderAnsweredTheKeywordWeOnlyRecordIt) {
  auto out = processor_.process(entry("stop", "STOP"), false, std::nullopt);
  EXPECT_TRUE(out.effects.sender.opted_out_at);
  EXPECT_TRUE(out.effects.outbound.empty());
}

TEST_F(MessageProcessorTest, TheDialogRunsAndItsSessionIsStored) {
  auto out = send("你好");
  ASSERT_EQ(out.effects.outbound.size(), 1u);
  EXPECT_NE(out.effects.outbound[0].text.find("1 投诉"), std::string::npos);
  ASSERT_TRUE(session_);
  EXPECT_NE(session_->find("\"flow\":\"menu\""), std::string::npos);
  ASSERT_TRUE(out.effects.sender.session);
  EXPECT_EQ(out.effects.sender.session->ttl, std::chrono::seconds(1800 + 3600));
}

TEST_F(MessageProcessorTest, AFinishedComplaintIsATicketWrite) {
  for (const char* text : {"我家宽带三天没网了，要求赔偿", "昨天晚上", "尽快修好", "张三", "1"})
    send(text);
  auto out = send("1");
  ASSERT_TRUE(out.effects.ticket);
  const auto& t = *out.effects.ticket;
  EXPECT_EQ(t.prefix, "T");
  EXPECT_EQ(t.serial_digits, 4);
  EXPECT_EQ(t.date_code, "261130");  // Asia/Shanghai
  EXPECT_EQ(t.owner, "twilio/main/+8613800138000");
  std::map<std::string, std::string> f(t.fields.begin(), t.fields.end());
  EXPECT_EQ(f["type"], "complaint");
  EXPECT_EQ(f["category"], "broadband");
  EXPECT_EQ(f["name"], "张三");
  EXPECT_NE(f["slots"].find("我家宽带三天没网了"), std::string::npos);
  EXPECT_NE(f["transcript"].find("\"by\":\"customer\""), std::string::npos);
  ASSERT_EQ(out.effects.outbound.size(), 1u);
  EXPECT_NE(out.effects.outbound[0].text.find("编号{ticket}"), std::string::npos);
  ASSERT_TRUE(session_);  // the conversation is over; only its language is remembered
  EXPECT_NE(session_->find("\"state\":\"none\""), std::string::npos) << *session_;
  EXPECT_EQ(session_->find("宽带"), std::string::npos) << *session_;
}

TEST_F(MessageProcessorTest, StatusQueriesAnswerOnlyTheOwner) {
  auto out = send("查询 T2611300001");
  ASSERT_TRUE(out.status_query);
  EXPECT_EQ(*out.status_query, "T2611300001");
  tickets::TicketFields mine{
      {"state", "registered"}, {"channel", "twilio"}, {"account", "main"},
      {"address", "+8613800138000"}, {"updated_ms", "1795971600000"}};
  processor_.answer_status(out, entry("查询 T2611300001"), tickets::ticket_from(mine));
  ASSERT_EQ(out.effects.outbound.size(), 1u);
  EXPECT_NE(out.effects.outbound[0].text.find("已登记，待处理"), std::string::npos);

  auto theirs = send("查询 T2611300001");
  tickets::TicketFields other{
      {"state", "registered"}, {"address", "+8613911112222"}, {"phone", "+8613911112222"}};
  processor_.answer_status(theirs, entry("查询 T2611300001"), tickets::ticket_from(other));
  ASSERT_EQ(theirs.effects.outbound.size(), 1u);
  EXPECT_NE(theirs.effects.outbound[0].text.find("未找到编号为T2611300001的投诉"),
            std::string::npos);
  auto none = send("查询 T2611300009");
  processor_.answer_status(none, entry("x"), std::nullopt);
  EXPECT_NE(none.effects.outbound[0].text.find("未找到"), std::string::npos);
}

}  // namespace
}  // namespace ombud::app

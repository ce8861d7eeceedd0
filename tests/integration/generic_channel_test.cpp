// The generic JSON webhook, end to end: a customer of an integrating system (a CRM's chat)
// complains through it and is answered there, while the department is told by SMS over
// Twilio and answers by SMS; and every bad request is refused with a clear error.

#include "channels/generic/channel.hpp"
#include "core/clock.hpp"
#include "tests/support/fakes/generic_receiver.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/redis_fixture.hpp"

#include <boost/json.hpp>

namespace ombud::test {
namespace {

constexpr const char* kSecret = "crm-shared-secret-0001";
const std::string kChatUser = "user-42";
const std::string kNetwork = "+8613700000001";  // 网络维护部, responsible (config/departments.yaml)

class GenericChannelTest : public GatewayTest {
 protected:
  void SetUp() override {
    GatewayTest::SetUp();
    receiver_ = std::make_unique<GenericReceiver>(provider_io_, kSecret);
    channels_extra_ = "  generic:\n    - id: crm\n      secret: " + std::string(kSecret) +
                      "\n      reply_url: " + receiver_->url() + "\n" +
                      "    - id: other\n      secret: other-system-secret-0002\n      reply_url: " +
                      receiver_->url() + "\n";
    start_app("tickets:\n  departments: " OMBUD_SOURCE_DIR "/config/departments.yaml\n");
  }

  void TearDown() override {
    stop_app();
    receiver_.reset();
    GatewayTest::TearDown();
  }

  HttpResult post(const std::string& body, std::string timestamp = {},
                  std::string signature = {}, std::string type = "application/json") {
    if (timestamp.empty()) timestamp = std::to_string(clock_->now_ms() / 1000);
    if (signature.empty()) signature = channels::generic::signature(kSecret, timestamp, body);
    return request(app_->port(), "POST", "/webhooks/generic/crm", body,
                   {{"Content-Type", type},
                    {"X-Ombud-Timestamp", timestamp},
                    {"X-Ombud-Signature", signature}});
  }

  static std::string message(const std::string& id, const std::string& text) {
    return boost::json::serialize(
        boost::json::object{{"type", "message"}, {"id", id}, {"from", kChatUser}, {"text", text}});
  }

  void write(const std::string& text) {
    const auto id = "m" + std::to_string(++sent_);
    const auto answer = post(message(id, text));
    ASSERT_EQ(answer.status, 200u) << answer.body;
    EXPECT_EQ(answer.body, R"({"ok":true})");
    ASSERT_TRUE(wait_idle());
  }

  std::string sms_to(const std::string& to) {
    std::string out;
    for (const auto& r : provider_->received())
      if (r.field("To") == to) out += r.field("Body") + "|";
    return out;
  }

  std::unique_ptr<GenericReceiver> receiver_;
  int sent_ = 0;
};

TEST_F(GenericChannelTest, AComplaintIsAnsweredOnItsChannelAndTheDepartmentIsToldBySms) {
  for (const char* text : {"我家宽带三天没网了，要求赔偿", "本周一开始", "尽快修好", "张三"})
    write(text);
  // A chat user has no phone number to confirm: they are asked for one.
  EXPECT_NE(receiver_->texts_to(kChatUser).find("请回复您的联系电话"), std::string::npos)
      << receiver_->texts_to(kChatUser);
  write("13800138000");
  write("1");  // confirm
  const auto answers = receiver_->texts_to(kChatUser);
  const auto at = answers.rfind("编号T");
  ASSERT_NE(at, std::string::npos) << answers;
  const auto number = answers.substr(at + 6, 11);

  // The department hears of it by SMS over Twilio, with the number the customer gave.
  const auto dispatch = sms_to(kNetwork);
  EXPECT_NE(dispatch.find(number), std::string::npos) << dispatch;
  EXPECT_NE(dispatch.find("13800138000"), std::string::npos) << dispatch;
  // Nothing went to the chat user by SMS, nor to staff over the chat channel.
  EXPECT_EQ(sms_to(kChatUser), "");
  for (const auto& r : receiver_->received()) {
    EXPECT_EQ(r.to, kChatUser);
    EXPECT_TRUE(r.signature_valid) << r.text;
  }

  // The responsible person signs for it and answers by SMS; the customer reads both in the chat.
  auto hook = demo::twilio_inbound_webhook(app_->config(), account(), kNetwork, number + " 签收",
                                           demo::random_message_sid());
  ASSERT_EQ(post_webhook(app_->port(), hook).status, 200u);
  ASSERT_TRUE(wait_idle());
  hook = demo::twilio_inbound_webhook(app_->config(), account(), kNetwork,
                                      number + " 回复 线路已修复，请重启光猫", demo::random_message_sid());
  ASSERT_EQ(post_webhook(app_->port(), hook).status, 200u);
  ASSERT_TRUE(wait_idle());
  const auto later = receiver_->texts_to(kChatUser).substr(answers.size());
  EXPECT_NE(later.find("签收"), std::string::npos) << later;
  EXPECT_NE(later.find("线路已修复，请重启光猫"), std::string::npos) << later;
  EXPECT_EQ(sms_to(kChatUser), "");
}

TEST_F(GenericChannelTest, ARetriedEventIsStoredOnceAndDeliveryReportsAreRecorded) {
  const auto body = message("retry-1", "你好");
  ASSERT_EQ(post(body).status, 200u);
  ASSERT_EQ(post(body).status, 200u);  // the integrating system retries
  ASSERT_TRUE(wait_idle());
  EXPECT_EQ(app_->metrics().inbound_accepted.load(), 1);
  EXPECT_EQ(app_->metrics().inbound_duplicate.load(), 1);
  const auto replies = receiver_->received();
  ASSERT_FALSE(replies.empty());
  const auto before = replies.size();

  const auto report = boost::json::serialize(boost::json::object{
      {"type", "status"}, {"id", replies.front().id}, {"status", "delivered"}});
  // Another integrating system (its own account, correctly signed) cannot report on this
  // account's messages.
  const auto ts = std::to_string(clock_->now_ms() / 1000);
  const auto failed = boost::json::serialize(boost::json::object{
      {"type", "status"}, {"id", replies.front().id}, {"status", "failed"}});
  ASSERT_EQ(request(app_->port(), "POST", "/webhooks/generic/other", failed,
                    {{"Content-Type", "application/json"},
                     {"X-Ombud-Timestamp", ts},
                     {"X-Ombud-Signature",
                      channels::generic::signature("other-system-secret-0002", ts, failed)}})
                .status,
            200u);
  EXPECT_EQ(redis_->string({"HGET", key("out:" + replies.front().id), "status"}), "sent");
  ASSERT_EQ(post(report).status, 200u);
  EXPECT_EQ(redis_->string({"HGET", key("out:" + replies.front().id), "status"}), "delivered");
  EXPECT_EQ(receiver_->received().size(), before);
}

TEST_F(GenericChannelTest, BadRequestsAreRefusedWithAClearErrorAndStoreNothing) {
  const auto body = message("bad-1", "你好");
  const auto now = std::to_string(clock_->now_ms() / 1000);
  auto wrong = post(body, now, "sha256=" + std::string(64, '0'));
  EXPECT_EQ(wrong.status, 403u);
  EXPECT_NE(wrong.body.find(R"("code":"forbidden")"), std::string::npos) << wrong.body;
  const auto stale = std::to_string(clock_->now_ms() / 1000 - 3600);
  EXPECT_EQ(post(body, stale).status, 403u);  // a replayed request, an hour old
  EXPECT_EQ(post("not json").status, 400u);
  EXPECT_EQ(post(R"({"type":"message","id":"x"})").status, 400u);  // no sender, no text
  EXPECT_EQ(post(R"({"type":"message","id":"a b","from":"u","text":"t"})").status, 400u);
  EXPECT_EQ(post(body, {}, {}, "text/plain").status, 415u);
  EXPECT_EQ(post(message("big", std::string(70 * 1024, 'x'))).status, 413u);
  EXPECT_EQ(request(app_->port(), "POST", "/webhooks/generic/nobody", body,
                    {{"Content-Type", "application/json"},
                     {"X-Ombud-Timestamp", now},
                     {"X-Ombud-Signature", channels::generic::signature(kSecret, now, body)}})
                .status,
            403u);  // an unknown account looks like a wrong signature
  EXPECT_EQ(app_->metrics().inbound_accepted.load(), 0);
}

}  // namespace
}  // namespace ombud::test

// The outbox against the sandbox provider: retries, permanent failures, delivery callbacks.

#include "gateway/simulated_customer.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/redis_fixture.hpp"

namespace ombud::test {
namespace {

class OutboundTest : public GatewayTest {
 protected:
  void start() { start_app("outbox:\n  backoff_initial_ms: 20\n  backoff_max_ms: 100\n"); }

  void customer_writes(std::string_view sid) {
    auto hook =
        gateway::twilio_inbound_webhook(app_->config(), account(), "+8613800138000", "hello", sid);
    ASSERT_EQ(post_webhook(app_->port(), hook).status, 200u);
  }

  // The one outbound message's hash, found through the outbox's records.
  std::map<std::string, std::string> only_message() {
    auto keys = redis_->run({"KEYS", "{ombud}:out:*"});
    EXPECT_EQ(keys.elements.size(), 1u);
    if (keys.elements.empty()) return {};
    return redis_->hash(keys.elements[0].str);
  }
};

TEST_F(OutboundTest, TwoServerErrorsThenCreatedIsSentOnceAfterTwoRetries) {
  provider_->set_responder([](const gateway::SandboxRequest&, std::size_t index) {
    if (index < 2) return gateway::SandboxAnswer{500, R"({"code":20500,"message":"boom"})"};
    return gateway::SandboxAnswer{};
  });
  start();
  customer_writes("SM0000000000000000000000000000ret1");
  ASSERT_EQ(provider_->wait_for(3, std::chrono::seconds(10)), 3u);
  ASSERT_TRUE(wait_idle());
  EXPECT_EQ(provider_->received().size(), 3u);
  EXPECT_EQ(app_->metrics().outbound_retried, 2);
  EXPECT_EQ(app_->metrics().outbound_sent, 1);
  auto m = only_message();
  EXPECT_EQ(m["status"], "sent");
  EXPECT_EQ(m["attempts"], "3");
  EXPECT_EQ(m["provider_id"], "SM00000000000000000000000000000003");
  EXPECT_EQ(redis_->integer({"ZCARD", key("outbox:retry")}), 0);
}

TEST_F(OutboundTest, UnsubscribedRecipientFailsAtOnceWithoutRetry) {
  provider_->set_responder([](const gateway::SandboxRequest&, std::size_t) {
    return gateway::SandboxAnswer{
        400, R"({"code": 21610, "message": "Attempt to send to unsubscribed recipient", )"
             R"("more_info": "https://www.twilio.com/docs/errors/21610", "status": 400})"};
  });
  start();
  customer_writes("SM0000000000000000000000000000perm");
  ASSERT_EQ(provider_->wait_for(1, std::chrono::seconds(10)), 1u);
  ASSERT_TRUE(wait_idle());
  EXPECT_EQ(provider_->received().size(), 1u);
  EXPECT_EQ(app_->metrics().outbound_retried, 0);
  auto m = only_message();
  EXPECT_EQ(m["status"], "failed");
  EXPECT_NE(m["error"].find("21610"), std::string::npos);
  auto dead = redis_->run({"XRANGE", key("outbox:dead"), "-", "+"});
  ASSERT_EQ(dead.elements.size(), 1u);
}

TEST_F(OutboundTest, TransientErrorsAreDeadLetteredAfterMaxAttempts) {
  provider_->set_responder([](const gateway::SandboxRequest&, std::size_t) {
    return gateway::SandboxAnswer{503, "{}"};
  });
  start_app("outbox:\n  backoff_initial_ms: 10\n  backoff_max_ms: 20\n  max_attempts: 3\n");
  customer_writes("SM0000000000000000000000000000dead");
  ASSERT_EQ(provider_->wait_for(3, std::chrono::seconds(10)), 3u);
  ASSERT_TRUE(wait_idle());
  EXPECT_EQ(provider_->received().size(), 3u);
  auto m = only_message();
  EXPECT_EQ(m["status"], "failed");
  EXPECT_NE(m["error"].find("gave up after 3 attempts"), std::string::npos);
  EXPECT_EQ(redis_->run({"XRANGE", key("outbox:dead"), "-", "+"}).elements.size(), 1u);
}

TEST_F(OutboundTest, DeliveryCallbacksMoveTheStatusForwardOnly) {
  start();
  customer_writes("SM0000000000000000000000000000dlv1");
  ASSERT_EQ(provider_->wait_for(1, std::chrono::seconds(10)), 1u);
  ASSERT_TRUE(wait_idle());
  const auto provider_id = only_message()["provider_id"];
  ASSERT_FALSE(provider_id.empty());

  auto delivered =
      gateway::twilio_status_webhook(app_->config(), account(), provider_id, "delivered");
  EXPECT_EQ(post_webhook(app_->port(), delivered).status, 200u);
  EXPECT_EQ(only_message()["status"], "delivered");
  // A late "sent" callback does not move it back.
  auto late = gateway::twilio_status_webhook(app_->config(), account(), provider_id, "sent");
  EXPECT_EQ(post_webhook(app_->port(), late).status, 200u);
  EXPECT_EQ(only_message()["status"], "delivered");
  // Unsigned callbacks are refused.
  auto forged = delivered;
  forged.signature = "AAAA";
  EXPECT_EQ(post_webhook(app_->port(), forged).status, 403u);
}

TEST_F(OutboundTest, UndeliveredCallbackRecordsTheProviderError) {
  start();
  customer_writes("SM0000000000000000000000000000dlv2");
  ASSERT_EQ(provider_->wait_for(1, std::chrono::seconds(10)), 1u);
  ASSERT_TRUE(wait_idle());
  const auto provider_id = only_message()["provider_id"];
  auto hook = gateway::twilio_status_webhook(app_->config(), account(), provider_id, "undelivered",
                                             "30003");
  EXPECT_EQ(post_webhook(app_->port(), hook).status, 200u);
  auto m = only_message();
  EXPECT_EQ(m["status"], "undelivered");
  EXPECT_EQ(m["error"], "30003");
}

}  // namespace
}  // namespace ombud::test

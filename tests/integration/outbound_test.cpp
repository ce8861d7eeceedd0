// The outbox against the sandbox provider: retries, permanent failures, delivery callbacks.

#include "tools/demo/simulated_customer.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/redis_fixture.hpp"
#include "core/stable_hash.hpp"
#include "core/text.hpp"

namespace ombud::test {
namespace {

class OutboundTest : public GatewayTest {
 protected:
  void start() { start_app("outbox:\n  backoff_initial_ms: 20\n  backoff_max_ms: 100\n"); }

  void customer_writes(std::string_view sid) {
    auto hook =
        demo::twilio_inbound_webhook(app_->config(), account(), "+8613800138000", "hello", sid);
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
  provider_->set_responder([](const demo::SandboxRequest&, std::size_t index) {
    if (index < 2) return demo::SandboxAnswer{500, R"({"code":20500,"message":"boom"})"};
    return demo::SandboxAnswer{};
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

TEST_F(OutboundTest, RetriesAreTimedOnTheInjectedClock) {
  provider_->set_responder([](const demo::SandboxRequest&, std::size_t) {
    return demo::SandboxAnswer{503, "{}"};
  });
  start_app("outbox:\n  backoff_initial_ms: 60000\n  backoff_max_ms: 60000\n");
  clock_->advance(std::chrono::hours(24 * 10));  // ombud's "now" is ten days ahead of the wall
  customer_writes("SM000000000000000000000000000clock");
  ASSERT_EQ(provider_->wait_for(1, std::chrono::seconds(10)), 1u);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  store::Reply retry;
  while (std::chrono::steady_clock::now() < deadline &&
         (retry = redis_->run({"ZRANGE", key("outbox:retry"), "0", "-1", "WITHSCORES"}))
                 .elements.size() < 2)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_EQ(retry.elements.size(), 2u);
  const auto due = std::stoll(retry.elements[1].str);
  EXPECT_GT(due, clock_->now_ms());                           // not the wall clock's now + 1 min
  EXPECT_LE(due, clock_->now_ms() + 60'000);
}

TEST_F(OutboundTest, UnsubscribedRecipientFailsAtOnceWithoutRetry) {
  provider_->set_responder([](const demo::SandboxRequest&, std::size_t) {
    return demo::SandboxAnswer{
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
  provider_->set_responder([](const demo::SandboxRequest&, std::size_t) {
    return demo::SandboxAnswer{503, "{}"};
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
      demo::twilio_status_webhook(app_->config(), account(), provider_id, "delivered");
  EXPECT_EQ(post_webhook(app_->port(), delivered).status, 200u);
  EXPECT_EQ(only_message()["status"], "delivered");
  // A late "sent" callback does not move it back.
  auto late = demo::twilio_status_webhook(app_->config(), account(), provider_id, "sent");
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
  auto hook = demo::twilio_status_webhook(app_->config(), account(), provider_id, "undelivered",
                                             "30003");
  EXPECT_EQ(post_webhook(app_->port(), hook).status, 200u);
  auto m = only_message();
  EXPECT_EQ(m["status"], "undelivered");
  EXPECT_EQ(m["error"], "30003");
}

}  // namespace
}  // namespace ombud::test

namespace ombud::test {
namespace {

// Any 2xx means the provider took the message: it is sent, never retried.
TEST_F(OutboundTest, ATwoHundredWithoutASidIsSentOnce) {
  provider_->set_responder([](const demo::SandboxRequest&, std::size_t) {
    return demo::SandboxAnswer{200, "<html>accepted</html>"};
  });
  start();
  customer_writes("SM0000000000000000000000000000nsid");
  ASSERT_EQ(provider_->wait_for(1, std::chrono::seconds(10)), 1u);
  ASSERT_TRUE(wait_idle());
  EXPECT_EQ(provider_->received().size(), 1u);
  EXPECT_EQ(app_->metrics().outbound_retried, 0);
  EXPECT_EQ(app_->metrics().outbound_sent, 1);
  auto m = only_message();
  EXPECT_EQ(m["status"], "sent");
  EXPECT_EQ(m["provider_id"], "");
  EXPECT_EQ(redis_->run({"KEYS", "{ombud}:provider-msg:*"}).elements.size(), 0u);
}

// The provider took the message but answered too late: the next attempt finds it there and
// records it as sent instead of sending it again.
TEST_F(OutboundTest, AnAttemptThatTimedOutIsLookedUpAtTheProviderAndNotSentTwice) {
  provider_->set_responder([](const demo::SandboxRequest&, std::size_t index) {
    demo::SandboxAnswer answer;
    if (index == 0) answer.delay = std::chrono::milliseconds(1500);
    return answer;
  });
  start_app("outbox:\n  backoff_initial_ms: 20\n  backoff_max_ms: 100\n  send_timeout_ms: 300\n");
  customer_writes("SM0000000000000000000000000000hang");
  ASSERT_EQ(provider_->wait_for(1, std::chrono::seconds(10)), 1u);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (app_->metrics().outbound_sent < 1 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_TRUE(wait_idle());
  EXPECT_EQ(provider_->received().size(), 1u);  // one create, never a second
  EXPECT_GE(provider_->lookups(), 1u);
  auto m = only_message();
  EXPECT_EQ(m["status"], "sent");
  EXPECT_EQ(m["provider_id"], "SM00000000000000000000000000000001");
}

// When the provider does not have it, the message is sent again: nothing is lost either.
TEST_F(OutboundTest, AnAttemptThatTimedOutAndNeverArrivedIsSentAgain) {
  provider_->set_responder([](const demo::SandboxRequest&, std::size_t index) {
    if (index == 0)  // a gateway error after a long wait: nothing was created
      return demo::SandboxAnswer{502, R"({"message":"bad gateway"})",
                                    std::chrono::milliseconds(1500)};
    return demo::SandboxAnswer{};
  });
  start_app("outbox:\n  backoff_initial_ms: 20\n  backoff_max_ms: 100\n  send_timeout_ms: 300\n");
  customer_writes("SM0000000000000000000000000000lost");
  ASSERT_EQ(provider_->wait_for(2, std::chrono::seconds(10)), 2u);
  ASSERT_TRUE(wait_idle());
  EXPECT_EQ(provider_->received().size(), 2u);
  EXPECT_GE(provider_->lookups(), 1u);
  auto m = only_message();
  EXPECT_EQ(m["status"], "sent");
  EXPECT_EQ(m["provider_id"], "SM00000000000000000000000000000002");
}

// One sender, a recipient whose sends hang: another recipient's reply does not wait for them.
TEST_F(OutboundTest, ASlowSendDoesNotHoldUpOtherRecipients) {
  const std::string slow = "+8613800138000";
  std::string fast = "+8613900139000";
  for (int i = 1; core::stable_hash(fast) % 8 == core::stable_hash(slow) % 8; ++i)
    fast = "+86139001390" + std::to_string(10 + i);  // another lane
  provider_->set_responder([slow](const demo::SandboxRequest& r, std::size_t) {
    demo::SandboxAnswer answer;
    if (r.field("To") == slow) answer.delay = std::chrono::milliseconds(8000);
    return answer;
  });
  start_app("outbox:\n  workers: 1\n  concurrency: 8\n  send_timeout_ms: 20000\n");
  auto write = [&](const std::string& from, std::string_view sid) {
    auto hook = demo::twilio_inbound_webhook(app_->config(), account(), from, "hello", sid);
    ASSERT_EQ(post_webhook(app_->port(), hook).status, 200u);
  };
  write(slow, "SM0000000000000000000000000000slow");
  ASSERT_EQ(provider_->wait_for(1, std::chrono::seconds(10)), 1u);  // the slow send hangs now
  write(fast, "SM0000000000000000000000000000fast");
  // Well before the slow answer comes, the fast recipient's reply has reached the provider.
  ASSERT_EQ(provider_->wait_for(2, std::chrono::seconds(4)), 2u);
  EXPECT_EQ(provider_->received()[1].field("To"), fast);
  ASSERT_TRUE(wait_idle(std::chrono::seconds(20)));
  EXPECT_EQ(provider_->received().size(), 2u);
}

}  // namespace
}  // namespace ombud::test

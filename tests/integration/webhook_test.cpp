// Inbound Twilio webhooks through the real server on loopback, against a real redis-server.

#include "tools/demo/simulated_customer.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/redis_fixture.hpp"

#include <boost/json/parse.hpp>

#include <signal.h>

#include <future>

namespace ombud::test {
namespace {

using demo::twilio_inbound_webhook;

class WebhookTest : public GatewayTest {
 protected:
  void SetUp() override {
    GatewayTest::SetUp();
    start_app();
  }

  demo::SignedWebhook sms(std::string_view text, std::string_view sid,
                             std::string_view from = "+8613800138000") {
    return twilio_inbound_webhook(app_->config(), account(), from, text, sid);
  }

  // Nothing of a refused request reached Redis: no dedup key, no inbox entry.
  void expect_nothing_stored() {
    EXPECT_EQ(redis_->run({"KEYS", "{ombud}:dedup:*"}).elements.size(), 0u);
    for (int p = 0; p < 16; ++p)
      EXPECT_EQ(redis_->integer({"XLEN", key("inbox:" + std::to_string(p))}), 0);
    EXPECT_EQ(app_->metrics().inbound_accepted, 0);
  }

  static void expect_json_error(const HttpResult& r, unsigned status, const std::string& code) {
    EXPECT_EQ(r.status, status);
    EXPECT_EQ(r.headers.at("Content-Type"), "application/json");
    auto body = boost::json::parse(r.body);
    EXPECT_EQ(body.at("error").at("code").as_string(), code);
    EXPECT_FALSE(body.at("error").at("message").as_string().empty());
  }

  unsigned short port() const { return app_->port(); }
};

TEST_F(WebhookTest, ASignedSmsIsAcceptedAndAcknowledgedOnce) {
  auto r = post_webhook(port(),
                        sms("我家宽带三天没网了，要求赔偿", "SM00000000000000000000000000000001"));
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.headers.at("Content-Type"), "text/xml");
  EXPECT_EQ(r.body, R"(<?xml version="1.0" encoding="UTF-8"?><Response/>)");
  ASSERT_EQ(provider_->wait_for(1, std::chrono::seconds(10)), 1u);
  ASSERT_TRUE(wait_idle());
  auto sent = provider_->received();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].account_sid, "ACtest");
  EXPECT_EQ(sent[0].field("To"), "+8613800138000");
  EXPECT_EQ(sent[0].field("From"), "+8610086000");
  EXPECT_NE(sent[0].field("Body").find("问题是什么时间、在什么地点发生的"), std::string::npos)
      << sent[0].field("Body");  // the dialog, pre-filled from the message
  EXPECT_EQ(sent[0].field("StatusCallback"), "https://ombud.test/webhooks/twilio/main/status");
  EXPECT_EQ(sent[0].authorization, "Basic QUN0ZXN0OnRlc3QtdG9rZW4=");  // ACtest:test-token
}

TEST_F(WebhookTest, MissingOrWrongSignatureIs403AndStoresNothing) {
  auto hook = sms("hello", "SM00000000000000000000000000000002");
  auto missing = request(port(), "POST", hook.target, hook.body,
                         {{"Content-Type", "application/x-www-form-urlencoded"}});
  expect_json_error(missing, 403, "forbidden");
  auto wrong = hook;
  wrong.signature = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
  expect_json_error(post_webhook(port(), wrong), 403, "forbidden");
  auto tampered = hook;
  tampered.body += "&Extra=1";
  expect_json_error(post_webhook(port(), tampered), 403, "forbidden");
  expect_nothing_stored();
}

TEST_F(WebhookTest, BadInputGetsAClearJsonErrorAndStoresNothing) {
  const std::vector<std::pair<std::string, std::string>> form{
      {"Content-Type", "application/x-www-form-urlencoded"}, {"X-Twilio-Signature", "x"}};
  expect_json_error(request(port(), "POST", "/webhooks/twilio/main", "Body=%ZZ&From=%2", form), 400,
                    "bad_request");
  expect_json_error(
      request(port(), "POST", "/webhooks/twilio/main", std::string(70 * 1024, 'a'), form), 413,
      "payload_too_large");
  auto hook = sms("hello", "SM00000000000000000000000000000003");
  hook.target = "/webhooks/twilio/nosuchaccount";  // answered like a bad signature: no hint
  expect_json_error(post_webhook(port(), hook), 403, "forbidden");
  auto get = request(port(), "GET", "/webhooks/twilio/main");
  expect_json_error(get, 405, "method_not_allowed");
  EXPECT_EQ(get.headers.at("Allow"), "POST");
  expect_json_error(request(port(), "POST", "/webhooks/twilio/main", "{}",
                            {{"Content-Type", "application/json"}}),
                    415, "unsupported_media_type");
  expect_json_error(send_raw(port(), "NOT HTTP AT ALL\r\n\r\n"), 400, "bad_request");
  expect_json_error(request(port(), "GET", "/nowhere"), 404, "not_found");
  // Signed, but without the fields an SMS must have.
  auto no_from = twilio_inbound_webhook(app_->config(), account(), "", "x", "SM1");
  expect_json_error(post_webhook(port(), no_from), 400, "bad_request");
  expect_nothing_stored();
}

TEST_F(WebhookTest, TheSameMessageSidTwentyTimesConcurrentlyIsOneMessageAndOneReply) {
  const auto hook = sms("my broadband is down", "SM0000000000000000000000000000dup1");
  std::vector<std::future<HttpResult>> posts;
  for (int i = 0; i < 20; ++i)
    posts.push_back(std::async(std::launch::async, [&] { return post_webhook(port(), hook); }));
  for (auto& p : posts) EXPECT_EQ(p.get().status, 200u);
  ASSERT_TRUE(wait_idle());
  EXPECT_EQ(app_->metrics().inbound_accepted, 1);
  EXPECT_EQ(app_->metrics().inbound_duplicate, 19);
  EXPECT_EQ(app_->metrics().inbox_processed, 1);
  EXPECT_EQ(provider_->received().size(), 1u);
}

TEST_F(WebhookTest, RedisDownAnswers503ThenRecoversWithoutRestart) {
  redis_.reset();
  redis_server_->stop();
  auto down = post_webhook(port(), sms("hello", "SM00000000000000000000000000000004"));
  expect_json_error(down, 503, "unavailable");
  EXPECT_EQ(down.headers.at("Retry-After"), "1");
  expect_json_error(request(port(), "GET", "/readyz"), 503, "unavailable");

  redis_server_->restart();
  // The client reconnects with backoff (at most 2 s); Twilio would retry the same way.
  HttpResult up;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  do {
    up = post_webhook(port(), sms("hello", "SM00000000000000000000000000000004"));
  } while (up.status != 200 && std::chrono::steady_clock::now() < deadline);
  EXPECT_EQ(up.status, 200u);
  EXPECT_EQ(provider_->wait_for(1, std::chrono::seconds(10)), 1u);
}

TEST_F(WebhookTest, StopOptsOutAndNothingButTheConfirmationIsSent) {
  ASSERT_EQ(post_webhook(port(), sms("STOP", "SM000000000000000000000000000stop1")).status, 200u);
  ASSERT_EQ(provider_->wait_for(1, std::chrono::seconds(10)), 1u);
  EXPECT_EQ(redis_->integer({"EXISTS", key("optout:twilio:main:+8613800138000")}), 1);
  ASSERT_EQ(post_webhook(port(), sms("hello?", "SM000000000000000000000000000stop2")).status, 200u);
  ASSERT_TRUE(wait_idle());
  auto sent = provider_->received();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].field("Body"), app_->config().replies.opted_out.en);

  ASSERT_EQ(post_webhook(port(), sms("START", "SM000000000000000000000000000stop3")).status, 200u);
  ASSERT_EQ(provider_->wait_for(2, std::chrono::seconds(10)), 2u);
  EXPECT_EQ(redis_->integer({"EXISTS", key("optout:twilio:main:+8613800138000")}), 0);
  EXPECT_EQ(provider_->received()[1].field("Body"), app_->config().replies.opted_in.en);
}

// "cancel" in a dialog leaves the dialog; it must not unsubscribe the customer.
TEST_F(WebhookTest, CancelLeavesTheDialogAndDoesNotUnsubscribe) {
  ASSERT_EQ(post_webhook(port(), sms("my broadband is down", "SM0000000000000000000000000000cnc1"))
                .status,
            200u);
  ASSERT_EQ(provider_->wait_for(1, std::chrono::seconds(10)), 1u);
  ASSERT_EQ(post_webhook(port(), sms("cancel", "SM0000000000000000000000000000cnc2")).status, 200u);
  ASSERT_EQ(provider_->wait_for(2, std::chrono::seconds(10)), 2u);
  ASSERT_TRUE(wait_idle());
  EXPECT_EQ(redis_->integer({"EXISTS", key("optout:twilio:main:+8613800138000")}), 0);
  EXPECT_EQ(provider_->received()[1].field("Body"), app_->config().dialog.texts.cancelled.en);
  // And the customer is still answered afterwards.
  ASSERT_EQ(post_webhook(port(), sms("hello", "SM0000000000000000000000000000cnc3")).status, 200u);
  EXPECT_EQ(provider_->wait_for(3, std::chrono::seconds(10)), 3u);
}

TEST_F(WebhookTest, OversizedHeadersAre431) {
  expect_json_error(request(port(), "GET", "/healthz", "", {{"X-Padding", std::string(9000, 'x')}}),
                    431, "header_too_large");
}

TEST_F(WebhookTest, StopFinishesTheRequestsInFlight) {
  kill(redis_server_->pid(), SIGSTOP);  // the webhook now waits for Redis until its deadline
  auto pending = std::async(std::launch::async, [&] {
    return post_webhook(port(), sms("hello", "SM000000000000000000000000000stop9"));
  });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (app_->metrics().requests_in_flight == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::yield();
  ASSERT_EQ(app_->metrics().requests_in_flight, 1);
  std::thread stopper([&] { app_->stop(); });
  auto answered = pending.get();
  stopper.join();
  kill(redis_server_->pid(), SIGCONT);
  expect_json_error(answered, 503, "unavailable");  // answered, not dropped
  EXPECT_EQ(answered.headers.at("Connection"), "close");
}

TEST_F(WebhookTest, HealthReadinessAndMetrics) {
  auto health = request(port(), "GET", "/healthz");
  EXPECT_EQ(health.status, 200u);
  EXPECT_EQ(request(port(), "GET", "/readyz").status, 200u);
  ASSERT_EQ(post_webhook(port(), sms("hi", "SM00000000000000000000000000000005")).status, 200u);
  ASSERT_EQ(provider_->wait_for(1, std::chrono::seconds(10)), 1u);
  ASSERT_TRUE(wait_idle());
  auto metrics = request(port(), "GET", "/metrics");
  EXPECT_EQ(metrics.status, 200u);
  for (const char* line :
       {"ombud_inbound_accepted_total 1", "ombud_outbound_sent_total 1", "ombud_inbox_lag 0",
        "ombud_http_requests_total{route=\"/webhooks/twilio/{account}\",status=\"200\"} 1",
        "ombud_http_request_duration_seconds_count"})
    EXPECT_NE(metrics.body.find(line), std::string::npos) << line;
}

}  // namespace
}  // namespace ombud::test

// Input from an attacker or a broken provider, through real sockets: the gateway answers with
// a clear error, stores nothing it should not, and keeps every customer whole.

#include "tools/demo/simulated_customer.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/redis_fixture.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <sys/socket.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

namespace ombud::test {
namespace {

using demo::twilio_inbound_webhook;
namespace asio = boost::asio;

class HostileInputTest : public GatewayTest {
 protected:
  unsigned short port() const { return app_->port(); }

  demo::SignedWebhook sms(std::string_view text, std::string_view sid,
                             std::string_view from = "+8613800138000") {
    return twilio_inbound_webhook(app_->config(), account(), from, text, sid);
  }

  long long inbox_entries() {
    long long n = 0;
    for (int p = 0; p < 16; ++p) n += redis_->integer({"XLEN", key("inbox:" + std::to_string(p))});
    return n;
  }

  static std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + 1))
      ++n;
    return n;
  }
};

TEST_F(HostileInputTest, AnUnknownTransferEncodingIs400AndItsBodyIsNeverASecondRequest) {
  start_app();
  for (const std::string coding : {"xchunked", "chunked, identity", "gzip", "identity"}) {
    const std::string smuggled = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n";
    const std::string raw = "POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + coding +
                            "\r\n\r\n" + smuggled;
    const auto answer = send_raw_read_all(port(), raw);
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 400")) << coding << ": " << answer;
    EXPECT_EQ(count(answer, "HTTP/1.1 "), 1u) << coding << ": " << answer;
    EXPECT_EQ(answer.find("ombud_"), std::string::npos) << coding;  // /metrics never ran
    EXPECT_NE(answer.find("\"bad_request\""), std::string::npos) << coding;
  }
  // Both framings at once are ambiguous too.
  const auto both = send_raw_read_all(
      port(), "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
              "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
  EXPECT_TRUE(both.starts_with("HTTP/1.1 400")) << both;
}

TEST_F(HostileInputTest, ExpectContinueIsAnsweredBeforeTheBodyIsSent) {
  start_app();
  const auto hook = sms("hello", "SM0000000000000000000000000000cont");
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  socket.connect({asio::ip::make_address("127.0.0.1"), port()});
  const std::string head = "POST " + hook.target +
                           " HTTP/1.1\r\nHost: x\r\nContent-Type: "
                           "application/x-www-form-urlencoded\r\nX-Twilio-Signature: " +
                           hook.signature + "\r\nExpect: 100-continue\r\nContent-Length: " +
                           std::to_string(hook.body.size()) + "\r\nConnection: close\r\n\r\n";
  asio::write(socket, asio::buffer(head));
  asio::streambuf interim;
  asio::read_until(socket, interim, "\r\n\r\n");
  std::string first(asio::buffers_begin(interim.data()), asio::buffers_end(interim.data()));
  EXPECT_TRUE(first.starts_with("HTTP/1.1 100 Continue")) << first;
  asio::write(socket, asio::buffer(hook.body));
  boost::system::error_code ec;
  asio::read(socket, interim, asio::transfer_all(), ec);
  std::string all(asio::buffers_begin(interim.data()), asio::buffers_end(interim.data()));
  EXPECT_NE(all.find("HTTP/1.1 200"), std::string::npos) << all;
  EXPECT_EQ(app_->metrics().inbound_accepted, 1);
}

TEST_F(HostileInputTest, TheContentTypeMustBeTheFormTypeExactly) {
  start_app();
  auto hook = sms("hello", "SM000000000000000000000000000type");
  auto with_type = [&](const std::string& type) {
    return request(port(), "POST", hook.target, hook.body,
                   {{"Content-Type", type}, {"X-Twilio-Signature", hook.signature}});
  };
  EXPECT_EQ(with_type("application/x-www-form-urlencodedXYZ").status, 415u);
  EXPECT_EQ(with_type("text/plain; application/x-www-form-urlencoded").status, 415u);
  EXPECT_EQ(inbox_entries(), 0);
  EXPECT_EQ(with_type("Application/X-WWW-Form-Urlencoded; charset=utf-8").status, 200u);
  EXPECT_EQ(app_->metrics().inbound_accepted, 1);
}

// A NUL or a line break in an identifier would make the stored value differ from the one the
// keys were built from: one customer in several partitions, two messages deduplicated as one.
TEST_F(HostileInputTest, IdentifiersWithControlCharactersOrTheWrongShapeAre400AndStoreNothing) {
  start_app();
  using namespace std::string_literals;
  const std::vector<demo::SignedWebhook> refused{
      sms("hello", "SM00000000000000000000000000000nul", "+8613800138000\0abc"s),
      sms("hello", "SM00000000000000000000000000000nl1", "\0"s),
      sms("hello", "SM00000000000000000000000000000nl2", "hello world"),
      sms("hello", "SM0000000000000000000000000000\0x"s),
      sms("hello", "SM0000000000000000000000000000\nFAKE LOG LINE"),
      sms("hello", "SM" + std::string(33, '0')),  // longer than Twilio's 34 characters
  };
  for (const auto& hook : refused) {
    auto r = post_webhook(port(), hook);
    EXPECT_EQ(r.status, 400u) << hook.body;
    EXPECT_NE(r.body.find("bad_request"), std::string::npos);
  }
  EXPECT_EQ(inbox_entries(), 0);
  EXPECT_EQ(redis_->run({"KEYS", "{ombud}:dedup:*"}).elements.size(), 0u);
  EXPECT_EQ(provider_->received().size(), 0u);
}

// Invalid UTF-8 is repaired at the edge; the dialog goes on and the bytes are kept.
TEST_F(HostileInputTest, InvalidUtf8IsRepairedAndTheConversationIsKept) {
  start_app();
  ASSERT_EQ(post_webhook(port(), sms("投诉", "SM0000000000000000000000000000utf1")).status, 200u);
  ASSERT_EQ(provider_->wait_for(1, std::chrono::seconds(10)), 1u);
  ASSERT_TRUE(wait_idle());
  const auto session_key = key("session:twilio:main:+8613800138000");
  const auto before = boost::json::parse(redis_->string({"GET", session_key}));
  const std::string broken = "我家宽带\xff\xfe坏了\xe4\xb8";
  ASSERT_EQ(post_webhook(port(), sms(broken, "SM0000000000000000000000000000utf2")).status, 200u);
  ASSERT_TRUE(wait_idle());
  // The session is still valid JSON (valid UTF-8) and still in the same conversation.
  boost::system::error_code ec;
  const auto after = boost::json::parse(redis_->string({"GET", session_key}), ec);
  ASSERT_FALSE(ec) << "the session no longer parses";
  EXPECT_EQ(after.at("started_ms"), before.at("started_ms"));
  EXPECT_EQ(after.at("flow"), before.at("flow"));
  // What the dialog kept is the repaired text; the bytes as received are kept for the record.
  const auto transcript = boost::json::serialize(after.at("transcript"));
  EXPECT_NE(transcript.find("我家宽带\ufffd\ufffd坏了\ufffd"), std::string::npos) << transcript;
  EXPECT_EQ(redis_->string({"GET", key("inbound-raw:twilio:main:SM0000000000000000000000000000utf2")}),
            broken);
}

TEST_F(HostileInputTest, ASenderPastTheReplyLimitIsNoLongerAnsweredAndIsFlagged) {
  start_app("limits:\n  replies_per_sender: 5\n  reply_window_s: 600\n");
  for (int i = 0; i < 20; ++i) {
    char sid[40];
    std::snprintf(sid, sizeof sid, "SM%032d", i);
    ASSERT_EQ(post_webhook(port(), sms("asdf qwer " + std::to_string(i), sid)).status, 200u);
  }
  ASSERT_TRUE(wait_idle());
  EXPECT_EQ(app_->metrics().inbox_processed, 20);
  EXPECT_LE(provider_->received().size(), 5u);
  EXPECT_GE(provider_->received().size(), 1u);
  EXPECT_FALSE(
      redis_->string({"ZSCORE", key("flagged-senders"), "twilio:main:+8613800138000"}).empty());
  // Another customer is answered as usual.
  const auto before = provider_->received().size();
  ASSERT_EQ(post_webhook(port(), sms("hello", "SM0000000000000000000000000000oth1",
                                     "+8613900139000"))
                .status,
            200u);
  EXPECT_EQ(provider_->wait_for(before + 1, std::chrono::seconds(10)), before + 1);
}

TEST_F(HostileInputTest, AutomaticRepliesAndDeliveryReportsAreNeverAnswered) {
  start_app();
  for (const std::string text :
       {"【自动回复】您好，我现在不方便接听", "Auto-Reply: I am out of office until Monday",
        "id:1234567890 sub:001 dlvrd:001 submit date:2611300800 done date:2611300801 stat:DELIVRD"}) {
    ASSERT_EQ(post_webhook(port(), sms(text, demo::random_message_sid())).status, 200u);
  }
  ASSERT_TRUE(wait_idle());
  EXPECT_EQ(app_->metrics().inbox_processed, 3);
  EXPECT_EQ(provider_->received().size(), 0u);
}

TEST_F(HostileInputTest, MetricsNeedTheBearerTokenWhenOneIsConfigured) {
  server_extra_ = "  metrics_token: s3cret-token\n";
  start_app();
  auto none = request(port(), "GET", "/metrics");
  EXPECT_EQ(none.status, 401u);
  EXPECT_EQ(none.headers.at("WWW-Authenticate"), "Bearer");
  EXPECT_EQ(request(port(), "GET", "/metrics", "", {{"Authorization", "Bearer wrong-token!"}})
                .status,
            401u);
  auto ok = request(port(), "GET", "/metrics", "", {{"Authorization", "Bearer s3cret-token"}});
  EXPECT_EQ(ok.status, 200u);
  EXPECT_NE(ok.body.find("ombud_inbound_accepted_total"), std::string::npos);
  EXPECT_EQ(request(port(), "GET", "/healthz").status, 200u);  // health stays open
}

TEST_F(HostileInputTest, PastTheConnectionCapANewConnectionGets503AndTheServerRecovers) {
  server_extra_ = "  max_connections: 6\n";  // two io threads: three each
  start_app();
  std::vector<std::unique_ptr<asio::ip::tcp::socket>> idle;
  asio::io_context io;
  for (int i = 0; i < 6; ++i) {
    idle.push_back(std::make_unique<asio::ip::tcp::socket>(io));
    idle.back()->connect({asio::ip::make_address("127.0.0.1"), port()});
  }
  // Wait until the server holds them all (accepting is asynchronous).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  HttpResult refused;
  do {
    refused = request(port(), "GET", "/healthz");
  } while (refused.status != 503 && std::chrono::steady_clock::now() < deadline);
  EXPECT_EQ(refused.status, 503u);
  EXPECT_EQ(refused.headers.at("Retry-After"), "1");
  EXPECT_NE(refused.body.find("\"unavailable\""), std::string::npos);
  idle.clear();  // the idle clients go away: there is room again
  HttpResult ok;
  do {
    ok = request(port(), "GET", "/healthz");
  } while (ok.status != 200 && std::chrono::steady_clock::now() < deadline + std::chrono::seconds(5));
  EXPECT_EQ(ok.status, 200u);
}

}  // namespace
}  // namespace ombud::test

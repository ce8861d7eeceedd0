// The HTTP layer on its own: a streamed reply (server-sent events), middleware ahead of the
// handlers, and a route's own body limit. Real sockets on loopback.

#include "app/metrics.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "tests/support/http_client.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <thread>

namespace ombud::test {
namespace {

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.use([](const http::Request& req, std::string_view pattern) -> std::optional<http::Response> {
      if (pattern.starts_with("/private") && req["X-Token"] != "let-me-in")
        return http::error_response(http::ApiError::unauthorized, "a token is required",
                                    req.version(), req.keep_alive());
      return std::nullopt;
    });
    router_.add(http::verb::post, "/small",
                [](http::Request req, http::RouteParams) -> boost::asio::awaitable<http::Response> {
                  co_return http::json_response(R"({"ok":true})", req.version(), req.keep_alive());
                },
                /*body_limit=*/16);
    router_.add(http::verb::post, "/private/echo",
                [](http::Request req, http::RouteParams) -> boost::asio::awaitable<http::Response> {
                  co_return http::json_response(req.body(), req.version(), req.keep_alive());
                });
    router_.add_stream("/events/{topic}", [this](http::Request, http::RouteParams params,
                                                 http::EventStream& out)
                                              -> boost::asio::awaitable<void> {
      for (int i = 1; i <= 3; ++i) {
        boost::asio::steady_timer pause(io_, std::chrono::milliseconds(20));
        co_await pause.async_wait(boost::asio::use_awaitable);
        if (!co_await out.async_send("id: " + std::to_string(i) + "\ndata: " + params["topic"] +
                                     "\n\n"))
          co_return;
      }
    });
    server_ = std::make_unique<http::HttpServer>(
        io_, http::ServerConfig{.host = "127.0.0.1", .port = 0, .threads = 1}, router_, metrics_);
    server_->start();
    thread_ = std::thread([this] { io_.run(); });
  }

  void TearDown() override {
    server_->stop();
    io_.stop();
    thread_.join();
  }

  boost::asio::io_context io_;
  http::Router router_;
  app::Metrics metrics_;
  std::unique_ptr<http::HttpServer> server_;
  std::thread thread_;
};

TEST_F(HttpServerTest, AStreamedReplySendsEachEventAsItComesThenEnds) {
  const auto all = send_raw_read_all(server_->port(),
                                     "GET /events/tickets HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(all.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << all;
  EXPECT_NE(all.find("Content-Type: text/event-stream"), std::string::npos) << all;
  EXPECT_NE(all.find("Transfer-Encoding: chunked"), std::string::npos) << all;
  const auto first = all.find("id: 1\ndata: tickets\n\n");
  const auto third = all.find("id: 3\ndata: tickets\n\n");
  ASSERT_NE(first, std::string::npos) << all;
  ASSERT_NE(third, std::string::npos) << all;
  EXPECT_LT(first, third);
  EXPECT_TRUE(all.ends_with("0\r\n\r\n")) << all;  // the last chunk: the stream ended cleanly
}

TEST_F(HttpServerTest, MiddlewareAnswersBeforeTheHandler) {
  auto refused = request(server_->port(), "POST", "/private/echo", "hello");
  EXPECT_EQ(refused.status, 401u);
  EXPECT_NE(refused.body.find(R"("code":"unauthorized")"), std::string::npos) << refused.body;
  auto allowed = request(server_->port(), "POST", "/private/echo", "hello", {{"X-Token", "let-me-in"}});
  EXPECT_EQ(allowed.status, 200u);
  EXPECT_EQ(allowed.body, "hello");
  EXPECT_EQ(request(server_->port(), "GET", "/nowhere").status, 404u);  // no route: no middleware
}

TEST_F(HttpServerTest, ARouteTakesNoMoreThanItsOwnBodyLimit) {
  EXPECT_EQ(request(server_->port(), "POST", "/small", std::string(16, 'x')).status, 200u);
  EXPECT_EQ(request(server_->port(), "POST", "/small", std::string(100, 'x')).status, 413u);
  // Another route keeps the server's default (64 KiB).
  EXPECT_EQ(request(server_->port(), "POST", "/private/echo", std::string(1000, 'x'),
                    {{"X-Token", "let-me-in"}})
                .status,
            200u);
}

}  // namespace
}  // namespace ombud::test

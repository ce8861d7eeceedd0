#include "tests/support/fakes/generic_receiver.hpp"

#include "app/metrics.hpp"
#include "channels/generic/channel.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

#include <boost/json.hpp>

#include <mutex>

namespace ombud::test {

struct GenericReceiver::Impl {
  Impl(boost::asio::io_context& io, std::string s)
      : secret(std::move(s)),
        server(io, http::ServerConfig{.host = "127.0.0.1", .port = 0, .threads = 1}, router,
               metrics) {
    router.add(http::verb::post, "/replies", [this](http::Request req, http::RouteParams) {
      return async_receive(std::move(req));
    });
  }

  boost::asio::awaitable<http::Response> async_receive(http::Request req) {
    Reply r;
    const auto expected = channels::generic::signature(secret, req["X-Ombud-Timestamp"], req.body());
    r.signature_valid = req["X-Ombud-Signature"] == expected;
    boost::system::error_code ec;
    auto json = boost::json::parse(req.body(), ec);
    if (!ec && json.is_object()) {
      const auto& o = json.as_object();
      auto text = [&](const char* k) {
        const auto* v = o.if_contains(k);
        return v && v->is_string() ? std::string(v->as_string()) : std::string();
      };
      r.id = text("id");
      r.to = text("to");
      r.text = text("text");
    }
    {
      std::lock_guard lock(mutex);
      replies.push_back(std::move(r));
    }
    co_return http::json_response("{}", req.version(), req.keep_alive());
  }

  std::string secret;
  http::Router router;
  app::Metrics metrics;
  http::HttpServer server;
  mutable std::mutex mutex;
  std::vector<Reply> replies;
};

GenericReceiver::GenericReceiver(boost::asio::io_context& io, std::string secret)
    : impl_(std::make_shared<Impl>(io, std::move(secret))) {
  impl_->server.start();
}

GenericReceiver::~GenericReceiver() {
  impl_->server.stop();
}

std::string GenericReceiver::url() const {
  return "http://127.0.0.1:" + std::to_string(impl_->server.port()) + "/replies";
}

std::vector<GenericReceiver::Reply> GenericReceiver::received() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->replies;
}

std::string GenericReceiver::texts_to(const std::string& to) const {
  std::string out;
  for (const auto& r : received())
    if (r.to == to) out += r.text + "|";
  return out;
}

}  // namespace ombud::test

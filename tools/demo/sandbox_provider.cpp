#include "tools/demo/sandbox_provider.hpp"

#include "http/server.hpp"
#include "http/router.hpp"
#include "app/metrics.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>
#include <boost/json/value.hpp>

#include <condition_variable>
#include <ctime>
#include <mutex>

namespace ombud::demo {

namespace asio = boost::asio;

struct SandboxProvider::Impl {
  Impl(asio::io_context& io, unsigned short port)
      : server(io, http::ServerConfig{.host = "127.0.0.1", .port = port, .threads = 1}, router, metrics) {
  }

  asio::awaitable<http::Response> async_create(http::Request req, http::RouteParams params) {
    SandboxRequest r;
    r.account_sid = params["sid"];
    r.authorization = std::string(req[http::field::authorization]);
    if (auto form = channels::parse_form(req.body())) r.form = std::move(*form);
    SandboxAnswer answer;
    std::function<void(const SandboxRequest&)> notify;
    {
      std::lock_guard lock(mutex);
      const auto index = requests.size();
      requests.push_back(r);
      if (responder) answer = responder(r, index);
      if (answer.status < 300) {  // the provider has the message, whatever it answers
        char sid[40];
        std::snprintf(sid, sizeof sid, "SM%032zx", index + 1);
        boost::json::object message{{"sid", sid},
                                    {"status", "queued"},
                                    {"to", r.field("To")},
                                    {"from", r.field("From")},
                                    {"body", r.field("Body")},
                                    {"account_sid", r.account_sid},
                                    {"date_created", rfc2822_now()}};
        if (answer.body.empty()) answer.body = boost::json::serialize(message);
        created.push_back(std::move(message));
      }
      notify = on_request;
    }
    changed.notify_all();
    if (notify) notify(r);
    if (answer.delay.count() > 0) {
      asio::steady_timer wait(co_await asio::this_coro::executor, answer.delay);
      co_await wait.async_wait(asio::as_tuple(asio::use_awaitable));
    }
    co_return http::json_response(std::move(answer.body), req.version(), req.keep_alive(),
                            static_cast<http::status>(answer.status));
  }

  // GET Messages.json?To=…&From=…: the messages created, newest first.
  asio::awaitable<http::Response> async_list(http::Request req, http::RouteParams) {
    std::string to, from;
    if (auto target = boost::urls::parse_origin_form(req.target()))
      for (auto param : target->params()) {
        if (param.key == "To") to = param.value;
        if (param.key == "From") from = param.value;
      }
    boost::json::array listed;
    {
      std::lock_guard lock(mutex);
      ++lookup_count;
      for (auto it = created.rbegin(); it != created.rend(); ++it)
        if ((to.empty() || it->at("to").as_string() == to) &&
            (from.empty() || it->at("from").as_string() == from))
          listed.push_back(*it);
    }
    boost::json::object page{{"messages", std::move(listed)}};
    co_return http::json_response(boost::json::serialize(page), req.version(), req.keep_alive());
  }

  static std::string rfc2822_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[64];
    std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    return text;
  }

  http::Router router;
  app::Metrics metrics;
  http::HttpServer server;
  mutable std::mutex mutex;
  mutable std::condition_variable changed;
  std::vector<SandboxRequest> requests;
  std::vector<boost::json::object> created;
  std::size_t lookup_count = 0;
  Responder responder;
  std::function<void(const SandboxRequest&)> on_request;
};

SandboxProvider::SandboxProvider(asio::io_context& io, unsigned short port)
    : impl_(std::make_shared<Impl>(io, port)) {
  impl_->router.add(http::verb::post, "/2010-04-01/Accounts/{sid}/Messages.json",
                    [impl = impl_.get()](http::Request r, http::RouteParams p) {
                      return impl->async_create(std::move(r), std::move(p));
                    });
  impl_->router.add(http::verb::get, "/2010-04-01/Accounts/{sid}/Messages.json",
                    [impl = impl_.get()](http::Request r, http::RouteParams p) {
                      return impl->async_list(std::move(r), std::move(p));
                    });
  impl_->server.start();
}

SandboxProvider::~SandboxProvider() {
  impl_->server.stop();
}

std::string SandboxProvider::api_base() const {
  return "http://127.0.0.1:" + std::to_string(impl_->server.port());
}

void SandboxProvider::set_responder(Responder responder) {
  std::lock_guard lock(impl_->mutex);
  impl_->responder = std::move(responder);
}

void SandboxProvider::on_request(std::function<void(const SandboxRequest&)> callback) {
  std::lock_guard lock(impl_->mutex);
  impl_->on_request = std::move(callback);
}

std::vector<SandboxRequest> SandboxProvider::received() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->requests;
}

std::size_t SandboxProvider::lookups() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->lookup_count;
}

std::size_t SandboxProvider::wait_for(std::size_t n, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(impl_->mutex);
  impl_->changed.wait_for(lock, timeout, [&] { return impl_->requests.size() >= n; });
  return impl_->requests.size();
}

}  // namespace ombud::demo

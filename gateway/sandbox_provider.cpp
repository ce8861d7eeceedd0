#include "gateway/sandbox_provider.hpp"

#include "gateway/http_server.hpp"
#include "gateway/router.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <condition_variable>
#include <mutex>

namespace ombud::gateway {

namespace asio = boost::asio;

struct SandboxProvider::Impl {
  Impl(asio::io_context& io, unsigned short port)
      : server(io, ServerConfig{.host = "127.0.0.1", .port = port, .threads = 1}, router, metrics) {
  }

  asio::awaitable<Response> async_create(Request req, RouteParams params) {
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
      if (answer.body.empty() && answer.status < 300) {
        char sid[40];
        std::snprintf(sid, sizeof sid, "SM%032zx", index + 1);
        boost::json::value body = {{"sid", sid},
                                   {"status", "queued"},
                                   {"to", r.field("To")},
                                   {"from", r.field("From")},
                                   {"body", r.field("Body")},
                                   {"account_sid", r.account_sid}};
        answer.body = boost::json::serialize(body);
      }
      notify = on_request;
    }
    changed.notify_all();
    if (notify) notify(r);
    co_return json_response(std::move(answer.body), req.version(), req.keep_alive(),
                            static_cast<http::status>(answer.status));
  }

  Router router;
  Metrics metrics;
  HttpServer server;
  mutable std::mutex mutex;
  mutable std::condition_variable changed;
  std::vector<SandboxRequest> requests;
  Responder responder;
  std::function<void(const SandboxRequest&)> on_request;
};

SandboxProvider::SandboxProvider(asio::io_context& io, unsigned short port)
    : impl_(std::make_shared<Impl>(io, port)) {
  impl_->router.add(http::verb::post, "/2010-04-01/Accounts/{sid}/Messages.json",
                    [impl = impl_.get()](Request r, RouteParams p) {
                      return impl->async_create(std::move(r), std::move(p));
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

std::size_t SandboxProvider::wait_for(std::size_t n, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(impl_->mutex);
  impl_->changed.wait_for(lock, timeout, [&] { return impl_->requests.size() >= n; });
  return impl_->requests.size();
}

}  // namespace ombud::gateway

#include "gateway/app.hpp"

#include "gateway/acknowledgement.hpp"
#include "gateway/http_server.hpp"
#include "gateway/inbox_workers.hpp"
#include "gateway/outbox_workers.hpp"
#include "gateway/router.hpp"
#include "gateway/twilio_webhooks.hpp"
#include "store/embedded_redis.hpp"
#include "store/inbox.hpp"
#include "store/outbox.hpp"
#include "store/redis_client.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/signal_set.hpp>

#include <future>
#include <optional>
#include <random>
#include <thread>

namespace ombud::gateway {

namespace asio = boost::asio;

namespace {

std::string process_name() {
  char host[64] = {};
  gethostname(host, sizeof host - 1);
  std::random_device rd;
  return std::string(host) + "-" + std::to_string(getpid()) + "-" + std::to_string(rd() % 10000);
}

store::RedisOptions redis_options(const Config& c, const store::EmbeddedRedis* embedded) {
  store::RedisOptions o;
  o.endpoint = embedded ? embedded->endpoint() : store::RedisEndpoint::parse(*c.redis.url).value();
  o.command_timeout = c.redis.command_timeout;
  return o;
}

}  // namespace

// Health, readiness and metrics.
class OpsEndpoints {
 public:
  OpsEndpoints(store::RedisClient& redis, store::Inbox& inbox, Metrics& metrics)
      : redis_(redis), inbox_(inbox), metrics_(metrics) {}

  void register_routes(Router& router) {
    router.add(http::verb::get, "/healthz",
               [this](Request r, RouteParams) { return async_health(std::move(r)); });
    router.add(http::verb::get, "/readyz",
               [this](Request r, RouteParams) { return async_ready(std::move(r)); });
    router.add(http::verb::get, "/metrics",
               [this](Request r, RouteParams) { return async_metrics(std::move(r)); });
  }

 private:
  asio::awaitable<Response> async_health(Request req) {
    co_return json_response(R"({"status":"ok"})", req.version(), req.keep_alive());
  }

  asio::awaitable<Response> async_ready(Request req) {
    auto pong = co_await redis_.async_command(store::command("PING"));
    if (!pong || pong->is_error())
      co_return error_response(ApiError::unavailable, "redis unreachable", req.version(),
                               req.keep_alive());
    co_return json_response(R"({"status":"ready"})", req.version(), req.keep_alive());
  }

  asio::awaitable<Response> async_metrics(Request req) {
    auto lag = co_await inbox_.async_lag();
    Response res{http::status::ok, req.version()};
    res.set(http::field::content_type, "text/plain; version=0.0.4");
    res.keep_alive(req.keep_alive());
    res.body() = metrics_.render(lag ? *lag : -1);
    res.prepare_payload();
    co_return res;
  }

  store::RedisClient& redis_;
  store::Inbox& inbox_;
  Metrics& metrics_;
};

struct App::Impl {
  explicit Impl(Config c) : config(std::move(c)), keys(config.redis.prefix) {}

  Config config;
  store::Keys keys;
  asio::io_context io;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::vector<std::thread> threads;
  std::unique_ptr<store::EmbeddedRedis> embedded;
  std::unique_ptr<store::RedisClient> redis;
  std::unique_ptr<store::Inbox> inbox;
  std::unique_ptr<store::Outbox> outbox;
  std::unique_ptr<Acknowledgement> processor;
  Metrics metrics;
  Router router;
  std::unique_ptr<TwilioWebhooks> twilio;
  std::unique_ptr<OpsEndpoints> ops;
  std::unique_ptr<HttpServer> server;
  std::unique_ptr<InboxWorkers> inbox_workers;
  std::unique_ptr<OutboxWorkers> outbox_workers;
  bool stopped = false;
};

App::App(Config config) : impl_(std::make_unique<Impl>(std::move(config))) {}

App::~App() {
  stop();
}

void App::start() {
  auto& s = *impl_;
  const auto& c = s.config;
  spdlog::set_level(spdlog::level::from_str(c.log_level));
  if (!c.redis.url) {
    s.embedded = std::make_unique<store::EmbeddedRedis>(
        store::EmbeddedRedisOptions{.dir = c.data_dir / "redis"});
    spdlog::info("redis: embedded redis-server on {}", s.embedded->socket_path().string());
  }
  s.redis =
      std::make_unique<store::RedisClient>(s.io.get_executor(), redis_options(c, s.embedded.get()));
  s.redis->start();
  s.inbox = std::make_unique<store::Inbox>(
      *s.redis, s.keys,
      store::InboxOptions{.partitions = c.inbox.partitions, .dedup_ttl = c.inbox.dedup_ttl});
  s.outbox = std::make_unique<store::Outbox>(*s.redis, s.keys);
  s.processor = std::make_unique<Acknowledgement>(c.replies, s.keys);

  s.twilio = std::make_unique<TwilioWebhooks>(c, *s.inbox, *s.outbox, s.metrics);
  s.twilio->register_routes(s.router);
  s.ops = std::make_unique<OpsEndpoints>(*s.redis, *s.inbox, s.metrics);
  s.ops->register_routes(s.router);
  s.server = std::make_unique<HttpServer>(s.io, c.server, s.router, s.metrics);
  s.server->start();

  const auto name = process_name();
  s.inbox_workers = std::make_unique<InboxWorkers>(s.io.get_executor(), c, *s.inbox, *s.redis,
                                                   *s.processor, s.metrics, name);
  s.outbox_workers = std::make_unique<OutboxWorkers>(
      s.io.get_executor(), c, *s.outbox, *s.redis, s.metrics,
      [twilio = s.twilio.get()](std::string_view account) {
        return twilio->status_callback_url(account);
      },
      name);
  s.inbox_workers->start();
  s.outbox_workers->start();

  s.work.emplace(s.io.get_executor());
  const int threads =
      c.server.threads > 0 ? c.server.threads : std::max(1u, std::thread::hardware_concurrency());
  for (int i = 0; i < threads; ++i) s.threads.emplace_back([&io = s.io] { io.run(); });
  spdlog::info("ombud: {} listening on {}:{} with {} threads", c.organisation, c.server.host,
               port(), threads);
}

void App::stop() {
  auto& s = *impl_;
  if (s.stopped) return;
  s.stopped = true;
  spdlog::info("ombud: stopping");
  // Any part may be missing when start() failed half way.
  if (s.server) s.server->stop();
  if (s.inbox_workers) s.inbox_workers->stop();
  if (s.outbox_workers) s.outbox_workers->stop();
  auto busy = [&s] {
    return (s.server && s.server->connections() > 0) ||
           (s.inbox_workers && s.inbox_workers->running() > 0) ||
           (s.outbox_workers && s.outbox_workers->running() > 0);
  };
  const auto deadline = std::chrono::steady_clock::now() + s.config.server.shutdown_grace;
  while (!s.threads.empty() && busy() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (s.redis) s.redis->stop();
  s.work.reset();
  s.io.stop();
  for (auto& t : s.threads) t.join();
  s.threads.clear();
  if (s.embedded) s.embedded->stop();
  spdlog::info("ombud: stopped");
}

void App::run_until_signal() {
  asio::signal_set signals(impl_->io, SIGINT, SIGTERM);
  std::promise<int> caught;
  signals.async_wait([&caught](boost::system::error_code ec, int signo) {
    if (!ec) caught.set_value(signo);
  });
  const int signo = caught.get_future().get();
  spdlog::info("ombud: signal {} received", signo);
  stop();
}

unsigned short App::port() const {
  return impl_->server->port();
}
const Config& App::config() const {
  return impl_->config;
}
Metrics& App::metrics() {
  return impl_->metrics;
}
store::RedisClient& App::redis() {
  return *impl_->redis;
}
store::Inbox& App::inbox() {
  return *impl_->inbox;
}
store::Outbox& App::outbox() {
  return *impl_->outbox;
}
asio::io_context& App::io() {
  return impl_->io;
}

}  // namespace ombud::gateway

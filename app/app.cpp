#include "app/app.hpp"

#include "console/api.hpp"
#include "console/events.hpp"
#include "http/server.hpp"
#include "core/background.hpp"
#include "app/inbox_workers.hpp"
#include "core/process_name.hpp"
#include "app/message_processor.hpp"
#include "app/outbox_workers.hpp"
#include "http/router.hpp"
#include "app/sla_scheduler.hpp"
#include "app/webhooks.hpp"
#include "store/directory_repository.hpp"
#include "store/embedded_redis.hpp"
#include "store/inbox.hpp"
#include "store/outbox.hpp"
#include "store/redis_client.hpp"
#include "store/ticket_repository.hpp"

#include <openssl/crypto.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_future.hpp>

#include <algorithm>
#include <optional>
#include <random>
#include <thread>

namespace ombud::app {

using core::Background;
using core::owned_by;
using core::spawn_logged;

namespace asio = boost::asio;

namespace {

// The process's heartbeat, renewed at a third of its lifetime: while it lasts, other
// processes leave this one's leases and unsettled messages alone.
// Lists the tickets and incidents stored before the listing indexes existed (once).
asio::awaitable<void> async_build_indexes(store::RedisClient& redis, store::Keys keys, std::int64_t now) {
  store::TicketRepository tickets(redis, std::move(keys));
  auto listed = co_await tickets.async_build_indexes(now);
  if (!listed)
    spdlog::warn("indexes: not built ({}); they are built at the next start", listed.error().message());
  else if (listed->first >= 0)
    spdlog::info("indexes: {} tickets and {} incidents stored before are listed", listed->first,
                 listed->second);
}

asio::awaitable<void> async_beat(store::Liveness& liveness, Background& background) {
  while (!background.stopping()) {
    auto beat = co_await liveness.async_beat();
    co_await background.async_pause(beat ? liveness.lifetime() / 3 : std::chrono::milliseconds(200));
  }
}

store::RedisOptions redis_options(const Config& c, const store::EmbeddedRedis* embedded) {
  store::RedisOptions o;
  o.endpoint = embedded ? embedded->endpoint() : store::RedisEndpoint::parse(*c.redis.url).value();
  o.command_timeout = c.redis.command_timeout;
  return o;
}

// Raises the soft limit on open files to the hard one (a connection flood must meet our cap,
// not EMFILE) and returns the connections one io thread may hold: the configured cap shared
// among the threads, kept clear of the descriptors that Redis connections, provider
// connections and files need.
std::size_t connections_per_thread(const Config& c, int threads) {
  rlimit limit{};
  std::size_t cap = c.server.max_connections;
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
    if (limit.rlim_cur < limit.rlim_max) {
      limit.rlim_cur = limit.rlim_max;
      setrlimit(RLIMIT_NOFILE, &limit);
      getrlimit(RLIMIT_NOFILE, &limit);
    }
    constexpr rlim_t kReserved = 256;
    if (limit.rlim_cur != RLIM_INFINITY)
      cap = std::min<std::size_t>(cap, limit.rlim_cur > kReserved * 2 ? limit.rlim_cur - kReserved
                                                                      : limit.rlim_cur / 2);
  }
  return std::max<std::size_t>(1, cap / static_cast<std::size_t>(threads));
}

}  // namespace

// Health, readiness and metrics.
class OpsEndpoints {
 public:
  OpsEndpoints(store::RedisClient& redis, store::Inbox& inbox, Metrics& metrics,
               std::string metrics_token)
      : redis_(redis), inbox_(inbox), metrics_(metrics), metrics_token_(std::move(metrics_token)) {}

  void register_routes(http::Router& router) {
    router.add(http::verb::get, "/healthz",
               [this](http::Request r, http::RouteParams) { return async_health(std::move(r)); });
    router.add(http::verb::get, "/readyz",
               [this](http::Request r, http::RouteParams) { return async_ready(std::move(r)); });
    router.add(http::verb::get, "/metrics",
               [this](http::Request r, http::RouteParams) { return async_metrics(std::move(r)); });
  }

 private:
  asio::awaitable<http::Response> async_health(http::Request req) {
    co_return http::json_response(R"({"status":"ok"})", req.version(), req.keep_alive());
  }

  asio::awaitable<http::Response> async_ready(http::Request req) {
    const bool up = co_await redis_.async_ping();
    if (!up)
      co_return http::error_response(http::ApiError::unavailable, "redis unreachable", req.version(),
                               req.keep_alive());
    co_return http::json_response(R"({"status":"ready"})", req.version(), req.keep_alive());
  }

  // With server.metrics_token set, the caller must present it (compared in constant time).
  bool may_read_metrics(const http::Request& req) const {
    if (metrics_token_.empty()) return true;
    const std::string expected = "Bearer " + metrics_token_;
    const auto given = req[http::field::authorization];
    return given.size() == expected.size() &&
           CRYPTO_memcmp(given.data(), expected.data(), expected.size()) == 0;
  }

  asio::awaitable<http::Response> async_metrics(http::Request req) {
    if (!may_read_metrics(req)) {
      auto res = http::error_response(http::ApiError::unauthorized, "a bearer token is required for /metrics",
                                req.version(), req.keep_alive());
      res.set(http::field::www_authenticate, "Bearer");
      co_return res;
    }
    auto lag = co_await inbox_.async_lag();
    http::Response res{http::status::ok, req.version()};
    res.set(http::field::content_type, "text/plain; version=0.0.4");
    res.keep_alive(req.keep_alive());
    res.body() = metrics_.render(lag ? *lag : -1);
    res.prepare_payload();
    co_return res;
  }

  store::RedisClient& redis_;
  store::Inbox& inbox_;
  Metrics& metrics_;
  std::string metrics_token_;
};

// One io thread and everything it serves. Shards share only the configuration, the metrics
// and the processor (immutable or atomic).
struct Shard {
  Shard(const Config& c, const store::Keys& keys, const store::RedisOptions& redis_options,
        const MessageProcessor& processor, Metrics& metrics, const core::Clock& clock,
        const std::string& name, http::ServerConfig server_config, console::RateLimiter& limiter,
        console::RateLimiter& auth_failures, console::FeedCounter& feeds)
      : io(1),
        redis(io.get_executor(), redis_options),
        liveness(redis, keys, name, c.inbox.lease),
        inbox(
            redis, keys,
            store::InboxOptions{.partitions = c.inbox.partitions, .dedup_ttl = c.inbox.dedup_ttl}),
        outbox(redis, keys),
        directories(redis, keys),
        webhooks(c.channels, inbox, outbox, metrics, clock),
        ops(redis, inbox, metrics, c.server.metrics_token),
        events(io.get_executor(), redis_options, keys),
        console({c.console, redis, keys, processor.desk(), clock, limiter, auth_failures, feeds, events, inbox,
                 [&metrics](std::size_t n) { metrics.outbound_queued += static_cast<long long>(n); },
                 [&metrics] { ++metrics.inbound_accepted; }}),
        server(io, std::move(server_config), router, metrics),
        inbox_workers(io.get_executor(), c, inbox, redis, processor, metrics, liveness),
        outbox_workers(io.get_executor(), c, outbox, redis, metrics, clock, liveness) {
    webhooks.register_routes(router);
    ops.register_routes(router);
    console.register_routes(router);
  }

  bool busy() const {
    return server.connections() > 0 || inbox_workers.running() > 0 ||
           outbox_workers.running() > 0 || heartbeat.running() > 0;
  }

  asio::io_context io;
  store::RedisClient redis;
  store::Liveness liveness;
  Background heartbeat{io.get_executor(), "heartbeat"};
  /// One-off jobs at start (listing old tickets); a stop does not wait for them: they run again.
  Background maintenance{io.get_executor(), "maintenance"};
  store::Inbox inbox;
  store::Outbox outbox;
  store::DirectoryRepository directories;
  http::Router router;
  Webhooks webhooks;
  OpsEndpoints ops;
  console::EventHub events;
  console::Api console;
  http::HttpServer server;
  InboxWorkers inbox_workers;
  OutboxWorkers outbox_workers;
  std::unique_ptr<SlaScheduler> scheduler;  ///< on the first shard only
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::thread thread;
};

struct App::Impl {
  Impl(Config c, std::shared_ptr<const core::Clock> k)
      : config(std::move(c)),
        keys(config.redis.prefix),
        clock(k ? std::move(k) : std::make_shared<core::SystemClock>()) {}

  Config config;
  store::Keys keys;
  std::shared_ptr<const core::Clock> clock;
  std::unique_ptr<store::EmbeddedRedis> embedded;
  std::unique_ptr<MessageProcessor> processor;
  std::unique_ptr<console::RateLimiter> limiter;
  std::unique_ptr<console::RateLimiter> auth_failures;
  console::FeedCounter feeds;
  Metrics metrics;
  std::vector<std::unique_ptr<Shard>> shards;
  bool stopped = false;
};

App::App(Config config, std::shared_ptr<const core::Clock> clock)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(clock))) {}

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
  const auto options = redis_options(c, s.embedded.get());
  s.processor = std::make_unique<MessageProcessor>(s.config, s.keys);
  // Live feeds never take the room webhooks need: at most half the connections.
  s.config.console.max_feeds = std::max<int>(
      1, std::min<long long>(s.config.console.max_feeds,
                             static_cast<long long>(s.config.server.max_connections / 2)));
  s.limiter = std::make_unique<console::RateLimiter>(c.console.requests_per_minute);
  // 20 failed authentications from one address at once, then one every 3 s.
  s.auth_failures = std::make_unique<console::RateLimiter>(20, 20);
  const int threads = c.server.threads > 0
                          ? c.server.threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const auto name = core::new_process_name();
  auto server_config = c.server;
  server_config.max_connections = connections_per_thread(c, threads);
  for (int i = 0; i < threads; ++i) {
    auto shard = std::make_unique<Shard>(c, s.keys, options, *s.processor, s.metrics, *s.clock,
                                         name, server_config, *s.limiter, *s.auth_failures,
                                         s.feeds);
    shard->redis.start();
    shard->events.start();
    shard->server.start(/*reuse_port=*/true);
    if (i == 0)  // port 0: the others follow
      s.config.server.port = server_config.port = shard->server.port();
    s.shards.push_back(std::move(shard));
  }
  for (int i = 0; i < threads; ++i) {
    auto& shard = *s.shards[static_cast<size_t>(i)];
    if (i == 0) {
      shard.scheduler = std::make_unique<SlaScheduler>(shard.io.get_executor(), shard.redis, s.keys,
                                                       s.processor->desk(), *s.clock, s.metrics);
      shard.scheduler->start();
      shard.heartbeat.spawn(async_beat(shard.liveness, shard.heartbeat));
    }
    shard.inbox_workers.start(i, threads);
    shard.outbox_workers.start(i, threads);
    shard.work.emplace(shard.io.get_executor());
    shard.thread = std::thread([&io = shard.io] { io.run(); });
  }
  seed_directory();
  build_indexes();
  spdlog::info("ombud: {} listening on {}:{} with {} threads", c.organisation, c.server.host,
               port(), threads);
}

// The departments of tickets.departments go to Redis at the first start; after that Redis is
// the truth and `ombud departments import` replaces it.
void App::seed_directory() {
  auto& s = *impl_;
  if (!s.config.tickets.directory_seed) return;
  auto& shard = *s.shards.front();
  auto done = asio::co_spawn(shard.io,
                             shard.directories.async_replace(
                                 s.config.tickets.directory_seed->to_json(), "config", s.clock->now_ms(),
                                 /*seed_only=*/true),
                             asio::use_future);
  if (done.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
    spdlog::warn("departments: Redis did not answer; the directory was not seeded");
    return;
  }
  auto version = done.get();
  if (!version)
    spdlog::warn("departments: not seeded: {}", version.error().message());
  else if (*version > 0)
    spdlog::info("departments: seeded from configuration (version {})", *version);
}

// Tickets and incidents stored by a version without the listing indexes are listed once, in
// the background (the console lists them when it is done; the log says so).
void App::build_indexes() {
  auto& s = *impl_;
  auto& shard = *s.shards.front();
  shard.maintenance.spawn(async_build_indexes(shard.redis, s.keys, s.clock->now_ms()));
}

void App::stop() {
  auto& s = *impl_;
  if (s.stopped) return;
  s.stopped = true;
  spdlog::info("ombud: stopping");
  for (auto& shard : s.shards) {
    shard->server.stop();
    shard->inbox_workers.stop();
    shard->outbox_workers.stop();
    shard->heartbeat.stop();
    shard->maintenance.stop();
    shard->events.stop();
    if (shard->scheduler) shard->scheduler->stop();
  }
  auto busy = [&s] {
    return std::any_of(s.shards.begin(), s.shards.end(), [](auto& sh) { return sh->busy(); });
  };
  const auto deadline = std::chrono::steady_clock::now() + s.config.server.shutdown_grace;
  while (busy() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  for (auto& shard : s.shards) {
    shard->redis.stop();
    shard->work.reset();
    shard->io.stop();
  }
  for (auto& shard : s.shards)
    if (shard->thread.joinable()) shard->thread.join();
  s.shards.clear();
  if (s.embedded) s.embedded->stop();
  spdlog::info("ombud: stopped");
}

void App::run_until_signal() {
  asio::io_context signals_io;
  asio::signal_set signals(signals_io, SIGINT, SIGTERM);
  int caught = 0;
  signals.async_wait([&caught](boost::system::error_code ec, int signo) {
    if (!ec) caught = signo;
  });
  signals_io.run();
  spdlog::info("ombud: signal {} received", caught);
  stop();
}

std::vector<std::string> App::routes() const {
  return impl_->shards.empty() ? std::vector<std::string>{} : impl_->shards.front()->router.routes();
}

unsigned short App::port() const {
  return impl_->config.server.port;
}
const Config& App::config() const {
  return impl_->config;
}
Metrics& App::metrics() {
  return impl_->metrics;
}

}  // namespace ombud::app

#pragma once
// One ombud process: the store, the HTTP server, the workers, wired together.

#include "gateway/config.hpp"
#include "gateway/metrics.hpp"

#include <boost/asio/io_context.hpp>

#include <memory>

namespace ombud::store {
class RedisClient;
class Outbox;
class Inbox;
}  // namespace ombud::store

namespace ombud::gateway {

class App {
 public:
  explicit App(Config config);
  ~App();

  /// Starts the embedded redis-server (when no redis.url is set), the Redis client, the
  /// server and the workers, on a thread per core. Throws on start-up failure.
  void start();
  /// Graceful stop: no new connections, requests in flight and the workers' current items
  /// finish (up to server.shutdown_grace), then everything closes. Idempotent.
  void stop();
  /// Blocks until SIGTERM or SIGINT, then stops.
  void run_until_signal();

  unsigned short port() const;
  const Config& config() const;
  Metrics& metrics();
  store::RedisClient& redis();
  store::Inbox& inbox();
  store::Outbox& outbox();
  boost::asio::io_context& io();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ombud::gateway

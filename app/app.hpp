#pragma once
// One ombud process: the store, the HTTP server, the workers, wired together.

#include "core/clock.hpp"
#include "app/config.hpp"
#include "app/metrics.hpp"

#include <memory>
#include <string>
#include <vector>

namespace ombud::app {

class App {
 public:
  /// `clock` stamps received messages (tests pass a ManualClock); default: the system clock.
  explicit App(Config config, std::shared_ptr<const core::Clock> clock = nullptr);
  ~App();

  /// Starts the embedded redis-server (when no redis.url is set), then one shard per io thread:
  /// an io_context, its Redis connection, its HTTP acceptor (SO_REUSEPORT) and its share of the
  /// workers, so that nothing on the request path crosses threads. Throws on start-up failure.
  void start();
  /// Graceful stop: no new connections, requests in flight and the workers' current items
  /// finish (up to server.shutdown_grace), then everything closes. Idempotent.
  void stop();
  /// Blocks until SIGTERM or SIGINT, then stops.
  void run_until_signal();

  unsigned short port() const;
  /// The HTTP routes served ("GET /api/v1/tickets", …), once started.
  std::vector<std::string> routes() const;
  const Config& config() const;
  Metrics& metrics();

 private:
  void seed_directory();
  void build_indexes();

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ombud::app

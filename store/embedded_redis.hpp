#pragma once
// A redis-server child process: ombud's default store when no redis.url is configured, and
// the real Redis the tests run against.

#include "store/redis_client.hpp"

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>

namespace ombud::store {

struct EmbeddedRedisOptions {
  std::filesystem::path dir;  ///< data directory: socket, AOF, log
  int tcp_port = 0;           ///< 0: unix socket only (the embedded default), no TCP port
  bool append_only = true;    ///< AOF with appendfsync everysec
  std::string executable = "redis-server";
  std::chrono::milliseconds start_timeout{10000};
};

/// Owns one redis-server process. Starting blocks until the server answers PING; the
/// destructor stops it (SIGTERM, which makes Redis flush its AOF, then waits for it).
/// The child also gets SIGTERM if this process dies, so a killed ombud leaves no orphan.
class EmbeddedRedis {
 public:
  /// Starts redis-server; throws std::runtime_error with the reason (and the server's log
  /// tail) if it does not come up.
  explicit EmbeddedRedis(EmbeddedRedisOptions options);
  ~EmbeddedRedis();
  EmbeddedRedis(const EmbeddedRedis&) = delete;
  EmbeddedRedis& operator=(const EmbeddedRedis&) = delete;

  /// Stops the server and waits for it to exit. Idempotent.
  void stop();
  /// Starts it again with the same options and data (after stop()).
  void restart();

  RedisEndpoint endpoint() const;
  std::filesystem::path socket_path() const { return options_.dir / "redis.sock"; }
  pid_t pid() const noexcept { return pid_; }
  bool running() const noexcept { return pid_ > 0; }

 private:
  void spawn();
  void wait_until_ready();

  EmbeddedRedisOptions options_;
  pid_t pid_ = -1;
};

/// A TCP port on 127.0.0.1 that was free a moment ago (bind to port 0, read, close).
int pick_free_port();

}  // namespace ombud::store

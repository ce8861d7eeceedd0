#pragma once
// Which processes are running. Each process beats (a key with a lifetime, renewed well within
// it); a worker of a process without a beat, or of a process on this host known to have
// ended, is gone: its leases and its unsettled stream entries are taken over at once, not
// after a timeout tuned for live workers.

#include "store/keys.hpp"
#include "store/redis_client.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/system/result.hpp>

#include <chrono>
#include <string>

namespace ombud::store {

/// Heartbeats and liveness of ombud processes. Thread-safe like its RedisClient.
class Liveness {
 public:
  /// `self`: this process's name (core::new_process_name); `lifetime`: how long a beat lasts.
  Liveness(RedisClient& redis, Keys keys, std::string self, std::chrono::milliseconds lifetime);

  /// Records that this process runs, for `lifetime`.
  boost::asio::awaitable<boost::system::result<void>> async_beat();
  /// True when the process of `worker` (a consumer or lease holder name) is gone: not this
  /// process, and either known ended on this host or without a beat.
  boost::asio::awaitable<boost::system::result<bool>> async_gone(std::string worker);

  const std::string& self() const noexcept { return self_; }
  std::chrono::milliseconds lifetime() const noexcept { return lifetime_; }

 private:
  RedisClient& redis_;
  Keys keys_;
  std::string self_;
  std::chrono::milliseconds lifetime_;
};

}  // namespace ombud::store

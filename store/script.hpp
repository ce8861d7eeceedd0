#pragma once
// Lua scripts invoked by SHA (EVALSHA), loaded again when Redis has forgotten them.

#include "store/redis_client.hpp"

#include <chrono>
#include <optional>

#include <string>
#include <string_view>

namespace ombud::store {

/// `source` with its "-- @vocabulary" line (if any) replaced by the ticket vocabulary's Lua
/// (tickets::lua_vocabulary()): what a script runs as.
std::string expanded(std::string_view source);

/// One Lua script: its source and SHA1. A line "-- @vocabulary" in the source becomes the
/// ticket vocabulary's definitions (tickets::lua_vocabulary()).
class Script {
 public:
  explicit Script(std::string_view source);

  /// Runs the script with EVALSHA; on NOSCRIPT (a restarted or flushed Redis) loads it with
  /// SCRIPT LOAD and runs it again. An error raised by the script comes back as
  /// StoreError::server_error (and is logged once here).
  /// `timeout`: the deadline of each command sent (default: the client's command timeout).
  boost::asio::awaitable<boost::system::result<Reply>> async_run(
      RedisClient& redis, RedisClient::Argv keys, RedisClient::Argv args,
      std::optional<std::chrono::milliseconds> timeout = std::nullopt) const;

  const std::string& sha() const noexcept { return sha_; }

 private:
  std::string source_;
  std::string sha_;
};

}  // namespace ombud::store

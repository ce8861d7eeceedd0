#pragma once
// The directory (departments, staff, routing) as one JSON document with a version.

#include "store/keys.hpp"
#include "store/redis_client.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace ombud::store {

class DirectoryRepository {
 public:
  DirectoryRepository(RedisClient& redis, Keys keys) : redis_(redis), keys_(std::move(keys)) {}

  struct Stored {
    long long version = 0;
    std::string json;
  };
  /// The current directory, or nullopt when none was ever stored.
  boost::asio::awaitable<boost::system::result<std::optional<Stored>>> async_get();

  /// Replaces it (or, with `seed_only`, stores it only when there is none) and records the
  /// change; returns the new version (0: a seed found one already).
  boost::asio::awaitable<boost::system::result<long long>> async_replace(std::string json,
                                                                         std::string by,
                                                                         std::int64_t now_ms,
                                                                         bool seed_only);

 private:
  RedisClient& redis_;
  Keys keys_;
};

}  // namespace ombud::store

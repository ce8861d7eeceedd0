#pragma once
// The stream of ticket changes (Keys::events), appended to by every script that changes a
// ticket: read back from an id, its newest id, and followed with a blocking read.

#include "store/detail/streams.hpp"
#include "store/keys.hpp"
#include "store/redis_client.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/system/result.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace ombud::store {

using ChangeEntry = detail::StreamEntry;

class EventLog {
 public:
  explicit EventLog(Keys keys) : keys_(std::move(keys)) {}

  struct Since {
    std::string max_deleted;  ///< the newest id trimmed off the stream ("0-0": none)
    std::vector<ChangeEntry> entries;
  };
  /// At most `limit` entries after `after_id`, and what trimming dropped.
  boost::asio::awaitable<boost::system::result<Since>> async_since(RedisClient& redis,
                                                                   std::string after_id,
                                                                   int limit) const;
  /// The newest entry's id ("0-0" for an empty stream).
  boost::asio::awaitable<boost::system::result<std::string>> async_last_id(RedisClient& redis) const;
  /// The entries after `after_id`, waiting up to `block` for some: on a client of the caller's
  /// own (the read holds its connection).
  boost::asio::awaitable<boost::system::result<std::vector<ChangeEntry>>> async_follow(
      RedisClient& blocking, std::string after_id, int count, std::chrono::milliseconds block) const;

 private:
  Keys keys_;
};

}  // namespace ombud::store

#pragma once
// Reading tickets (they are created by the inbox commit, atomically with their message).

#include "store/keys.hpp"
#include "store/redis_client.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ombud::store {

class TicketRepository {
 public:
  TicketRepository(RedisClient& redis, Keys keys) : redis_(redis), keys_(std::move(keys)) {}

  /// The ticket's fields, or nullopt when there is no such ticket.
  boost::asio::awaitable<boost::system::result<std::optional<std::map<std::string, std::string>>>>
  async_get(std::string number);

  /// The complaints of `category` created at `since_ms` or later, oldest first, each with its
  /// number as the "number" field; one round trip however many there are.
  boost::asio::awaitable<boost::system::result<std::vector<std::map<std::string, std::string>>>>
  async_recent_complaints(std::string category, std::int64_t since_ms);

 private:
  RedisClient& redis_;
  Keys keys_;
};

}  // namespace ombud::store

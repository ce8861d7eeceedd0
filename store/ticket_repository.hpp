#pragma once
// Reading tickets (they are created by the inbox commit, atomically with their message).

#include "store/keys.hpp"
#include "store/redis_client.hpp"

#include <map>
#include <optional>
#include <string>

namespace ombud::store {

class TicketRepository {
 public:
  TicketRepository(RedisClient& redis, Keys keys) : redis_(redis), keys_(std::move(keys)) {}

  /// The ticket's fields, or nullopt when there is no such ticket.
  boost::asio::awaitable<boost::system::result<std::optional<std::map<std::string, std::string>>>>
  async_get(std::string number);

 private:
  RedisClient& redis_;
  Keys keys_;
};

}  // namespace ombud::store

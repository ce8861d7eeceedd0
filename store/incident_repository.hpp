#pragma once
// Incidents (collective complaints): read, listed and recorded. They are raised by the SLA
// watch's analysis (sla_commit.lua), atomically with their tickets.

#include "store/inbox.hpp"
#include "store/keys.hpp"
#include "store/redis_client.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ombud::store {

class IncidentRepository {
 public:
  using Fields = std::map<std::string, std::string>;
  IncidentRepository(RedisClient& redis, Keys keys) : redis_(redis), keys_(std::move(keys)) {}

  /// The incident's fields (its tickets in "tickets", comma-separated), or nullopt.
  boost::asio::awaitable<boost::system::result<std::optional<Fields>>> async_get(std::string id);
  /// The latest raised first, at most `limit`, each with its id as "id"; two round trips.
  boost::asio::awaitable<boost::system::result<std::vector<Fields>>> async_latest(int limit);
  /// What was found (`texts`: cause and/or action), by whom, with the audit line, at once;
  /// false when there is no such incident.
  boost::asio::awaitable<boost::system::result<bool>> async_record(
      std::string id, std::vector<std::pair<std::string, std::string>> texts, std::string by,
      std::int64_t now_ms, AuditLine audit);
  /// When its customers were last told.
  boost::asio::awaitable<boost::system::result<void>> async_mark_announced(std::string id,
                                                                           std::int64_t now_ms);

 private:
  RedisClient& redis_;
  Keys keys_;
};

}  // namespace ombud::store

#pragma once
// The SLA watch: claiming due entries (one process at a time) and committing what they caused
// exactly once.

#include "store/keys.hpp"
#include "store/messages.hpp"
#include "store/redis_client.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ombud::store {

struct SlaEntry {
  std::string member;  ///< "number|kind"
  std::string claimed_score;
};

/// What an SLA entry caused.
struct SlaEffects {
  std::string ticket_key;
  std::string due_ms;  ///< with the member, makes the done marker
  std::vector<std::pair<std::string, std::string>> ticket_fields;
  struct Delay {
    std::string ticket, department, kind, due_ms;
  };
  std::optional<Delay> delay;
  std::vector<OutboundMessage> outbound;
};

class SlaRepository {
 public:
  SlaRepository(RedisClient& redis, Keys keys) : redis_(redis), keys_(std::move(keys)) {}

  boost::asio::awaitable<boost::system::result<std::vector<SlaEntry>>> async_claim(
      std::int64_t now_ms, int limit, std::chrono::milliseconds lease);

  /// True when applied now, false when it had been applied before.
  boost::asio::awaitable<boost::system::result<bool>> async_commit(const SlaEntry& entry,
                                                                   const SlaEffects& effects,
                                                                   std::int64_t now_ms);

 private:
  RedisClient& redis_;
  Keys keys_;
};

}  // namespace ombud::store

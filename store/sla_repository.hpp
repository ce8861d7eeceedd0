#pragma once
// The SLA watch: claiming due entries (one process at a time) and committing what they caused
// exactly once.

#include "store/inbox.hpp"
#include "store/keys.hpp"
#include "core/messages.hpp"
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

/// What a watch entry caused.
struct SlaEffects {
  std::string due_ms;  ///< with the member, makes the done marker
  std::vector<HashWrite> hset;
  std::vector<ScoredMember> zadd;
  struct Delay {
    std::string ticket, department, kind, due_ms;
  };
  std::optional<Delay> delay;
  std::vector<core::OutboundMessage> outbound;
  /// When set, the outbound messages go only if this key did not exist (SET NX): several
  /// processes may reach the same conclusion (an incident), one of them tells people.
  std::string guard_key;
  /// When set, nothing is applied if the ticket changed since it was read: the entry comes
  /// due again at once and is decided anew, so a staff command that raced the watch (a
  /// transfer at the moment of escalation) is not undone.
  std::optional<ReadVersion> unchanged;
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

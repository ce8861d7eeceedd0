#pragma once
// Reading tickets (they are created by the inbox commit, atomically with their message).

#include "store/inbox.hpp"
#include "store/keys.hpp"
#include "store/redis_client.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ombud::store {

/// One page of a listing (tickets_list.lua): an index walked newest first from a cursor.
struct TicketQuery {
  std::string index;  ///< Keys::tickets_all() or Keys::tickets_of_department(id)
  std::string cursor_score = "+inf";
  long long cursor_skip = 0;
  int page = 50;
  int scan = 2000;  ///< tickets looked at, at most, for one page
  std::int64_t now_ms = 0;
  std::vector<std::pair<std::string, std::string>> filters;  ///< see tickets_list.lua
};
struct TicketPage {
  std::vector<std::map<std::string, std::string>> tickets;  ///< summary fields
  std::string next_score;  ///< empty: the end
  long long next_skip = 0;
};

/// A person's action on a ticket, stored all or nothing (ticket_action.lua): what the decision
/// changes, with the version it was made on (`effects.unchanged`, none: no check) and its audit
/// line. A ticket to create and keys to DEL are not actions' effects.
struct TicketAction {
  std::string number;
  std::string idempotency_key;  ///< a Keys::idempotency key, or empty
  std::chrono::seconds idempotency_ttl{24 * 3600};
  std::string confirmation;  ///< remembered with the idempotency key
  std::string request;       ///< what the key was given with (action and body, hashed)
  InboxEffects effects;
  std::int64_t now_ms = 0;
};
struct ActionOutcome {
  enum class Kind { applied, changed_since_read, repeated, key_reused, no_ticket };
  Kind kind = Kind::applied;
  std::string version;       ///< the ticket's version after (or, changed: now)
  std::string confirmation;  ///< repeated: the first request's
};

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

  boost::asio::awaitable<boost::system::result<TicketPage>> async_list(TicketQuery query);

  boost::asio::awaitable<boost::system::result<ActionOutcome>> async_act(TicketAction action);

  /// Puts the tickets and incidents stored before the listing indexes existed into them, once
  /// (Keys::indexes_built marks it done; running it again is harmless). Walks the keys with
  /// SCAN, a batch per script call. Returns how many tickets and incidents it listed, or
  /// {-1, -1} when it had been done.
  boost::asio::awaitable<boost::system::result<std::pair<long long, long long>>> async_build_indexes(
      std::int64_t now_ms);

 private:
  RedisClient& redis_;
  Keys keys_;
};

}  // namespace ombud::store

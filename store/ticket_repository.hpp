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
  /// Set: only the tickets of this department (the desk's queue: "") that need work, from
  /// their own index; else every ticket is walked by creation time.
  std::optional<std::string> needing_work_of;
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
/// changes, with the version it was made on and its audit line. A ticket to create and keys to DEL are not actions' effects.
struct TicketAction {
  std::string number;
  /// Who sent it and their Idempotency-Key (with what it is per: the ticket's number); empty
  /// key: none.
  std::string idempotency_account, idempotency_key;
  std::string expected_version;  ///< stored only if the ticket is still at it; "": no check
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

  using Fields = std::map<std::string, std::string>;
  /// Several tickets in one round trip, in the order asked (nullopt for a number that is no
  /// ticket), each with its number as "number" and, when `timeline_tail` > 0, the last lines
  /// of its timeline as "timeline" (a JSON array, as async_get gives the whole of it).
  boost::asio::awaitable<boost::system::result<std::vector<std::optional<Fields>>>> async_get_many(
      std::vector<std::string> numbers, int timeline_tail = 0);

  /// The numbers of a customer's tickets (by their contact key, tickets::owner_of), newest
  /// first, at most `limit`.
  boost::asio::awaitable<boost::system::result<std::vector<std::string>>> async_customer_tickets(
      std::string owner, int limit);

  /// Whether the customer who wrote from (channel, account, address) unsubscribed (STOP).
  boost::asio::awaitable<boost::system::result<bool>> async_opted_out(std::string channel, std::string account,
                                                                      std::string address);

  /// The tickets on a member of staff's list (what they hold or must decide), oldest first.
  boost::asio::awaitable<boost::system::result<std::vector<std::string>>> async_staff_open(
      std::string phone);

  /// The handoff conversations waiting or answered, oldest first, at most `limit`: their
  /// numbers and since when they wait (unix ms).
  boost::asio::awaitable<boost::system::result<std::vector<std::pair<std::string, std::int64_t>>>>
  async_handoff_queue(int limit);

  /// What an action with an Idempotency-Key was answered (nullopt: not seen).
  struct Remembered {
    std::string version, confirmation, request;
  };
  boost::asio::awaitable<boost::system::result<std::optional<Remembered>>> async_remembered(
      std::string account, std::string key);

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

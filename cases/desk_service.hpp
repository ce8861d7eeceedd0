#pragma once
// One way to change a ticket outside the inbox: load it, let the desk decide, and store the
// decision only if the ticket is still as read — otherwise decide again on fresh data — with
// its audit line, its messages (one id scheme) and, when asked, its idempotency record, in one
// script, all or nothing (store/lua/ticket_action.lua). The console's actions and an incident's
// announcements go through it, and so will surveys and revisits.
//
// Customers' messages and staff's SMS commands are decided by the same desk but stored with
// their inbox entry (app/inbox_workers.cpp): the entry's commit is what makes them exactly
// once. The SLA watch stores with its watch entry (store/sla_repository.hpp) for the same
// reason.

#include "core/clock.hpp"
#include "store/redis_client.hpp"
#include "store/ticket_repository.hpp"
#include "tickets/desk/desk.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace ombud::cases {

/// Who acts: as the desk sees them, and as the audit log records them.
struct Actor {
  tickets::StaffActor staff;
  std::string account;  ///< the console account (the idempotency key is theirs)
  std::string role;     ///< the account's role
  std::string source = "api";
};

/// What the person asked, as the audit log records it.
struct Request {
  std::string action;  ///< "sign-for", "announce", …
  std::string body;
};

/// What guards the change: the version the person decided on (If-Match; empty: the latest,
/// decided again when it changes in between) and an Idempotency-Key (empty: none) with what
/// it was given for (the same key for another request is refused).
struct Guard {
  std::string expected_version;
  std::string idempotency_key;
  std::string request_hash;
};

struct Outcome {
  enum class Kind {
    applied,      ///< stored; `text` is the confirmation
    repeated,     ///< the same key and request again: the first answer, nothing done
    refused,      ///< the desk refused; `text` says why, in the actor's language
    conflict,     ///< changed since the version the person decided on; `version` is now
    key_reused,   ///< the key was given with another request
    not_found,    ///< no such ticket, or not one the caller may act on
    unavailable,  ///< the store is not answering
  };
  Kind kind = Kind::applied;
  std::string version;
  std::string text;
  std::size_t queued = 0;  ///< messages queued by it
};

/// The decision on the ticket as read: the desk's action, its effects and whom it tells.
using Decide = std::function<tickets::TicketDesk::ActionResult(
    const tickets::Ticket& ticket, std::int64_t now, tickets::Effects& effects,
    std::vector<tickets::Notice>& notices)>;
/// Whether the caller may act on the ticket as read (its scope, its type); false: not_found.
using Accept = std::function<bool(const tickets::Ticket& ticket)>;

class DeskService {
 public:
  /// `desk` and `clock` must outlive the service.
  DeskService(store::RedisClient& redis, store::Keys keys, const tickets::TicketDesk& desk,
              const core::Clock& clock, std::chrono::seconds idempotency_ttl);

  /// Decides on ticket `number` and stores the decision (see above); up to three decisions
  /// when the ticket keeps changing and no version was asked for. Messages go out as the
  /// ticket's ("desk-<number>-<version decided on>-<i>": stable, never two decisions' alike).
  boost::asio::awaitable<Outcome> async_apply(std::string number, Actor actor, Request request,
                                              Guard guard, Accept accept, Decide decide);

 private:
  store::TicketRepository tickets_;
  store::Keys keys_;
  const tickets::TicketDesk& desk_;
  const core::Clock& clock_;
  std::chrono::seconds idempotency_ttl_;
};

}  // namespace ombud::cases

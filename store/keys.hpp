#pragma once
// The key schema. Every key sits under one hash tag, `{prefix}`, so that each Lua script's
// keys share a slot on Redis Cluster (at the price of putting ombud's data on one shard).

#include <string>
#include <string_view>

namespace ombud::store {

class Keys {
 public:
  explicit Keys(std::string_view prefix) {
    base_.reserve(prefix.size() + 3);
    base_.append("{").append(prefix).append("}:");
  }

  /// Seen provider message ids (SET NX EX).
  std::string dedup(std::string_view channel, std::string_view account,
                    std::string_view provider_id) const {
    return cat("dedup:", channel, ":", account, ":", provider_id);
  }
  std::string inbox(int partition) const { return cat("inbox:", std::to_string(partition)); }
  std::string inbox_lease(int partition) const {
    return cat("inbox-lease:", std::to_string(partition));
  }
  /// The bytes of an inbound message as received, when they were not valid UTF-8 (the
  /// message itself carries the repaired text).
  std::string inbound_raw(std::string_view channel, std::string_view account,
                          std::string_view provider_id) const {
    return cat("inbound-raw:", channel, ":", account, ":", provider_id);
  }
  /// Inbox entries that could not be processed (zset by time; member "partition-entry id").
  std::string inbox_parked() const { return cat("inbox:parked"); }
  /// One parked entry: its message fields and the reason.
  std::string inbox_parked_entry(std::string_view id) const { return cat("inbox:parked:", id); }
  /// A running process's heartbeat (expires when it stops beating).
  std::string process_alive(std::string_view process) const { return cat("process:", process); }
  /// A ticket's timeline: an append-only list of JSON lines (store/lua/lib/apply.lua).
  std::string timeline(std::string_view number) const { return cat("timeline:", number); }
  std::string outbox() const { return cat("outbox"); }
  std::string outbox_retry() const { return cat("outbox:retry"); }
  std::string outbox_dead() const { return cat("outbox:dead"); }
  std::string out_message_prefix() const { return cat("out:"); }
  std::string out_message(std::string_view id) const { return cat("out:", id); }
  /// Provider message id → our outbound message id, for delivery callbacks.
  std::string provider_message(std::string_view channel, std::string_view provider_id) const {
    return cat("provider-msg:", channel, ":", provider_id);
  }
  /// A customer's dialog session (JSON).
  std::string session(std::string_view customer_key) const { return cat("session:", customer_key); }
  std::string ticket_prefix() const { return cat("ticket:"); }
  std::string ticket(std::string_view number) const { return cat("ticket:", number); }
  /// The day's ticket serial (INCR), per date code.
  std::string ticket_serial(std::string_view date_code) const {
    return cat("ticket-serial:", date_code);
  }
  /// A customer's tickets (zset by creation time), by phone or channel address.
  std::string customer_tickets(std::string_view owner) const {
    return cat("customer-tickets:", owner);
  }
  std::string open_tickets() const { return cat("tickets:open"); }
  /// Automatic messages sent to a sender in the current window: "window start ms, count".
  std::string reply_budget(std::string_view sender_key) const {
    return cat("reply-budget:", sender_key);
  }
  /// Senders whose messages went past the reply limit (zset by when): for a person to look at.
  std::string flagged_senders() const { return cat("flagged-senders"); }
  /// How many messages staff caused to one customer contact in the current window.
  std::string staff_sends(std::string_view channel, std::string_view account,
                          std::string_view to) const {
    return cat("staff-sends:", channel, ":", account, ":", to);
  }
  /// Present while the customer waits for a human agent (value: since when, unix ms).
  /// Customers waiting for a person (转人工): their handoff tickets by the time they asked.
  std::string handoff_queue() const { return cat("handoff-queue"); }
  /// The SLA watch (zset): "number|sign_warn", "number|reply_due", … by when they are due.
  std::string sla() const { return cat("sla"); }
  /// A staff member's open work orders (zset by dispatch time).
  std::string staff_open(std::string_view phone) const { return cat("staff-open:", phone); }
  /// Marks an SLA entry (for one due time) as handled.
  std::string sla_done(std::string_view member, std::string_view due_ms) const {
    return cat("sla-done:", member, ":", due_ms);
  }
  /// Limits that passed: the register behind the delay rate and uncooperative departments.
  std::string delays() const { return cat("delays"); }
  /// Complaints of the last month (zset by creation time), for repeats and same-matter checks.
  /// The complaints of one category by creation time (a month of them, for analysis).
  std::string recent_complaints(std::string_view category) const {
    return cat("recent-complaints:", category);
  }
  /// Before 0.2: every category's complaints in one index (read until it drains).
  std::string legacy_recent_complaints() const { return cat("recent-complaints"); }
  /// A collective complaint / sudden event grouping tickets about one matter.
  std::string incident(std::string_view id) const { return cat("incident:", id); }
  /// Every incident by when it was last raised (zset of ids).
  std::string incidents() const { return cat("incidents"); }
  /// Every ticket by creation time (zset), kept by the ticket_changed script library.
  std::string tickets_all() const { return cat("tickets:all"); }
  /// A department's tickets that still need its work (zset by creation time); "" is the
  /// desk's queue of undispatched tickets.
  std::string tickets_of_department(std::string_view department) const {
    return cat("tickets:department:", department);
  }
  /// Set once the tickets and incidents stored before the listing indexes are in them.
  std::string indexes_built() const { return cat("indexes-built"); }
  /// Every change to a ticket (stream): the console's live feed.
  std::string events() const { return cat("events"); }
  /// Every action people took, in the console or by SMS (stream): who, when, what, on which
  /// ticket, from where.
  std::string audit_log() const { return cat("audit"); }
  /// A console account (hash), the set of them, and a token's account (by the token's hash).
  std::string agent(std::string_view id) const { return cat("agent:", id); }
  std::string agents() const { return cat("agents"); }
  std::string agent_token(std::string_view token_hash) const {
    return cat("agent-token:", token_hash);
  }
  /// What a POST with an Idempotency-Key did, per account.
  std::string idempotency(std::string_view account, std::string_view key) const {
    return cat("idempotency:", account, ":", key);
  }
  std::string directory() const { return cat("directory"); }
  std::string directory_version() const { return cat("directory:version"); }
  std::string directory_changes() const { return cat("directory:changes"); }
  /// Present while the customer has opted out (STOP) of messages from this account.
  std::string opt_out(std::string_view channel, std::string_view account,
                      std::string_view address) const {
    return cat("optout:", channel, ":", account, ":", address);
  }

 private:
  template <typename... Parts>
  std::string cat(const Parts&... parts) const {
    std::string out = base_;
    (out.append(parts), ...);
    return out;
  }

  std::string base_;
};

}  // namespace ombud::store

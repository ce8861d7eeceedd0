#pragma once
// The inbox: provider messages accepted exactly once, partitioned by customer so that each
// customer's messages are processed in order, and committed together with their effects.

#include "store/keys.hpp"
#include "core/messages.hpp"
#include "store/redis_client.hpp"
#include "tickets/effects.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ombud::store {

struct InboxOptions {
  int partitions = 16;
  std::chrono::seconds dedup_ttl{7 * 24 * 3600};
  std::string group = "processors";
};

/// One inbox stream entry, read by a consumer.
struct InboxEntry {
  int partition = 0;
  std::string id;  ///< the stream entry id
  core::InboundMessage message;
};

/// A key to SET, optionally with a lifetime.
struct KeyWrite {
  std::string key;
  std::string value;
  std::chrono::seconds ttl{0};  ///< 0: no expiry
};

/// A ticket to create; its number (prefix + date code + daily serial) is assigned in Redis.
struct TicketWrite {
  std::string prefix = "T";
  int serial_digits = 4;
  std::string date_code;  ///< YYMMDD in the organisation's time zone
  std::string owner;      ///< indexes the ticket for the customer's status queries
  bool open = true;       ///< listed among open tickets
  std::int64_t created_ms = 0;
  std::vector<std::pair<std::string, std::string>> fields;
};

/// Fields to HSET on a hash.
struct HashWrite {
  std::string key;
  std::vector<std::pair<std::string, std::string>> fields;
};

/// A member to ZADD ("{ticket}" in it becomes the new ticket's number) or ZREM.
struct ScoredMember {
  std::string key;
  std::int64_t score = 0;
  std::string member;
};

/// A ticket as read for a decision: the decision is stored only if the ticket's version is
/// still this one (every write bumps it: lua/lib/ticket_changed.lua); otherwise it is made
/// again on fresh data, so that no write silently undoes another made in between.
struct ReadVersion {
  std::string ticket;   ///< its number
  std::string version;  ///< as read; "0" for a ticket never written since versions began
};

/// A line of the audit log (Keys::audit_log): one person's action on a ticket.
using AuditLine = tickets::AuditLine;

/// What becomes of the state of the sender of the message processed (stored under keys of the
/// store's, from their contact).
struct SenderWrites {
  std::optional<std::int64_t> opted_out_at;  ///< they opted out (STOP) now
  bool opted_in = false;                     ///< they opted back in (START)
  /// The dialog's session, to be kept for `ttl`.
  struct Kept {
    std::string value;
    std::chrono::seconds ttl{0};
  };
  std::optional<Kept> session;
  std::optional<Kept> reply_budget;      ///< what they were answered in the current window
  std::optional<std::int64_t> flagged_at;  ///< past the reply limit: flagged for a person
};

/// What processing one entry changes, stored atomically with its acknowledgement.
struct InboxEffects {
  SenderWrites sender;
  std::vector<KeyWrite> set;
  std::vector<std::string> del;           ///< keys to DEL
  std::optional<TicketWrite> ticket;      ///< "{ticket}" in outbound texts becomes its number
  std::vector<core::OutboundMessage> outbound;  ///< messages to queue for sending
  std::vector<HashWrite> hset;
  std::vector<ScoredMember> zadd;
  std::vector<ScoredMember> zrem;  ///< score unused
  std::optional<ReadVersion> unchanged;  ///< the ticket the decision was made on
  std::optional<AuditLine> audit;        ///< a person's action
};

enum class IngestResult { accepted, duplicate };

struct CommitResult {
  /// changed_since_read: nothing stored, the entry is still pending; process it again.
  enum class Outcome { applied, already_committed, lease_lost, changed_since_read };
  Outcome outcome = Outcome::applied;
  std::string ticket_number;  ///< when a ticket was created
};

/// Repository over the inbox streams. Stateless apart from its options; thread-safe.
class Inbox {
 public:
  Inbox(RedisClient& redis, Keys keys, InboxOptions options);

  /// The partition a customer's messages go to: stable for a given customer.
  int partition_of(const core::InboundMessage& message) const;
  int partitions() const noexcept { return options_.partitions; }
  const Keys& keys() const noexcept { return keys_; }

  /// Deduplicates on (channel, account, provider id) and appends a new message to its
  /// partition, in one script. Returns once Redis has the message. Calls made while an
  /// earlier one is in flight are sent together as one script call (group commit), so that a
  /// burst of webhooks costs Redis one round trip per batch instead of one per message.
  boost::asio::awaitable<boost::system::result<IngestResult>> async_ingest(
      const core::InboundMessage& message);

  /// Creates the consumer group on every partition (idempotent).
  boost::asio::awaitable<boost::system::result<void>> async_ensure_groups();

  /// Who holds a partition lease after an attempt to take it: "" when the caller does.
  struct LeaseHolder {
    std::string other;
    bool held() const noexcept { return other.empty(); }
  };
  /// Takes a free partition lease, renews the caller's own, or takes over the one `gone`
  /// holds (a worker of a process known to be gone; "" for none).
  boost::asio::awaitable<boost::system::result<LeaseHolder>> async_lease(
      int partition, std::string owner, std::chrono::milliseconds ttl, std::string gone = {});
  boost::asio::awaitable<boost::system::result<void>> async_release(int partition,
                                                                    std::string owner);

  /// Claims every entry still pending in the partition's group (whoever read it), oldest
  /// first. Only a lease holder should call this.
  boost::asio::awaitable<boost::system::result<std::vector<InboxEntry>>> async_claim_pending(
      int partition, std::string consumer, int count);

  /// Reads new entries from the given partitions, waiting up to `block` for some. Uses
  /// `blocking` (a client of the caller's own) because the read holds its connection.
  boost::asio::awaitable<boost::system::result<std::vector<InboxEntry>>> async_read(
      RedisClient& blocking, std::vector<int> partitions, std::string consumer, int count,
      std::chrono::milliseconds block);

  /// Applies `effects` and acknowledges the entry, if `owner` still holds the lease and the
  /// entry was not committed before.
  boost::asio::awaitable<boost::system::result<CommitResult>> async_commit(
      const InboxEntry& entry, std::string owner, InboxEffects effects);

  /// What processing a message needs to know of its sender and the desk, in one round trip.
  struct SenderState {
    bool opted_out = false;
    std::optional<std::string> session;       ///< the dialog's stored session
    std::string directory_version;            ///< the stored directory's version ("" for none)
    std::optional<std::string> reply_budget;  ///< the sender's reply budget
  };
  boost::asio::awaitable<boost::system::result<SenderState>> async_sender_state(
      const core::InboundMessage& message);

  /// Acknowledges an entry that cannot be processed (a bug, or stored data it cannot read),
  /// keeping it and the reason on the parked list for a person, if `owner` holds the lease.
  boost::asio::awaitable<boost::system::result<CommitResult>> async_park(const InboxEntry& entry,
                                                                        std::string owner,
                                                                        std::string why);

  /// Entries not yet read by the group, summed over partitions (Prometheus "inbox lag").
  boost::asio::awaitable<boost::system::result<long long>> async_lag();

 private:
  class IngestBatcher;

  RedisClient& redis_;
  Keys keys_;
  InboxOptions options_;
  std::shared_ptr<IngestBatcher> batcher_;
};

}  // namespace ombud::store

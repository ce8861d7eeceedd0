#pragma once
// The outbox: outbound messages waiting for a provider, their retry schedule, dead letters
// and delivery status.

#include "store/detail/streams.hpp"
#include "store/keys.hpp"
#include "core/messages.hpp"
#include "store/redis_client.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace ombud::store {

/// An outbox stream entry together with the message it names.
struct OutboxItem {
  std::string entry_id;
  core::OutboundMessage message;
  std::string status;  ///< as stored: queued, sending, sent, delivered, undelivered, failed
  int attempts = 0;
};

/// The outcome of one send attempt.
struct Settlement {
  /// uncertain: try again later, but the attempt may have reached the provider (no answer
  /// came), so the next attempt looks the message up there before sending it again.
  enum class Outcome { sent, retry, uncertain, failed };
  Outcome outcome = Outcome::sent;
  std::string provider_id;       ///< for sent
  std::string error;             ///< for retry and failed
  std::int64_t retry_at_ms = 0;  ///< for retry
};

/// A stored outbound message, for the status API and tests.
struct StoredOutbound {
  core::OutboundMessage message;
  std::string status;
  std::string error;
  std::string provider_id;
  std::string in_reply_to;
  int attempts = 0;
};

/// Repository over the outbox. Thread-safe.
class Outbox {
 public:
  Outbox(RedisClient& redis, Keys keys, std::string group = "senders",
         std::chrono::seconds provider_index_ttl = std::chrono::hours(24 * 7));

  boost::asio::awaitable<boost::system::result<void>> async_ensure_group();

  /// New entries for this consumer, waiting up to `block`; `blocking` is the caller's own client.
  boost::asio::awaitable<boost::system::result<std::vector<OutboxItem>>> async_read(
      RedisClient& blocking, std::string consumer, int count, std::chrono::milliseconds block);
  /// Up to `count` of the entries delivered to `consumer` and not settled, after entry id
  /// `after` ("0" from the start): what a read whose answer was lost (Redis died or stalled)
  /// delivered, and what a settle that gave up left.
  boost::asio::awaitable<boost::system::result<std::vector<OutboxItem>>> async_read_pending(
      std::string consumer, int count, std::string after);
  /// Up to `count` entries another consumer read and did not settle for `min_idle` (a stuck
  /// sender), scanning from `cursor`, which receives where the next call goes on ("0-0" once
  /// the whole stream was scanned).
  boost::asio::awaitable<boost::system::result<std::vector<OutboxItem>>> async_claim_stale(
      std::string consumer, std::chrono::milliseconds min_idle, int count, std::string& cursor);
  /// The group's consumers and how many entries each holds unsettled.
  boost::asio::awaitable<boost::system::result<std::vector<detail::ConsumerInfo>>>
  async_consumers();
  /// Moves up to `count` of the entries `from` holds to `to` (a sender whose process is gone);
  /// an entry another claimer took in the last moment stays with it.
  boost::asio::awaitable<boost::system::result<std::vector<OutboxItem>>> async_claim_from(
      std::string from, std::string to, int count);
  /// Counts a message staff caused to `m`'s recipient in a window of `window` (starting at
  /// the first); returns the count including this one.
  boost::asio::awaitable<boost::system::result<long long>> async_count_staff_send(
      const core::OutboundMessage& m, std::chrono::seconds window);
  /// Adds `who` to the senders a person should look at ({ombud}:flagged-senders).
  boost::asio::awaitable<boost::system::result<void>> async_flag(std::string who,
                                                                 std::int64_t now_ms);
  /// Removes a consumer that holds nothing.
  boost::asio::awaitable<boost::system::result<void>> async_forget(std::string consumer);

  /// The start of an attempt.
  struct Attempt {
    long long number = 0;  ///< 0: the message is already final (someone settled it); -1: gone
    bool after_unknown_outcome = false;  ///< the previous attempt may have reached the provider
    std::int64_t previous_ms = 0;        ///< when the message last changed before this attempt
  };
  /// Marks the message as sending and counts the attempt.
  boost::asio::awaitable<boost::system::result<Attempt>> async_begin(std::string message_id,
                                                                     std::int64_t now_ms);
  /// True when a provider message id is already recorded for one of our messages.
  boost::asio::awaitable<boost::system::result<bool>> async_is_known_provider_id(
      std::string channel, std::string provider_id);
  /// Stores the outcome and acknowledges the entry, in one script.
  boost::asio::awaitable<boost::system::result<void>> async_settle(const OutboxItem& item,
                                                                   Settlement settlement,
                                                                   std::int64_t now_ms);
  /// Acknowledges an entry whose message needs nothing more (already final or gone).
  boost::asio::awaitable<boost::system::result<void>> async_ack(const OutboxItem& item);
  /// Moves due retries back onto the stream; returns how many.
  boost::asio::awaitable<boost::system::result<long long>> async_promote_due(std::int64_t now_ms,
                                                                             int limit);
  /// Applies a delivery callback; returns our message id, or nullopt for an unknown provider id.
  boost::asio::awaitable<boost::system::result<std::optional<std::string>>> async_delivery_status(
      std::string channel, std::string provider_id, core::DeliveryStatus status, std::string error,
      std::int64_t now_ms, std::string account = {});

  boost::asio::awaitable<boost::system::result<bool>> async_is_opted_out(
      const core::OutboundMessage& message);
  boost::asio::awaitable<boost::system::result<std::optional<StoredOutbound>>> async_get(
      std::string message_id);

  const Keys& keys() const noexcept { return keys_; }

 private:
  boost::asio::awaitable<boost::system::result<std::vector<OutboxItem>>> async_load(
      std::vector<detail::StreamEntry> read);

  RedisClient& redis_;
  Keys keys_;
  std::string group_;
  std::chrono::seconds provider_index_ttl_;
};

}  // namespace ombud::store

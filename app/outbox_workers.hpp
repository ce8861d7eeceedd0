#pragma once
// Outbox consumers: send queued messages through their provider, retry transient failures with
// exponential backoff and jitter, and dead-letter what cannot be sent.

#include "core/clock.hpp"
#include "app/config.hpp"
#include "app/metrics.hpp"
#include "store/liveness.hpp"
#include "store/outbox.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <functional>
#include <memory>
#include <string>

namespace ombud::app {

/// `config.outbox.workers` senders plus one retry promoter in this process. Each sender keeps
/// `outbox.concurrency` sends in flight, one lane per group of recipients. Any 2xx is success;
/// a provider's 4xx (e.g. 21610, unsubscribed) fails the message at once; 429, 5xx and
/// failures to connect are retried until max_attempts, then dead-lettered with the last
/// reason. An attempt that got no answer (a timeout after the request was written, or a
/// sender that died) may have been sent: before trying again the sender looks the message up
/// at the provider and, if it is there, records it as sent instead of sending it twice.
/// Entries a sender of a process that is gone (store::Liveness) left unsettled are retaken at
/// once; those of a live sender that sat on them past claim_idle, after it.
class OutboxWorkers {
 public:
  /// Each sender sends through the configured channels (config.channels), a message on the
  /// channel it names.
  OutboxWorkers(boost::asio::any_io_executor executor, const Config& config, store::Outbox& outbox,
                store::RedisClient& redis, Metrics& metrics, const core::Clock& clock,
                store::Liveness& liveness);
  ~OutboxWorkers();

  /// Starts the senders whose index i has i % shards == shard; shard 0 also runs the promoter.
  void start(int shard = 0, int shards = 1);
  void stop();
  int running() const noexcept;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

/// The delay before retry number `attempt` (1-based): initial * 2^(attempt-1), capped, with
/// "equal jitter" (half fixed, half random) so that a burst of failures spreads out.
std::chrono::milliseconds retry_delay(int attempt, std::chrono::milliseconds initial,
                                      std::chrono::milliseconds max, double random01);

}  // namespace ombud::app

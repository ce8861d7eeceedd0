#pragma once
// Inbox consumers: take partition leases, process each customer's messages in order, and
// commit effects and acknowledgement together.

#include "app/config.hpp"
#include "app/message_processor.hpp"
#include "app/metrics.hpp"
#include "store/inbox.hpp"
#include "store/liveness.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <atomic>
#include <memory>
#include <string>

namespace ombud::app {

/// `count` workers in this process. Each holds up to ceil(partitions / count) partition leases
/// (renewed every lease/3) and is the only reader of those partitions, so one customer's
/// messages are handled one at a time, in the order received, across all processes. A
/// partition whose holder's process is gone (store::Liveness: ended on this host, or without a
/// heartbeat) is taken over at once, any other when its lease expires; the new holder first
/// claims (XAUTOCLAIM) what the old one left pending, then reads new entries.
class InboxWorkers {
 public:
  InboxWorkers(boost::asio::any_io_executor executor, const Config& config, store::Inbox& inbox,
               store::RedisClient& redis, const MessageProcessor& processor, Metrics& metrics,
               store::Liveness& liveness);
  ~InboxWorkers();

  /// Starts the workers whose index i (0 ≤ i < inbox.workers) has i % shards == shard: each
  /// of the process's io threads runs its share, on its own Redis connection.
  void start(int shard = 0, int shards = 1);
  /// Asks the workers to finish their current entry, give up their leases and end.
  void stop();
  /// Workers still running.
  int running() const noexcept;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace ombud::app

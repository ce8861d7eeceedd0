#pragma once
// The SLA watch: one loop per process claims the due entries of the SLA sorted set (each
// claimed by exactly one process at a time) and commits what they cause exactly once.

#include "gateway/clock.hpp"
#include "gateway/metrics.hpp"
#include "gateway/ticket_desk.hpp"
#include "store/redis_client.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <memory>

namespace ombud::gateway {

class SlaScheduler {
 public:
  SlaScheduler(boost::asio::any_io_executor executor, store::RedisClient& redis, store::Keys keys,
               const TicketDesk& desk, const Clock& clock, Metrics& metrics);
  ~SlaScheduler();

  void start();
  void stop();
  int running() const noexcept;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace ombud::gateway

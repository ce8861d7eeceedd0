#pragma once
// The SLA watch: one loop per process claims the due entries of the SLA sorted set (each
// claimed by exactly one process at a time) and commits what they cause exactly once.

#include "core/clock.hpp"
#include "app/metrics.hpp"
#include "tickets/desk/desk.hpp"
#include "store/keys.hpp"
#include "store/redis_client.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <memory>

namespace ombud::app {

class SlaScheduler {
 public:
  SlaScheduler(boost::asio::any_io_executor executor, store::RedisClient& redis, store::Keys keys,
               const tickets::TicketDesk& desk, const core::Clock& clock, Metrics& metrics);
  ~SlaScheduler();

  void start();
  void stop();
  int running() const noexcept;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace ombud::app

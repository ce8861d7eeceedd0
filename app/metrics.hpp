#pragma once
// Process metrics in the Prometheus text format. Thread-safe; cheap on the request path.

#include "http/server.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace ombud::app {

class Metrics final : public http::RequestMeter {
 public:
  void request_started() override { ++requests_in_flight; }
  void request_finished() override { --requests_in_flight; }
  /// Counts one answered request under its route pattern (not the raw path, to bound labels).
  void record_request(std::string_view route, unsigned status,
                      std::chrono::nanoseconds latency) override;

  std::atomic<long long> requests_in_flight{0};  ///< read and not yet answered
  std::atomic<long long> inbound_accepted{0};
  std::atomic<long long> inbound_duplicate{0};
  std::atomic<long long> inbox_processed{0};
  std::atomic<long long> inbox_parked{0};  ///< entries that could not be processed
  std::atomic<long long> inbox_decided_again{0};  ///< their ticket changed before the commit
  std::atomic<long long> calendar_uncovered{0};  ///< due dates in a year without its holidays
  std::atomic<long long> tickets_created{0};
  std::atomic<long long> sla_overdue{0};
  std::atomic<long long> outbound_queued{0};
  std::atomic<long long> outbound_sent{0};
  std::atomic<long long> outbound_failed{0};
  std::atomic<long long> outbound_retried{0};

  /// The exposition text; `inbox_lag` is read from Redis by the caller (-1: unknown).
  std::string render(long long inbox_lag) const;

 private:
  static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, unsigned>, long long> requests_;
  std::array<long long, kBuckets.size() + 1> bucket_counts_{};
  double latency_sum_ = 0;
  long long latency_count_ = 0;
};

}  // namespace ombud::app

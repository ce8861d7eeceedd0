#pragma once
// Rate limiting for log lines that a flood of bad input or an outage repeats.

#include <atomic>
#include <chrono>
#include <optional>

namespace ombud::core {

/// Lets one line of a kind through per interval and counts the rest, so that a burst of the
/// same failure (Redis down: one 503 per webhook; accept failing with EMFILE) costs a log line
/// a second instead of thousands. Thread-safe; one instance per kind of line.
class LogThrottle {
 public:
  explicit LogThrottle(std::chrono::milliseconds every = std::chrono::seconds(1)) : every_(every) {}

  /// When this line may be logged: how many were suppressed since the last one (say so in the
  /// line). nullopt: suppressed.
  std::optional<long long> pass() {
    const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    auto next = next_.load(std::memory_order_relaxed);
    if (now < next ||
        !next_.compare_exchange_strong(
            next, now + std::chrono::duration_cast<std::chrono::steady_clock::duration>(every_)
                            .count())) {
      suppressed_.fetch_add(1, std::memory_order_relaxed);
      return std::nullopt;
    }
    return suppressed_.exchange(0, std::memory_order_relaxed);
  }

 private:
  std::chrono::milliseconds every_;
  std::atomic<std::chrono::steady_clock::rep> next_{0};
  std::atomic<long long> suppressed_{0};
};

}  // namespace ombud::core

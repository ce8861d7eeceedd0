#pragma once
// Wall-clock time as ombud stores it: unix milliseconds, UTC. Behind an interface so that
// tests can move time (dialog timeouts run on the time a message was received).

#include <atomic>
#include <chrono>
#include <cstdint>

namespace ombud::core {

inline std::int64_t unix_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// Where "now" comes from for received messages. Thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t now_ms() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::int64_t now_ms() const override { return unix_ms(); }
};

/// A clock tests set and move by hand: it runs on with the system clock from where it was set,
/// so that retries and timeouts still come due while a test moves it days ahead.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t start_ms) : offset_(start_ms - unix_ms()) {}
  std::int64_t now_ms() const override { return unix_ms() + offset_; }
  void advance(std::chrono::milliseconds by) { offset_ += by.count(); }

 private:
  std::atomic<std::int64_t> offset_;
};

}  // namespace ombud::core

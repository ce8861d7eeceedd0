#pragma once
// Wall-clock time as ombud stores it: unix milliseconds, UTC.

#include <chrono>
#include <cstdint>

namespace ombud::gateway {

inline std::int64_t unix_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace ombud::gateway

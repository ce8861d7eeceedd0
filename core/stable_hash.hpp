#pragma once
// A hash every process and build agrees on.

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace ombud::core {

/// FNV-1a, 64 bits: stable across builds and machines (unlike std::hash), so every process
/// maps a customer to the same partition and a word to the same fingerprint feature.
inline std::uint64_t stable_hash(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace ombud::core

#pragma once
// Small helpers on text that several modules need to agree on.

#include <cstdint>
#include <string>
#include <string_view>

namespace ombud::store {

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

/// A phone number or address for logs and staff: "+8613800138000" → "+86138****8000".
inline std::string masked(std::string_view address) {
  if (address.size() <= 8) return std::string(address);
  return std::string(address.substr(0, address.size() - 8)) + "****" +
         std::string(address.substr(address.size() - 4));
}

}  // namespace ombud::store

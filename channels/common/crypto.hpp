#pragma once
// Signing helpers the channels share (OpenSSL).

#include <string>
#include <string_view>

namespace ombud::channels {

/// Lower-case hex HMAC-SHA256 of `data` under `key`.
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

/// True when `a` and `b` are equal, compared in time independent of where they differ.
bool equal_constant_time(std::string_view a, std::string_view b);

}  // namespace ombud::channels

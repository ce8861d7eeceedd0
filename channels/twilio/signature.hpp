#pragma once
// X-Twilio-Signature: HMAC-SHA1 over the URL Twilio called and the sorted POST parameters
// (specs/CHANNELS.md §1.2).

#include "channels/common/form.hpp"

#include <string>
#include <string_view>

namespace ombud::channels {

/// The signature Twilio computes for `url` and form `params` with `auth_token`: names
/// sorted bytewise, repeated (name, value) pairs once, values of one name sorted.
std::string twilio_signature(std::string_view auth_token, std::string_view url,
                             const FormParams& params);

/// Checks `signature` in constant time against `url` as given, with the scheme's default port
/// added and with any port removed (Twilio is inconsistent about which it signs).
bool verify_twilio_signature(std::string_view auth_token, std::string_view url,
                             const FormParams& params, std::string_view signature);

/// For JSON-bodied webhooks: the URL carries bodySHA256 (hex SHA-256 of the raw body), the
/// signature covers the URL alone, and the body must match the hash.
bool verify_twilio_json_signature(std::string_view auth_token, std::string_view url,
                                  std::string_view body, std::string_view signature);

/// Lower-case hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace ombud::channels

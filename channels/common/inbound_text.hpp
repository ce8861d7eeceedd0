#pragma once
// What every channel checks of outside input before it is stored: text made valid UTF-8,
// identifiers and addresses of the documented shape.

#include <cstddef>
#include <string>
#include <string_view>

namespace ombud::channels {

/// `bytes` as valid UTF-8: each invalid sequence, and NUL, becomes U+FFFD (ICU's conversion
/// with substitution). Valid text comes back unchanged.
std::string repair_utf8(std::string_view bytes);

/// A provider identifier (a message or account id): 1 to `max` ASCII letters, digits, '-'
/// or '_'; no control characters, spaces or NUL that could split one key into several.
bool is_identifier(std::string_view s, std::size_t max);

/// A phone number as an SMS provider writes it: E.164 ("+" and 3 to 15 digits) or a short
/// code (3 to 15 digits).
bool is_phone_number(std::string_view s);

}  // namespace ombud::channels

#include "channels/common/inbound_text.hpp"

#include <unicode/ustring.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <vector>

namespace ombud::channels {

std::string repair_utf8(std::string_view bytes) {
  const bool has_nul = bytes.find('\0') != std::string_view::npos;
  if (!has_nul) {  // the common case: valid already, nothing to copy twice
    UErrorCode status = U_ZERO_ERROR;
    u_strFromUTF8(nullptr, 0, nullptr, bytes.data(), static_cast<int32_t>(bytes.size()), &status);
    // A strict pre-flight (no substitution) reports U_INVALID_CHAR_FOUND on invalid input.
    if (status == U_BUFFER_OVERFLOW_ERROR || U_SUCCESS(status)) return std::string(bytes);
  }
  constexpr UChar32 kReplacement = 0xFFFD;
  std::vector<UChar> utf16(bytes.size() + 1);
  int32_t length = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strFromUTF8WithSub(utf16.data(), static_cast<int32_t>(utf16.size()), &length, bytes.data(),
                       static_cast<int32_t>(bytes.size()), kReplacement, nullptr, &status);
  if (U_FAILURE(status)) return std::string();
  std::replace(utf16.begin(), utf16.begin() + length, UChar(0), UChar(kReplacement));
  std::string out(static_cast<std::size_t>(length) * 3, '\0');
  int32_t written = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8(out.data(), static_cast<int32_t>(out.size()), &written, utf16.data(), length,
              &status);
  if (U_FAILURE(status)) return std::string();
  out.resize(static_cast<std::size_t>(written));
  return out;
}

bool is_identifier(std::string_view s, std::size_t max) {
  return !s.empty() && s.size() <= max && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_';
  });
}

bool is_phone_number(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  return s.size() >= 3 && s.size() <= 15 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace ombud::channels

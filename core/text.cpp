#include "core/text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace ombud::core {

std::string normalize(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) return std::string(utf8);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString out = nfkc->normalize(in, status);
  if (U_FAILURE(status)) return std::string(utf8);
  out.trim();
  std::string result;
  out.toUTF8String(result);
  return result;
}

std::size_t char_count(std::string_view utf8) {
  std::size_t n = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto len = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < len; ++n) {
    UChar32 c;
    U8_NEXT(s, i, len, c);
  }
  return n;
}

std::size_t utf16_units(std::string_view utf8) {
  std::size_t n = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto len = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < len;) {
    UChar32 c;
    U8_NEXT(s, i, len, c);
    n += (c > 0xFFFF) ? 2 : 1;
  }
  return n;
}

bool is_plain_ascii(std::string_view utf8) {
  for (unsigned char c : utf8)
    if (c >= 0x7F || (c < 0x20 && c != '\n' && c != '\r')) return false;
  return true;
}

std::vector<std::string> sentences(std::string_view utf8) {
  static constexpr std::string_view kEnds[] = {"。", "！", "？", "；", ".", "!", "?", ";", "\n"};
  std::vector<std::string> out;
  std::string current;
  for (size_t i = 0; i < utf8.size();) {
    bool ended = false;
    for (auto end : kEnds) {
      if (utf8.substr(i, end.size()) == end) {
        current.append(end);
        i += end.size();
        ended = true;
        break;
      }
    }
    if (!ended) {
      current.push_back(utf8[i++]);
      continue;
    }
    out.push_back(std::move(current));
    current.clear();
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

std::string fill_in(std::string text, std::string_view name, std::string_view value) {
  std::string token;  // "{name}" (built piece by piece: GCC 12 warns falsely on "{" + name)
  token.reserve(name.size() + 2);
  token += '{';
  token += name;
  token += '}';
  for (size_t at = text.find(token); at != std::string::npos;
       at = text.find(token, at + value.size()))
    text.replace(at, token.size(), value);
  return text;
}

}  // namespace ombud::core

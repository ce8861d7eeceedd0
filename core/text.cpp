#include "core/text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <vector>

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

namespace {

// A digit at `at`: its width in bytes (1 ASCII, 3 full-width U+FF10..U+FF19), else 0.
std::size_t digit_at(std::string_view s, std::size_t at) {
  const auto c = static_cast<unsigned char>(s[at]);
  if (c >= '0' && c <= '9') return 1;
  if (c == 0xEF && at + 2 < s.size() && static_cast<unsigned char>(s[at + 1]) == 0xBC) {
    const auto d = static_cast<unsigned char>(s[at + 2]);
    if (d >= 0x90 && d <= 0x99) return 3;
  }
  return 0;
}

bool is_separator(char c) { return c == ' ' || c == '-' || c == '(' || c == ')'; }

bool is_word_char(unsigned char c) { return std::isalpha(c) || c == '_'; }

// Calls on_run(begin, end, digit positions) for every run of digits with separators that is
// not glued to a letter before it.
template <typename OnRun>
void digit_runs(std::string_view s, OnRun on_run) {
  std::size_t i = 0;
  while (i < s.size()) {
    const bool glued = i > 0 && is_word_char(static_cast<unsigned char>(s[i - 1]));
    const bool plus = s[i] == '+' && i + 1 < s.size() && digit_at(s, i + 1) > 0;
    if (glued && digit_at(s, i) > 0) {  // part of a word ("T2611300001"): all of it skipped
      while (i < s.size() && (digit_at(s, i) > 0 || is_word_char(static_cast<unsigned char>(s[i]))))
        i += std::max<std::size_t>(1, digit_at(s, i));
      continue;
    }
    if (!plus && digit_at(s, i) == 0) {
      ++i;
      continue;
    }
    const auto begin = i;
    if (plus) ++i;
    std::vector<std::pair<std::size_t, std::size_t>> digits;  // position, width
    std::size_t end = i;
    while (i < s.size()) {
      if (const auto w = digit_at(s, i)) {
        digits.emplace_back(i, w);
        i += w;
        end = i;
      } else if (is_separator(s[i]) && !digits.empty()) {
        ++i;
      } else {
        break;
      }
    }
    on_run(begin, end, digits);
    i = std::max(end, begin + 1);
  }
}

}  // namespace

std::string mask_phone_numbers(std::string_view text) {
  std::string out(text);
  // Replaced from the back, so that earlier positions stay valid.
  std::vector<std::pair<std::size_t, std::size_t>> masked_digits;
  digit_runs(text, [&](std::size_t, std::size_t, const auto& digits) {
    if (digits.size() < 7) return;
    // Like masked(): the four digits before the last four hidden ("139****5678").
    const std::size_t hidden = std::min<std::size_t>(digits.size() - 4, 4);
    const std::size_t first = digits.size() - 4 - hidden;
    for (std::size_t k = first; k < first + hidden; ++k) masked_digits.push_back(digits[k]);
  });
  for (auto it = masked_digits.rbegin(); it != masked_digits.rend(); ++it)
    out.replace(it->first, it->second, "*");
  return out;
}

bool has_digit_run(std::string_view text, std::size_t digits_wanted) {
  bool found = false;
  digit_runs(text, [&](std::size_t, std::size_t, const auto& digits) {
    found = found || digits.size() >= digits_wanted;
  });
  return found;
}

std::size_t find_word(std::string_view text, std::string_view word) {
  if (word.empty()) return std::string_view::npos;
  auto latin = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  for (auto at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    if (!latin(word.front())) return at;
    const bool starts = at == 0 || !latin(text[at - 1]);
    const bool ends = at + word.size() >= text.size() || !latin(text[at + word.size()]);
    if (starts && ends) return at;
  }
  return std::string_view::npos;
}

}  // namespace ombud::core

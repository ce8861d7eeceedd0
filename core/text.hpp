#pragma once
// Text helpers: matching what customers write (ICU: never used on stored text), and cutting,
// quoting and masking on UTF-8 character boundaries.

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ombud::core {

/// NFKC case-folded and trimmed: full-width letters and digits become ASCII, case goes away
/// ("ＳＴＡＴＵＳ　Ｔ１" → "status t1").
std::string normalize(std::string_view utf8);

/// Where `word` stands in `text` as a word of its own: a Latin word is not part of a longer
/// one ("no" is not in "not" or "know", "sue" not in "issue"); a Chinese one is found anywhere.
/// npos when it does not. Both as given (normalize them first to ignore case and width).
std::size_t find_word(std::string_view text, std::string_view word);

/// Characters (code points) in `utf8`.
std::size_t char_count(std::string_view utf8);

/// UTF-16 code units, which is what an SMS segment counts when the text is not plain GSM.
std::size_t utf16_units(std::string_view utf8);

/// True when every byte is printable ASCII or a newline (sent as GSM 7-bit, 160 a segment).
bool is_plain_ascii(std::string_view utf8);

/// Splits after sentence ends (。！？；.!?; and newlines), keeping the punctuation.
std::vector<std::string> sentences(std::string_view utf8);

/// Replaces every "{name}" in `text` with `value`.
std::string fill_in(std::string text, std::string_view name, std::string_view value);

/// A phone number or address for logs and staff: "+8613800138000" → "+86138****8000".
inline std::string masked(std::string_view address) {
  if (address.size() <= 8) return std::string(address);
  return std::string(address.substr(0, address.size() - 8)) + "****" +
         std::string(address.substr(address.size() - 4));
}

/// `text` with every phone number in it masked as masked() masks an address: any run of 7 or
/// more digits (ASCII or full-width), with or without a leading '+' and with spaces, hyphens
/// or brackets between them, that is not part of a word (a ticket number "T2611300001" is
/// kept). Every form the dialog's phone parser accepts is such a run.
std::string mask_phone_numbers(std::string_view text);

/// True when `text` holds a run of at least `digits` digits (ASCII or full-width, separators
/// as in mask_phone_numbers).
bool has_digit_run(std::string_view text, std::size_t digits);

/// The longest prefix of `s` no longer than `max` bytes that does not cut a UTF-8 character.
inline std::string_view utf8_prefix(std::string_view s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

/// Text from outside made safe for one log line: control characters (line breaks, NUL, ESC)
/// written as \xNN so that nobody can forge a line, and cut to `max` bytes with "…".
inline std::string log_safe(std::string_view s, std::size_t max = 160) {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto kept = utf8_prefix(s, max);
  std::string out;
  out.reserve(kept.size() + 8);
  for (unsigned char c : kept) {
    if (c < 0x20 || c == 0x7f) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  if (kept.size() < s.size()) out += "…";
  return out;
}

/// A number stored as text; `fallback` when the field is empty or not a number (stored data is
/// outside input too: a hand-edited or corrupted field must not throw).
inline std::int64_t to_int64(std::string_view text, std::int64_t fallback = 0) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() ? value : fallback;
}

/// Text a person typed, as it may go out in a message: line breaks kept (CR LF and a lone CR
/// become LF), a tab a space, every other control character (NUL, ESC, BEL, DEL) dropped.
inline std::string plain_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (c == '\t') {
      out += ' ';
    } else if (c == '\n' || (c >= 0x20 && c != 0x7f)) {
      out += static_cast<char>(c);
    }
  }
  return out;
}

/// Customer text inside a message to staff: one line (line breaks and other control
/// characters become spaces), at most `max` bytes cut on a character boundary, inside 「」,
/// with brackets that could close the quote or open a system line (」【】) replaced, so that
/// nothing a customer writes can pass for ombud's own lines. U+FFFD (what the edge made of
/// bytes that were not UTF-8; the raw bytes are kept) becomes "?": no replacement character
/// reaches staff.
inline std::string quoted(std::string_view text, std::size_t max = 240) {
  std::string flat;
  flat.reserve(text.size());
  for (unsigned char c : text) flat += (c < 0x20 || c == 0x7f) ? ' ' : static_cast<char>(c);
  for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"」", "』"},
                         {"【", "["},
                         {"】", "]"},
                         {"\xEF\xBF\xBD", "?"}})
    for (auto at = flat.find(from); at != std::string::npos; at = flat.find(from, at + to.size()))
      flat.replace(at, from.size(), to);
  const auto kept = utf8_prefix(flat, max);
  return "「" + std::string(kept) + (kept.size() < flat.size() ? "…」" : "」");
}

}  // namespace ombud::core

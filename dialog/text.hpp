#pragma once
// Text helpers for matching what customers write (ICU): never used on stored text.

#include <string>
#include <string_view>
#include <vector>

namespace ombud::dialog {

/// NFKC case-folded and trimmed: full-width letters and digits become ASCII, case goes away
/// ("ＳＴＡＴＵＳ　Ｔ１" → "status t1").
std::string normalize(std::string_view utf8);

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

}  // namespace ombud::dialog

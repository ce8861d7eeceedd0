#pragma once
// SMS length: how a text is split into messages a phone shows whole.

#include <string>
#include <vector>

namespace ombud::core {

/// SMS length limits: a text longer than `segments` segments is split at sentence ends.
struct SmsLimits {
  int segments = 2;
  int ucs2_chars = 70;  ///< a single SMS when the text is not plain GSM (any Chinese)
  int gsm_chars = 160;  ///< a single SMS of plain ASCII text
  int ucs2_part_chars = 67;  ///< per part of a concatenated SMS (the rest is its header)
  int gsm_part_chars = 153;
  int ticket_chars = 11;  ///< what "{ticket}" becomes (prefix, date, serial), counted as such
};

/// How many SMS segments `text` takes as one concatenated message: 1 up to 70 UCS-2 (160
/// GSM) characters, else one per 67 (153).
int sms_segments(const std::string& text, const SmsLimits& limits);

/// Splits `text` into messages of at most `limits.segments` SMS segments each, at sentence
/// ends where it can and never inside a UTF-8 character. A single segment holds 70 UCS-2 (160
/// GSM) characters; a part of a concatenated SMS 67 (153), its header taking the rest.
std::vector<std::string> split_for_sms(const std::string& text, const SmsLimits& limits);

}  // namespace ombud::core

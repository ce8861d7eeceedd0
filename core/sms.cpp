#include "core/sms.hpp"

#include "core/text.hpp"

#include <unicode/utf8.h>

#include <algorithm>

namespace ombud::core {

int sms_segments(const std::string& text, const SmsLimits& limits) {
  const bool gsm = is_plain_ascii(text);
  const auto n = gsm ? text.size() : utf16_units(text);
  const auto single = static_cast<std::size_t>(gsm ? limits.gsm_chars : limits.ucs2_chars);
  const auto part = static_cast<std::size_t>(
      std::max(1, gsm ? limits.gsm_part_chars : limits.ucs2_part_chars));
  if (n <= single) return 1;
  return static_cast<int>((n + part - 1) / part);
}

std::vector<std::string> split_for_sms(const std::string& text, const SmsLimits& limits) {
  const bool gsm = is_plain_ascii(text);
  const auto segments = static_cast<std::size_t>(std::max(1, limits.segments));
  const auto single = static_cast<std::size_t>(gsm ? limits.gsm_chars : limits.ucs2_chars);
  const auto part = static_cast<std::size_t>(gsm ? limits.gsm_part_chars : limits.ucs2_part_chars);
  const std::size_t limit = segments == 1 ? single : part * segments;
  // "{ticket}" is filled in when the ticket is stored, after the split: it counts as the
  // number it becomes, and no cut falls inside it.
  constexpr std::string_view kTicket = "{ticket}";
  const auto ticket_chars = static_cast<std::size_t>(std::max(1, limits.ticket_chars));
  auto length = [&](std::string_view s) {
    std::size_t n = gsm ? s.size() : utf16_units(s);
    for (auto at = s.find(kTicket); at != std::string_view::npos; at = s.find(kTicket, at + 1))
      n = n + ticket_chars - kTicket.size();
    return n;
  };
  if (length(text) <= limit) return {text};
  std::vector<std::string> out;
  std::string chunk;
  auto flush = [&] {
    while (!chunk.empty() && (chunk.back() == '\n' || chunk.back() == ' ')) chunk.pop_back();
    if (!chunk.empty()) out.push_back(std::move(chunk));
    chunk.clear();
  };
  for (auto& sentence : sentences(text)) {
    if (length(chunk) + length(sentence) > limit) flush();
    if (chunk.empty())  // a part starts with its words, not the space between two sentences
      sentence.erase(0, std::min(sentence.find_first_not_of(" \n"), sentence.size()));
    if (length(sentence) <= limit) {
      chunk += sentence;
      continue;
    }
    // One sentence longer than a whole message: cut it by characters.
    const auto* s = reinterpret_cast<const uint8_t*>(sentence.data());
    const auto len = static_cast<int32_t>(sentence.size());
    int32_t start = 0;
    for (int32_t i = 0; i < len;) {
      int32_t before = i;
      UChar32 c;
      U8_NEXT(s, i, len, c);
      if (length(std::string_view(sentence).substr(static_cast<size_t>(start),
                                                   static_cast<size_t>(i - start))) > limit) {
        const auto brace = sentence.rfind('{', static_cast<size_t>(before));
        if (brace != std::string::npos && brace > static_cast<size_t>(start) &&
            static_cast<size_t>(before) < brace + kTicket.size() &&
            std::string_view(sentence).substr(brace).starts_with(kTicket))
          before = static_cast<int32_t>(brace);  // not inside the placeholder
        chunk = sentence.substr(static_cast<size_t>(start), static_cast<size_t>(before - start));
        flush();
        start = before;
      }
    }
    chunk = sentence.substr(static_cast<size_t>(start));
  }
  flush();
  return out;
}

}  // namespace ombud::core

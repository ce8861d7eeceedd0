#include "core/language.hpp"

#include <unicode/uscript.h>
#include <unicode/utf8.h>

namespace ombud::core {

Language detect_language(std::string_view text, Language fallback) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  bool latin = false;
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) continue;
    if (c < 0x80) {  // ASCII: letters are Latin, the rest says nothing
      latin = latin || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      continue;
    }
    UErrorCode status = U_ZERO_ERROR;
    const auto script = uscript_getScript(c, &status);
    if (U_FAILURE(status)) continue;
    if (script == USCRIPT_HAN) return Language::zh;
    latin = latin || script == USCRIPT_LATIN;
  }
  return latin ? Language::en : fallback;
}

const char* to_string(Language language) noexcept {
  return language == Language::zh ? "zh" : "en";
}

}  // namespace ombud::core

#include "dialog/language.hpp"

#include <unicode/uscript.h>
#include <unicode/utf8.h>

namespace ombud::dialog {

Language detect_language(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0x2E80) continue;  // below the CJK blocks: skip the ICU call
    UErrorCode status = U_ZERO_ERROR;
    if (uscript_getScript(c, &status) == USCRIPT_HAN && U_SUCCESS(status)) return Language::zh;
  }
  return Language::en;
}

const char* to_string(Language language) noexcept {
  return language == Language::zh ? "zh" : "en";
}

}  // namespace ombud::dialog

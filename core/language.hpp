#pragma once
// The customer's language, as far as the reply is concerned.

#include <string>
#include <string_view>

namespace ombud::core {

enum class Language { zh, en };

/// zh when the text contains a Han character (ICU script property), en when it contains a
/// Latin letter, else `fallback`: digits, punctuation, phone numbers and emoji say nothing
/// about the language, so a customer answering "1" keeps the language they had.
Language detect_language(std::string_view utf8_text, Language fallback = Language::en);

const char* to_string(Language language) noexcept;

/// A text in both languages the desk serves.
struct LocalizedText {
  std::string zh;
  std::string en;

  const std::string& in(Language language) const { return language == Language::zh ? zh : en; }
};

}  // namespace ombud::core

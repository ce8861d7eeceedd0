#include "channels/channel.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace ombud::channels {

namespace {

constexpr std::array<std::string_view, 2> kHelpWords{"HELP", "INFO"};

template <typename Words>
bool one_of(const Words& words, std::string_view s) {
  return std::find(words.begin(), words.end(), s) != words.end();
}

std::string trimmed_upper(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

OptKeyword opt_keyword(const core::InboundMessage& message, const OptWords& words) {
  if (!message.opt_out_type.empty()) {  // the provider's word (its own list) is authoritative
    const auto type = trimmed_upper(message.opt_out_type);
    if (type == "STOP") return OptKeyword::stop;
    if (type == "START") return OptKeyword::start;
    if (type == "HELP") return OptKeyword::help;
    return OptKeyword::none;
  }
  const auto word = trimmed_upper(message.text);
  if (word.size() > 32) return OptKeyword::none;
  if (one_of(words.stop, word)) return OptKeyword::stop;
  if (one_of(words.start, word)) return OptKeyword::start;
  if (one_of(kHelpWords, word)) return OptKeyword::help;
  return OptKeyword::none;
}

}  // namespace ombud::channels

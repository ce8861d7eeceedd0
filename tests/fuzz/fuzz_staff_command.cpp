// What people send by SMS about a ticket: a staff SMS parses to a command or to none, and a
// customer's answer to the satisfaction survey to a rating or none, its comment always the
// end of what they wrote (as normalized), never more.
#include "core/text.hpp"
#include "tickets/commands.hpp"
#include "tickets/survey.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ombud::tickets::parse_staff_command(text);
  static const ombud::tickets::SurveyRules rules;
  const auto answer = ombud::tickets::understand_answer(text, rules);
  if (!ombud::core::normalize(text).ends_with(answer.comment)) std::abort();
  if (!answer.rating && !answer.comment.empty()) std::abort();
  return 0;
}

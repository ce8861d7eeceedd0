// What a console client sends: an action name and its body. The first byte picks the action
// (by index, so every ticket and handoff action is reached), the rest is the body. The same
// bytes go through what the console does to outside text it shows or searches (a number
// masked, a digit run found, a typed text cleaned): the result must stay valid where the input
// was, and masking must never lengthen it.
#include "console/requests.hpp"
#include "core/process_name.hpp"
#include "core/text.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

using namespace ombud::console;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const std::vector<std::string_view> ticket_actions = [] {
    std::vector<std::string_view> names;
    for (const auto& row : ombud::tickets::command_table())
      if (row.staff()) names.push_back(row.name);
    return names;
  }();
  const auto& conversation_specs = handoff_specs();
  const std::size_t pick = data[0] % (ticket_actions.size() + conversation_specs.size());
  const std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (ombud::core::mask_phone_numbers(body).size() > body.size()) std::abort();
  ombud::core::has_digit_run(body, 5);
  for (unsigned char c : ombud::core::plain_text(body))
    if ((c < 0x20 && c != '\n') || c == 0x7f) std::abort();
  ombud::core::process_of(body);
  // A refusal says what was wrong.
  if (pick < ticket_actions.size()) {
    auto parsed = parse_action(ticket_actions[pick], "application/json", body);
    if (auto* error = std::get_if<BodyError>(&parsed); error && error->message.empty()) std::abort();
  } else {
    auto parsed = parse_body(conversation_specs[pick - ticket_actions.size()].fields, "application/json", body);
    if (auto* error = std::get_if<BodyError>(&parsed); error && error->message.empty()) std::abort();
  }
  return 0;
}

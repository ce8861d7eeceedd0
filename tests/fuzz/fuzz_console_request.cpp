// What a console client sends: an action name and its body. The first byte picks the action
// (by index, so every ticket and handoff action is reached), the rest is the body.
#include "console/requests.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

using namespace ombud::console;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto& ticket_specs = action_specs();
  const auto& conversation_specs = handoff_specs();
  const std::size_t pick = data[0] % (ticket_specs.size() + conversation_specs.size());
  const std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  // A refusal says what was wrong.
  if (pick < ticket_specs.size()) {
    auto parsed = parse_action(ticket_specs[pick].action, "application/json", body);
    if (auto* error = std::get_if<BodyError>(&parsed); error && error->message.empty()) std::abort();
  } else {
    auto parsed = parse_body(conversation_specs[pick - ticket_specs.size()], "application/json", body);
    if (auto* error = std::get_if<BodyError>(&parsed); error && error->message.empty()) std::abort();
  }
  return 0;
}

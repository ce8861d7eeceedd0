// What a console client sends: an action name and its body. The first line picks the action
// (by index, so every action is reached), the rest is the body.
#include "console/requests.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

using namespace ombud::console;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto& specs = action_specs();
  const auto& spec = specs[data[0] % specs.size()];
  const std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto parsed = parse_action(spec.action, "application/json", body);
  if (auto* error = std::get_if<BodyError>(&parsed)) {
    // A refusal says what was wrong; a named field is one the body had or the action needs.
    if (error->message.empty()) std::abort();
  }
  return 0;
}

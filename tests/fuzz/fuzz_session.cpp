// The stored dialog session: any stored text reads as a session or as none, and a session
// read once survives being written and read again.
#include "dialog/session.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto session =
      ombud::dialog::session_from_json(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!session) return 0;
  const auto json = ombud::dialog::to_json(*session);
  auto again = ombud::dialog::session_from_json(json);
  if (!again || ombud::dialog::to_json(*again) != json) std::abort();
  return 0;
}

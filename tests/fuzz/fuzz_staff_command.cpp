// A staff SMS: any text parses to a command or to none.
#include "tickets/commands.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ombud::tickets::parse_staff_command(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}

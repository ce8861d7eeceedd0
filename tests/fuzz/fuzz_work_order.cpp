// The stored ticket (work order fields and the directory JSON): any stored values read
// without a crash, and what is read writes back to values that read the same.
#include "tickets/directory.hpp"
#include "tickets/work_order.hpp"

#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>

using namespace ombud::tickets;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  // Lines of "field=value" make the stored hash.
  std::map<std::string, std::string> fields;
  std::size_t at = 0;
  while (at <= input.size()) {
    auto end = input.find('\n', at);
    if (end == std::string::npos) end = input.size();
    const auto line = input.substr(at, end - at);
    const auto eq = line.find('=');
    if (eq != std::string::npos) fields[line.substr(0, eq)] = line.substr(eq + 1);
    at = end + 1;
  }
  const auto order = work_order_from(fields);
  std::map<std::string, std::string> written;
  for (auto& [k, v] : work_order_fields(order)) written[k] = v;
  written["number"] = order.number;
  const auto again = work_order_from(written);
  if (again.cooperating != order.cooperating || again.state != order.state ||
      again.timeline.size() != order.timeline.size() - order.timeline_stored)
    std::abort();
  if (auto directory = Directory::from_json(input)) Directory::from_json(directory->to_json());
  return 0;
}

// The form decoder (Boost.URL): any body either decodes or is refused; what decodes encodes
// back to a body that decodes to the same pairs.
#include "channels/common/form.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  auto form = ombud::channels::parse_form(body);
  if (!form) return 0;
  auto again = ombud::channels::parse_form(ombud::channels::encode_form(*form));
  if (!again || *again != *form) std::abort();
  return 0;
}

// Everything of a generic webhook that comes from outside: the signature headers and the JSON
// event body.
#include "channels/common/inbound_text.hpp"
#include "channels/generic/channel.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

using namespace ombud::channels;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  // The first line is the signature header, the rest the body.
  const auto newline = input.find('\n');
  const std::string signature = input.substr(0, newline);
  const std::string body = newline == std::string::npos ? "" : input.substr(newline + 1);
  if (generic::signature("a-secret-of-16-bytes", "1700000000", body) == signature) std::abort();
  auto parsed = generic::parse_event("main", body, 0);
  if (auto* p = std::get_if<Parsed>(&parsed))
    for (const auto& m : p->messages) {
      // What is accepted is whole: valid UTF-8 text, an identifier of its shape, a sender.
      if (repair_utf8(m.text) != m.text || !is_identifier(m.provider_id, 128) || m.from.empty())
        std::abort();
    }
  return 0;
}

// The configuration file: any YAML is either a configuration or a ConfigError naming the
// problems; nothing else escapes.
#include "gateway/config.hpp"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    ombud::gateway::parse_config(std::string(reinterpret_cast<const char*>(data), size),
                                 OMBUD_SOURCE_DIR "/config/fuzz.yaml");
  } catch (const ombud::gateway::ConfigError&) {
  }
  return 0;
}

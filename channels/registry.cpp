#include "channels/registry.hpp"

#include "channels/generic/channel.hpp"
#include "channels/twilio/channel.hpp"

namespace ombud::channels {

namespace {

// One line per channel: a new provider is a folder under channels/ and a line here.
constexpr ChannelType kChannelTypes[] = {
    {"twilio", &twilio::load},
    {"generic", &generic::load},
};

}  // namespace

std::span<const ChannelType> channel_types() {
  return kChannelTypes;
}

void read_channels(core::Reader& reader, const YAML::Node& node, const ChannelContext& context,
                   ChannelSet& out) {
  if (!node.IsMap()) return reader.problem("channels", "must be a mapping");
  for (const auto& kv : node) {
    const auto name = kv.first.as<std::string>();
    const auto path = "channels." + name;
    const ChannelType* type = nullptr;
    for (const auto& t : kChannelTypes)
      if (t.name == name) type = &t;
    if (type == nullptr) {
      reader.problem(path, "unknown channel");
      continue;
    }
    if (auto channel = type->load(reader, kv.second, path, context)) out.add(std::move(channel));
  }
}

}  // namespace ombud::channels

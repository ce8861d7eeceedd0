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

void read_channels(core::Section section, const ChannelContext& context, ChannelSet& out) {
  for (const auto& type : kChannelTypes) {
    const std::string name(type.name);
    if (!section.has(name.c_str())) continue;
    if (auto channel = type.load(section.reader(), section.node(name.c_str()), section.path(name.c_str()), context))
      out.add(std::move(channel));
  }
}

}  // namespace ombud::channels

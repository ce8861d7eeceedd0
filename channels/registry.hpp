#pragma once
// The channels ombud knows (one line each in registry.cpp) and the ones a configuration turns on.

#include "channels/channel.hpp"
#include "channels/common/inbound_text.hpp"
#include "core/config_reader.hpp"

#include <cstddef>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ombud::channels {

/// What a channel's configuration may need from the rest of the file.
struct ChannelContext {
  std::string public_base_url;  ///< server.public_base_url: how providers reach us
  OptWords opt_words;           ///< opt_out: the SMS opt-out words
};

/// A kind of channel: its name (the key under `channels:` in the configuration) and how its
/// section is read. `load` reports every problem to the reader (under `path`) and returns
/// nullptr when the section configures nothing usable.
struct ChannelType {
  std::string_view name;
  std::shared_ptr<const Channel> (*load)(core::Reader& reader, const YAML::Node& section,
                                         const std::string& path, const ChannelContext& context);
};

/// A channel's section as a list of accounts: each item is a mapping with a unique `id` (a
/// path segment of its webhook URL: letters, digits, '-', '_') and what `read_one(section,
/// account)` reads besides. Problems go to the reader; the list may come back empty.
template <typename Account, typename ReadOne>
std::vector<Account> read_accounts(core::Reader& reader, const YAML::Node& list,
                                   const std::string& path, ReadOne read_one) {
  std::vector<Account> accounts;
  if (!list.IsSequence()) {
    reader.problem(path, "must be a list of accounts");
    return accounts;
  }
  std::set<std::string> ids;
  for (std::size_t i = 0; i < list.size(); ++i) {
    core::Section item(reader, list[i], path + "[" + std::to_string(i) + "]");
    if (!item.present()) continue;
    Account account;
    item.get("id", account.id, true);
    if (!account.id.empty() && !is_identifier(account.id, 64))
      item.problem("id", "must be letters, digits, '-' or '_'");
    if (!account.id.empty() && !ids.insert(account.id).second) item.problem("id", "is used twice");
    read_one(item, account);
    accounts.push_back(std::move(account));
  }
  return accounts;
}

/// Every channel ombud has, in the order their sections are documented.
std::span<const ChannelType> channel_types();

/// The configured channels.
class ChannelSet {
 public:
  void add(std::shared_ptr<const Channel> channel) { channels_.push_back(std::move(channel)); }
  /// Puts `channel` in the place of the one with its name (or adds it).
  void replace(std::shared_ptr<const Channel> channel) {
    for (auto& c : channels_)
      if (c->name() == channel->name()) {
        c = std::move(channel);
        return;
      }
    add(std::move(channel));
  }
  const Channel* find(std::string_view name) const {
    for (const auto& c : channels_)
      if (c->name() == name) return c.get();
    return nullptr;
  }
  const std::vector<std::shared_ptr<const Channel>>& all() const { return channels_; }
  bool empty() const { return channels_.empty(); }

 private:
  std::vector<std::shared_ptr<const Channel>> channels_;
};

/// Reads `channels:` (a map of channel name → its section) into `out`; a name no channel has
/// is an unknown key.
void read_channels(core::Section section, const ChannelContext& context, ChannelSet& out);

}  // namespace ombud::channels

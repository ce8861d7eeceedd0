#include "gateway/acknowledgement.hpp"

#include "channels/twilio_sms.hpp"

namespace ombud::gateway {

Acknowledgement::Acknowledgement(const RepliesConfig& replies, store::Keys keys)
    : replies_(replies), keys_(std::move(keys)) {}

store::InboxEffects Acknowledgement::process(const store::InboxEntry& entry, bool opted_out) const {
  const auto& m = entry.message;
  const auto language = dialog::detect_language(m.text);
  store::InboxEffects effects;
  auto reply = [&](const dialog::LocalizedText& text, store::OutboundKind kind) {
    // Derived from the inbox entry, so reprocessing an entry names the same messages.
    std::string id = std::to_string(entry.partition) + "-" + entry.id + "-" +
                     std::to_string(effects.outbound.size());
    effects.outbound.push_back(
        {std::move(id), m.channel, m.account, m.from, text.in(language), kind});
  };
  const bool provider_answered = !m.opt_out_type.empty();
  const auto opt_key = keys_.opt_out(m.channel, m.account, m.from);

  switch (channels::opt_keyword(m)) {
    case channels::OptKeyword::stop:
      effects.set.emplace_back(opt_key, std::to_string(m.received_ms));
      if (!provider_answered) reply(replies_.opted_out, store::OutboundKind::opt_confirmation);
      break;
    case channels::OptKeyword::start:
      effects.del.push_back(opt_key);
      if (!provider_answered) reply(replies_.opted_in, store::OutboundKind::opt_confirmation);
      break;
    case channels::OptKeyword::help:
      if (!provider_answered) reply(replies_.help, store::OutboundKind::opt_confirmation);
      break;
    case channels::OptKeyword::none:
      if (!opted_out) reply(replies_.acknowledgement, store::OutboundKind::reply);
      break;
  }
  return effects;
}

}  // namespace ombud::gateway

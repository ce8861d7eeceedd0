#include "dialog/engine.hpp"

#include "core/sms.hpp"
#include "core/text.hpp"
#include "dialog/conversation.hpp"

namespace ombud::dialog {

using core::fill_in;

Engine::Engine(const Settings& settings) : settings_(settings) {}

Turn Engine::step(Session session, const Inbound& message) const {
  return detail::Conversation(settings_, *this, std::move(session), message).run();
}

std::vector<std::string> Engine::status_reply(
    const std::string& number, const std::optional<std::map<std::string, std::string>>& fields,
    Language language) const {
  const auto& t = settings_.texts;
  if (!fields) return split_for_sms(fill_in(t.status_not_found.in(language), "ticket", number));
  std::string text = fill_in(t.status_found.in(language), "ticket", number);
  for (const auto& [name, value] : *fields) text = fill_in(std::move(text), name, value);
  return split_for_sms(text);
}

std::vector<std::string> Engine::split_for_sms(const std::string& text) const {
  return core::split_for_sms(text, settings_.sms);
}

}  // namespace ombud::dialog

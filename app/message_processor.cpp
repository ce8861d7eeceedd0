#include "app/message_processor.hpp"
#include "store/desk_effects.hpp"

#include "core/text.hpp"


#include <spdlog/spdlog.h>
#include <boost/json.hpp>

namespace ombud::app {

using tickets::Notice;
using tickets::TicketDesk;

// A dialog command (restart, status, human, …): those still reach the dialog while a ticket
// is open, so the customer can always start something new or ask.
bool MessageProcessor::is_command(std::string_view text) const {
  const auto norm = core::normalize(text);
  const auto& c = config_.dialog.commands;
  for (const auto* list :
       {&c.cancel, &c.back, &c.restart, &c.human, &c.help, &c.english, &c.chinese})
    for (const auto& w : *list)
      if (norm == core::normalize(w)) return true;
  for (const auto& w : c.status)
    if (norm.starts_with(core::normalize(w))) return true;
  return false;
}

// Cancel or restart: the customer no longer waits for a person.
bool MessageProcessor::leaves(std::string_view text) const {
  const auto norm = core::normalize(text);
  const auto& c = config_.dialog.commands;
  for (const auto* list : {&c.cancel, &c.restart})
    for (const auto& w : *list)
      if (norm == core::normalize(w)) return true;
  return false;
}

bool MessageProcessor::is_automatic(const core::InboundMessage& message) const {
  const auto norm = core::normalize(message.text);
  for (const auto& marker : auto_reply_markers_)
    if (norm.starts_with(marker)) return true;
  // An SMPP delivery receipt passed on as a message (SMPP 3.4 appendix B).
  return norm.starts_with("id:") && norm.find(" dlvrd:") != std::string::npos;
}

void MessageProcessor::limit_replies(Outcome& outcome, const store::InboxEntry& entry,
                                     std::optional<std::string_view> budget) const {
  auto& outbound = outcome.effects.outbound;
  if (outbound.empty()) return;
  const auto& m = entry.message;
  const auto& limits = config_.limits;
  const auto window_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             limits.reply_window).count();
  std::int64_t start = m.received_ms, used = 0;
  if (budget) {
    const auto space = budget->find(' ');
    const auto stored_start = core::to_int64(budget->substr(0, space), -1);
    if (space != std::string_view::npos && stored_start >= 0 &&
        m.received_ms - stored_start < window_ms) {
      start = stored_start;
      used = core::to_int64(budget->substr(space + 1));
    }
  }
  const auto limit = static_cast<std::int64_t>(limits.replies_per_sender);
  const auto wanted = static_cast<std::int64_t>(outbound.size());
  if (used + wanted > limit) {
    outbound.clear();
    if (used <= limit) {  // the first message past the limit in this window flags the sender
      outcome.effects.sender.flagged_at = m.received_ms;
      spdlog::warn("limits: {} went past {} automatic messages in {} s; not answered until the "
                   "window ends, flagged for a person",
                   core::masked(m.from), limits.replies_per_sender, limits.reply_window.count());
    }
    used = limit + 1;
  } else {
    used += wanted;
  }
  const auto left = std::chrono::milliseconds(start + window_ms - m.received_ms);
  outcome.effects.sender.reply_budget = store::SenderWrites::Kept{
      std::to_string(start) + " " + std::to_string(used),
      std::max(std::chrono::duration_cast<std::chrono::seconds>(left), std::chrono::seconds(1))};
}

namespace {

// What the desk needs of the rest of the configuration.
tickets::DeskSettings desk_settings(const Config& config) {
  tickets::DeskSettings s;
  s.timezone = config.timezone;
  s.ticket_prefix = config.dialog.ticket_prefix;
  s.sms = config.dialog.sms;
  s.remember_language = config.dialog.remember_language;
  if (const auto* flow = config.dialog.flows.flow(config.dialog.complaint_flow))
    for (const auto& [id, step] : flow->steps)
      if (step.slot == config.dialog.classifier.category_slot)
        for (const auto& o : step.options) s.category_labels.emplace(o.value, o.label);
  // The complaint flow's other questions, in its order, for the department's notices.
  if (const auto* flow = config.dialog.flows.flow(config.dialog.complaint_flow)) {
    const auto& d = config.dialog;
    s.details.clear();
    for (const auto& id : flow->order) {
      const auto& step = flow->steps.at(id);
      if (step.slot.empty() || step.slot == d.classifier.category_slot ||
          step.slot == d.classifier.description_slot || step.slot == "demand" ||
          step.slot == d.name_slot || step.slot == d.phone_slot)
        continue;
      tickets::DeskSettings::Detail detail{step.slot, step.label, {}};
      for (const auto& o : step.options) detail.shown.emplace(o.value, o.label);
      if (step.kind == dialog::InputKind::yes_no) {
        detail.shown.emplace("yes", d.texts.yes);
        detail.shown.emplace("no", d.texts.no);
      }
      s.details.push_back(std::move(detail));
    }
  }
  s.remembered_language = [](core::Language language, std::int64_t at_ms) {
    dialog::Session memory;
    memory.language = language;
    memory.updated_ms = at_ms;
    return dialog::to_json(memory);
  };
  return s;
}

}  // namespace

MessageProcessor::MessageProcessor(const Config& config, store::Keys keys)
    : config_(config),
      keys_(keys),
      engine_(config.dialog),
      desk_(config.tickets, desk_settings(config)) {
  for (const auto& marker : config.limits.auto_reply_markers)
    auto_reply_markers_.push_back(core::normalize(marker));
}

// Derived from the inbox entry, so that processing an entry again names the same messages.
std::string MessageProcessor::message_id(const store::InboxEntry& entry, std::size_t index) {
  return std::to_string(entry.partition) + "-" + entry.id + "-" + std::to_string(index);
}

void MessageProcessor::reply(Outcome& outcome, const store::InboxEntry& entry, std::string text,
                             core::OutboundKind kind) const {
  const auto& m = entry.message;
  auto& outbound = outcome.effects.outbound;
  outbound.push_back({message_id(entry, outbound.size()), m.channel, m.account, m.from,
                      std::move(text), kind});
}

MessageProcessor::Outcome MessageProcessor::process(
    const store::InboxEntry& entry, bool opted_out, std::optional<std::string_view> session_json,
    const tickets::Directory* directory,
    const std::optional<tickets::Ticket>& latest_ticket) const {
  const auto& m = entry.message;
  Outcome out;
  out.language = core::detect_language(m.text);
  const bool provider_answered = !m.opt_out_type.empty();
  const auto* channel = config_.channels.find(m.channel);
  switch (channel ? channel->opt_keyword(m) : channels::OptKeyword::none) {
    case channels::OptKeyword::stop:
      out.effects.sender.opted_out_at = m.received_ms;
      if (!provider_answered)
        reply(out, entry, config_.replies.opted_out.in(out.language),
              core::OutboundKind::opt_confirmation);
      return out;
    case channels::OptKeyword::start:
      out.effects.sender.opted_in = true;
      if (!provider_answered)
        reply(out, entry, config_.replies.opted_in.in(out.language),
              core::OutboundKind::opt_confirmation);
      return out;
    case channels::OptKeyword::help:  // the provider answered HELP itself
      return out;
    case channels::OptKeyword::none:
      break;
  }
  if (opted_out) return out;

  dialog::Session session;
  if (session_json) {
    if (auto stored = dialog::session_from_json(*session_json))
      session = std::move(*stored);
    else  // never silently: the customer's answers so far are lost
      spdlog::warn("dialog: the stored session of {} cannot be read; the conversation starts "
                   "afresh",
                   core::masked(m.from));
  }
  const bool in_dialog =
      session.state != dialog::Session::State::none &&
      m.received_ms - session.updated_ms <=
          std::chrono::duration_cast<std::chrono::milliseconds>(config_.dialog.idle_timeout)
              .count();
  // A customer waiting for a person writes to that person, whatever the dialog would say.
  const bool in_handoff = latest_ticket && latest_ticket->open_handoff();
  if (in_handoff && !is_command(m.text)) {
    std::vector<Notice> notices;
    tickets::Effects effects;
    desk_.handoff_message(directory, m, *latest_ticket, effects, notices);
    store::add_effects(keys_, std::move(effects), out.effects);
    send(out, entry, std::move(notices));
    return out;
  }
  if (!in_dialog && latest_ticket && !is_command(m.text)) {
    std::vector<Notice> notices;
    tickets::Effects effects;
    if (desk_.customer_message(directory, m, *latest_ticket, effects, notices)) {
      store::add_effects(keys_, std::move(effects), out.effects);
      send(out, entry, std::move(notices));
      return out;
    }
  }
  auto turn = engine_.step(std::move(session), {m.text, m.from, m.channel, m.received_ms});
  out.language = turn.session.language;

  for (auto& action : turn.actions) {
    switch (action.kind) {
      case dialog::Action::Kind::create_ticket: {
        out.effects.ticket = ticket(action.ticket, entry);
        tickets::Effects effects;
        if (action.ticket.type == "complaint")
          desk_.prepare_analysis(out.effects.ticket->fields, effects, m.received_ms);
        std::vector<Notice> notices;
        // A complaint, and a question or suggestion someone must answer, go to their department.
        if (directory && !action.ticket.record_only &&
            (action.ticket.type == "complaint" || action.ticket.type == "consultation" ||
             action.ticket.type == "suggestion"))
          desk_.dispatch(*directory, m, out.effects.ticket->fields, effects, notices);
        store::add_effects(keys_, std::move(effects), out.effects);
        send(out, entry, std::move(notices));
        // The customer is given the date of the answer (约定好回复时间), in their zone.
        const auto due_ms = desk_.reply_due(out.effects.ticket->fields, m.received_ms);
        out.calendar_uncovered = !config_.tickets.calendar.covers(due_ms);
        const auto due = tickets::local_time(due_ms, config_.timezone);
        for (auto& text : turn.replies) text = core::fill_in(std::move(text), "due", due);
        break;
      }
      case dialog::Action::Kind::handoff: {
        if (in_handoff) {  // asked again: still the same queue
          turn.replies = engine_.split_for_sms(config_.dialog.texts.waiting.in(turn.session.language));
          break;
        }
        out.effects.ticket = ticket(action.ticket, entry);
        std::vector<std::string> recent;  // what the customer said before asking, latest last
        for (const auto& line : turn.session.transcript)
          if (line.from_customer) recent.push_back(line.text);
        if (recent.size() > 4) recent.erase(recent.begin(), recent.end() - 4);
        std::vector<Notice> notices;
        tickets::Effects effects;
        const auto when = desk_.handoff(directory ? *directory : tickets::Directory{}, m, recent,
                                        out.effects.ticket->fields, effects, notices,
                                        turn.session.language);
        store::add_effects(keys_, std::move(effects), out.effects);
        send(out, entry, std::move(notices));
        for (auto& text : turn.replies) text = core::fill_in(std::move(text), "when", when);
        break;
      }
      case dialog::Action::Kind::query_status:
        out.status_query = action.ticket_number;
        break;
    }
  }
  if (turn.session.state == dialog::Session::State::none) {
    // Only the language is remembered between conversations.
    dialog::Session memory;
    memory.language = turn.session.language;
    memory.updated_ms = m.received_ms;
    out.effects.sender.session = store::SenderWrites::Kept{dialog::to_json(memory), config_.dialog.remember_language};
  } else {
    out.effects.sender.session = store::SenderWrites::Kept{
        dialog::to_json(turn.session),
        std::chrono::duration_cast<std::chrono::seconds>(config_.dialog.idle_timeout) + std::chrono::hours(1)};
  }
  if (in_handoff && leaves(m.text)) {
    std::vector<Notice> notices;  // cancel, restart: the person need not answer any more
    tickets::Effects effects;
    desk_.leave_handoff(directory, m, *latest_ticket, effects, notices);
    store::add_effects(keys_, std::move(effects), out.effects);
    send(out, entry, std::move(notices));
  }
  for (auto& text : turn.replies) reply(out, entry, std::move(text), core::OutboundKind::reply);
  return out;
}

void MessageProcessor::answer_status(Outcome& outcome, const store::InboxEntry& entry,
                                     const std::optional<tickets::Ticket>& ticket) const {
  if (!outcome.status_query) return;
  std::optional<std::map<std::string, std::string>> view;
  const auto& m = entry.message;
  if (ticket && tickets::owned_by(*ticket, m.channel, m.account, m.from))
    view = tickets::status_view(*ticket, core::to_string(outcome.language), config_.timezone);
  for (auto& text : engine_.status_reply(*outcome.status_query, view, outcome.language))
    reply(outcome, entry, std::move(text), core::OutboundKind::reply);
}

store::TicketWrite MessageProcessor::ticket(const dialog::TicketDraft& d,
                                            const store::InboxEntry& entry) const {
  const auto& m = entry.message;
  boost::json::object slots;
  for (const auto& [k, v] : d.slots) slots[k] = v;
  tickets::TicketInput in{d.type,
                          d.category,
                          m.channel,
                          m.account,
                          m.from,
                          d.phone,
                          d.name,
                          d.anonymous,
                          d.record_only,
                          core::to_string(d.language),
                          boost::json::serialize(slots),
                          boost::json::serialize(dialog::transcript_json(d.transcript)),
                          std::to_string(entry.partition) + "-" + entry.id};
  auto t = tickets::new_ticket(in, m.received_ms, config_.timezone);
  // The category as people read it (the option's label in the complaint flow).
  if (!d.category.empty())
    t.fields.emplace_back("category_label", desk_.category_label(d.category, core::Language::zh));
  return {config_.dialog.ticket_prefix,
          config_.dialog.ticket_serial_digits,
          t.date_code,
          t.owner,
          t.open,
          m.received_ms,
          std::move(t.fields)};
}

// The desk's notices, each on its recipient's contact (staff by SMS, a customer where they
// wrote from), with ids derived from the entry like the replies'.
void MessageProcessor::send(Outcome& outcome, const store::InboxEntry& entry,
                            std::vector<Notice> notices, bool by_staff) const {
  auto& outbound = outcome.effects.outbound;
  for (auto& n : notices)
    for (auto& text : engine_.split_for_sms(n.text))
      outbound.push_back(
          desk_.addressed(n.to, message_id(entry, outbound.size()), std::move(text), by_staff));
}

MessageProcessor::Outcome MessageProcessor::process_registration(const store::InboxEntry& entry,
                                                                 const tickets::Directory* directory) const {
  const auto& m = entry.message;
  Outcome out;
  boost::system::error_code ec;
  const auto parsed = boost::json::parse(m.text, ec);
  if (ec || !parsed.is_object()) return out;  // (the console checked it: nothing to do)
  const auto& r = parsed.as_object();
  auto text = [&r](const char* name) {
    const auto* v = r.if_contains(name);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  const auto* answered_value = r.if_contains("answered");
  const bool answered = answered_value && answered_value->is_bool() && answered_value->as_bool();
  const auto type = text("type");
  const auto phone = text("phone");
  const auto language = text("language") == "en" ? core::Language::en : core::Language::zh;
  out.language = language;
  // What the customer said, under the slots the dialog uses for the type.
  boost::json::object slots;
  slots[type == "consultation" ? "question" : type == "suggestion" ? "suggestion" : "description"] = text("description");
  for (const char* name : {"when_where", "demand"})
    if (!text(name).empty()) slots[name] = text(name);
  if (!text("proxy_name").empty()) slots["proxy_name"] = text("proxy_name");  // 代理投诉
  // Results go by SMS to the customer's phone (the notice route); without one, the desk
  // answers them itself (a contact of their own, so that nobody else's messages reach it).
  const auto& route = config_.tickets.notify;
  const bool by_sms = !phone.empty();
  tickets::TicketInput in{type,
                          text("category"),
                          by_sms ? route.channel : std::string(core::kDeskChannel),
                          by_sms ? route.account : m.account,
                          by_sms ? phone : m.from,
                          phone,
                          text("name"),
                          false,
                          false,
                          core::to_string(language),
                          boost::json::serialize(slots),
                          "[]",
                          std::to_string(entry.partition) + "-" + entry.id};
  auto t = tickets::new_ticket(in, m.received_ms, config_.timezone);
  if (!in.category.empty())
    t.fields.emplace_back("category_label", desk_.category_label(in.category, core::Language::zh));
  t.fields.emplace_back("registration", m.provider_id);
  t.fields.emplace_back("registered_via", text("via"));
  t.fields.emplace_back("registered_by", m.account);
  out.effects.ticket = store::TicketWrite{config_.dialog.ticket_prefix, config_.dialog.ticket_serial_digits,
                                          t.date_code, t.owner, t.open, m.received_ms, std::move(t.fields)};
  tickets::Effects effects;
  std::vector<Notice> notices;
  if (type == "complaint") desk_.prepare_analysis(out.effects.ticket->fields, effects, m.received_ms);
  if (directory) {
    auto registered = m;  // the timeline's "registered" line names the member of staff
    registered.from = m.account;
    desk_.dispatch(*directory, registered, out.effects.ticket->fields, effects, notices);
  }
  store::add_effects(keys_, std::move(effects), out.effects);
  if (by_sms && !answered) {
    const auto due = tickets::local_time(desk_.reply_due(out.effects.ticket->fields, m.received_ms), config_.timezone);
    notices.push_back({core::Contact{in.channel, in.account, phone},
                       desk_.registered_for_customer(text("via"), due, language)});
  }
  send(out, entry, std::move(notices));
  return out;
}

MessageProcessor::Outcome MessageProcessor::process_staff(
    const store::InboxEntry& entry, const tickets::Directory& directory,
    const std::optional<tickets::Ticket>& ticket,
    const std::vector<std::string>& open_tickets) const {
  Outcome out;
  std::vector<Notice> notices;
  tickets::Effects effects;
  desk_.staff_message(directory, entry.message, ticket, open_tickets, effects, notices);
  store::add_effects(keys_, std::move(effects), out.effects);
  send(out, entry, std::move(notices), /*by_staff=*/true);
  return out;
}

}  // namespace ombud::app

#include "tickets/desk/desk.hpp"

#include "core/text.hpp"
#include "tickets/acceptance.hpp"
#include "tickets/desk/helpers.hpp"

namespace ombud::tickets {

using core::Language;
using namespace desk_detail;

// Whether a complaint is accepted (受理): one that mentions a legal route waits for the desk's
// decision; the desk accepts it (dispatched as any other) or refuses it with a reason (不予受理),
// and the customer is told the reason and where to go instead.

std::string TicketDesk::decline_reasons(Language language) const {
  std::string out;
  int i = 0;
  for (const auto& r : rules_.acceptance.reasons)
    out += (out.empty() ? "" : language == Language::zh ? "；" : "; ") + std::to_string(++i) + " " +
           r.label.in(language);
  return out;
}

void TicketDesk::hold_for_decision(const tickets::Directory& directory, tickets::WorkOrder order,
                                   Ticket& ticket, const std::string& word, std::int64_t now,
                                   Effects& effects, std::vector<Notice>& notices) const {
  order.timeline.push_back({now, "system", "system", "legal_hold", word});
  ticket.order = std::move(order);
  ticket.legal_flag = word;
  const auto& acceptance = rules_.acceptance;
  const auto due = rules_.calendar.add_working_minutes(now, acceptance.decide_within_hours * 60LL);
  effects.watch.push_back({ticket.number, WatchKind::decide_due, due});
  const auto& number = ticket.number;
  auto tell = [&](const StaffMember& person, Text text) {
    const auto language = language_of(person.language);
    auto values = content(ticket, language, false);
    values["word"] = word;
    values["reasons"] = decline_reasons(language);
    effects.hold(person.phone, number, now);  // "受理" needs no number
    notices.push_back({core::Contact::phone(person.phone), say(text, language, values)});
  };
  for (const auto* person : directory.desk_on_duty()) tell(*person, &DeskTexts::legal_hold_desk);
  if (const auto* legal = directory.find(acceptance.legal_department))
    if (const auto* person = legal->with_role("responsible")) {
      const auto language = language_of(person->language);
      auto values = content(ticket, language, false);
      values["word"] = word;
      notices.push_back({core::Contact::phone(person->phone), say(&DeskTexts::legal_notice, language, values)});
    }
}

TicketDesk::ActionResult TicketDesk::decide_acceptance(const tickets::Directory& directory,
                                                       const StaffActor& actor, const Ticket& ticket,
                                                       const std::string& number, tickets::Command command,
                                                       std::int64_t now, Effects& effects,
                                                       std::vector<Notice>& notices) const {
  const auto language = actor.language;
  const bool by_desk = actor.channel == "console" || directory.desk_member(actor.id);
  if (!by_desk) return {false, say(&DeskTexts::acceptance_by_desk_only, language, {{"ticket", number}})};
  auto* decline = std::get_if<tickets::Decline>(&command);
  const DeclineReason* reason = nullptr;
  if (decline) {
    if (!decline->written.empty()) {
      const auto read = read_decline(decline->written, rules_.acceptance);
      decline->reason = read.reason ? read.reason->id : std::string();
      decline->note = read.note;
    }
    reason = rules_.acceptance.find(decline->reason);
    if (reason == nullptr)
      return {false, say(&DeskTexts::decline_needs_reason, language,
                         {{"ticket", number}, {"reasons", decline_reasons(language)}})};
  }
  Ticket after = ticket;
  after.number = number;
  after.order.number = number;
  const auto holder = ticket.order.responsible;
  auto applied = tickets::apply(after.order, command, {actor.id, actor.channel, actor.role}, now);
  if (!applied) return {false, refusal(applied, command, number, "", actor)};
  after.order = std::move(*applied.order);
  after.updated_ms = now;
  for (const auto* person : directory.desk_on_duty()) effects.release(person->phone, number);  // decided
  if (!decline) {  // 受理: dispatched as any other complaint
    if (!route(directory, after.order, after, now, effects, notices, true))
      return {false, say(&DeskTexts::not_yours, language, {{"ticket", number}, {"department", ""}})};
    // A major complaint is announced now that it is accepted (the analysis left it to the desk).
    if (after.level == 1 && after.major_alerted_ms == 0) {
      after.major_alerted_ms = now;
      for (const auto& m : directory.duty_managers) {
        const auto their = language_of(m.language);
        auto values = content(after, their, false);
        values["reasons"] = after.level_reasons;
        values["summary"] = core::quoted(slot(after.slots_json, "description"), 90);
        notices.push_back({core::Contact::phone(m.phone), say(&DeskTexts::major_complaint, their, values)});
      }
    }
    effects.change(number, ticket_changes(ticket, after));
    const auto* department = directory.find(after.order.department);
    return {true, say(&DeskTexts::done_accept, language,
                      {{"ticket", number},
                       {"department", department ? department->label(core::to_string(language)) : ""}})};
  }
  // 不予受理: closed as not accepted; whoever held it is told, the customer hears why.
  after.declined_reason = reason->id;
  after.close_reason = decline->note;
  after.closed_ms = now;
  after.closed_by = actor.id;
  effects.change(number, ticket_changes(ticket, after));
  if (!holder.empty()) {
    effects.release(holder, number);
    if (holder != actor.id) {
      const auto their = staff_language(directory, holder);
      notices.push_back({core::Contact::phone(holder),
                         say(&DeskTexts::declined_holder, their, {{"ticket", number}, {"reason", reason->label.in(their)}})});
    }
  }
  const auto customer_language = language_of(ticket.language);
  notices.push_back({ticket.customer(), say(&DeskTexts::declined_customer, customer_language,
                                            {{"ticket", number},
                                             {"reason", reason->label.in(customer_language)},
                                             {"where", reason->where.in(customer_language)}})});
  return {true, say(&DeskTexts::done_decline, language, {{"ticket", number}, {"reason", reason->label.in(language)}})};
}

WatchOutcome TicketDesk::decide_event(const tickets::Directory& directory, const std::string& number,
                                      const Ticket& ticket, std::int64_t now) const {
  WatchOutcome e;
  e.due_ms = "decide";  // once per ticket
  if (ticket.order.state != WorkState::registered || ticket.legal_flag.empty()) return e;  // decided
  Ticket after = ticket;
  after.number = number;
  after.order.timeline.push_back({now, "system", "system", "decide_overdue", ""});
  e.unchanged_version = version_of(ticket);
  e.effects.tickets.push_back({number, ticket_changes(ticket, after)});
  for (const auto& m : directory.duty_managers) {
    const auto language = language_of(m.language);
    for (auto& part : sms_parts(say(&DeskTexts::decide_overdue, language,
                                    {{"ticket", number},
                                     {"word", ticket.legal_flag},
                                     {"hours", std::to_string(rules_.acceptance.decide_within_hours)}})))
      e.effects.outbound.push_back(addressed(core::Contact::phone(m.phone),
                                             "decide-" + number + "-" + std::to_string(e.effects.outbound.size()),
                                             std::move(part)));
  }
  return e;
}

}  // namespace ombud::tickets

#include "tickets/desk/desk.hpp"

#include "core/text.hpp"
#include "tickets/desk/helpers.hpp"
#include "tickets/fingerprint.hpp"
#include "tickets/grading.hpp"
#include "tickets/vocabulary.hpp"
#include "tickets/work_order.hpp"

#include <algorithm>
#include <set>

namespace ombud::tickets {

using core::Language;
using namespace desk_detail;

// The SLA watch's events and the analysis of a new complaint against the month's others.

// Age changes a grade: recomputed with how long the complaint has been open; a rise to level 1
// alerts the duty managers.
// A grade written only when it is at least as severe as the ticket's: a later message (a
// threat) may have raised it, and grading again on the description must not lower it.
void TicketDesk::graded(const tickets::Grade& grade, Ticket& after) const {
  if (after.level != 0 && after.level < grade.level) return;
  after.level = grade.level;
  after.level_reasons = reasons(grade, Language::zh);
}

WatchOutcome TicketDesk::regrade(const tickets::Directory& directory,
                                 const std::string& number, const Ticket& ticket,
                                 std::int64_t now) const {
  WatchOutcome e;
  e.due_ms = std::to_string(ticket.created_ms) + "+" + std::to_string(now - ticket.created_ms);
  if (!ticket.open()) return e;
  const auto grade = tickets::grade(
      {complaint_text(ticket.slots_json), departments_involved(ticket), ticket.repeat_count,
       ticket.similar_customers, now - (ticket.created_ms != 0 ? ticket.created_ms : now), false,
       ticket.incident.empty() ? 0 : ticket.collective_customers},
      rules_.grading);
  Ticket after = ticket;
  after.number = number;
  graded(grade, after);
  const bool alert = grade.level == 1 && ticket.level != 1 && ticket.major_alerted_ms == 0;
  if (alert) after.major_alerted_ms = now;
  auto changes = ticket_changes(ticket, after);
  if (changes.empty()) return e;
  e.effects.tickets.push_back({number, std::move(changes)});
  e.unchanged_version = version_of(ticket);
  if (alert) {
    for (const auto& m : directory.duty_managers) {
      const auto language = language_of(m.language);
      auto values = content(after, language, false);
      values["reasons"] = reasons(grade, language);
      values["summary"] = values["description"];
      for (auto& part : sms_parts(say(&DeskTexts::major_complaint, language, values)))
        e.effects.outbound.push_back(addressed(
            core::Contact::phone(m.phone),
            "regrade-" + number + "-" + e.due_ms + "-" + std::to_string(e.effects.outbound.size()),
            std::move(part)));
    }
  }
  return e;
}

std::optional<WatchOutcome> TicketDesk::sla_event(const tickets::Directory& directory,
                                                  const std::string& number, WatchKind kind,
                                                  const Ticket& ticket,
                                                  std::int64_t now, bool customer_opted_out) const {
  if (kind == WatchKind::regrade_half || kind == WatchKind::regrade_month)
    return regrade(directory, number, ticket, now);
  if (kind == WatchKind::analyze) return WatchOutcome{};  // not a limit: take it off the watch
  if (kind == WatchKind::decide_due) return decide_event(directory, number, ticket, now);
  if (kind == WatchKind::revisit_due) return revisit_event(directory, number, ticket, now);
  if (kind == WatchKind::revisit_digest) return WatchOutcome{};  // (the scheduler reads the list: revisit_digest)
  if (kind == WatchKind::survey_send || kind == WatchKind::survey_remind || kind == WatchKind::survey_expire)
    return survey_event(directory, number, kind, ticket, now, customer_opted_out);
  const bool sign = kind == WatchKind::sign_warn || kind == WatchKind::sign_due;
  const auto member = number + "|" + std::string(to_string(kind));  // names its messages
  const auto due = sign ? ticket.sign_due_ms : ticket.due_ms;
  const auto due_text = due != 0 ? std::to_string(due) : std::string();
  WatchOutcome e;
  e.due_ms = due_text;
  const bool warning = kind == WatchKind::sign_warn || kind == WatchKind::reply_warn;
  if (!warning && due > now) return std::nullopt;  // extended since it was scheduled

  Ticket after = ticket;
  after.number = number;
  auto& order = after.order;
  order.number = number;
  const bool pending = sign ? order.state == tickets::WorkState::dispatched
                            : (order.state == tickets::WorkState::dispatched ||
                               order.state == tickets::WorkState::signed_for);
  if (!pending || !order.merged_into.empty()) return e;  // done in time: nothing to say

  const auto* department = directory.find(order.department);
  auto sms = [&](const std::string& to, Text text) {
    if (to.empty()) return;
    const auto language = staff_language(directory, to);
    const Values values{
        {"ticket", number},
        {"due", tickets::local_time(due, settings_.timezone)},
        {"department", department ? department->label(core::to_string(language)) : order.department}};
    for (auto& part : sms_parts(say(text, language, values)))
      e.effects.outbound.push_back(addressed(
          core::Contact::phone(to),
          "sla-" + member + "-" + due_text + "-" + std::to_string(e.effects.outbound.size()),
          std::move(part)));
  };
  if (warning) {
    sms(order.responsible, sign ? &DeskTexts::sign_warning : &DeskTexts::reply_warning);
    return e;
  }
  const tickets::Escalation escalation{sign ? 3 : 2, sign ? "签收超时" : "答复超时"};
  auto applied = tickets::apply(order, tickets::Escalate{escalation}, {"system", "system"}, now);
  if (!applied)  // already escalated further: the overdue still goes on the timeline
    applied = tickets::apply(order, tickets::Note{escalation.reason}, {"system", "system"}, now);
  if (applied) order = std::move(*applied.order);
  (sign ? after.sign_overdue : after.reply_overdue) = true;
  // Written only if nobody changed the ticket meanwhile.
  e.unchanged_version = version_of(ticket);
  e.effects.tickets.push_back({number, ticket_changes(ticket, after)});
  e.delay = WatchOutcome::Delay{number, order.department, sign ? "sign_for" : "reply", due_text};
  const Text text = sign ? &DeskTexts::sign_overdue : &DeskTexts::reply_overdue;
  if (department)
    if (const auto* head = department->with_role("head")) sms(head->phone, text);
  for (const auto& manager : directory.duty_managers) sms(manager.phone, text);
  return e;
}

void TicketDesk::prepare_analysis(Ticket& ticket, Effects& effects, std::int64_t now) const {
  // What the complaint is about, not the answers everybody gives alike ("今天", "尽快处理").
  ticket.fingerprint = tickets::fingerprint(slot(ticket.slots_json, "description")).serialize();
  ticket.owner = owner_of(ticket);
  effects.recent.push_back({ticket.category, ticket.number, now});
  effects.watch.push_back({ticket.number, WatchKind::analyze, now});
}

void TicketDesk::prepare_analysis(FieldWrites& ticket, Effects& effects, std::int64_t now) const {
  auto created = ticket_of(ticket);
  created.number = kNewTicket;
  prepare_analysis(created, effects, now);
  absorb(ticket, created);
}

WatchOutcome TicketDesk::analyze(const tickets::Directory& directory,
                                 const std::string& number, const Ticket& ticket,
                                 const std::vector<Ticket>& recent,
                                 std::int64_t now) const {
  const auto& rules = rules_;
  WatchOutcome e;
  e.due_ms = ticket.created_ms != 0 ? std::to_string(ticket.created_ms) : std::string();
  const auto& owner = ticket.owner;
  const auto& category = ticket.category;
  const auto created = ticket.created_ms;
  const auto mine = tickets::Fingerprint::parse(ticket.fingerprint);

  // Repeats: this customer, this category, within the repeat window.
  std::string repeat_of;
  std::int64_t repeat_at = 0;
  int repeats = 0;
  // The same matter from other customers: the same category and a similar description, this
  // month and within the burst window.
  std::set<std::string> customers_month, customers_burst;
  std::vector<const Ticket*> burst;
  std::string incident;
  for (const auto& other : recent) {
    const auto at = other.created_ms;
    if (other.number == number || at > created) continue;
    if (other.category != category) continue;
    if (other.owner == owner) {
      if (created - at <= rules.repeat_window_ms) {
        ++repeats;
        if (at >= repeat_at) repeat_at = at, repeat_of = other.number;
      }
      continue;
    }
    if (tickets::similarity(mine, tickets::Fingerprint::parse(other.fingerprint)) <
        rules.same_matter_threshold)
      continue;
    customers_month.insert(other.owner);
    if (created - at <= rules.burst_window_ms) {
      customers_burst.insert(other.owner);
      burst.push_back(&other);
      if (incident.empty()) incident = other.incident;
    }
  }
  const int collective = static_cast<int>(customers_burst.size()) + 1;
  const bool is_incident = collective >= rules.collective_customers;

  const auto text = complaint_text(ticket.slots_json);
  const auto grade = tickets::grade({text, departments_involved(ticket), repeats,
                                     static_cast<int>(customers_month.size()), 0, false,
                                     is_incident ? collective : 0},
                                    rules.grading);
  // The analysis only ever makes a ticket more severe: a later message (a threat) may have
  // raised it already. Written only if the ticket is still as read; else decided anew.
  Ticket after = ticket;
  after.number = number;
  after.similar_customers = static_cast<int>(customers_month.size());
  graded(grade, after);
  e.unchanged_version = version_of(ticket);
  if (!repeat_of.empty()) {
    after.repeat_of = repeat_of;
    after.repeat_count = repeats;
    // The original knows it was complained about again (its survey is then not asked).
    for (const auto& other : recent)
      if (other.number == repeat_of && other.repeated_by.empty()) {
        Ticket marked = other;
        marked.repeated_by = number;
        e.effects.tickets.push_back({other.number, ticket_changes(other, marked)});
      }
  }
  // A more severe grade can mean a shorter reply limit (the same rule as at dispatch): the
  // ticket is re-timed, never given more time than it had.
  auto retime = [&](Ticket& t, int level) {
    if (t.due_ms == 0) return;
    const auto sooner = rules.calendar.add_working_days(
        t.created_ms, rules.reply_days_for(level, departments_involved(t)));
    if (sooner >= t.due_ms) return;
    t.due_ms = sooner;
    watch_reply(e.effects.watch, t.number, now, sooner, level);
  };
  retime(after, grade.level);

  auto sms = [&](const core::Contact& to, const std::string& text) {
    for (auto& part : sms_parts(text))
      e.effects.outbound.push_back(addressed(
          to, "analyze-" + number + "-" + std::to_string(e.effects.outbound.size()), std::move(part)));
  };
  Ticket named = ticket;
  named.number = number;
  named.level = grade.level;
  const auto summary = core::quoted(slot(ticket.slots_json, "description"), 90);
  // A level-1 complaint is announced at once — also one graded level 1 when it was filed
  // (seed: signs of escalation are reported upward at once) — unless it is level 1 only for
  // being part of an incident, which is announced as one. Once per ticket (major_alerted_ms).
  const auto alone = tickets::grade({text, departments_involved(ticket), repeats,
                                     static_cast<int>(customers_month.size()), 0, false, 0},
                                    rules.grading);
  // (Not while it waits for the desk's decision: the desk announces it when it accepts it.)
  const bool held = ticket.order.state == WorkState::registered && !ticket.legal_flag.empty();
  if (alone.level == 1 && ticket.major_alerted_ms == 0 && !held) {
    after.major_alerted_ms = now;
    for (const auto& m : directory.duty_managers) {
      const auto language = language_of(m.language);
      auto values = content(named, language, false);
      values["reasons"] = reasons(alone, language);
      values["summary"] = summary;
      sms(core::Contact::phone(m.phone), say(&DeskTexts::major_complaint, language, values));
    }
  }

  if (is_incident) {
    const bool known = !incident.empty();
    if (!known) {  // the earliest ticket names it, so every process names it alike
      incident = number;
      std::int64_t first = created;
      for (const auto* t : burst)
        if (t->created_ms <= first) first = t->created_ms, incident = t->number;
    }
    std::string members = number;
    for (const auto* t : burst) members += "," + t->number;
    e.effects.incidents.push_back({incident,
                                   {{"id", incident},
                                    {"category", category},
                                    {"summary", summary},
                                    {"customers", std::to_string(collective)},
                                    {"tickets", members},
                                    {"updated_ms", std::to_string(now)}},
                                   now});
    after.incident = incident;
    after.collective_customers = collective;
    // The earlier tickets of the incident are a collective complaint too: raised and re-timed.
    for (const auto* t : burst) {
      Ticket raised = *t;
      raised.incident = incident;
      raised.collective_customers = collective;
      const int level = t->level != 0 ? t->level : 4;
      if (rules.grading.collective_level < level) {
        raised.level = rules.grading.collective_level;
        retime(raised, rules.grading.collective_level);
      }
      e.effects.tickets.push_back({t->number, ticket_changes(*t, raised)});
    }
    if (known) {
      sms(ticket.customer(), say(&DeskTexts::incident_known, language_of(ticket.language), {}));
    } else {
      e.announce_once = incident;
      for (const auto& m : directory.duty_managers) {
        const auto language = language_of(m.language);
        sms(core::Contact::phone(m.phone), say(&DeskTexts::incident_alert, language,
                                                {{"customers", std::to_string(collective)},
                          {"category", category_label(category, language)},
                          {"summary", summary},
                          {"tickets", members}}));
      }
    }
  }
  e.effects.tickets.insert(e.effects.tickets.begin(), TicketChange{number, ticket_changes(ticket, after)});
  return e;
}

}  // namespace ombud::tickets

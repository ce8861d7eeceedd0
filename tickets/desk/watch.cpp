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
void TicketDesk::graded(const TicketFields& ticket, const tickets::Grade& grade,
                        std::vector<std::pair<std::string, std::string>>& fields) const {
  const auto had = field(ticket, "level");
  if (!had.empty() && core::to_int64(had, 4) < grade.level) return;
  fields.emplace_back("level", std::to_string(grade.level));
  fields.emplace_back("level_reasons", reasons(grade, Language::zh));
}

WatchOutcome TicketDesk::regrade(const tickets::Directory& directory,
                                 const std::string& number, const TicketFields& ticket,
                                 std::int64_t now) const {
  WatchOutcome e;
  const auto created = field(ticket, "created_ms");
  e.due_ms = created + "+" + std::to_string(now - core::to_int64(created));
  const auto state = field(ticket, "state");
  if (!tickets::needs_work(state)) return e;
  const auto grade = tickets::grade(
      {complaint_text(field(ticket, "slots")), departments_involved(ticket),
       static_cast<int>(number_field(ticket, "repeat_count")),
       static_cast<int>(number_field(ticket, "similar_customers")),
       now - core::to_int64(created, now), false,
       field(ticket, "incident").empty() ? 0 : static_cast<int>(number_field(ticket, "collective_customers"))},
      rules_.grading);
  TicketChange changes{number, {}};
  graded(ticket, grade, changes.fields);
  const bool alert = grade.level == 1 && field(ticket, "level") != "1" &&
                     field(ticket, "major_alerted_ms").empty();
  if (alert) changes.fields.emplace_back("major_alerted_ms", std::to_string(now));
  if (changes.fields.empty()) return e;
  e.effects.tickets.push_back(std::move(changes));
  e.unchanged_version = version_of(ticket);
  if (alert) {
    TicketFields named = ticket;
    named["number"] = number;
    for (const auto& m : directory.duty_managers) {
      const auto language = language_of(m.language);
      auto values = content(named, language, false);
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
                                                  const TicketFields& ticket,
                                                  std::int64_t now) const {
  if (kind == WatchKind::regrade_half || kind == WatchKind::regrade_month)
    return regrade(directory, number, ticket, now);
  if (kind == WatchKind::analyze) return WatchOutcome{};  // not a limit: take it off the watch
  const bool sign = kind == WatchKind::sign_warn || kind == WatchKind::sign_due;
  const auto member = number + "|" + std::string(to_string(kind));  // names its messages
  const auto due_field = field(ticket, sign ? "sign_due_ms" : "due_ms");
  const auto due = core::to_int64(due_field);
  WatchOutcome e;
  e.due_ms = due_field;
  const bool warning = kind == WatchKind::sign_warn || kind == WatchKind::reply_warn;
  if (!warning && due > now) return std::nullopt;  // extended since it was scheduled

  auto order = tickets::work_order_from(ticket);
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
          "sla-" + member + "-" + due_field + "-" + std::to_string(e.effects.outbound.size()),
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
  TicketChange changes{number, {}};
  if (applied) changes.fields = order_changes(ticket, *applied.order);
  // Written only if nobody changed the ticket meanwhile.
  e.unchanged_version = version_of(ticket);
  changes.fields.emplace_back(sign ? "sign_overdue" : "reply_overdue", "1");
  e.effects.tickets.push_back(std::move(changes));
  e.delay = WatchOutcome::Delay{number, order.department, sign ? "sign_for" : "reply", due_field};
  const Text text = sign ? &DeskTexts::sign_overdue : &DeskTexts::reply_overdue;
  if (department)
    if (const auto* head = department->with_role("head")) sms(head->phone, text);
  for (const auto& manager : directory.duty_managers) sms(manager.phone, text);
  return e;
}

void TicketDesk::prepare_analysis(const std::string& number, const std::string& owner, Fields& ticket,
                                  Effects& effects, std::int64_t now) const {
  std::string slots, category;
  for (const auto& [k, v] : ticket) {
    if (k == "slots") slots = v;
    if (k == "category") category = v;
  }
  // What the complaint is about, not the answers everybody gives alike ("今天", "尽快处理").
  put(ticket, "fingerprint", tickets::fingerprint(slot(slots, "description")).serialize());
  put(ticket, "owner", owner);
  effects.recent.push_back({category, number, now});
  effects.watch.push_back({number, WatchKind::analyze, now});
}

WatchOutcome TicketDesk::analyze(const tickets::Directory& directory,
                                 const std::string& number, const TicketFields& ticket,
                                 const std::vector<TicketFields>& recent,
                                 std::int64_t now) const {
  const auto& rules = rules_;
  WatchOutcome e;
  e.due_ms = field(ticket, "created_ms");
  const auto owner = field(ticket, "owner");
  const auto category = field(ticket, "category");
  const auto created = number_field(ticket, "created_ms");
  const auto mine = tickets::Fingerprint::parse(field(ticket, "fingerprint"));

  // Repeats: this customer, this category, within the repeat window.
  std::string repeat_of;
  std::int64_t repeat_at = 0;
  int repeats = 0;
  // The same matter from other customers: the same category and a similar description, this
  // month and within the burst window.
  std::set<std::string> customers_month, customers_burst;
  std::vector<const TicketFields*> burst;
  std::string incident;
  for (const auto& other : recent) {
    const auto at = number_field(other, "created_ms");
    if (field(other, "number") == number || at > created) continue;
    if (field(other, "category") != category) continue;
    if (field(other, "owner") == owner) {
      if (created - at <= rules.repeat_window_ms) {
        ++repeats;
        if (at >= repeat_at) repeat_at = at, repeat_of = field(other, "number");
      }
      continue;
    }
    if (tickets::similarity(mine, tickets::Fingerprint::parse(field(other, "fingerprint"))) <
        rules.same_matter_threshold)
      continue;
    customers_month.insert(field(other, "owner"));
    if (created - at <= rules.burst_window_ms) {
      customers_burst.insert(field(other, "owner"));
      burst.push_back(&other);
      if (incident.empty()) incident = field(other, "incident");
    }
  }
  const int collective = static_cast<int>(customers_burst.size()) + 1;
  const bool is_incident = collective >= rules.collective_customers;

  const auto text = complaint_text(field(ticket, "slots"));
  const auto grade = tickets::grade({text, departments_involved(ticket), repeats,
                                     static_cast<int>(customers_month.size()), 0, false,
                                     is_incident ? collective : 0},
                                    rules.grading);
  // The analysis only ever makes a ticket more severe: a later message (a threat) may have
  // raised it already. Written only if the ticket is still as read; else decided anew.
  TicketChange changes{number, {{"similar_customers", std::to_string(customers_month.size())}}};
  graded(ticket, grade, changes.fields);
  e.unchanged_version = version_of(ticket);
  if (!repeat_of.empty()) {
    changes.fields.emplace_back("repeat_of", repeat_of);
    changes.fields.emplace_back("repeat_count", std::to_string(repeats));
  }
  // A more severe grade can mean a shorter reply limit (the same rule as at dispatch): the
  // ticket is re-timed, never given more time than it had.
  auto retime = [&](const TicketFields& t, const std::string& n, int level,
                    std::vector<std::pair<std::string, std::string>>& into) {
    const auto due = number_field(t, "due_ms");
    if (due == 0) return;
    const auto sooner = rules.calendar.add_working_days(
        number_field(t, "created_ms"), rules.reply_days_for(level, departments_involved(t)));
    if (sooner >= due) return;
    into.emplace_back("due_ms", std::to_string(sooner));
    watch_reply(e.effects.watch, n, now, sooner, level);
  };
  retime(ticket, number, grade.level, changes.fields);

  auto sms = [&](const core::Contact& to, const std::string& text) {
    for (auto& part : sms_parts(text))
      e.effects.outbound.push_back(addressed(
          to, "analyze-" + number + "-" + std::to_string(e.effects.outbound.size()), std::move(part)));
  };
  TicketFields named = ticket;
  named["number"] = number;
  named["level"] = std::to_string(grade.level);
  const auto summary = core::quoted(slot(field(ticket, "slots"), "description"), 90);
  // A level-1 complaint is announced at once — also one graded level 1 when it was filed
  // (seed: signs of escalation are reported upward at once) — unless it is level 1 only for
  // being part of an incident, which is announced as one. Once per ticket (major_alerted_ms).
  const auto alone = tickets::grade({text, departments_involved(ticket), repeats,
                                     static_cast<int>(customers_month.size()), 0, false, 0},
                                    rules.grading);
  if (alone.level == 1 && field(ticket, "major_alerted_ms").empty()) {
    changes.fields.emplace_back("major_alerted_ms", std::to_string(now));
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
        if (number_field(*t, "created_ms") <= first)
          first = number_field(*t, "created_ms"), incident = field(*t, "number");
    }
    std::string members = number;
    for (const auto* t : burst) members += "," + field(*t, "number");
    e.effects.incidents.push_back({incident,
                                   {{"id", incident},
                                    {"category", category},
                                    {"summary", summary},
                                    {"customers", std::to_string(collective)},
                                    {"tickets", members},
                                    {"updated_ms", std::to_string(now)}},
                                   now});
    changes.fields.emplace_back("incident", incident);
    changes.fields.emplace_back("collective_customers", std::to_string(collective));
    // The earlier tickets of the incident are a collective complaint too: raised and re-timed.
    for (const auto* t : burst) {
      const auto n = field(*t, "number");
      TicketChange raised{n, {{"incident", incident}, {"collective_customers", std::to_string(collective)}}};
      const auto level = static_cast<int>(core::to_int64(field(*t, "level"), 4));
      if (rules.grading.collective_level < level) {
        raised.fields.emplace_back("level", std::to_string(rules.grading.collective_level));
        retime(*t, n, rules.grading.collective_level, raised.fields);
      }
      e.effects.tickets.push_back(std::move(raised));
    }
    if (known) {
      sms(customer_of(ticket),
          say(&DeskTexts::incident_known, language_of(field(ticket, "language")), {}));
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
  e.effects.tickets.insert(e.effects.tickets.begin(), std::move(changes));
  return e;
}

}  // namespace ombud::tickets

#include "tickets/desk/desk.hpp"

#include "core/text.hpp"
#include "tickets/desk/helpers.hpp"
#include "tickets/fingerprint.hpp"
#include "tickets/grading.hpp"
#include "tickets/commands.hpp"

#include <algorithm>
#include <set>

namespace ombud::tickets {

using core::Language;
using namespace desk_detail;


core::Language staff_language(const tickets::Directory& directory, std::string_view phone) {
  if (auto [department, member] = directory.staff(phone); member) return language_of(member->language);
  for (const auto& m : directory.duty_managers)
    if (m.phone == phone) return language_of(m.language);
  return Language::zh;
}

TicketDesk::TicketDesk(const TicketRules& rules, DeskSettings settings)
    : rules_(rules), settings_(std::move(settings)) {}

core::OutboundMessage TicketDesk::addressed(const core::Contact& to, std::string id,
                                            std::string text, bool by_staff) const {
  const bool phone = to.kind == core::Contact::kPhone;
  return {std::move(id),
          phone ? rules_.notify.channel : to.kind,
          phone ? rules_.notify.account : to.account,
          to.address,
          std::move(text),
          by_staff && !phone ? core::OutboundKind::staff_reply : core::OutboundKind::reply};
}

std::vector<std::string> TicketDesk::categories() const {
  std::vector<std::string> out;
  for (const auto& [id, label] : settings_.category_labels) out.push_back(id);
  return out;
}

std::string TicketDesk::category_label(const std::string& category, Language language) const {
  auto it = settings_.category_labels.find(category);
  return it == settings_.category_labels.end() ? category : it->second.in(language);
}

std::vector<std::string> TicketDesk::sms_parts(const std::string& text) const {
  return core::split_for_sms(text, settings_.sms);
}

std::string TicketDesk::say(Text text, Language language, const Values& values) const {
  std::string out = (rules_.texts.*text).in(language);
  for (const auto& [name, value] : values) out = core::fill_in(std::move(out), name, value);
  return out;
}

// The answers to the complaint flow's other questions, each under its question's label
// ("时间地点：「本周一开始」", "楼栋房号：「3栋2单元501」；上门查看：是"); none answered: the first
// question's label and "not given".
std::string TicketDesk::details(const std::string& slots, Language language) const {
  const auto& texts = rules_.texts;
  const bool zh = language == Language::zh;
  std::vector<std::pair<std::string, std::string>> given;
  for (const auto& d : settings_.details) {
    auto value = slot(slots, d.slot.c_str());
    if (value.empty()) continue;
    const auto shown = d.shown.find(value);
    given.emplace_back(d.label.in(language),
                       shown != d.shown.end() ? shown->second.in(language) : core::quoted(value, 300));
  }
  if (given.empty() && !settings_.details.empty())
    given.emplace_back(settings_.details.front().label.in(language), texts.not_given.in(language));
  std::string out;
  for (const auto& [label, value] : given) {
    if (!out.empty()) out += zh ? "；" : "; ";
    out += label + (zh ? "：" : ": ") + value;
  }
  return out;
}

// What a department needs to act on a ticket, named as its readers name things. The phone in
// full only where the organisation wants the responsible person to call the customer (沟通),
// and never for a customer who asked to stay anonymous.
TicketDesk::Values TicketDesk::content(const Ticket& t, Language language,
                                       bool full_phone) const {
  const auto& texts = rules_.texts;
  const auto& slots = t.slots_json;
  auto answer = [&](const char* name) {
    const auto v = slot(slots, name);
    return v.empty() ? texts.not_given.in(language) : core::quoted(v, 600);
  };
  const auto& phone = t.phone.empty() ? t.address : t.phone;
  Values v{{"ticket", t.number},
           {"category", category_label(t.category, language)},
           {"level", t.level != 0 ? std::to_string(t.level) : std::string()},
           {"description", answer("description")},
           {"when_where", answer("when_where")},
           {"details", details(slots, language)},
           {"demand", answer("demand")}};
  if (t.anonymous) {
    v["name"] = texts.anonymous.in(language);
    v["phone"] = texts.hidden_phone.in(language);
  } else {
    v["name"] = t.name.empty() ? texts.no_name.in(language) : core::quoted(t.name, 60);
    v["phone"] = full_phone ? phone : core::masked(phone);
  }
  if (t.due_ms != 0) v["due"] = tickets::local_time(t.due_ms, settings_.timezone);
  if (t.sign_due_ms != 0) v["sign_due"] = tickets::local_time(t.sign_due_ms, settings_.timezone);
  return v;
}

std::string TicketDesk::reasons(const tickets::Grade& grade, Language language) const {
  using Kind = tickets::GradeReason::Kind;
  std::string out;
  for (const auto& r : grade.reasons) {
    std::string one;
    const Values count{{"count", std::to_string(r.count)}};
    switch (r.kind) {
      case Kind::keyword:
        one = say(&DeskTexts::reason_keyword, language,
                  {{"reason", r.reason.in(language)}, {"keyword", r.keyword}});
        break;
      case Kind::departments:
        one = say(&DeskTexts::reason_departments, language, count);
        break;
      case Kind::similar_customers:
        one = say(&DeskTexts::reason_similar, language, count);
        break;
      case Kind::collective:
        one = say(&DeskTexts::reason_collective, language, count);
        break;
      case Kind::repeat:
        one = say(&DeskTexts::reason_repeat, language, count);
        break;
      case Kind::unresolved_month:
        one = say(&DeskTexts::reason_unresolved_month, language, count);
        break;
      case Kind::unresolved_half_month:
        one = say(&DeskTexts::reason_unresolved_half_month, language, count);
        break;
    }
    out += (out.empty() ? "" : language == Language::zh ? "；" : "; ") + one;
  }
  return out;
}

// Why a staff command was refused, in the staff member's words.
std::string TicketDesk::refusal(const tickets::Applied& applied, const tickets::Command& command,
                                const std::string& number, const std::string& holder,
                                const StaffActor& actor) const {
  using tickets::Refusal;
  const auto language = actor.language;
  const auto& texts = rules_.texts;
  auto action = [&]() -> const core::LocalizedText& {
    const auto label = tickets::command_row(command).label;
    return label ? texts.*label : texts.action_note;
  };
  auto state = [&]() -> const core::LocalizedText& {
    switch (applied.state) {
      case tickets::WorkState::registered:
        return texts.state_registered;
      case tickets::WorkState::dispatched:
        return texts.state_dispatched;
      case tickets::WorkState::signed_for:
        return texts.state_signed_for;
      case tickets::WorkState::replied:
        return texts.state_replied;
      case tickets::WorkState::audited:
        return texts.state_audited;
      case tickets::WorkState::result_sent:
        return texts.state_result_sent;
      case tickets::WorkState::closed:
        return texts.state_closed;
    }
    return texts.state_registered;
  };
  const Values v{{"ticket", number}};
  switch (applied.why) {
    case Refusal::wrong_state:
      if (applied.state == tickets::WorkState::dispatched &&
          (std::holds_alternative<tickets::Reply>(command) ||
           std::holds_alternative<tickets::Appoint>(command)))
        return say(actor.channel == "sms" ? &DeskTexts::sign_for_first : &DeskTexts::sign_for_first_console,
                   language, v);
      return say(&DeskTexts::wrong_state, language,
                 {{"ticket", number}, {"state", state().in(language)}, {"action", action().in(language)}});
    case Refusal::needs_result:
      return say(&DeskTexts::needs_result, language, v);
    case Refusal::needs_reason:
      return say(&DeskTexts::needs_reason, language, v);
    case Refusal::needs_days:
      return say(&DeskTexts::needs_days, language, v);
    case Refusal::request_waiting:
      return say(&DeskTexts::request_waiting, language, v);
    case Refusal::head_only:
      return say(&DeskTexts::head_only, language, v);
    case Refusal::nothing_waiting:
      return say(&DeskTexts::nothing_waiting, language, v);
    case Refusal::closed:
      return say(&DeskTexts::closed_ticket, language, v);
    case Refusal::not_holder:
      return say(&DeskTexts::not_holder, language,
                 {{"ticket", number},
                  {"holder", holder},
                  {"who", (rules_.reply_by == tickets::ReplyBy::holder
                               ? texts.who_holder
                               : texts.who_holder_or_head)
                              .in(language)},
                  {"action", action().in(language)}});
    case Refusal::no_audit:
      return say(&DeskTexts::no_audit, language, v);
    case Refusal::needs_other_order:
      return say(&DeskTexts::merge_needs_other, language, v);
    case Refusal::needs_other_person:
      return say(&DeskTexts::assign_same_person, language, v);
    case Refusal::same_department:  // worded where the department's name is known
    case Refusal::none:
    case Refusal::needs_department:
    case Refusal::already_escalated:
      break;
  }
  return say(&DeskTexts::wrong_state, language,
             {{"ticket", number}, {"state", state().in(language)}, {"action", action().in(language)}});
}

std::int64_t TicketDesk::warning_time(std::int64_t now, std::int64_t due, int level) const {
  // A level-1 matter is warned about at 80% of the clock time; everything else at 80% of the
  // working time, which falls within business hours.
  if (level == 1) return now + (due - now) * 8 / 10;
  const auto& calendar = rules_.calendar;
  return calendar.add_working_minutes(now, calendar.working_minutes_between(now, due) * 8 / 10);
}

void TicketDesk::watch_reply(std::vector<WatchEntry>& watch, const std::string& number,
                             std::int64_t now, std::int64_t due, int level) const {
  watch.push_back({number, WatchKind::reply_warn, warning_time(now, due, level)});
  watch.push_back({number, WatchKind::reply_due, due});
}

std::int64_t TicketDesk::reply_due(const FieldWrites& ticket, std::int64_t now) const {
  if (const auto due = ticket_of(ticket).due_ms; due != 0) return due;
  return rules_.calendar.add_working_days(now, rules_.reply_days);
}

void TicketDesk::dispatch(const tickets::Directory& directory, const core::InboundMessage& message,
                          FieldWrites& ticket, Effects& effects,
                          std::vector<Notice>& notices) const {
  auto created = ticket_of(ticket);
  created.number = kNewTicket;
  tickets::WorkOrder order{created.number};
  order.timeline.push_back({message.received_ms, message.from, "sms", "registered", ""});
  if (route(directory, std::move(order), created, message.received_ms, effects, notices))
    absorb(ticket, created);
}

bool TicketDesk::route(const tickets::Directory& directory, tickets::WorkOrder order,
                       Ticket& ticket, std::int64_t now, Effects& effects,
                       std::vector<Notice>& notices, bool accepted) const {
  if (ticket.type == "consultation" || ticket.type == "suggestion")
    return route_inquiry(directory, std::move(order), ticket, now, effects, notices);
  const auto& number = ticket.number;
  const auto text = complaint_text(ticket.slots_json);
  if (!accepted && rules_.acceptance.legal_hold)
    if (auto word = legal_word(text, rules_.acceptance); !word.empty()) {
      hold_for_decision(directory, std::move(order), ticket, word, now, effects, notices);
      return true;
    }
  const auto route = directory.route(ticket.category, text);
  if (route.lead == nullptr) return false;
  const auto* person = route.lead->with_role("responsible");
  const auto& rules = rules_;

  auto applied = tickets::apply(
      order, tickets::Dispatch{route.lead->id, person ? person->phone : "", route.cooperating},
      {"system", "system"}, now);
  if (!applied) return false;
  ticket.order = std::move(*applied.order);
  // A first grade from everything the customer wrote and how many departments are involved
  // (the analysis refines it with repeats and other customers); a severe complaint can have
  // shorter limits.
  const auto first_grade = tickets::grade(
      {text, 1 + static_cast<int>(route.cooperating.size()), 0, 0, 0, false}, rules.grading);
  const int reply_days =
      rules.reply_days_for(first_grade.level, 1 + static_cast<int>(route.cooperating.size()));
  const auto sign_due =
      rules.calendar.add_working_minutes(now, rules.sign_for_hours_for(first_grade.level) * 60LL);
  const auto due = rules.calendar.add_working_days(now, reply_days);
  ticket.level = first_grade.level;
  ticket.level_reasons = reasons(first_grade, Language::zh);
  ticket.department_name = route.lead->name;
  ticket.department_name_en = route.lead->label("en");
  ticket.parts_pending = static_cast<int>(route.cooperating.size());
  ticket.sign_due_ms = sign_due;
  ticket.due_ms = due;

  // The SLA watch: a warning at 80% of each limit, then the limit itself.
  effects.watch.push_back({number, WatchKind::sign_warn, warning_time(now, sign_due, first_grade.level)});
  effects.watch.push_back({number, WatchKind::sign_due, sign_due});
  watch_reply(effects.watch, number, now, due, first_grade.level);
  // Grades depend on age: unresolved after half a month is level 2, after a month level 1.
  effects.watch.push_back({number, WatchKind::regrade_half, now + rules.grading.unresolved_level2_ms});
  effects.watch.push_back({number, WatchKind::regrade_month, now + rules.grading.unresolved_level1_ms});

  if (person != nullptr) {
    effects.hold(person->phone, number, now);
    const auto language = language_of(person->language);
    notices.push_back({core::Contact::phone(person->phone), say(&DeskTexts::dispatch_notice, language,
                                          content(ticket, language, rules.full_phone_to_responsible))});
  }
  // The cooperating departments hear of it too: who leads, what it is about, when it is due.
  for (const auto& id : route.cooperating) {
    const auto* department = directory.find(id);
    const auto* contact = department ? department->with_role("responsible") : nullptr;
    if (contact == nullptr) continue;
    const auto language = language_of(contact->language);
    auto values = content(ticket, language, false);
    values["department"] = route.lead->label(core::to_string(language));
    notices.push_back({core::Contact::phone(contact->phone), say(&DeskTexts::cooperate_notice, language, values)});
  }
  return true;
}

std::string TicketDesk::named_ticket(std::string_view text) {
  auto parsed = tickets::parse_staff_command(text);
  return parsed ? parsed->number : std::string();
}

}  // namespace ombud::tickets

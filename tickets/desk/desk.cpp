#include "tickets/desk/desk.hpp"

#include "core/text.hpp"
#include "tickets/fingerprint.hpp"
#include "tickets/grading.hpp"
#include "tickets/work_order.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include <boost/json.hpp>

namespace ombud::tickets {

using core::Language;
using tickets::TicketFields;

namespace {

std::string field(const TicketFields& t, const char* name) {
  auto it = t.find(name);
  return it == t.end() ? std::string() : it->second;
}

std::int64_t number_field(const TicketFields& t, const char* name) {
  return core::to_int64(field(t, name));
}

// Replaces (or adds) `name` in a list of fields.
void put(std::vector<std::pair<std::string, std::string>>& fields, const std::string& name,
         std::string value) {
  for (auto& [k, v] : fields)
    if (k == name) {
      v = std::move(value);
      return;
    }
  fields.emplace_back(name, std::move(value));
}

// Where the ticket's customer wrote from: their answers go back there.
core::Contact customer_of(const TicketFields& t) {
  return {field(t, "channel"), field(t, "account"), field(t, "address")};
}

// A customer's message passed on to staff is passed on whole (split into SMS parts if long).
constexpr std::size_t kWholeMessage = 4096;

Language language_of(const std::string& code) { return code == "en" ? Language::en : Language::zh; }

// One answer of the complaint dialog ("" when not given).
std::string slot(const std::string& slots_json, const char* name) {
  boost::system::error_code ec;
  auto slots = boost::json::parse(slots_json, ec);
  if (ec || !slots.is_object()) return {};
  auto* v = slots.as_object().if_contains(name);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// What the customer said about the matter, all of it: graded as a whole.
std::string complaint_text(const std::string& slots_json) {
  std::string out;
  for (const char* name : {"description", "demand", "when_where"})
    if (auto v = slot(slots_json, name); !v.empty()) out += v + "\n";
  return out;
}

// The lead department and the cooperating ones (a comma list on the ticket).
int departments_involved(const TicketFields& ticket) {
  const auto cooperating = field(ticket, "cooperating");
  if (cooperating.empty()) return 1;
  return 2 + static_cast<int>(std::count(cooperating.begin(), cooperating.end(), ','));
}

}  // namespace

core::Language staff_language(const tickets::Directory& directory, std::string_view phone) {
  if (auto [department, member] = directory.staff(phone); member) return language_of(member->language);
  for (const auto& m : directory.duty_managers)
    if (m.phone == phone) return language_of(m.language);
  return Language::zh;
}

TicketDesk::TicketDesk(const TicketRules& rules, DeskSettings settings, store::Keys keys)
    : rules_(rules), settings_(std::move(settings)), keys_(std::move(keys)) {}

core::OutboundMessage TicketDesk::addressed(const core::Contact& to, std::string id,
                                            std::string text) const {
  const bool phone = to.kind == core::Contact::kPhone;
  return {std::move(id),
          phone ? rules_.notify.channel : to.kind,
          phone ? rules_.notify.account : to.account,
          to.address,
          std::move(text),
          core::OutboundKind::reply};
}

std::string TicketDesk::open_key(std::string_view phone) const {
  return keys_.staff_open(phone);
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

// What a department needs to act on a ticket, named as its readers name things. The phone in
// full only where the organisation wants the responsible person to call the customer (沟通),
// and never for a customer who asked to stay anonymous.
TicketDesk::Values TicketDesk::content(const TicketFields& t, Language language,
                                       bool full_phone) const {
  const auto& texts = rules_.texts;
  const auto slots = field(t, "slots");
  const bool anonymous = field(t, "anonymous") == "1";
  auto answer = [&](const char* name) {
    const auto v = slot(slots, name);
    return v.empty() ? texts.not_given.in(language) : core::quoted(v, 600);
  };
  auto phone = field(t, "phone");
  if (phone.empty()) phone = field(t, "address");
  Values v{{"ticket", field(t, "number")},
           {"category", category_label(field(t, "category"), language)},
           {"level", field(t, "level")},
           {"description", answer("description")},
           {"when_where", answer("when_where")},
           {"demand", answer("demand")}};
  if (anonymous) {
    v["name"] = texts.anonymous.in(language);
    v["phone"] = texts.hidden_phone.in(language);
  } else {
    const auto name = field(t, "name");
    v["name"] = name.empty() ? texts.no_name.in(language) : core::quoted(name, 60);
    v["phone"] = full_phone ? phone : core::masked(phone);
  }
  if (const auto due = field(t, "due_ms"); !due.empty())
    v["due"] = tickets::local_time(core::to_int64(due), settings_.timezone);
  if (const auto due = field(t, "sign_due_ms"); !due.empty())
    v["sign_due"] = tickets::local_time(core::to_int64(due), settings_.timezone);
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
                                Language language) const {
  using tickets::Refusal;
  const auto& texts = rules_.texts;
  auto action = [&]() -> const core::LocalizedText& {
    if (std::holds_alternative<tickets::SignFor>(command)) return texts.action_sign_for;
    if (std::holds_alternative<tickets::Reply>(command)) return texts.action_reply;
    if (std::holds_alternative<tickets::Transfer>(command)) return texts.action_transfer;
    if (std::holds_alternative<tickets::Extend>(command)) return texts.action_extend;
    if (std::holds_alternative<tickets::Appoint>(command)) return texts.action_appoint;
    if (std::holds_alternative<tickets::ApproveExtension>(command)) return texts.action_approve;
    if (std::holds_alternative<tickets::RejectExtension>(command)) return texts.action_reject;
    return texts.action_note;
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
        return say(&DeskTexts::sign_for_first, language, v);
      return say(&DeskTexts::wrong_state, language,
                 {{"ticket", number}, {"state", state().in(language)}, {"action", action().in(language)}});
    case Refusal::needs_result:
      return say(&DeskTexts::needs_result, language, v);
    case Refusal::needs_reason:
      return say(&DeskTexts::needs_reason, language, v);
    case Refusal::needs_days:
      return say(&DeskTexts::needs_days, language, v);
    case Refusal::extension_waiting:
      return say(&DeskTexts::extension_waiting, language, v);
    case Refusal::head_only:
      return say(&DeskTexts::head_only, language, v);
    case Refusal::no_extension_waiting:
      return say(&DeskTexts::no_extension_waiting, language, v);
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
    case Refusal::same_department:  // worded where the department's name is known
    case Refusal::none:
    case Refusal::needs_department:
    case Refusal::no_audit:
    case Refusal::already_escalated:
    case Refusal::needs_other_order:
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

void TicketDesk::watch_reply(std::vector<store::ScoredMember>& zadd, const std::string& number,
                             std::int64_t now, std::int64_t due, int level) const {
  zadd.push_back({keys_.sla(), warning_time(now, due, level), number + "|reply_warn"});
  zadd.push_back({keys_.sla(), due, number + "|reply_due"});
}

std::int64_t TicketDesk::reply_due(const store::TicketWrite& ticket, std::int64_t now) const {
  for (const auto& [k, v] : ticket.fields)
    if (k == "due_ms") return core::to_int64(v, now);
  return rules_.calendar.add_working_days(now, rules_.reply_days);
}

void TicketDesk::dispatch(const tickets::Directory& directory, const store::InboxEntry& entry,
                          store::TicketWrite& ticket, store::InboxEffects& effects,
                          std::vector<Notice>& notices) const {
  TicketFields fields(ticket.fields.begin(), ticket.fields.end());
  const auto category = field(fields, "category");
  const auto text = complaint_text(field(fields, "slots"));
  const auto route = directory.route(category, text);
  if (route.lead == nullptr) return;
  const auto* person = route.lead->with_role("responsible");
  const auto now = entry.message.received_ms;
  const auto& rules = rules_;

  tickets::WorkOrder order{"{ticket}"};
  order.timeline.push_back({now, entry.message.from, "sms", "registered", ""});
  auto applied = tickets::apply(
      order, tickets::Dispatch{route.lead->id, person ? person->phone : "", route.cooperating},
      {"system", "system"}, now);
  if (!applied) return;
  for (auto& [k, v] : tickets::work_order_fields(*applied.order)) put(ticket.fields, k, v);
  // A first grade from everything the customer wrote and how many departments are involved
  // (the analysis refines it with repeats and other customers); a severe complaint can have
  // shorter limits.
  const auto first_grade = tickets::grade(
      {text, 1 + static_cast<int>(route.cooperating.size()), 0, 0, 0, false}, rules.grading);
  int reply_days = route.cooperating.empty() ? rules.reply_days : rules.multi_department_reply_days;
  if (auto it = rules.reply_days_by_level.find(first_grade.level);
      it != rules.reply_days_by_level.end())
    reply_days = std::min(reply_days, it->second);
  const auto sign_due = rules.calendar.add_working_minutes(now, rules.sign_for_hours * 60LL);
  const auto due = rules.calendar.add_working_days(now, reply_days);
  put(ticket.fields, "level", std::to_string(first_grade.level));
  put(ticket.fields, "level_reasons", reasons(first_grade, Language::zh));
  put(ticket.fields, "department_name", route.lead->name);
  put(ticket.fields, "department_name_en", route.lead->label("en"));
  put(ticket.fields, "sign_due_ms", std::to_string(sign_due));
  put(ticket.fields, "due_ms", std::to_string(due));

  // The SLA watch: a warning at 80% of each limit, then the limit itself.
  const auto sla = keys_.sla();
  effects.zadd.push_back({sla, warning_time(now, sign_due, first_grade.level), "{ticket}|sign_warn"});
  effects.zadd.push_back({sla, sign_due, "{ticket}|sign_due"});
  watch_reply(effects.zadd, "{ticket}", now, due, first_grade.level);
  // Grades depend on age: unresolved after half a month is level 2, after a month level 1.
  effects.zadd.push_back({sla, now + rules.grading.unresolved_level2_ms, "{ticket}|regrade_half"});
  effects.zadd.push_back({sla, now + rules.grading.unresolved_level1_ms, "{ticket}|regrade_month"});

  fields = TicketFields(ticket.fields.begin(), ticket.fields.end());
  fields["number"] = "{ticket}";
  if (person != nullptr) {
    effects.zadd.push_back({open_key(person->phone), now, "{ticket}"});
    const auto language = language_of(person->language);
    notices.push_back({core::Contact::phone(person->phone), say(&DeskTexts::dispatch_notice, language,
                                          content(fields, language, rules.full_phone_to_responsible))});
  }
  // The cooperating departments hear of it too: who leads, what it is about, when it is due.
  for (const auto& id : route.cooperating) {
    const auto* department = directory.find(id);
    const auto* contact = department ? department->with_role("responsible") : nullptr;
    if (contact == nullptr) continue;
    const auto language = language_of(contact->language);
    auto values = content(fields, language, false);
    values["department"] = route.lead->label(core::to_string(language));
    notices.push_back({core::Contact::phone(contact->phone), say(&DeskTexts::cooperate_notice, language, values)});
  }
}

std::string TicketDesk::named_ticket(std::string_view text) {
  auto parsed = tickets::parse_staff_command(text);
  return parsed ? parsed->number : std::string();
}

void TicketDesk::staff_message(const tickets::Directory& directory, const store::InboxEntry& entry,
                               const std::optional<TicketFields>& ticket,
                               const std::vector<std::string>& open_tickets,
                               store::InboxEffects& effects, std::vector<Notice>& notices) const {
  const auto& from = entry.message.from;
  const auto language = staff_language(directory, from);
  const auto lang = core::to_string(language);
  const auto example = open_tickets.empty() ? settings_.ticket_prefix + "2611300001"
                                            : open_tickets.front();
  auto tell = [&](const std::string& to, Text text, const Values& values) {
    notices.push_back({core::Contact::phone(to), say(text, staff_language(directory, to), values)});
  };
  auto refuse = [&](Text text, const Values& values) {
    notices.push_back({core::Contact::sender_of(entry.message), say(text, language, values)});
  };
  auto parsed = tickets::parse_staff_command(entry.message.text);
  if (!parsed) return refuse(&DeskTexts::unknown_command, {{"example", example}});
  if (parsed->number.empty() && open_tickets.size() != 1) {
    if (open_tickets.empty()) return refuse(&DeskTexts::no_open_ticket, {{"example", example}});
    std::string list;
    for (const auto& n : open_tickets) list += (list.empty() ? "" : language == Language::zh ? "、" : ", ") + n;
    return refuse(&DeskTexts::name_the_ticket, {{"tickets", list}, {"example", example}});
  }
  const auto number = parsed->number.empty() ? open_tickets.front() : parsed->number;
  auto [department, member] = directory.staff(from);
  if (ticket && field(*ticket, "type") == "handoff") {  // anyone on duty may answer it
    const auto on_duty = directory.handoff_staff();
    if (std::any_of(on_duty.begin(), on_duty.end(), [&from](const auto* p) { return p->phone == from; }) ||
        (department && field(*ticket, "department") == department->id))
      return handoff_command(directory, entry, *ticket, number, parsed->command, effects, notices);
  }
  if (!ticket || department == nullptr || field(*ticket, "department") != department->id)
    return refuse(&DeskTexts::not_yours,
                  {{"ticket", number}, {"department", department ? department->label(lang) : ""}});

  auto order = tickets::work_order_from(*ticket);
  order.number = number;
  auto command = parsed->command;
  const tickets::Department* target = nullptr;
  if (auto* t = std::get_if<tickets::Transfer>(&command)) {
    // The department by its id or either of its names; "转计费结算部属于计费问题" (no space
    // between the name and the reason) is read by the longest name it starts with.
    const auto written = t->reason.empty() ? t->department : t->department + " " + t->reason;
    std::size_t best = 0;
    for (const auto& d : directory.departments)
      for (const auto* name : {&d.id, &d.name, &d.name_en})
        if (!name->empty() && name->size() > best && written.starts_with(*name) &&
            (written.size() == name->size() || !std::isalnum(static_cast<unsigned char>(written[name->size()])) ||
             (static_cast<unsigned char>((*name)[0]) & 0x80))) {
          target = &d;
          best = name->size();
        }
    if (target == nullptr) {
      std::string names;
      for (const auto& d : directory.departments)
        if (d.id != department->id) names += (names.empty() ? "" : language == Language::zh ? "、" : ", ") + d.label(lang);
      return refuse(&DeskTexts::no_such_department, {{"name", t->department}, {"departments", names}});
    }
    std::string_view reason(written);
    reason.remove_prefix(best);
    while (!reason.empty() && (reason.front() == ' ' || reason.front() == ':' || reason.front() == ','))
      reason.remove_prefix(1);
    t->reason = std::string(reason);
    t->department = target->id;
    if (const auto* p = target->with_role("responsible")) t->responsible = p->phone;
    if (target->id == department->id)
      return refuse(&DeskTexts::same_department, {{"ticket", number}, {"department", target->label(lang)}});
  }
  const tickets::Actor actor{from, "sms", member->role};
  const auto now = entry.message.received_ms;
  const auto& rules = rules_;
  const tickets::WorkPolicy policy{rules.audit_required, rules.extension_needs_head, rules.reply_by};
  const int requested_before = order.requested_extension_days;
  const auto holder = order.responsible;
  auto applied = tickets::apply(order, command, actor, now, policy);
  if (!applied) {
    std::string holder_name = core::masked(holder);
    for (const auto& s : department->staff)
      if (s.phone == holder) holder_name = s.name;
    notices.push_back({core::Contact::sender_of(entry.message), refusal(applied, command, number, holder_name, language)});
    return;
  }
  order = std::move(*applied.order);

  TicketFields current = *ticket;
  current["number"] = number;
  const auto customer = field(*ticket, "address");
  const auto customer_contact = customer_of(*ticket);
  const auto customer_language = language_of(field(*ticket, "language"));
  const auto customer_lang = core::to_string(customer_language);
  const auto ticket_key = keys_.ticket(number);
  std::vector<std::pair<std::string, std::string>> changes;
  auto due_text = [&](std::int64_t due) { return tickets::local_time(due, settings_.timezone); };
  const Values own{{"ticket", number}};
  Text confirmation = &DeskTexts::done_note;
  Values confirmation_values = own;

  if (std::holds_alternative<tickets::SignFor>(command)) {
    confirmation = &DeskTexts::done_sign_for;
    confirmation_values["due"] = due_text(number_field(current, "due_ms"));
    if (rules.notify_signed_for)
      notices.push_back({customer_contact, say(&DeskTexts::signed_for_customer, customer_language,
                                       {{"ticket", number},
                                        {"department", department->label(customer_lang)},
                                        {"due", due_text(number_field(current, "due_ms"))}})});
  } else if (auto* reply = std::get_if<tickets::Reply>(&command)) {
    confirmation = rules.audit_required ? &DeskTexts::done_reply_audit : &DeskTexts::done_reply;
    if (!rules.audit_required) {  // no desk audit: the result goes out now
      auto sent = tickets::apply(order, tickets::SendResult{}, {"system", "system"}, now, policy);
      if (sent) order = std::move(*sent.order);
      notices.push_back({customer_contact, say(&DeskTexts::result_customer, customer_language,
                                       {{"ticket", number}, {"result", reply->result}})});
    }
    effects.zrem.push_back({open_key(order.responsible), 0, number});
    if (holder != order.responsible) effects.zrem.push_back({open_key(holder), 0, number});
  } else if (auto* transfer = std::get_if<tickets::Transfer>(&command)) {
    confirmation = &DeskTexts::done_transfer;
    confirmation_values["department"] = target->label(lang);
    effects.zrem.push_back({open_key(from), 0, number});
    if (!holder.empty() && holder != from) effects.zrem.push_back({open_key(holder), 0, number});
    changes.emplace_back("department_name", target->name);
    changes.emplace_back("department_name_en", target->label("en"));
    if (rules.transfer_restarts_clock) {
      const auto sign_due = rules.calendar.add_working_minutes(now, rules.sign_for_hours * 60LL);
      const auto due = rules.calendar.add_working_days(
          now, order.cooperating.empty() ? rules.reply_days : rules.multi_department_reply_days);
      changes.emplace_back("sign_due_ms", std::to_string(sign_due));
      changes.emplace_back("due_ms", std::to_string(due));
      current["sign_due_ms"] = std::to_string(sign_due);
      current["due_ms"] = std::to_string(due);
      const int level = static_cast<int>(number_field(current, "level"));
      effects.zadd.push_back({keys_.sla(), warning_time(now, sign_due, level), number + "|sign_warn"});
      effects.zadd.push_back({keys_.sla(), sign_due, number + "|sign_due"});
      watch_reply(effects.zadd, number, now, due, level);
    }
    // The new department gets what it needs to act, and the customer is told who has it now.
    if (const auto* p = target->with_role("responsible")) {
      effects.zadd.push_back({open_key(p->phone), now, number});
      const auto their = language_of(p->language);
      auto values = content(current, their, rules.full_phone_to_responsible);
      values["from_department"] = department->label(core::to_string(their));
      values["reason"] = core::quoted(transfer->reason, 200);
      notices.push_back({core::Contact::phone(p->phone), say(&DeskTexts::transfer_notice, their, values)});
    }
    notices.push_back({customer_contact, say(&DeskTexts::transferred_customer, customer_language,
                                     {{"ticket", number},
                                      {"department", target->label(customer_lang)},
                                      {"due", due_text(number_field(current, "due_ms"))}})});
  } else if (auto* rejected = std::get_if<tickets::RejectExtension>(&command)) {
    confirmation = &DeskTexts::done_reject;
    if (order.responsible != from) effects.zrem.push_back({open_key(from), 0, number});
    tell(order.responsible, &DeskTexts::extension_rejected, {{"ticket", number}, {"reason", rejected->reason}});
  } else if (auto* appointment = std::get_if<tickets::Appoint>(&command)) {
    confirmation = &DeskTexts::done_appointment;
    notices.push_back({customer_contact, say(&DeskTexts::appointment_customer, customer_language,
                                     {{"ticket", number},
                                      {"department", department->label(customer_lang)},
                                      {"text", appointment->text}})});
  }
  // An extension takes effect when made by the head (or without the head rule) or approved;
  // the customer is told the new date (the seed: 延期…转告客户).
  int extend_days = 0;
  std::string extend_reason;
  if (auto* extend = std::get_if<tickets::Extend>(&command)) {
    if (order.requested_extension_days > 0 && requested_before == 0) {  // only a request
      confirmation = &DeskTexts::done_extension_requested;
      if (const auto* head = department->with_role("head"))
        effects.zadd.push_back({open_key(head->phone), now, number});  // "批准" needs no number
      if (const auto* head = department->with_role("head"))
        tell(head->phone, &DeskTexts::extension_request,
             {{"ticket", number},
              {"department", department->label(core::to_string(staff_language(directory, head->phone)))},
              {"days", std::to_string(extend->days)},
              {"reason", extend->reason}});
    } else {
      extend_days = extend->days;
      extend_reason = extend->reason;
    }
  } else if (std::holds_alternative<tickets::ApproveExtension>(command)) {
    extend_days = requested_before;
    if (order.responsible != from) effects.zrem.push_back({open_key(from), 0, number});
    extend_reason = ticket->count("requested_extension_reason") ? ticket->at("requested_extension_reason") : "";
  }
  if (extend_days > 0) {
    const auto due = number_field(current, "due_ms");
    const auto new_due = rules.calendar.add_working_days(due, extend_days);
    changes.emplace_back("due_ms", std::to_string(new_due));
    watch_reply(effects.zadd, number, now, new_due, static_cast<int>(number_field(current, "level")));
    confirmation = &DeskTexts::done_extend;
    confirmation_values["due"] = due_text(new_due);
    if (std::holds_alternative<tickets::ApproveExtension>(command) && order.responsible != from)
      tell(order.responsible, &DeskTexts::extension_approved, {{"ticket", number}, {"due", due_text(new_due)}});
    notices.push_back({customer_contact, say(&DeskTexts::extended_customer, customer_language,
                                     {{"ticket", number},
                                      {"reason", extend_reason.empty() ? rules_.texts.not_given.in(customer_language) : extend_reason},
                                      {"due", due_text(new_due)}})});
  }
  for (auto& kv : tickets::work_order_fields(order)) changes.push_back(std::move(kv));
  changes.emplace_back("updated_ms", std::to_string(now));
  effects.hset.push_back({ticket_key, std::move(changes)});
  notices.push_back({core::Contact::sender_of(entry.message), say(confirmation, language, confirmation_values)});
}

// "Still not fixed" after the result: the same ticket goes back to its department (a renewed
// dissatisfaction with the same solution is not a new complaint), to the person who held it,
// with a new reply limit.
bool TicketDesk::reopen_if_unhappy(const tickets::Directory* directory,
                                   const store::InboxEntry& entry, tickets::WorkOrder order,
                                   const TicketFields& ticket, store::InboxEffects& effects,
                                   std::vector<Notice>& notices) const {
  const auto& m = entry.message;
  const auto& rules = rules_;
  const auto text = core::normalize(m.text);
  auto says_any = [&](const std::vector<std::string>& words) {
    return std::any_of(words.begin(), words.end(), [&](const std::string& w) {
      return text.find(core::normalize(w)) != std::string::npos;
    });
  };
  const auto customer_language = language_of(field(ticket, "language"));
  const bool recent = m.received_ms - number_field(ticket, "updated_ms") <= rules.reopen_window_ms;
  if (!says_any(rules.dissatisfied_words) || !recent) {
    // Thanks are short ("好的，谢谢", "ok thanks"): a longer message that happens to contain
    // "ok" ("I want to book a visit") is something new.
    if (!says_any(rules.thanks_words) || core::char_count(m.text) > 20) return false;
    // Thanks after the result: the matter is closed (结案), politely.
    auto closed = tickets::apply(order, tickets::Close{}, {m.from, "sms"}, m.received_ms);
    if (closed) {
      auto fields = tickets::work_order_fields(*closed.order);
      fields.emplace_back("updated_ms", std::to_string(m.received_ms));
      effects.hset.push_back({keys_.ticket(order.number), std::move(fields)});
    }
    notices.push_back({core::Contact::sender_of(entry.message), say(&DeskTexts::thanks_customer, customer_language, {})});
    return true;
  }
  auto reopened = tickets::apply(order, tickets::Reopen{m.text}, {m.from, "sms"}, m.received_ms);
  if (!reopened) return false;
  auto fields = tickets::work_order_fields(*reopened.order);
  fields.emplace_back("updated_ms", std::to_string(m.received_ms));
  const auto level = static_cast<int>(number_field(ticket, "level"));
  const auto due = rules.calendar.add_working_days(m.received_ms, rules.reply_days);
  fields.emplace_back("due_ms", std::to_string(due));
  watch_reply(effects.zadd, order.number, m.received_ms, due, level);
  effects.hset.push_back({keys_.ticket(order.number), std::move(fields)});
  if (!order.responsible.empty()) {
    const auto their = directory ? staff_language(*directory, order.responsible) : Language::zh;
    notices.push_back({core::Contact::phone(order.responsible), say(&DeskTexts::reopened_notice, their,
                                              {{"ticket", order.number}, {"text", core::quoted(m.text, kWholeMessage)}})});
    effects.zadd.push_back({keys_.staff_open(order.responsible), m.received_ms, order.number});
  }
  const auto department =
      customer_language == Language::en ? field(ticket, "department_name_en") : field(ticket, "department_name");
  notices.push_back({core::Contact::sender_of(entry.message), say(&DeskTexts::reopened_customer, customer_language,
                                 {{"ticket", order.number},
                                  {"department", department.empty() ? field(ticket, "department_name") : department}})});
  return true;
}

// Age changes a grade: recomputed with how long the complaint has been open; a rise to level 1
// alerts the duty managers.
store::SlaEffects TicketDesk::regrade(const tickets::Directory& directory,
                                      const std::string& number, const TicketFields& ticket,
                                      std::int64_t now) const {
  store::SlaEffects e;
  const auto created = field(ticket, "created_ms");
  e.due_ms = created + "+" + std::to_string(now - core::to_int64(created));
  const auto state = field(ticket, "state");
  if (state == "result_sent" || state == "closed" || state == "recorded") return e;
  const auto grade = tickets::grade(
      {complaint_text(field(ticket, "slots")), departments_involved(ticket),
       static_cast<int>(number_field(ticket, "repeat_count")),
       static_cast<int>(number_field(ticket, "similar_customers")),
       now - core::to_int64(created, now), false,
       field(ticket, "incident").empty() ? 0 : static_cast<int>(number_field(ticket, "collective_customers"))},
      rules_.grading);
  e.hset.push_back({keys_.ticket(number),
                    {{"level", std::to_string(grade.level)},
                     {"level_reasons", reasons(grade, Language::zh)}}});
  if (grade.level == 1 && field(ticket, "level") != "1") {
    TicketFields named = ticket;
    named["number"] = number;
    for (const auto& m : directory.duty_managers) {
      const auto language = language_of(m.language);
      auto values = content(named, language, false);
      values["reasons"] = reasons(grade, language);
      values["summary"] = values["description"];
      for (auto& part : sms_parts(say(&DeskTexts::major_complaint, language, values)))
        e.outbound.push_back(addressed(
            core::Contact::phone(m.phone),
            "regrade-" + number + "-" + e.due_ms + "-" + std::to_string(e.outbound.size()),
            std::move(part)));
    }
  }
  return e;
}

std::optional<store::SlaEffects> TicketDesk::sla_event(const tickets::Directory& directory,
                                                       const std::string& member,
                                                       const TicketFields& ticket,
                                                       std::int64_t now) const {
  const auto bar = member.find('|');
  const auto number = member.substr(0, bar);
  const auto kind = bar == std::string::npos ? std::string() : member.substr(bar + 1);
  if (kind.starts_with("regrade")) return regrade(directory, number, ticket, now);
  if (kind != "sign_warn" && kind != "sign_due" && kind != "reply_warn" && kind != "reply_due")
    return store::SlaEffects{};  // not a limit: take it off the watch
  const bool sign = kind.starts_with("sign");
  const auto due_field = field(ticket, sign ? "sign_due_ms" : "due_ms");
  const auto due = core::to_int64(due_field);
  store::SlaEffects e;
  e.due_ms = due_field;
  const bool warning = kind.ends_with("_warn");
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
      e.outbound.push_back(addressed(
          core::Contact::phone(to),
          "sla-" + member + "-" + due_field + "-" + std::to_string(e.outbound.size()),
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
  store::HashWrite changes{keys_.ticket(number), {}};
  if (applied) changes.fields = tickets::work_order_fields(*applied.order);
  changes.fields.emplace_back(sign ? "sign_overdue" : "reply_overdue", "1");
  e.hset.push_back(std::move(changes));
  e.delay =
      store::SlaEffects::Delay{number, order.department, sign ? "sign_for" : "reply", due_field};
  const Text text = sign ? &DeskTexts::sign_overdue : &DeskTexts::reply_overdue;
  if (department)
    if (const auto* head = department->with_role("head")) sms(head->phone, text);
  for (const auto& manager : directory.duty_managers) sms(manager.phone, text);
  return e;
}

bool TicketDesk::customer_message(const tickets::Directory* directory,
                                  const store::InboxEntry& entry, const TicketFields& ticket,
                                  store::InboxEffects& effects,
                                  std::vector<Notice>& notices) const {
  auto order = tickets::work_order_from(ticket);
  order.number = field(ticket, "number");
  const auto& m = entry.message;
  if (order.state == tickets::WorkState::result_sent)
    return reopen_if_unhappy(directory, entry, order, ticket, effects, notices);
  if (order.state != tickets::WorkState::dispatched &&
      order.state != tickets::WorkState::signed_for)
    return false;
  auto noted = tickets::apply(order, tickets::Note{m.text}, {m.from, "sms"}, m.received_ms);
  if (!noted) return false;
  auto fields = tickets::work_order_fields(*noted.order);
  fields.emplace_back("updated_ms", std::to_string(m.received_ms));
  grade_later_message(directory, ticket, m.text, fields, notices);
  effects.hset.push_back({keys_.ticket(order.number), std::move(fields)});
  if (!order.responsible.empty()) {
    const auto their = directory ? staff_language(*directory, order.responsible) : Language::zh;
    notices.push_back({core::Contact::phone(order.responsible), say(&DeskTexts::customer_wrote, their,
                                              {{"ticket", order.number}, {"text", core::quoted(m.text, kWholeMessage)}})});
  }
  notices.push_back({core::Contact::sender_of(entry.message), say(&DeskTexts::passed_on_customer, language_of(field(ticket, "language")),
                                 {{"ticket", order.number}})});
  return true;
}

// What the customer writes later is graded too: a threat of the media or a lawsuit raises the
// level (never lowers it) and reaches the duty managers at once.
void TicketDesk::grade_later_message(const tickets::Directory* directory, const TicketFields& ticket,
                                     const std::string& text,
                                     std::vector<std::pair<std::string, std::string>>& fields,
                                     std::vector<Notice>& notices) const {
  const auto grade = tickets::grade({text}, rules_.grading);
  const auto level = static_cast<int>(core::to_int64(field(ticket, "level"), 4));
  if (grade.level >= level) return;
  fields.emplace_back("level", std::to_string(grade.level));
  fields.emplace_back("level_reasons", reasons(grade, Language::zh));
  if (grade.level != 1 || directory == nullptr) return;
  for (const auto& manager : directory->duty_managers) {
    const auto language = language_of(manager.language);
    auto values = content(ticket, language, false);
    if (field(ticket, "type") == "handoff")
      values["category"] = rules_.texts.handoff_category.in(language);
    values["reasons"] = reasons(grade, language);
    values["summary"] = core::quoted(text, 240);
    notices.push_back({core::Contact::phone(manager.phone), say(&DeskTexts::major_complaint, language, values)});
  }
}

bool TicketDesk::open_handoff(const TicketFields& ticket) {
  const auto state = field(ticket, "state");
  return field(ticket, "type") == "handoff" && (state == "waiting" || state == "answering");
}

namespace {

// One more line on a ticket's timeline (the stored JSON array), as a field to write.
std::pair<std::string, std::string> timeline_with(const TicketFields& ticket, std::int64_t at,
                                                  const std::string& actor, const std::string& what,
                                                  const std::string& text) {
  auto order = tickets::work_order_from(ticket);
  order.timeline.push_back({at, actor, "sms", what, text});
  for (auto& [k, v] : tickets::work_order_fields(order))
    if (k == "timeline") return {k, v};
  return {"timeline", "[]"};
}

}  // namespace

std::string TicketDesk::handoff(const tickets::Directory& directory, const store::InboxEntry& entry,
                                const std::vector<std::string>& recent, store::TicketWrite& ticket,
                                store::InboxEffects& effects, std::vector<Notice>& notices,
                                Language language) const {
  const auto& m = entry.message;
  const auto now = m.received_ms;
  put(ticket.fields, "state", "waiting");
  put(ticket.fields, "department", directory.default_department);
  effects.zadd.push_back({keys_.handoff_queue(), now, "{ticket}"});
  std::string lines;
  for (const auto& line : recent) lines += (lines.empty() ? "" : " / ") + line;
  TicketFields fields(ticket.fields.begin(), ticket.fields.end());
  fields["number"] = "{ticket}";
  for (const auto* person : directory.handoff_staff()) {
    effects.zadd.push_back({open_key(person->phone), now, "{ticket}"});
    const auto their = language_of(person->language);
    auto values = content(fields, their, true);
    values["recent"] = core::quoted(lines, 600);
    notices.push_back({core::Contact::phone(person->phone), say(&DeskTexts::handoff_request, their, values)});
  }
  // Honest about when: a person answers within business hours.
  const auto& calendar = rules_.calendar;
  const auto opens = calendar.add_working_minutes(now, 0);
  if (opens - now < 60'000) return say(&DeskTexts::handoff_soon, language, {});
  return say(&DeskTexts::handoff_later, language,
             {{"opens", tickets::local_time(opens, settings_.timezone)}});
}

bool TicketDesk::handoff_message(const tickets::Directory* directory, const store::InboxEntry& entry,
                                 const TicketFields& ticket, store::InboxEffects& effects,
                                 std::vector<Notice>& notices) const {
  if (!open_handoff(ticket)) return false;
  const auto& m = entry.message;
  const auto number = field(ticket, "number");
  std::vector<std::pair<std::string, std::string>> fields{
      timeline_with(ticket, m.received_ms, m.from, "customer_wrote", m.text),
      {"updated_ms", std::to_string(m.received_ms)}};
  grade_later_message(directory, ticket, m.text, fields, notices);
  effects.hset.push_back({keys_.ticket(number), std::move(fields)});
  std::vector<std::string> to;
  if (const auto handler = field(ticket, "responsible"); !handler.empty())
    to.push_back(handler);
  else if (directory)
    for (const auto* person : directory->handoff_staff()) to.push_back(person->phone);
  for (const auto& phone : to) {
    const auto their = directory ? staff_language(*directory, phone) : Language::zh;
    notices.push_back({core::Contact::phone(phone), say(&DeskTexts::customer_wrote, their,
                                  {{"ticket", number}, {"text", core::quoted(m.text, kWholeMessage)}})});
  }
  return true;
}

void TicketDesk::leave_handoff(const tickets::Directory* directory, const store::InboxEntry& entry,
                               const TicketFields& ticket, store::InboxEffects& effects,
                               std::vector<Notice>& notices) const {
  if (!open_handoff(ticket)) return;
  const auto& m = entry.message;
  const auto number = field(ticket, "number");
  effects.hset.push_back({keys_.ticket(number),
                          {{"state", "closed"},
                           timeline_with(ticket, m.received_ms, m.from, "customer_left", m.text),
                           {"updated_ms", std::to_string(m.received_ms)}}});
  effects.zrem.push_back({keys_.handoff_queue(), 0, number});
  std::vector<std::string> told;
  if (const auto handler = field(ticket, "responsible"); !handler.empty()) told.push_back(handler);
  else if (directory)
    for (const auto* person : directory->handoff_staff()) told.push_back(person->phone);
  for (const auto& phone : told) {
    effects.zrem.push_back({open_key(phone), 0, number});
    const auto their = directory ? staff_language(*directory, phone) : Language::zh;
    notices.push_back({core::Contact::phone(phone), say(&DeskTexts::handoff_left, their, {{"ticket", number}})});
  }
}

// A staff member answering a customer who asked for a person: a reply goes to the customer
// (the first one takes the conversation), "close" ends it.
void TicketDesk::handoff_command(const tickets::Directory& directory, const store::InboxEntry& entry,
                                 const TicketFields& ticket, const std::string& number,
                                 const tickets::Command& command, store::InboxEffects& effects,
                                 std::vector<Notice>& notices) const {
  const auto& m = entry.message;
  const auto language = staff_language(directory, m.from);
  const auto customer = field(ticket, "address");
  const auto customer_contact = customer_of(ticket);
  const auto customer_language = language_of(field(ticket, "language"));
  const auto [department, member] = directory.staff(m.from);
  if (!open_handoff(ticket))
    return notices.push_back({core::Contact::sender_of(entry.message), say(&DeskTexts::closed_ticket, language, {{"ticket", number}})});
  std::vector<std::pair<std::string, std::string>> fields{{"updated_ms", std::to_string(m.received_ms)}};
  if (const auto* reply = std::get_if<tickets::Reply>(&command); reply && !reply->result.empty()) {
    fields.push_back(timeline_with(ticket, m.received_ms, m.from, "staff_wrote", reply->result));
    if (field(ticket, "state") == "waiting") {  // taken: off the queue and the others' lists
      fields.emplace_back("state", "answering");
      fields.emplace_back("responsible", m.from);
      effects.zrem.push_back({keys_.handoff_queue(), 0, number});
      for (const auto* person : directory.handoff_staff())
        if (person->phone != m.from) effects.zrem.push_back({open_key(person->phone), 0, number});
    }
    effects.hset.push_back({keys_.ticket(number), std::move(fields)});
    notices.push_back({customer_contact, say(&DeskTexts::handoff_reply_customer, customer_language,
                                     {{"text", reply->result}, {"name", member ? member->name : ""}})});
    notices.push_back({core::Contact::sender_of(entry.message), say(&DeskTexts::handoff_sent, language, {{"ticket", number}})});
    return;
  }
  if (std::holds_alternative<tickets::Close>(command)) {
    fields.emplace_back("state", "closed");
    fields.push_back(timeline_with(ticket, m.received_ms, m.from, "closed", ""));
    effects.hset.push_back({keys_.ticket(number), std::move(fields)});
    effects.zrem.push_back({keys_.handoff_queue(), 0, number});
    for (const auto* person : directory.handoff_staff())
      effects.zrem.push_back({open_key(person->phone), 0, number});
    effects.zrem.push_back({open_key(m.from), 0, number});
    // The customer's conversation ends with it: their next message starts afresh.
    effects.set.push_back({keys_.session(field(ticket, "channel") + ":" + field(ticket, "account") +
                                         ":" + customer),
                           settings_.remembered_language(customer_language, m.received_ms),
                           settings_.remember_language});
    notices.push_back({customer_contact, say(&DeskTexts::handoff_closed_customer, customer_language, {})});
    notices.push_back({core::Contact::sender_of(entry.message), say(&DeskTexts::handoff_closed_staff, language, {{"ticket", number}})});
    return;
  }
  notices.push_back({core::Contact::sender_of(entry.message), say(&DeskTexts::handoff_usage, language, {{"ticket", number}})});
}

void TicketDesk::prepare_analysis(store::TicketWrite& ticket, store::InboxEffects& effects,
                                  std::int64_t now) const {
  std::string slots;
  for (const auto& [k, v] : ticket.fields)
    if (k == "slots") slots = v;
  // What the complaint is about, not the answers everybody gives alike ("今天", "尽快处理").
  put(ticket.fields, "fingerprint", tickets::fingerprint(slot(slots, "description")).serialize());
  put(ticket.fields, "owner", ticket.owner);
  effects.zadd.push_back({keys_.recent_complaints(), now, "{ticket}"});
  effects.zadd.push_back({keys_.sla(), now, "{ticket}|analyze"});
}

store::SlaEffects TicketDesk::analyze(const tickets::Directory& directory,
                                      const std::string& number, const TicketFields& ticket,
                                      const std::vector<TicketFields>& recent,
                                      std::int64_t now) const {
  const auto& rules = rules_;
  store::SlaEffects e;
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
  store::HashWrite changes{keys_.ticket(number),
                           {{"level", std::to_string(grade.level)},
                            {"level_reasons", reasons(grade, Language::zh)},
                            {"similar_customers", std::to_string(customers_month.size())}}};
  if (!repeat_of.empty()) {
    changes.fields.emplace_back("repeat_of", repeat_of);
    changes.fields.emplace_back("repeat_count", std::to_string(repeats));
  }
  // A more severe grade can mean a shorter reply limit: the ticket is re-timed, never given
  // more time than it had.
  auto retime = [&](const TicketFields& t, const std::string& n, int level,
                    std::vector<std::pair<std::string, std::string>>& into) {
    auto it = rules.reply_days_by_level.find(level);
    const auto due = number_field(t, "due_ms");
    if (it == rules.reply_days_by_level.end() || due == 0) return;
    const auto sooner = rules.calendar.add_working_days(number_field(t, "created_ms"), it->second);
    if (sooner >= due) return;
    into.emplace_back("due_ms", std::to_string(sooner));
    watch_reply(e.zadd, n, now, sooner, level);
  };
  retime(ticket, number, grade.level, changes.fields);

  auto sms = [&](const core::Contact& to, const std::string& text) {
    for (auto& part : sms_parts(text))
      e.outbound.push_back(addressed(to,
                                     "analyze-" + number + "-" + std::to_string(e.outbound.size()),
                                     std::move(part)));
  };
  TicketFields named = ticket;
  named["number"] = number;
  named["level"] = std::to_string(grade.level);
  const auto summary = core::quoted(slot(field(ticket, "slots"), "description"), 90);
  // A level-1 complaint is announced at once, unless it is level 1 only for being part of an
  // incident, which is announced as one.
  const auto alone = tickets::grade({text, departments_involved(ticket), repeats,
                                     static_cast<int>(customers_month.size()), 0, false, 0},
                                    rules.grading);
  if (alone.level == 1 && field(ticket, "level") != "1")
    for (const auto& m : directory.duty_managers) {
      const auto language = language_of(m.language);
      auto values = content(named, language, false);
      values["reasons"] = reasons(alone, language);
      values["summary"] = summary;
      sms(core::Contact::phone(m.phone), say(&DeskTexts::major_complaint, language, values));
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
    e.hset.push_back({keys_.incident(incident),
                      {{"id", incident},
                       {"category", category},
                       {"summary", summary},
                       {"customers", std::to_string(collective)},
                       {"tickets", members},
                       {"updated_ms", std::to_string(now)}}});
    changes.fields.emplace_back("incident", incident);
    changes.fields.emplace_back("collective_customers", std::to_string(collective));
    // The earlier tickets of the incident are a collective complaint too: raised and re-timed.
    for (const auto* t : burst) {
      const auto n = field(*t, "number");
      store::HashWrite raised{keys_.ticket(n),
                              {{"incident", incident},
                               {"collective_customers", std::to_string(collective)}}};
      const auto level = static_cast<int>(core::to_int64(field(*t, "level"), 4));
      if (rules.grading.collective_level < level) {
        raised.fields.emplace_back("level", std::to_string(rules.grading.collective_level));
        retime(*t, n, rules.grading.collective_level, raised.fields);
      }
      e.hset.push_back(std::move(raised));
    }
    if (known) {
      sms(customer_of(ticket),
          say(&DeskTexts::incident_known, language_of(field(ticket, "language")), {}));
    } else {
      e.guard_key = keys_.incident(incident) + ":announced";
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
  e.hset.insert(e.hset.begin(), std::move(changes));
  return e;
}

}  // namespace ombud::tickets

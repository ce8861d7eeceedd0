#include "tickets/desk/desk.hpp"

#include "core/text.hpp"
#include "tickets/desk/helpers.hpp"
#include "tickets/fingerprint.hpp"
#include "tickets/grading.hpp"
#include "tickets/commands.hpp"

#include <algorithm>

namespace ombud::tickets {

using core::Language;
using namespace desk_detail;

// Staff commands by SMS on work orders, and reopening after an unhappy customer.

namespace {
// The audit log's line for a command by SMS, like the console's for a request.
AuditLine audited(const core::InboundMessage& message, const StaffActor& actor, std::string action,
                         const std::string& number, const TicketFields& ticket) {
  return {message.received_ms, actor.id, actor.name, actor.role, "sms", std::move(action),
          number, version_of(ticket), message.text};
}
}  // namespace

void TicketDesk::staff_message(const tickets::Directory& directory, const core::InboundMessage& message,
                               const std::optional<TicketFields>& ticket,
                               const std::vector<std::string>& open_tickets,
                               Effects& effects, std::vector<Notice>& notices) const {
  const auto& from = message.from;
  const auto language = staff_language(directory, from);
  const auto lang = core::to_string(language);
  const auto example = open_tickets.empty() ? settings_.ticket_prefix + "2611300001"
                                            : open_tickets.front();
  auto refuse = [&](Text text, const Values& values) {
    notices.push_back({core::Contact::sender_of(message), say(text, language, values)});
  };
  auto parsed = tickets::parse_staff_command(message.text);
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
    {
      const StaffActor actor{from, "sms", member ? member->role : "", language, member ? member->name : ""};
      const auto* reply = std::get_if<tickets::Reply>(&parsed->command);
      if (!(reply && !reply->result.empty()) && !std::holds_alternative<tickets::Close>(parsed->command))
        return refuse(&DeskTexts::handoff_usage, {{"ticket", number}});
      const auto result = handoff_act(directory, actor, *ticket, number,
                                      reply ? HandoffAction::write : HandoffAction::close,
                                      reply ? reply->result : "", message.received_ms, effects, notices);
      if (result.done) effects.audit = audited(message, actor, reply ? "messages" : "close", number, *ticket);
      notices.push_back({core::Contact::sender_of(message), result.text});
      return;
    }
  }
  if (!ticket || department == nullptr || field(*ticket, "department") != department->id)
    return refuse(&DeskTexts::not_yours,
                  {{"ticket", number}, {"department", department ? department->label(lang) : ""}});

  const StaffActor actor{from, "sms", member->role, language, member->name};
  const std::string action(command_name(parsed->command));
  const auto result = act(directory, actor, *ticket, number, std::move(parsed->command),
                          message.received_ms, effects, notices);
  if (result.done) effects.audit = audited(message, actor, action, number, *ticket);
  notices.push_back({core::Contact::sender_of(message), result.text});
}

TicketDesk::ActionResult TicketDesk::act(const tickets::Directory& directory,
                                         const StaffActor& actor, const TicketFields& ticket,
                                         const std::string& number, tickets::Command command,
                                         std::int64_t now, Effects& effects,
                                         std::vector<Notice>& notices) const {
  const auto& from = actor.id;
  const auto language = actor.language;
  const auto lang = core::to_string(language);
  auto tell = [&](const std::string& to, Text text, const Values& values) {
    notices.push_back({core::Contact::phone(to), say(text, staff_language(directory, to), values)});
  };
  auto refuse = [&](Text text, const Values& values) {
    return ActionResult{false, say(text, language, values)};
  };
  const auto* department = directory.find(field(ticket, "department"));
  if (department == nullptr)
    return refuse(&DeskTexts::not_yours, {{"ticket", number}, {"department", ""}});
  auto order = tickets::work_order_from(ticket);
  order.number = number;
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
  if (auto* a = std::get_if<tickets::Assign>(&command)) {
    // Someone of it, by phone or name; "改派 Tom Li 休假" is read by the longest name it
    // starts with (a name may have a space), the rest is the reason.
    const auto written = a->reason.empty() ? a->responsible : a->responsible + " " + a->reason;
    const tickets::StaffMember* to = nullptr;
    std::size_t matched = 0;
    std::string names;
    for (const auto& m : department->staff) {
      for (const auto* name : {&m.phone, &m.name})
        if (!name->empty() && name->size() > matched && written.starts_with(*name) &&
            (written.size() == name->size() || written[name->size()] == ' ')) {
          to = &m;
          matched = name->size();
        }
      names += (names.empty() ? "" : language == Language::zh ? "、" : ", ") + m.name;
    }
    if (to == nullptr)
      return refuse(&DeskTexts::no_such_person,
                    {{"name", a->responsible}, {"department", department->label(lang)}, {"staff", names}});
    a->reason = matched < written.size() ? written.substr(matched + 1) : std::string();
    a->responsible = to->phone;
  }
  const tickets::Actor by{actor.id, actor.channel, actor.role};
  const auto& rules = rules_;
  const tickets::WorkPolicy policy{rules.audit_required, rules.extension_needs_head, rules.reply_by,
                                   rules.assign_needs_head};
  const int requested_before = order.requested_extension_days;
  const auto requested_person = order.requested_responsible;  // a change of handler waiting
  const auto holder = order.responsible;
  auto applied = tickets::apply(order, command, by, now, policy);
  if (!applied) {
    std::string holder_name = core::masked(holder);
    for (const auto& s : department->staff)
      if (s.phone == holder) holder_name = s.name;
    return {false, refusal(applied, command, number, holder_name, actor)};
  }
  order = std::move(*applied.order);

  TicketFields current = ticket;
  current["number"] = number;
  const auto customer = field(ticket, "address");
  const auto customer_contact = customer_of(ticket);
  const auto customer_language = language_of(field(ticket, "language"));
  const auto customer_lang = core::to_string(customer_language);
  std::vector<std::pair<std::string, std::string>> changes;
  auto due_text = [&](std::int64_t due) { return tickets::local_time(due, settings_.timezone); };
  const Values own{{"ticket", number}};
  Text confirmation = &DeskTexts::done_note;
  Values confirmation_values = own;
  auto name_of = [&](const std::string& phone) {
    for (const auto& m : department->staff)
      if (m.phone == phone) return m.name;
    return core::masked(phone);
  };
  // Another person of the department has it now: they get what they need to act, and who had
  // it is told it is no longer theirs.
  auto hand_over = [&] {
    effects.release(holder, number);
    effects.hold(order.responsible, number, now);
    const auto their = staff_language(directory, order.responsible);
    notices.push_back({core::Contact::phone(order.responsible),
                       say(&DeskTexts::assigned_notice, their, content(current, their, rules.full_phone_to_responsible))});
    if (!holder.empty() && holder != from)
      tell(holder, &DeskTexts::assigned_away, {{"ticket", number}, {"name", name_of(order.responsible)}});
  };

  if (std::holds_alternative<tickets::SignFor>(command)) {
    // (By SMS, with how to answer by SMS.)
    confirmation = actor.channel == "sms" ? &DeskTexts::done_sign_for : &DeskTexts::done_sign_for_console;
    confirmation_values["due"] = due_text(number_field(current, "due_ms"));
    // The customer hears it once per department: not again when another person of it signs
    // after a change of handler.
    bool told = false;
    for (std::size_t i = 0; i + 1 < order.timeline.size(); ++i)
      told = order.timeline[i].what == "signed_for" || (told && order.timeline[i].what != "dispatched");
    if (rules.notify_signed_for && !told)
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
                                       {{"ticket", number}, {"result", without_final_stop(reply->result)}})});
    }
    effects.release(order.responsible, number);
    if (holder != order.responsible) effects.release(holder, number);
  } else if (auto* transfer = std::get_if<tickets::Transfer>(&command)) {
    confirmation = &DeskTexts::done_transfer;
    confirmation_values["department"] = target->label(lang);
    effects.release(from, number);
    if (!holder.empty() && holder != from) effects.release(holder, number);
    changes.emplace_back("department_name", target->name);
    changes.emplace_back("department_name_en", target->label("en"));
    if (rules.transfer_restarts_clock) {
      const auto sign_due = rules.calendar.add_working_minutes(
          now, rules.sign_for_hours_for(static_cast<int>(number_field(current, "level"))) * 60LL);
      const auto due = rules.calendar.add_working_days(
          now, rules.reply_days_for(static_cast<int>(number_field(current, "level")),
                                    1 + static_cast<int>(order.cooperating.size())));
      changes.emplace_back("sign_due_ms", std::to_string(sign_due));
      changes.emplace_back("due_ms", std::to_string(due));
      current["sign_due_ms"] = std::to_string(sign_due);
      current["due_ms"] = std::to_string(due);
      const int level = static_cast<int>(number_field(current, "level"));
      effects.watch.push_back({number, WatchKind::sign_warn, warning_time(now, sign_due, level)});
      effects.watch.push_back({number, WatchKind::sign_due, sign_due});
      watch_reply(effects.watch, number, now, due, level);
    }
    // The new department gets what it needs to act, and the customer is told who has it now.
    if (const auto* p = target->with_role("responsible")) {
      effects.hold(p->phone, number, now);
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
  } else if (auto* audit = std::get_if<tickets::Audit>(&command)) {
    if (audit->approved) {  // the desk checked the answer: now the customer hears it
      confirmation = &DeskTexts::done_audit_approved;
      auto sent = tickets::apply(order, tickets::SendResult{}, {"system", "system"}, now, policy);
      if (sent) order = std::move(*sent.order);
      notices.push_back({customer_contact, say(&DeskTexts::result_customer, customer_language,
                                       {{"ticket", number}, {"result", without_final_stop(order.reply)}})});
    } else {
      confirmation = &DeskTexts::done_audit_returned;
      if (!order.responsible.empty()) {
        effects.hold(order.responsible, number, now);
        tell(order.responsible, &DeskTexts::audit_returned_notice,
             {{"ticket", number}, {"reason", core::quoted(audit->comment, 200)}});
      }
    }
  } else if (auto* close = std::get_if<tickets::Close>(&command)) {
    confirmation = &DeskTexts::done_close;
    if (!close->validity.empty()) {  // the register's classes (有效/无效; 责任/无责任/协助处理)
      changes.emplace_back("close_validity", close->validity);
      changes.emplace_back("close_responsibility", close->responsibility);
    }
  } else if (auto* merge = std::get_if<tickets::Merge>(&command)) {
    confirmation = &DeskTexts::done_merge;
    confirmation_values["original"] = merge->original;
    effects.release(holder, number);
    notices.push_back({customer_contact, say(&DeskTexts::merged_customer, customer_language,
                                             {{"ticket", number}, {"original", merge->original}})});
  } else if (auto* assign = std::get_if<tickets::Assign>(&command)) {
    confirmation_values["name"] = name_of(assign->responsible);
    if (!order.requested_responsible.empty()) {  // only a request: the head decides
      confirmation = &DeskTexts::done_assign_requested;
      if (const auto* head = department->with_role("head")) {
        effects.hold(head->phone, number, now);  // "批准" needs no number
        tell(head->phone, &DeskTexts::assign_request,
             {{"ticket", number},
              {"department", department->label(core::to_string(staff_language(directory, head->phone)))},
              {"by", actor.name.empty() ? core::masked(from) : actor.name},
              {"name", name_of(assign->responsible)},
              {"reason", assign->reason.empty() ? rules_.texts.not_given.in(staff_language(directory, head->phone))
                                                : assign->reason}});
      }
    } else {
      confirmation = &DeskTexts::done_assign;
      hand_over();
    }
  } else if (std::holds_alternative<tickets::Approve>(command) && !requested_person.empty()) {
    confirmation = &DeskTexts::done_assign;
    confirmation_values["name"] = name_of(requested_person);
    hand_over();  // (the head's list: below, as for an extension)
  } else if (std::holds_alternative<tickets::Reject>(command) && !requested_person.empty()) {
    confirmation = &DeskTexts::done_reject_assign;
    if (order.responsible != from) effects.release(from, number);
    tell(order.responsible, &DeskTexts::assign_rejected,
         {{"ticket", number}, {"reason", std::get<tickets::Reject>(command).reason}});
  } else if (auto* follow_up = std::get_if<tickets::FollowUp>(&command)) {
    confirmation = &DeskTexts::done_follow_up;
    changes.emplace_back("follow_up_outcome", follow_up->outcome);
    if (follow_up->days > 0) changes.emplace_back("follow_up_days", std::to_string(follow_up->days));
  } else if (auto* reopen = std::get_if<tickets::Reopen>(&command)) {
    const auto due = rules.calendar.add_working_days(now, rules.reply_days);
    changes.emplace_back("due_ms", std::to_string(due));
    watch_reply(effects.watch, number, now, due, static_cast<int>(number_field(current, "level")));
    confirmation = &DeskTexts::done_reopen;
    confirmation_values["due"] = due_text(due);
    if (!order.responsible.empty()) {
      effects.hold(order.responsible, number, now);
      tell(order.responsible, &DeskTexts::reopened_notice,
           {{"ticket", number}, {"text", core::quoted(reopen->reason, kWholeMessage)}});
    }
  } else if (auto* rejected = std::get_if<tickets::Reject>(&command)) {
    confirmation = &DeskTexts::done_reject;
    if (order.responsible != from) effects.release(from, number);
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
        effects.hold(head->phone, number, now);  // "批准" needs no number
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
  } else if (std::holds_alternative<tickets::Approve>(command)) {
    extend_days = requested_before;
    if (order.responsible != from) effects.release(from, number);
    extend_reason = field(ticket, "requested_extension_reason");
  }
  if (extend_days > 0) {
    const auto due = number_field(current, "due_ms");
    const auto new_due = rules.calendar.add_working_days(due, extend_days);
    changes.emplace_back("due_ms", std::to_string(new_due));
    watch_reply(effects.watch, number, now, new_due, static_cast<int>(number_field(current, "level")));
    confirmation = &DeskTexts::done_extend;
    confirmation_values["due"] = due_text(new_due);
    if (std::holds_alternative<tickets::Approve>(command) && order.responsible != from)
      tell(order.responsible, &DeskTexts::extension_approved, {{"ticket", number}, {"due", due_text(new_due)}});
    notices.push_back({customer_contact, say(&DeskTexts::extended_customer, customer_language,
                                     {{"ticket", number},
                                      {"reason", extend_reason.empty() ? rules_.texts.not_given.in(customer_language) : extend_reason},
                                      {"due", due_text(new_due)}})});
  }
  for (auto& kv : tickets::work_order_fields(order)) changes.push_back(std::move(kv));
  changes.emplace_back("updated_ms", std::to_string(now));
  effects.change(number, std::move(changes));
  return {true, say(confirmation, language, confirmation_values)};
}

// "Still not fixed" after the result: the same ticket goes back to its department (a renewed
// dissatisfaction with the same solution is not a new complaint), to the person who held it,
// with a new reply limit.
bool TicketDesk::reopen_if_unhappy(const tickets::Directory* directory,
                                   const core::InboundMessage& message, tickets::WorkOrder order,
                                   const TicketFields& ticket, Effects& effects,
                                   std::vector<Notice>& notices) const {
  const auto& m = message;
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
      effects.change(order.number, std::move(fields));
    }
    notices.push_back({core::Contact::sender_of(message), say(&DeskTexts::thanks_customer, customer_language, {})});
    return true;
  }
  auto reopened = tickets::apply(order, tickets::Reopen{m.text}, {m.from, "sms"}, m.received_ms);
  if (!reopened) return false;
  auto fields = tickets::work_order_fields(*reopened.order);
  fields.emplace_back("updated_ms", std::to_string(m.received_ms));
  const auto level = static_cast<int>(number_field(ticket, "level"));
  const auto due = rules.calendar.add_working_days(m.received_ms, rules.reply_days);
  fields.emplace_back("due_ms", std::to_string(due));
  watch_reply(effects.watch, order.number, m.received_ms, due, level);
  effects.change(order.number, std::move(fields));
  if (!order.responsible.empty()) {
    const auto their = directory ? staff_language(*directory, order.responsible) : Language::zh;
    notices.push_back({core::Contact::phone(order.responsible), say(&DeskTexts::reopened_notice, their,
                                              {{"ticket", order.number}, {"text", core::quoted(m.text, kWholeMessage)}})});
    effects.hold(order.responsible, order.number, m.received_ms);
  }
  const auto department =
      customer_language == Language::en ? field(ticket, "department_name_en") : field(ticket, "department_name");
  notices.push_back({core::Contact::sender_of(message), say(&DeskTexts::reopened_customer, customer_language,
                                 {{"ticket", order.number},
                                  {"department", department.empty() ? field(ticket, "department_name") : department}})});
  return true;
}

}  // namespace ombud::tickets

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
                         const std::string& number, const Ticket& ticket) {
  return {message.received_ms, actor.id, actor.name, actor.role, "sms", std::move(action),
          number, version_of(ticket), message.text};
}
}  // namespace

void TicketDesk::staff_message(const tickets::Directory& directory, const core::InboundMessage& message,
                               const std::optional<Ticket>& ticket,
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
  if (ticket && ticket->is_handoff()) {  // anyone on duty may answer it
    const auto on_duty = directory.desk_on_duty();
    if (std::any_of(on_duty.begin(), on_duty.end(), [&from](const auto* p) { return p->phone == from; }) ||
        (department && ticket->order.department == department->id))
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
  // The desk closes, classifies and reopens any department's ticket; a department acts on its own.
  const auto& c = parsed->command;
  const bool closing = std::holds_alternative<tickets::Close>(c) || std::holds_alternative<tickets::Classify>(c) ||
                       std::holds_alternative<tickets::Reopen>(c) || std::holds_alternative<tickets::Accept>(c) ||
                       std::holds_alternative<tickets::Decline>(c) || std::holds_alternative<tickets::Revisit>(c);
  if (ticket && department && member && closing && directory.desk_member(from) &&
      ticket->order.department != department->id && !ticket->is_handoff()) {
    const StaffActor actor{from, "sms", "", language, member->name};  // as the desk
    const std::string action(command_name(parsed->command));
    const auto result = act(directory, actor, *ticket, number, std::move(parsed->command),
                            message.received_ms, effects, notices);
    if (result.done) effects.audit = audited(message, actor, action, number, *ticket);
    notices.push_back({core::Contact::sender_of(message), result.text});
    return;
  }
  // A cooperating department's part (协办): signed for and reported, the lead told.
  if (ticket && department && member && !ticket->is_handoff() &&
      std::find(ticket->order.cooperating.begin(), ticket->order.cooperating.end(), department->id) !=
          ticket->order.cooperating.end()) {
    const StaffActor actor{from, "sms", member->role, language, member->name};
    const auto result = cooperate(directory, *department, actor, *ticket, number, parsed->command,
                                  message.received_ms, effects, notices);
    if (result.done) effects.audit = audited(message, actor, "part", number, *ticket);
    notices.push_back({core::Contact::sender_of(message), result.text});
    return;
  }
  if (!ticket || department == nullptr || ticket->order.department != department->id)
    return refuse(&DeskTexts::not_yours,
                  {{"ticket", number}, {"department", department ? department->label(lang) : ""}});

  const StaffActor actor{from, "sms", member->role, language, member->name};
  const std::string action(command_name(parsed->command));
  const auto result = act(directory, actor, *ticket, number, std::move(parsed->command),
                          message.received_ms, effects, notices);
  if (result.done) effects.audit = audited(message, actor, action, number, *ticket);
  notices.push_back({core::Contact::sender_of(message), result.text});
}

// The names a command gives (a department, a person) resolved in the directory: "转计费结算部
// 属于计费问题" names 计费结算部 by the longest name it starts with, "改派 Tom Li 休假" names Tom
// Li. Done where the command is read, before the work order decides; refused with the names
// there are when one is not found.
std::optional<TicketDesk::ActionResult> TicketDesk::resolve_names(
    const tickets::Directory& directory, const tickets::Department& department,
    const StaffActor& actor, const std::string& number, tickets::Command& command) const {
  const auto language = actor.language;
  const auto lang = core::to_string(language);
  const auto separator = language == Language::zh ? "、" : ", ";
  auto refuse = [&](Text text, const Values& values) {
    return ActionResult{false, say(text, language, values)};
  };
  auto refuse_text = [](std::string text) { return ActionResult{false, std::move(text)}; };
  if (auto* t = std::get_if<tickets::Transfer>(&command)) {
    // The department by its id or either of its names.
    const auto written = t->reason.empty() ? t->department : t->department + " " + t->reason;
    const tickets::Department* target = nullptr;
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
        if (d.id != department.id) names += (names.empty() ? "" : separator) + d.label(lang);
      return refuse(&DeskTexts::no_such_department, {{"name", t->department}, {"departments", names}});
    }
    std::string_view reason(written);
    reason.remove_prefix(best);
    while (!reason.empty() && (reason.front() == ' ' || reason.front() == ':' || reason.front() == ','))
      reason.remove_prefix(1);
    t->reason = std::string(reason);
    t->department = target->id;
    if (const auto* p = target->with_role("responsible")) t->responsible = p->phone;
    if (target->id == department.id)
      return refuse(&DeskTexts::same_department, {{"ticket", number}, {"department", target->label(lang)}});
  }
  if (auto* close = std::get_if<tickets::Close>(&command)) {
    if (auto problem = resolve_classes(close->classes, close->written, number, language)) return refuse_text(*problem);
  }
  if (auto* classify = std::get_if<tickets::Classify>(&command)) {
    if (auto problem = resolve_classes(classify->classes, classify->written, number, language))
      return refuse_text(*problem);
  }
  if (auto* a = std::get_if<tickets::Assign>(&command)) {
    // Someone of the department, by phone or name (a name may have a space); the rest is the
    // reason.
    const auto written = a->reason.empty() ? a->responsible : a->responsible + " " + a->reason;
    const tickets::StaffMember* to = nullptr;
    std::size_t matched = 0;
    std::string names;
    for (const auto& m : department.staff) {
      for (const auto* name : {&m.phone, &m.name})
        if (!name->empty() && name->size() > matched && written.starts_with(*name) &&
            (written.size() == name->size() || written[name->size()] == ' ')) {
          to = &m;
          matched = name->size();
        }
      names += (names.empty() ? "" : separator) + m.name;
    }
    if (to == nullptr)
      return refuse(&DeskTexts::no_such_person,
                    {{"name", a->responsible}, {"department", department.label(lang)}, {"staff", names}});
    a->reason = matched < written.size() ? written.substr(matched + 1) : std::string();
    a->responsible = to->phone;
  }
  return std::nullopt;
}

// What a command the work order accepted causes: one case per command, as the work order's
// Transition has one per command. The context is what they share: the ticket as read and the
// order after, who held it before, who is told and what the actor is told.
struct TicketDesk::Acting {
  const TicketDesk& desk;
  const tickets::Directory& directory;
  const StaffActor& actor;
  const tickets::Department& department;
  const std::string& number;
  std::int64_t now;
  Effects& effects;
  std::vector<Notice>& notices;
  const Ticket& ticket;           ///< as read
  Ticket& after;                  ///< after the command: what is written is what differs
  tickets::WorkOrder& order;      ///< after.order
  tickets::WorkPolicy policy;
  std::string holder;             ///< who held it before
  std::string requested_person;   ///< a change of handler that waited before
  int requested_before = 0;       ///< an extension that waited before (days)
  Text confirmation = &DeskTexts::done_note;
  Values confirmation_values;
  int extend_days = 0;
  std::string extend_reason;

  const TicketRules& rules() const { return desk.rules_; }
  core::Contact customer() const { return ticket.customer(); }
  Language customer_language() const { return language_of(ticket.language); }
  std::string customer_lang() const { return core::to_string(customer_language()); }
  std::string due_text(std::int64_t due) const { return tickets::local_time(due, desk.settings_.timezone); }
  int level() const { return after.level; }
  void tell(const std::string& to, Text text, const Values& values) {
    notices.push_back({core::Contact::phone(to), desk.say(text, staff_language(directory, to), values)});
  }
  void tell_customer(Text text, const Values& values) {
    notices.push_back({customer(), desk.say(text, customer_language(), values)});
  }
  std::string name_of(const std::string& phone) const {
    for (const auto& m : department.staff)
      if (m.phone == phone) return m.name;
    return core::masked(phone);
  }
  /// The department's head: off their list when they decided a request and do not hold it.
  void off_the_deciders_list() {
    if (order.responsible != actor.id) effects.release(actor.id, number);
  }
  // Another person of the department has it now: they get what they need to act, and who had
  // it is told it is no longer theirs.
  void hand_over() {
    effects.release(holder, number);
    effects.hold(order.responsible, number, now);
    const auto their = staff_language(directory, order.responsible);
    notices.push_back({core::Contact::phone(order.responsible),
                       desk.say(&DeskTexts::assigned_notice, their,
                                desk.content(after, their, rules().full_phone_to_responsible))});
    if (!holder.empty() && holder != actor.id)
      tell(holder, &DeskTexts::assigned_away, {{"ticket", number}, {"name", name_of(order.responsible)}});
  }
  /// The result reaches the customer now (no desk audit, or the desk approved it).
  void send_result() {
    auto sent = tickets::apply(order, tickets::SendResult{}, {"system", "system"}, now, policy);
    if (sent) order = std::move(*sent.order);
    // In the words of what it answers: a complaint's result, a question's answer.
    const Text text = ticket.type == "consultation" ? &DeskTexts::consultation_answer_customer
                      : ticket.type == "suggestion" ? &DeskTexts::suggestion_answer_customer
                                                    : &DeskTexts::result_customer;
    tell_customer(text, {{"ticket", number}, {"result", without_final_stop(order.reply)}});
    desk.schedule_survey(after, now, effects);
    desk.schedule_revisit(directory, after, now, effects);
  }

  // The system's own steps are not staff actions; acceptance is decided before (decide_acceptance).
  void operator()(const tickets::Dispatch&) {}
  void operator()(const tickets::Accept&) {}

  // 采纳 / 不采纳 a suggestion: the customer is told, the ticket is done.
  void operator()(const tickets::Adopt& adopt) {
    confirmation = &DeskTexts::done_adopt;
    confirmation_values["verdict"] =
        (adopt.adopted ? rules().texts.verdict_adopted : rules().texts.verdict_not_adopted).in(actor.language);
    effects.release(actor.id, number);
    if (holder != actor.id) effects.release(holder, number);
    after.suggestion_adopted = adopt.adopted ? "yes" : "no";
    tell_customer(adopt.adopted ? &DeskTexts::suggestion_adopted_customer : &DeskTexts::suggestion_not_adopted_customer,
                  {{"ticket", number}, {"reason", adopt.reason}});
  }

  // 回访: checked and read before (revisit_refusal). Off the desk's list once done (or given up
  // to the call list); a customer not satisfied (or not solved) is verified again.
  void operator()(const tickets::Revisit& revisit) {
    auto off_the_desks_list = [&] {
      effects.release(std::string(kRevisitList), number);
    };
    if (!revisit.reached) {
      ++after.revisit_attempts;
      confirmation_values["count"] = std::to_string(after.revisit_attempts);
      confirmation = &DeskTexts::done_revisit_unreached;
      if (after.revisit_attempts >= rules().revisit.unreached_to_call_list) {
        after.revisit_state = "call_list";
        after.call_list = true;
        after.call_list_reason = "unreached";
        confirmation = &DeskTexts::done_revisit_call_list;
        off_the_desks_list();
      }
      return;
    }
    after.revisit_state = "done";
    after.revisit_rating = revisit.rating;
    after.revisit_solved = revisit.solved;
    after.revisit_remarks = std::string(core::utf8_prefix(revisit.remarks, 600));
    after.revisit_done_ms = now;
    after.revisit_by = actor.id;
    off_the_desks_list();
    confirmation_values["rating"] = desk.rating_label(revisit.rating, actor.language);
    confirmation = &DeskTexts::done_revisit;
    if (revisit.rating == "dissatisfied" || revisit.solved == "no") {
      after.call_list = true;  // tracked until a revisit finds them satisfied
      after.call_list_reason = "dissatisfied";
      const auto words = revisit.remarks.empty() ? desk.rating_label(revisit.rating, customer_language())
                                                 : revisit.remarks;
      if (desk.verify_again(&directory, words, actor.id, actor.channel, now, ticket, after, true, effects, notices)) {
        confirmation = &DeskTexts::done_revisit_reopened;
        confirmation_values["department"] = department.label(core::to_string(actor.language));
      }
      return;
    }
    after.call_list = false;
    after.call_list_reason.clear();
    if (rules().closing.after == AutoClose::revisit) desk.close_by_itself(after, "revisit", now);
  }
  void operator()(const tickets::Decline&) {}
  void operator()(const tickets::SendResult&) {}
  void operator()(const tickets::Escalate&) {}
  void operator()(const tickets::Note&) {}

  void operator()(const tickets::SignFor&) {
    // (By SMS, with how to answer by SMS.)
    confirmation = actor.channel == "sms" ? &DeskTexts::done_sign_for : &DeskTexts::done_sign_for_console;
    confirmation_values["due"] = due_text(after.due_ms);
    // The customer hears it once per department: not again when another person of it signs
    // after a change of handler.
    bool told = false;
    for (std::size_t i = 0; i + 1 < order.timeline.size(); ++i)
      told = order.timeline[i].what == "signed_for" || (told && order.timeline[i].what != "dispatched");
    if (rules().notify_signed_for && !told)
      tell_customer(&DeskTexts::signed_for_customer,
                    {{"ticket", number},
                     {"department", department.label(customer_lang())},
                     {"due", due_text(after.due_ms)}});
  }

  void operator()(const tickets::Reply&) {
    confirmation = policy.audit_required ? &DeskTexts::done_reply_audit : &DeskTexts::done_reply;
    if (!policy.audit_required) send_result();  // no desk audit: the result goes out now
    effects.release(order.responsible, number);
    if (holder != order.responsible) effects.release(holder, number);
  }

  void operator()(const tickets::Transfer& transfer) {
    const auto* target = directory.find(transfer.department);  // resolved: it is there
    confirmation = &DeskTexts::done_transfer;
    confirmation_values["department"] = target->label(core::to_string(actor.language));
    effects.release(actor.id, number);
    if (!holder.empty() && holder != actor.id) effects.release(holder, number);
    after.department_name = target->name;
    after.department_name_en = target->label("en");
    if (rules().transfer_restarts_clock) {
      const auto sign_due = rules().calendar.add_working_minutes(now, rules().sign_for_hours_for(level()) * 60LL);
      const auto due = rules().calendar.add_working_days(
          now, rules().reply_days_for(level(), 1 + static_cast<int>(order.cooperating.size())));
      after.sign_due_ms = sign_due;
      after.due_ms = due;
      effects.watch.push_back({number, WatchKind::sign_warn, desk.warning_time(now, sign_due, level())});
      effects.watch.push_back({number, WatchKind::sign_due, sign_due});
      desk.watch_reply(effects.watch, number, now, due, level());
    }
    // The new department gets what it needs to act, and the customer is told who has it now.
    if (const auto* p = target->with_role("responsible")) {
      effects.hold(p->phone, number, now);
      const auto their = language_of(p->language);
      auto values = desk.content(after, their, rules().full_phone_to_responsible);
      values["from_department"] = department.label(core::to_string(their));
      values["reason"] = core::quoted(transfer.reason, 200);
      notices.push_back({core::Contact::phone(p->phone), desk.say(&DeskTexts::transfer_notice, their, values)});
    }
    tell_customer(&DeskTexts::transferred_customer,
                  {{"ticket", number},
                   {"department", target->label(customer_lang())},
                   {"due", due_text(after.due_ms)}});
  }

  void operator()(const tickets::Audit& audit) {
    if (audit.approved) {  // the desk checked the answer: now the customer hears it
      confirmation = &DeskTexts::done_audit_approved;
      send_result();
      return;
    }
    confirmation = &DeskTexts::done_audit_returned;
    if (!order.responsible.empty()) {
      effects.hold(order.responsible, number, now);
      tell(order.responsible, &DeskTexts::audit_returned_notice,
           {{"ticket", number}, {"reason", core::quoted(audit.comment, 200)}});
    }
  }

  void operator()(const tickets::Close& close) {
    confirmation = &DeskTexts::done_close;
    classify(close.classes);
  }
  void operator()(const tickets::Classify& classes) {
    confirmation = &DeskTexts::done_classify;
    classify(classes.classes);
  }
  // The register's classes (有效/无效; 责任/无责任/协助处理; causes where used), checked.
  void classify(const tickets::CloseClasses& classes) {
    after.close_validity = classes.validity;
    after.close_responsibility = classes.responsibility;
    after.close_cause = classes.cause;
    after.close_reason = classes.reason;
    confirmation_values["classes"] = class_labels(classes, rules().closing, actor.language);
  }

  void operator()(const tickets::Merge& merge) {
    confirmation = &DeskTexts::done_merge;
    confirmation_values["original"] = merge.original;
    effects.release(holder, number);
    tell_customer(&DeskTexts::merged_customer, {{"ticket", number}, {"original", merge.original}});
  }

  void operator()(const tickets::Assign& assign) {
    confirmation_values["name"] = name_of(assign.responsible);
    if (order.requested_responsible.empty()) {
      confirmation = &DeskTexts::done_assign;
      hand_over();
      return;
    }
    confirmation = &DeskTexts::done_assign_requested;  // only a request: the head decides
    if (const auto* head = department.with_role("head")) {
      const auto their = staff_language(directory, head->phone);
      effects.hold(head->phone, number, now);  // "批准" needs no number
      tell(head->phone, &DeskTexts::assign_request,
           {{"ticket", number},
            {"department", department.label(core::to_string(their))},
            {"by", actor.name.empty() ? core::masked(actor.id) : actor.name},
            {"name", name_of(assign.responsible)},
            {"reason", assign.reason.empty() ? rules().texts.not_given.in(their) : assign.reason}});
    }
  }

  void operator()(const tickets::Approve&) {
    off_the_deciders_list();
    if (!requested_person.empty()) {  // a change of handler
      confirmation = &DeskTexts::done_assign;
      confirmation_values["name"] = name_of(requested_person);
      hand_over();
      return;
    }
    extend_days = requested_before;  // an extension
    extend_reason = ticket.order.requested_extension_reason;
  }

  void operator()(const tickets::Reject& reject) {
    off_the_deciders_list();
    const bool handler = !requested_person.empty();
    confirmation = handler ? &DeskTexts::done_reject_assign : &DeskTexts::done_reject;
    tell(order.responsible, handler ? &DeskTexts::assign_rejected : &DeskTexts::extension_rejected,
         {{"ticket", number}, {"reason", reject.reason}});
  }

  void operator()(const tickets::FollowUp& follow_up) {
    confirmation = &DeskTexts::done_follow_up;
    after.follow_up_outcome = follow_up.outcome;
    if (follow_up.days > 0) after.follow_up_days = follow_up.days;
  }

  void operator()(const tickets::Reopen& reopen) {
    const auto due = rules().calendar.add_working_days(now, rules().reply_days);
    after.due_ms = due;
    desk.watch_reply(effects.watch, number, now, due, level());
    confirmation = &DeskTexts::done_reopen;
    confirmation_values["due"] = due_text(due);
    if (!order.responsible.empty()) {
      effects.hold(order.responsible, number, now);
      tell(order.responsible, &DeskTexts::reopened_notice,
           {{"ticket", number}, {"text", core::quoted(reopen.reason, kWholeMessage)}});
    }
  }

  void operator()(const tickets::Appoint& appointment) {
    confirmation = &DeskTexts::done_appointment;
    tell_customer(&DeskTexts::appointment_customer,
                  {{"ticket", number}, {"department", department.label(customer_lang())}, {"text", appointment.text}});
  }

  void operator()(const tickets::Extend& extend) {
    if (order.requested_extension_days > 0 && requested_before == 0) {  // only a request
      confirmation = &DeskTexts::done_extension_requested;
      if (const auto* head = department.with_role("head")) {
        effects.hold(head->phone, number, now);  // "批准" needs no number
        tell(head->phone, &DeskTexts::extension_request,
             {{"ticket", number},
              {"department", department.label(core::to_string(staff_language(directory, head->phone)))},
              {"days", std::to_string(extend.days)},
              {"reason", extend.reason}});
      }
      return;
    }
    extend_days = extend.days;
    extend_reason = extend.reason;
  }

  // An extension takes effect when made by the head (or without the head rule) or approved;
  // the customer is told the new date (the seed: 延期…转告客户).
  void extended(bool approved) {
    if (extend_days <= 0) return;
    const auto new_due = rules().calendar.add_working_days(after.due_ms, extend_days);
    after.due_ms = new_due;
    desk.watch_reply(effects.watch, number, now, new_due, level());
    confirmation = &DeskTexts::done_extend;
    confirmation_values["due"] = due_text(new_due);
    if (approved && order.responsible != actor.id)
      tell(order.responsible, &DeskTexts::extension_approved, {{"ticket", number}, {"due", due_text(new_due)}});
    tell_customer(&DeskTexts::extended_customer,
                  {{"ticket", number},
                   {"reason", extend_reason.empty() ? rules().texts.not_given.in(customer_language()) : extend_reason},
                   {"due", due_text(new_due)}});
  }
};

TicketDesk::ActionResult TicketDesk::act(const tickets::Directory& directory,
                                         const StaffActor& actor, const Ticket& ticket,
                                         const std::string& number, tickets::Command command,
                                         std::int64_t now, Effects& effects,
                                         std::vector<Notice>& notices) const {
  if (std::holds_alternative<tickets::Accept>(command) || std::holds_alternative<tickets::Decline>(command))
    return decide_acceptance(directory, actor, ticket, number, std::move(command), now, effects, notices);
  const auto* department = directory.find(ticket.order.department);
  if (department == nullptr)
    return {false, say(&DeskTexts::not_yours, actor.language, {{"ticket", number}, {"department", ""}})};
  // Only the desk closes and classifies (the console's permission, the desk's phones); a
  // department's 结案 asks the desk, or is refused, as the organisation has it.
  const bool by_desk = actor.channel == "console" || directory.desk_member(actor.id);
  if (std::holds_alternative<tickets::Close>(command) && !by_desk)
    return request_close(directory, *department, actor, ticket, number, now, effects, notices);
  if (auto* revisit = std::get_if<tickets::Revisit>(&command))
    if (auto refused = revisit_refusal(directory, actor, ticket, number, *revisit)) return {false, *refused};
  if (std::holds_alternative<tickets::Classify>(command) && !by_desk)
    return {false, say(&DeskTexts::close_by_desk_only, actor.language, {{"ticket", number}})};
  if (auto refused = resolve_names(directory, *department, actor, number, command)) return *refused;
  if (std::holds_alternative<tickets::Reopen>(command) && ticket.order.state == WorkState::closed &&
      ticket.closed_ms > 0 && now > ticket.closed_ms + rules_.closing.reopen_days * kDayMs)
    return {false, say(&DeskTexts::reopen_too_late, actor.language,
                       {{"ticket", number}, {"days", std::to_string(rules_.closing.reopen_days)}})};
  auto order = ticket.order;
  order.number = number;
  // (The desk audits complaints' results; a question's answer goes to the customer at once.)
  const tickets::WorkPolicy policy{rules_.audit_required && ticket.type == "complaint",
                                   rules_.extension_needs_head, rules_.reply_by, rules_.assign_needs_head};
  const auto holder = order.responsible;
  const auto requested_person = order.requested_responsible;  // a change of handler waiting
  const int requested_before = order.requested_extension_days;
  auto applied = tickets::apply(order, command, {actor.id, actor.channel, actor.role}, now, policy);
  if (!applied) {
    std::string holder_name = core::masked(holder);
    for (const auto& s : department->staff)
      if (s.phone == holder) holder_name = s.name;
    return {false, refusal(applied, command, number, holder_name, actor)};
  }
  Ticket after = ticket;
  after.number = number;
  after.order = std::move(*applied.order);
  Acting acting{*this, directory, actor, *department, number, now, effects, notices, ticket,
                after, after.order, policy, holder, requested_person, requested_before};
  acting.confirmation_values = {{"ticket", number}};
  std::visit(acting, command);
  acting.extended(std::holds_alternative<tickets::Approve>(command));
  if (after.order.state == WorkState::closed && ticket.order.state != WorkState::closed &&
      after.closed_ms == ticket.closed_ms) {  // (closed by the command; a revisit's closing says so itself)
    after.closed_ms = now;
    after.closed_by = actor.id;
  } else if (after.order.state != WorkState::closed) {
    after.closed_ms = 0;  // reopened: closed again later, by whoever closes it then
    after.closed_by.clear();
  }
  after.updated_ms = now;
  effects.change(number, ticket_changes(ticket, after));
  return {true, say(acting.confirmation, actor.language, acting.confirmation_values)};
}

// "Still not fixed" after the result: the same ticket goes back to its department (a renewed
// dissatisfaction with the same solution is not a new complaint), to the person who held it,
// with a new reply limit.
bool TicketDesk::reopen_if_unhappy(const tickets::Directory* directory,
                                   const core::InboundMessage& message, const Ticket& ticket,
                                   Effects& effects, std::vector<Notice>& notices) const {
  const auto& m = message;
  const auto& rules = rules_;
  const auto text = core::normalize(m.text);
  auto says_any = [&](const std::vector<std::string>& words) {
    return std::any_of(words.begin(), words.end(), [&](const std::string& w) {
      return text.find(core::normalize(w)) != std::string::npos;
    });
  };
  const auto& number = ticket.number;
  const auto customer_language = language_of(ticket.language);
  const bool recent = m.received_ms - ticket.updated_ms <= rules.reopen_window_ms;
  Ticket after = ticket;
  after.order.number = number;
  after.updated_ms = m.received_ms;
  if (!says_any(rules.dissatisfied_words) || !recent) {
    // Thanks are short ("好的，谢谢", "ok thanks"): a longer message that happens to contain
    // "ok" ("I want to book a visit") is something new.
    if (!says_any(rules.thanks_words) || core::char_count(m.text) > 20) return false;
    // Thanks after the result: answered politely and noted for the desk, which closes the
    // ticket (the survey still asks for the customer's opinion).
    after.order.timeline.push_back({m.received_ms, m.from, m.channel, "customer_thanked", m.text});
    effects.change(number, ticket_changes(ticket, after));
    notices.push_back({core::Contact::sender_of(message), say(&DeskTexts::thanks_customer, customer_language, {})});
    return true;
  }
  if (!verify_again(directory, m.text, m.from, m.channel, m.received_ms, ticket, after, true, effects, notices))
    return false;
  effects.change(number, ticket_changes(ticket, after));
  return true;
}

}  // namespace ombud::tickets

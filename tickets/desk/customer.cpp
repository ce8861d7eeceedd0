#include "tickets/desk/desk.hpp"

#include "core/text.hpp"
#include "tickets/desk/helpers.hpp"
#include "tickets/fingerprint.hpp"
#include "tickets/grading.hpp"
#include "tickets/survey.hpp"
#include "tickets/ticket.hpp"
#include "tickets/vocabulary.hpp"
#include "tickets/work_order.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/object.hpp>

#include <algorithm>

namespace ombud::tickets {

using core::Language;
using namespace desk_detail;

// What customers write after intake: to their ticket, and to a person (转人工).

bool TicketDesk::customer_message(const tickets::Directory* directory,
                                  const core::InboundMessage& message, const Ticket& ticket,
                                  Effects& effects,
                                  std::vector<Notice>& notices) const {
  const auto& m = message;
  const auto& number = ticket.number;
  const auto state = ticket.order.state;
  // An answer to the survey of the result (asked, or past its expiry). Before it is asked only
  // dissatisfaction counts as one: "好的，谢谢" on receiving the result is thanks, not a rating.
  const auto& survey = ticket.survey_state;
  if ((survey == "scheduled" || survey == "sent" || survey == "expired") &&
      (state == tickets::WorkState::result_sent || state == tickets::WorkState::closed))
    if (auto answer = understand_answer(m.text, rules_.survey);
        answer.rating && (survey != "scheduled" || *answer.rating == Rating::dissatisfied))
      return survey_answer(directory, message, ticket, answer, effects, notices);
  if (state == tickets::WorkState::result_sent)
    return reopen_if_unhappy(directory, message, ticket, effects, notices);
  if (state != tickets::WorkState::dispatched && state != tickets::WorkState::signed_for)
    return false;
  // What one customer adds is bounded per window: past customer_notes_per_window messages, a
  // message keeps its first 200 bytes on the timeline and the handler is not sent it again.
  const bool fresh = m.received_ms - ticket.notes_window_ms >= rules_.customer_notes_window_ms;
  Ticket after = ticket;
  after.order.number = number;
  after.notes_window_ms = fresh ? m.received_ms : ticket.notes_window_ms;
  after.notes_in_window = (fresh ? 0 : ticket.notes_in_window) + 1;
  after.updated_ms = m.received_ms;
  const bool over = after.notes_in_window > rules_.customer_notes_per_window;
  auto text = m.text;
  if (over && text.size() > 200) text = std::string(core::utf8_prefix(text, 200)) + "…";
  auto noted = tickets::apply(after.order, tickets::Note{text}, {m.from, "sms"}, m.received_ms);
  if (!noted) return false;
  after.order = std::move(*noted.order);
  grade_later_message(directory, m.text, m.received_ms, after, notices);
  effects.change(number, ticket_changes(ticket, after));
  const auto& responsible = after.order.responsible;
  if (!responsible.empty() && !over) {
    const auto their = directory ? staff_language(*directory, responsible) : Language::zh;
    notices.push_back({core::Contact::phone(responsible), say(&DeskTexts::customer_wrote, their,
                                              {{"ticket", number}, {"text", core::quoted(m.text, kWholeMessage)}})});
  }
  notices.push_back({core::Contact::sender_of(message), say(&DeskTexts::passed_on_customer, language_of(ticket.language),
                                 {{"ticket", number}})});
  return true;
}

// What the customer writes later is graded too: a threat of the media or a lawsuit raises the
// level (never lowers it) and reaches the duty managers at once.
void TicketDesk::grade_later_message(const tickets::Directory* directory, const std::string& text,
                                     std::int64_t now, Ticket& after,
                                     std::vector<Notice>& notices) const {
  const auto grade = tickets::grade({text}, rules_.grading);
  const int level = after.level != 0 ? after.level : 4;
  if (grade.level >= level) return;
  after.level = grade.level;
  after.level_reasons = reasons(grade, Language::zh);
  if (grade.level != 1 || directory == nullptr || after.major_alerted_ms != 0) return;
  after.major_alerted_ms = now;
  for (const auto& manager : directory->duty_managers) {
    const auto language = language_of(manager.language);
    auto values = content(after, language, false);
    if (after.is_handoff()) values["category"] = rules_.texts.handoff_category.in(language);
    values["reasons"] = reasons(grade, language);
    values["summary"] = core::quoted(text, 240);
    notices.push_back({core::Contact::phone(manager.phone), say(&DeskTexts::major_complaint, language, values)});
  }
}

std::string TicketDesk::handoff(const tickets::Directory& directory, const core::InboundMessage& message,
                                const std::vector<std::string>& recent, FieldWrites& ticket,
                                Effects& effects, std::vector<Notice>& notices,
                                Language language) const {
  const auto& m = message;
  const auto now = m.received_ms;
  auto created = ticket_of(ticket);
  created.number = kNewTicket;
  created.handoff = HandoffState::waiting;
  created.order.department = directory.default_department;
  absorb(ticket, created);
  const auto& number = created.number;
  effects.queue.push_back({number, now, true});
  std::string lines;
  for (const auto& line : recent) lines += (lines.empty() ? "" : " / ") + line;
  for (const auto* person : directory.desk_on_duty()) {
    effects.hold(person->phone, number, now);
    const auto their = language_of(person->language);
    auto values = content(created, their, true);
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

namespace {
// Whoever a customer's message in a conversation reaches: the person answering, or all on duty
// while nobody has.
std::vector<std::string> answering(const tickets::Directory* directory, const Ticket& ticket) {
  if (!ticket.order.responsible.empty()) return {ticket.order.responsible};
  std::vector<std::string> to;
  if (directory)
    for (const auto* person : directory->desk_on_duty()) to.push_back(person->phone);
  return to;
}

// `ticket` with one more line on its timeline, written at `at`.
Ticket with_line(const Ticket& ticket, std::int64_t at, const std::string& actor,
                 const std::string& via, const std::string& what, const std::string& text) {
  Ticket after = ticket;
  after.order.timeline.push_back({at, actor, via, what, text});
  after.updated_ms = at;
  return after;
}
}  // namespace

bool TicketDesk::handoff_message(const tickets::Directory* directory, const core::InboundMessage& message,
                                 const Ticket& ticket, Effects& effects,
                                 std::vector<Notice>& notices) const {
  if (!ticket.open_handoff()) return false;
  const auto& m = message;
  const auto& number = ticket.number;
  auto after = with_line(ticket, m.received_ms, m.from, "sms", "customer_wrote", m.text);
  grade_later_message(directory, m.text, m.received_ms, after, notices);
  effects.change(number, ticket_changes(ticket, after));
  for (const auto& phone : answering(directory, ticket)) {
    const auto their = directory ? staff_language(*directory, phone) : Language::zh;
    notices.push_back({core::Contact::phone(phone), say(&DeskTexts::customer_wrote, their,
                                  {{"ticket", number}, {"text", core::quoted(m.text, kWholeMessage)}})});
  }
  return true;
}

void TicketDesk::leave_handoff(const tickets::Directory* directory, const core::InboundMessage& message,
                               const Ticket& ticket, Effects& effects,
                               std::vector<Notice>& notices) const {
  if (!ticket.open_handoff()) return;
  const auto& m = message;
  const auto& number = ticket.number;
  auto after = with_line(ticket, m.received_ms, m.from, "sms", "customer_left", m.text);
  after.handoff = HandoffState::closed;
  effects.change(number, ticket_changes(ticket, after));
  effects.queue.push_back({number, 0, false});
  for (const auto& phone : answering(directory, ticket)) {
    effects.release(phone, number);
    const auto their = directory ? staff_language(*directory, phone) : Language::zh;
    notices.push_back({core::Contact::phone(phone), say(&DeskTexts::handoff_left, their, {{"ticket", number}})});
  }
}

// A member of staff with a customer who asked for a person: claiming takes the conversation
// (off the queue and the others' lists), writing sends the text to the customer as that person
// (the first message claims it too), closing hands the customer back to the bot.
TicketDesk::ActionResult TicketDesk::handoff_act(const tickets::Directory& directory,
                                                 const StaffActor& actor, const Ticket& ticket,
                                                 const std::string& number, HandoffAction action,
                                                 const std::string& text, std::int64_t now,
                                                 Effects& effects,
                                                 std::vector<Notice>& notices) const {
  const auto language = actor.language;
  const auto customer_contact = ticket.customer();
  const auto customer_language = language_of(ticket.language);
  if (!ticket.open_handoff()) return {false, say(&DeskTexts::closed_ticket, language, {{"ticket", number}})};
  Ticket after = ticket;
  after.updated_ms = now;
  auto line = [&](const char* what, const std::string& said) {
    after.order.timeline.push_back({now, actor.id, actor.channel, what, said});
  };
  if (action == HandoffAction::close) {
    after.handoff = HandoffState::closed;
    line("closed", "");
    effects.change(number, ticket_changes(ticket, after));
    end_handoff(directory, actor, ticket, number, now, effects);
    notices.push_back({customer_contact, say(&DeskTexts::handoff_closed_customer, customer_language, {})});
    return {true, say(&DeskTexts::handoff_closed_staff, language, {{"ticket", number}})};
  }
  const bool taken = ticket.handoff == HandoffState::answering;
  if (taken && ticket.order.responsible != actor.id)
    return {false, say(&DeskTexts::handoff_taken, language, {{"ticket", number}})};
  if (!taken) {  // taken now: off the queue and the others' lists
    after.handoff = HandoffState::answering;
    after.order.responsible = actor.id;
    effects.queue.push_back({number, 0, false});
    for (const auto* person : directory.desk_on_duty())
      if (person->phone != actor.id) effects.release(person->phone, number);
  }
  if (action == HandoffAction::claim) {
    line("claimed", "");
    effects.change(number, ticket_changes(ticket, after));
    return {true, say(&DeskTexts::handoff_claimed, language, {{"ticket", number}})};
  }
  line("staff_wrote", text);
  effects.change(number, ticket_changes(ticket, after));
  notices.push_back({customer_contact, say(&DeskTexts::handoff_reply_customer, customer_language,
                                           {{"text", text}, {"name", actor.name}})});
  return {true, say(&DeskTexts::handoff_sent, language, {{"ticket", number}})};
}

// The conversation is no longer waiting or answered: off the queue and everybody's lists, and
// the customer's next message starts afresh with the bot.
void TicketDesk::end_handoff(const tickets::Directory& directory, const StaffActor& actor,
                             const Ticket& ticket, const std::string& number, std::int64_t now,
                             Effects& effects) const {
  effects.queue.push_back({number, 0, false});
  for (const auto* person : directory.desk_on_duty())
    effects.release(person->phone, number);
  effects.release(actor.id, number);
  effects.remember.push_back({ticket.channel + ":" + ticket.account + ":" + ticket.address,
                              settings_.remembered_language(language_of(ticket.language), now),
                              settings_.remember_language});
}

// What the customer said in the conversation is a complaint: the same ticket (its number, its
// conversation on the timeline) becomes one, registered by the person and dispatched like a
// complaint from the intake dialog, and analysed like one (grading, repeats, incidents).
TicketDesk::ActionResult TicketDesk::register_handoff(
    const tickets::Directory& directory, const StaffActor& actor, const Ticket& ticket,
    const std::string& number, const std::string& category, const std::string& description,
    std::int64_t now, Effects& effects, std::vector<Notice>& notices) const {
  const auto language = actor.language;
  if (!ticket.open_handoff()) return {false, say(&DeskTexts::closed_ticket, language, {{"ticket", number}})};
  if (ticket.handoff == HandoffState::answering && ticket.order.responsible != actor.id)
    return {false, say(&DeskTexts::handoff_taken, language, {{"ticket", number}})};
  Ticket after = ticket;
  after.number = number;
  after.type = "complaint";
  after.category = category;
  after.category_label = category_label(category, Language::zh);
  after.slots_json = boost::json::serialize(boost::json::object{{"description", description}});
  after.updated_ms = now;
  auto order = ticket.order;
  order.number = number;
  order.state = tickets::WorkState::registered;
  order.timeline.push_back({now, actor.id, actor.channel, "registered", description});
  if (!route(directory, std::move(order), after, now, effects, notices))
    return {false, say(&DeskTexts::handoff_no_department, language,
                       {{"category", category_label(category, language)}})};
  // A level the conversation already raised (a threat) stays: grading never lowers one.
  if (ticket.level > 0 && ticket.level < after.level) after.level = ticket.level;
  prepare_analysis(after, effects, now);
  effects.change(number, ticket_changes(ticket, after));
  end_handoff(directory, actor, ticket, number, now, effects);
  const auto customer_language = language_of(ticket.language);
  const auto* department = directory.find(after.order.department);
  const auto name = [&](Language l) { return department ? department->label(core::to_string(l)) : ""; };
  notices.push_back({ticket.customer(),
                     say(&DeskTexts::handoff_registered_customer, customer_language,
                         {{"ticket", number},
                          {"department", name(customer_language)},
                          {"due", tickets::local_time(after.due_ms != 0 ? after.due_ms : now, settings_.timezone)}})});
  return {true, say(&DeskTexts::handoff_registered_staff, language, {{"ticket", number}, {"department", name(language)}})};
}

TicketDesk::ActionResult TicketDesk::announce(const StaffActor& actor, const Ticket& ticket,
                                              const std::string& number,
                                              const core::LocalizedText& text, std::int64_t now,
                                              Effects& effects,
                                              std::vector<Notice>& notices) const {
  const auto language = language_of(ticket.language);
  auto said = text.in(language);
  if (said.empty()) said = language == Language::zh ? text.en : text.zh;
  effects.change(number, ticket_changes(ticket, with_line(ticket, now, actor.id, actor.channel, "announced", said)));
  notices.push_back({ticket.customer(), said});
  return {true, number};
}

}  // namespace ombud::tickets

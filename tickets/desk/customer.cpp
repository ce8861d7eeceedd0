#include "tickets/desk/desk.hpp"

#include "core/text.hpp"
#include "tickets/desk/helpers.hpp"
#include "tickets/fingerprint.hpp"
#include "tickets/grading.hpp"
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
                                  const core::InboundMessage& message, const TicketFields& ticket,
                                  Effects& effects,
                                  std::vector<Notice>& notices) const {
  auto order = tickets::work_order_from(ticket);
  order.number = field(ticket, "number");
  const auto& m = message;
  if (order.state == tickets::WorkState::result_sent)
    return reopen_if_unhappy(directory, message, order, ticket, effects, notices);
  if (order.state != tickets::WorkState::dispatched &&
      order.state != tickets::WorkState::signed_for)
    return false;
  // What one customer adds is bounded per window: past customer_notes_per_window messages, a
  // message keeps its first 200 bytes on the timeline and the handler is not sent it again.
  const auto window_start = number_field(ticket, "notes_window_ms");
  const bool fresh = m.received_ms - window_start >= rules_.customer_notes_window_ms;
  const auto start = fresh ? m.received_ms : window_start;
  const auto count = (fresh ? 0 : number_field(ticket, "notes_in_window")) + 1;
  const bool over = count > rules_.customer_notes_per_window;
  auto text = m.text;
  if (over && text.size() > 200) text = std::string(core::utf8_prefix(text, 200)) + "…";
  auto noted = tickets::apply(order, tickets::Note{text}, {m.from, "sms"}, m.received_ms);
  if (!noted) return false;
  auto fields = order_changes(ticket, *noted.order);
  fields.emplace_back("updated_ms", std::to_string(m.received_ms));
  fields.emplace_back("notes_window_ms", std::to_string(start));
  fields.emplace_back("notes_in_window", std::to_string(count));
  grade_later_message(directory, ticket, m.text, m.received_ms, fields, notices);
  effects.change(order.number, std::move(fields));
  if (!order.responsible.empty() && !over) {
    const auto their = directory ? staff_language(*directory, order.responsible) : Language::zh;
    notices.push_back({core::Contact::phone(order.responsible), say(&DeskTexts::customer_wrote, their,
                                              {{"ticket", order.number}, {"text", core::quoted(m.text, kWholeMessage)}})});
  }
  notices.push_back({core::Contact::sender_of(message), say(&DeskTexts::passed_on_customer, language_of(field(ticket, "language")),
                                 {{"ticket", order.number}})});
  return true;
}

// What the customer writes later is graded too: a threat of the media or a lawsuit raises the
// level (never lowers it) and reaches the duty managers at once.
void TicketDesk::grade_later_message(const tickets::Directory* directory, const TicketFields& ticket,
                                     const std::string& text, std::int64_t now,
                                     std::vector<std::pair<std::string, std::string>>& fields,
                                     std::vector<Notice>& notices) const {
  const auto grade = tickets::grade({text}, rules_.grading);
  const auto level = static_cast<int>(core::to_int64(field(ticket, "level"), 4));
  if (grade.level >= level) return;
  fields.emplace_back("level", std::to_string(grade.level));
  fields.emplace_back("level_reasons", reasons(grade, Language::zh));
  if (grade.level != 1 || directory == nullptr || !field(ticket, "major_alerted_ms").empty())
    return;
  fields.emplace_back("major_alerted_ms", std::to_string(now));
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
  return field(ticket, "type") == "handoff" && tickets::needs_work(state);
}


std::string TicketDesk::handoff(const tickets::Directory& directory, const core::InboundMessage& message,
                                const std::vector<std::string>& recent, FieldWrites& ticket,
                                Effects& effects, std::vector<Notice>& notices,
                                Language language) const {
  const auto& m = message;
  const auto now = m.received_ms;
  put(ticket, "state", std::string(to_string(HandoffState::waiting)));
  put(ticket, "department", directory.default_department);
  const std::string number(kNewTicket);
  effects.queue.push_back({number, now, true});
  std::string lines;
  for (const auto& line : recent) lines += (lines.empty() ? "" : " / ") + line;
  TicketFields fields(ticket.begin(), ticket.end());
  fields["number"] = number;
  for (const auto* person : directory.handoff_staff()) {
    effects.hold(person->phone, number, now);
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

bool TicketDesk::handoff_message(const tickets::Directory* directory, const core::InboundMessage& message,
                                 const TicketFields& ticket, Effects& effects,
                                 std::vector<Notice>& notices) const {
  if (!open_handoff(ticket)) return false;
  const auto& m = message;
  const auto number = field(ticket, "number");
  std::vector<std::pair<std::string, std::string>> fields{
      timeline_with(ticket, m.received_ms, m.from, "customer_wrote", m.text),
      {"updated_ms", std::to_string(m.received_ms)}};
  grade_later_message(directory, ticket, m.text, m.received_ms, fields, notices);
  effects.change(number, std::move(fields));
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

void TicketDesk::leave_handoff(const tickets::Directory* directory, const core::InboundMessage& message,
                               const TicketFields& ticket, Effects& effects,
                               std::vector<Notice>& notices) const {
  if (!open_handoff(ticket)) return;
  const auto& m = message;
  const auto number = field(ticket, "number");
  effects.change(number, {{"state", std::string(to_string(HandoffState::closed))},
                          timeline_with(ticket, m.received_ms, m.from, "customer_left", m.text),
                          {"updated_ms", std::to_string(m.received_ms)}});
  effects.queue.push_back({number, 0, false});
  std::vector<std::string> told;
  if (const auto handler = field(ticket, "responsible"); !handler.empty()) told.push_back(handler);
  else if (directory)
    for (const auto* person : directory->handoff_staff()) told.push_back(person->phone);
  for (const auto& phone : told) {
    effects.release(phone, number);
    const auto their = directory ? staff_language(*directory, phone) : Language::zh;
    notices.push_back({core::Contact::phone(phone), say(&DeskTexts::handoff_left, their, {{"ticket", number}})});
  }
}

// A member of staff with a customer who asked for a person: claiming takes the conversation
// (off the queue and the others' lists), writing sends the text to the customer as that person
// (the first message claims it too), closing hands the customer back to the bot.
TicketDesk::ActionResult TicketDesk::handoff_act(const tickets::Directory& directory,
                                                 const StaffActor& actor, const TicketFields& ticket,
                                                 const std::string& number, HandoffAction action,
                                                 const std::string& text, std::int64_t now,
                                                 Effects& effects,
                                                 std::vector<Notice>& notices) const {
  const auto language = actor.language;
  const auto customer = field(ticket, "address");
  const auto customer_contact = customer_of(ticket);
  const auto customer_language = language_of(field(ticket, "language"));
  if (!open_handoff(ticket)) return {false, say(&DeskTexts::closed_ticket, language, {{"ticket", number}})};
  std::vector<std::pair<std::string, std::string>> fields{{"updated_ms", std::to_string(now)}};
  if (action == HandoffAction::close) {
    fields.emplace_back("state", to_string(HandoffState::closed));
    fields.push_back(timeline_with(ticket, now, actor.id, "closed", "", actor.channel));
    effects.change(number, std::move(fields));
    end_handoff(directory, actor, ticket, number, now, effects);
    notices.push_back({customer_contact, say(&DeskTexts::handoff_closed_customer, customer_language, {})});
    return {true, say(&DeskTexts::handoff_closed_staff, language, {{"ticket", number}})};
  }
  const bool taken = field(ticket, "state") == to_string(HandoffState::answering);
  if (taken && field(ticket, "responsible") != actor.id)
    return {false, say(&DeskTexts::handoff_taken, language, {{"ticket", number}})};
  if (!taken) {  // taken now: off the queue and the others' lists
    fields.emplace_back("state", to_string(HandoffState::answering));
    fields.emplace_back("responsible", actor.id);
    effects.queue.push_back({number, 0, false});
    for (const auto* person : directory.handoff_staff())
      if (person->phone != actor.id) effects.release(person->phone, number);
  }
  if (action == HandoffAction::claim) {
    fields.push_back(timeline_with(ticket, now, actor.id, "claimed", "", actor.channel));
    effects.change(number, std::move(fields));
    return {true, say(&DeskTexts::handoff_claimed, language, {{"ticket", number}})};
  }
  fields.push_back(timeline_with(ticket, now, actor.id, "staff_wrote", text, actor.channel));
  effects.change(number, std::move(fields));
  notices.push_back({customer_contact, say(&DeskTexts::handoff_reply_customer, customer_language,
                                           {{"text", text}, {"name", actor.name}})});
  return {true, say(&DeskTexts::handoff_sent, language, {{"ticket", number}})};
}

// The conversation is no longer waiting or answered: off the queue and everybody's lists, and
// the customer's next message starts afresh with the bot.
void TicketDesk::end_handoff(const tickets::Directory& directory, const StaffActor& actor,
                             const TicketFields& ticket, const std::string& number, std::int64_t now,
                             Effects& effects) const {
  effects.queue.push_back({number, 0, false});
  for (const auto* person : directory.handoff_staff())
    effects.release(person->phone, number);
  effects.release(actor.id, number);
  effects.remember.push_back(
      {field(ticket, "channel") + ":" + field(ticket, "account") + ":" + field(ticket, "address"),
       settings_.remembered_language(language_of(field(ticket, "language")), now),
       settings_.remember_language});
}

// What the customer said in the conversation is a complaint: the same ticket (its number, its
// conversation on the timeline) becomes one, registered by the person and dispatched like a
// complaint from the intake dialog, and analysed like one (grading, repeats, incidents).
TicketDesk::ActionResult TicketDesk::register_handoff(
    const tickets::Directory& directory, const StaffActor& actor, const TicketFields& ticket,
    const std::string& number, const std::string& category, const std::string& description,
    std::int64_t now, Effects& effects, std::vector<Notice>& notices) const {
  const auto language = actor.language;
  if (!open_handoff(ticket)) return {false, say(&DeskTexts::closed_ticket, language, {{"ticket", number}})};
  if (field(ticket, "state") == to_string(HandoffState::answering) && field(ticket, "responsible") != actor.id)
    return {false, say(&DeskTexts::handoff_taken, language, {{"ticket", number}})};
  Fields fields{{"type", "complaint"},
                {"category", category},
                {"category_label", category_label(category, Language::zh)},
                {"slots", boost::json::serialize(boost::json::object{{"description", description}})},
                {"updated_ms", std::to_string(now)}};
  auto order = tickets::work_order_from(ticket);
  order.number = number;
  order.state = tickets::WorkState::registered;
  order.timeline.push_back({now, actor.id, actor.channel, "registered", description});
  if (!route(directory, number, std::move(order), ticket, fields, now, effects, notices))
    return {false, say(&DeskTexts::handoff_no_department, language,
                       {{"category", category_label(category, language)}})};
  // A level the conversation already raised (a threat) stays: grading never lowers one.
  const auto raised = core::to_int64(field(ticket, "level"), 0);
  for (auto& [k, v] : fields)
    if (k == "level" && raised > 0 && raised < core::to_int64(v, 5)) v = std::to_string(raised);
  prepare_analysis(number, owner_of(ticket), fields, effects, now);
  effects.change(number, fields);
  end_handoff(directory, actor, ticket, number, now, effects);
  TicketFields after(fields.begin(), fields.end());
  const auto customer_language = language_of(field(ticket, "language"));
  const auto* department = directory.find(field(after, "department"));
  const auto name = [&](Language l) { return department ? department->label(core::to_string(l)) : ""; };
  notices.push_back({customer_of(ticket),
                     say(&DeskTexts::handoff_registered_customer, customer_language,
                         {{"ticket", number},
                          {"department", name(customer_language)},
                          {"due", tickets::local_time(core::to_int64(field(after, "due_ms"), now), settings_.timezone)}})});
  return {true, say(&DeskTexts::handoff_registered_staff, language, {{"ticket", number}, {"department", name(language)}})};
}

TicketDesk::ActionResult TicketDesk::announce(const StaffActor& actor, const TicketFields& ticket,
                                              const std::string& number,
                                              const core::LocalizedText& text, std::int64_t now,
                                              Effects& effects,
                                              std::vector<Notice>& notices) const {
  const auto language = language_of(field(ticket, "language"));
  auto said = text.in(language);
  if (said.empty()) said = language == Language::zh ? text.en : text.zh;
  effects.change(number, {timeline_with(ticket, now, actor.id, "announced", said, actor.channel),
                          {"updated_ms", std::to_string(now)}});
  notices.push_back({customer_of(ticket), said});
  return {true, number};
}

}  // namespace ombud::tickets

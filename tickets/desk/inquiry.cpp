#include "tickets/desk/desk.hpp"

#include "core/text.hpp"
#include "tickets/desk/helpers.hpp"

namespace ombud::tickets {

using core::Language;
using namespace desk_detail;

// Questions the FAQ could not answer and suggestions: someone answers them. A question goes to
// the responsible person of the department its subject belongs to, who answers by SMS or the
// console within the promised time; the answer reaches the customer. A suggestion goes to the
// department's head, who adopts it or not with a reason; the customer is told.

bool TicketDesk::route_inquiry(const tickets::Directory& directory, tickets::WorkOrder order, Ticket& ticket,
                               std::int64_t now, Effects& effects, std::vector<Notice>& notices) const {
  const bool question = ticket.type == "consultation";
  const auto words = slot(ticket.slots_json, question ? "question" : "suggestion");
  const auto route = directory.route(ticket.category, words);
  if (route.lead == nullptr) return false;
  const auto* person = question ? route.lead->with_role("responsible") : route.lead->with_role("head");
  if (person == nullptr) person = route.lead->with_role("responsible");
  auto applied = tickets::apply(order, tickets::Dispatch{route.lead->id, person ? person->phone : "", {}, true},
                                {"system", "system"}, now);
  if (!applied) return false;
  ticket.order = std::move(*applied.order);
  ticket.department_name = route.lead->name;
  ticket.department_name_en = route.lead->label("en");
  ticket.due_ms = question ? now + rules_.consultation_answer_hours * 3600LL * 1000
                           : rules_.calendar.add_working_days(now, rules_.suggestion_days);
  watch_reply(effects.watch, ticket.number, now, ticket.due_ms, 4);
  if (person == nullptr) return true;  // nobody to tell: the SLA watch escalates it to the head
  effects.hold(person->phone, ticket.number, now);
  const auto language = language_of(person->language);
  auto values = content(ticket, language, question && rules_.full_phone_to_responsible);
  values["question"] = core::quoted(words, 600);
  values["suggestion"] = core::quoted(words, 600);
  if (ticket.category.empty()) values["category"] = rules_.texts.not_given.in(language);
  notices.push_back({core::Contact::phone(person->phone),
                     say(question ? &DeskTexts::consultation_notice : &DeskTexts::suggestion_notice, language,
                         values)});
  return true;
}

std::string TicketDesk::registered_for_customer(const std::string& via, const std::string& due,
                                                Language language) const {
  const auto& t = rules_.texts;
  const auto& how = via == "visit" ? t.via_visit : via == "letter" ? t.via_letter : t.via_phone;
  return say(&DeskTexts::registered_customer, language, {{"via", how.in(language)}, {"due", due}});
}

}  // namespace ombud::tickets

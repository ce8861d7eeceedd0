#include "tickets/desk/desk.hpp"

#include "core/text.hpp"
#include "tickets/closing.hpp"
#include "tickets/desk/helpers.hpp"

namespace ombud::tickets {

using core::Language;
using namespace desk_detail;

// Closing (结案): only the desk closes, with the register's classes; a department asks; the
// customer's opinion may close a complaint by itself, to be classified by the desk later.

std::optional<TicketDesk::ClassRefusal> TicketDesk::check_classes(const tickets::CloseClasses& classes,
                                                                  const std::string& number,
                                                                  Language language) const {
  const auto& closing = rules_.closing;
  const auto problem = tickets::check_classes(classes, closing);
  if (!problem) return std::nullopt;
  const auto* group = problem->group;
  const std::string field = group ? group->name : std::string("cause");
  Values values{{"ticket", number}, {"example", class_example(language)}, {"value", problem->value}};
  if (group) {
    values["group"] = group->label.in(language);
    values["choices"] = class_choices(*group, language);
    if (const auto* v = group->find(problem->value)) values["value"] = v->label.in(language);
  } else {
    values["group"] = field;
    values["choices"] = rules_.texts.not_given.in(language);
  }
  switch (problem->kind) {
    case ClassProblem::Kind::missing:
      return ClassRefusal{field, say(&DeskTexts::close_needs_class, language, values)};
    case ClassProblem::Kind::unknown:
      return ClassRefusal{field, say(&DeskTexts::close_unknown_class, language, values)};
    case ClassProblem::Kind::needs_reason:
      values["example"] = values["value"];
      return ClassRefusal{"reason", say(&DeskTexts::close_needs_reason, language, values)};
  }
  return std::nullopt;
}

std::optional<std::string> TicketDesk::resolve_classes(tickets::CloseClasses& classes,
                                                       const std::string& written,
                                                       const std::string& number, Language language) const {
  if (!written.empty()) classes = read_classes(written, rules_.closing);
  auto refused = check_classes(classes, number, language);
  if (!refused) return std::nullopt;
  return std::move(refused->text);
}

std::string TicketDesk::class_example(Language language) const {
  std::string out;
  for (const auto& group : rules_.closing.classes)
    if (group.required && !group.values.empty())
      out += (out.empty() ? "" : " ") + group.values.front().label.in(language);
  return out;
}

bool TicketDesk::close_by_itself(Ticket& after, std::string_view by, std::int64_t now) const {
  auto closed = tickets::apply(after.order, tickets::Close{}, {"system", "system"}, now);
  if (!closed) return false;
  after.order = std::move(*closed.order);
  after.closed_ms = now;
  after.closed_by = std::string(by);
  return true;
}

// A department's "结案": the desk is asked to close it (told by SMS, the ticket shows the
// request), or the department is told that the desk closes it, as the organisation has it.
TicketDesk::ActionResult TicketDesk::request_close(const tickets::Directory& directory,
                                                   const tickets::Department& department,
                                                   const StaffActor& actor, const Ticket& ticket,
                                                   const std::string& number, std::int64_t now,
                                                   Effects& effects, std::vector<Notice>& notices) const {
  const auto language = actor.language;
  // Not before the result reached the customer: the same refusal as closing it would get.
  if (auto fits = tickets::apply(ticket.order, tickets::Close{}, {actor.id, actor.channel, actor.role}, now); !fits)
    return {false, refusal(fits, tickets::Close{}, number, "", actor)};
  if (rules_.closing.by_department == DepartmentClose::refuse)
    return {false, say(&DeskTexts::close_by_desk_only, language, {{"ticket", number}})};
  if (ticket.close_requested_ms == 0) {  // the desk is told once
    Ticket after = ticket;
    after.order.number = number;
    after.close_requested_ms = now;
    after.close_requested_by = actor.id;
    after.updated_ms = now;
    after.order.timeline.push_back({now, actor.id, actor.channel, "close_requested", ""});
    effects.change(number, ticket_changes(ticket, after));
    for (const auto* person : directory.desk_on_duty()) {
      const auto their = language_of(person->language);
      notices.push_back({core::Contact::phone(person->phone),
                         say(&DeskTexts::close_request_desk, their,
                             {{"ticket", number},
                              {"department", department.label(core::to_string(their))},
                              {"by", actor.name.empty() ? core::masked(actor.id) : actor.name},
                              {"result", core::quoted(ticket.order.reply, 200)},
                              {"example", class_example(their)}})});
    }
  }
  return {true, say(&DeskTexts::done_close_requested, language, {{"ticket", number}})};
}

}  // namespace ombud::tickets

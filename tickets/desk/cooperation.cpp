#include "tickets/desk/desk.hpp"

#include "core/text.hpp"
#include "tickets/cooperation.hpp"
#include "tickets/desk/helpers.hpp"

#include <algorithm>

namespace ombud::tickets {

using core::Language;
using namespace desk_detail;

// Cooperating departments (协办): the lead department answers the customer; each cooperating
// department signs for its part and reports it, and the lead's holder is told.

TicketDesk::ActionResult TicketDesk::cooperate(const tickets::Directory& directory,
                                               const tickets::Department& department,
                                               const StaffActor& actor, const Ticket& ticket,
                                               const std::string& number, const tickets::Command& command,
                                               std::int64_t now, Effects& effects,
                                               std::vector<Notice>& notices) const {
  const auto language = actor.language;
  const auto lang = core::to_string(language);
  const auto* lead = directory.find(ticket.order.department);
  const auto lead_name = lead ? lead->label(lang) : ticket.order.department;
  const Values values{{"ticket", number}, {"department", lead_name}};
  const auto* sign = std::get_if<tickets::SignFor>(&command);
  const auto* report = std::get_if<tickets::Reply>(&command);
  if (!sign && !(report && !report->result.empty())) return {false, say(&DeskTexts::part_usage, language, values)};
  const auto state = ticket.order.state;
  if (state == WorkState::registered || state == WorkState::result_sent || state == WorkState::closed)
    return {false, say(&DeskTexts::closed_ticket, language, {{"ticket", number}})};
  auto parts = parts_of(ticket.order.cooperating, ticket.parts_json);
  auto part = std::find_if(parts.begin(), parts.end(), [&](const Part& p) { return p.department == department.id; });
  Ticket after = ticket;
  after.order.number = number;
  after.updated_ms = now;
  part->by = actor.id;
  part->at_ms = now;
  if (sign) {
    if (part->state.empty()) part->state = "signed_for";
    after.order.timeline.push_back({now, actor.id, actor.channel, "part_signed_for", department.id});
  } else {
    part->state = "reported";
    part->text = std::string(core::utf8_prefix(report->result, kTimelineTextBytes));
    after.order.timeline.push_back({now, actor.id, actor.channel, "part_reported",
                                    department.id + ": " + report->result});
    // Whoever holds the lead's work (else its responsible person) hears of it, whole.
    std::string to = ticket.order.responsible;
    if (to.empty() && lead)
      if (const auto* p = lead->with_role("responsible")) to = p->phone;
    if (!to.empty()) {
      const auto their = staff_language(directory, to);
      notices.push_back({core::Contact::phone(to),
                         say(&DeskTexts::part_reported_notice, their,
                             {{"ticket", number},
                              {"department", department.label(core::to_string(their))},
                              {"name", actor.name},
                              {"text", core::quoted(report->result, kWholeMessage)}})});
    }
  }
  after.parts_json = parts_json(parts);
  after.parts_pending = static_cast<int>(
      std::count_if(parts.begin(), parts.end(), [](const Part& p) { return p.state != "reported"; }));
  effects.change(number, ticket_changes(ticket, after));
  return {true, say(sign ? &DeskTexts::done_part_signed : &DeskTexts::done_part_reported, language, values)};
}

}  // namespace ombud::tickets

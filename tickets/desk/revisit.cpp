#include "tickets/desk/desk.hpp"

#include "core/text.hpp"
#include "tickets/desk/helpers.hpp"
#include "tickets/revisit.hpp"

#include <algorithm>

namespace ombud::tickets {

using core::Language;
using namespace desk_detail;

// The revisit (回访): after a result reaches the customer, a task on the desk's list, due within
// the organisation's limit, listed to the desk on duty each working morning, escalated when it
// is late; what it finds is recorded, and a customer not satisfied is verified again.

namespace {
constexpr std::string_view kDue = "due", kDone = "done", kCallList = "call_list";
}  // namespace

void TicketDesk::schedule_revisit(const tickets::Directory& directory, Ticket& after, std::int64_t now,
                                  Effects& effects) const {
  const auto& r = rules_.revisit;
  if (!r.enabled || after.type != "complaint" || after.record_only) return;
  ++after.revisit_round;
  after.revisit_state = kDue;
  after.revisit_attempts = 0;
  after.revisit_rating.clear();
  after.revisit_solved.clear();
  after.revisit_remarks.clear();
  after.revisit_by.clear();
  after.revisit_done_ms = 0;
  after.revisit_overdue = false;
  after.revisit_due_ms = r.working_days ? rules_.calendar.add_working_days(now, r.within_days)
                                        : now + r.within_days * kDayMs;
  after.revisit_headquarters = std::find(r.headquarters_levels.begin(), r.headquarters_levels.end(),
                                         after.level) != r.headquarters_levels.end();
  effects.watch.push_back({after.number, WatchKind::revisit_due, after.revisit_due_ms});
  effects.hold(std::string(kRevisitList), after.number, after.revisit_due_ms);  // until it is done
  for (const auto* person : directory.desk_on_duty()) {
    if (r.digest_minute >= 0)
      effects.watch.push_back({person->phone, WatchKind::revisit_digest,
                               rules_.calendar.next_working_time(now, r.digest_minute)});
  }
}

std::optional<std::string> TicketDesk::revisit_refusal(const tickets::Directory& directory, const StaffActor& actor,
                                                       const Ticket& ticket, const std::string& number,
                                                       tickets::Revisit& revisit) const {
  const auto language = actor.language;
  if (actor.channel != "console" && !directory.desk_member(actor.id))
    return say(&DeskTexts::revisit_by_desk_only, language, {{"ticket", number}});
  if (ticket.revisit_state != kDue && ticket.revisit_state != kCallList)
    return say(&DeskTexts::no_revisit_due, language, {{"ticket", number}});
  if (!revisit.written.empty()) {
    const auto read = read_revisit(revisit.written, rules_.revisit, rules_.survey);
    revisit.reached = read.reached;
    revisit.rating = read.rating ? std::string(to_string(*read.rating)) : std::string();
    revisit.solved = read.solved;
    revisit.remarks = read.remarks;
  }
  if (revisit.reached && !rating_from(revisit.rating))
    return say(&DeskTexts::revisit_needs_rating, language, {{"ticket", number}});
  return std::nullopt;
}

std::string TicketDesk::rating_label(std::string_view rating, Language language) const {
  const auto& t = rules_.texts;
  const auto r = rating_from(rating);
  if (!r) return std::string(rating);
  switch (*r) {
    case Rating::satisfied:
      return t.rating_satisfied.in(language);
    case Rating::basically:
      return t.rating_basically.in(language);
    case Rating::dissatisfied:
      return t.rating_dissatisfied.in(language);
  }
  return std::string(rating);
}

std::optional<WatchOutcome> TicketDesk::revisit_event(const tickets::Directory& directory,
                                                      const std::string& number, const Ticket& ticket,
                                                      std::int64_t now) const {
  WatchOutcome e;
  e.due_ms = "round" + std::to_string(ticket.revisit_round);
  if (ticket.revisit_state != kDue) return e;  // done (or on the call list) in time
  if (now < ticket.revisit_due_ms) return std::nullopt;  // an earlier round's entry
  Ticket after = ticket;
  after.number = number;
  after.revisit_overdue = true;
  after.order.timeline.push_back({now, "system", "system", "revisit_overdue", ""});
  e.unchanged_version = version_of(ticket);
  e.effects.tickets.push_back({number, ticket_changes(ticket, after)});
  const auto due = std::to_string(ticket.revisit_due_ms);
  e.delay = WatchOutcome::Delay{number, directory.default_department, "revisit", due};
  auto tell = [&](const std::string& phone) {
    const auto language = staff_language(directory, phone);
    for (auto& part : sms_parts(say(&DeskTexts::revisit_overdue, language,
                                    {{"ticket", number},
                                     {"category", category_label(ticket.category, language)},
                                     {"due", tickets::local_time(ticket.revisit_due_ms, settings_.timezone)}})))
      e.effects.outbound.push_back(addressed(core::Contact::phone(phone),
                                             "revisit-" + number + "-" + e.due_ms + "-" +
                                                 std::to_string(e.effects.outbound.size()),
                                             std::move(part)));
  };
  // The desk's head and the duty managers: the desk on duty has it on its list already.
  if (const auto* desk = directory.find(directory.default_department))
    if (const auto* head = desk->with_role("head")) tell(head->phone);
  for (const auto& m : directory.duty_managers) tell(m.phone);
  return e;
}

WatchOutcome TicketDesk::revisit_digest(const tickets::Directory& directory, const std::string& phone,
                                        const std::vector<Ticket>& listed, std::int64_t now) const {
  WatchOutcome e;
  const auto date = rules_.calendar.local_date(now);
  e.due_ms = std::to_string(date.year) + "-" + std::to_string(date.month) + "-" + std::to_string(date.day);
  const auto& r = rules_.revisit;
  if (r.digest_minute < 0 || !directory.desk_member(phone)) return e;  // no longer the desk's
  // Tomorrow's (the next working day's), whatever today brings.
  e.effects.watch.push_back({phone, WatchKind::revisit_digest, rules_.calendar.next_working_time(now, r.digest_minute)});
  std::vector<const Ticket*> due;
  for (const auto& t : listed)
    if (t.revisit_state == kDue) due.push_back(&t);
  if (due.empty()) return e;
  std::sort(due.begin(), due.end(), [](const Ticket* a, const Ticket* b) { return a->revisit_due_ms < b->revisit_due_ms; });
  const auto language = staff_language(directory, phone);
  constexpr std::size_t kShown = 5;  // the SMS stays short; the console has them all
  std::string items;
  for (std::size_t i = 0; i < due.size() && i < kShown; ++i) {
    const auto& t = *due[i];
    auto values = content(t, language, true);
    values["due"] = tickets::local_time(t.revisit_due_ms, settings_.timezone);
    values["headquarters"] = t.revisit_headquarters ? rules_.texts.revisit_headquarters.in(language) : "";
    values["late"] = t.revisit_due_ms < now ? rules_.texts.revisit_late.in(language) : "";
    items += (items.empty() ? "" : language == Language::zh ? "；" : "; ") + say(&DeskTexts::revisit_item, language, values);
  }
  const auto more = due.size() > kShown
                        ? say(&DeskTexts::revisit_more, language, {{"count", std::to_string(due.size() - kShown)}})
                        : std::string();
  for (auto& part : sms_parts(say(&DeskTexts::revisit_digest, language,
                                  {{"count", std::to_string(due.size())}, {"items", items}, {"more", more}})))
    e.effects.outbound.push_back(addressed(core::Contact::phone(phone),
                                           "digest-" + phone + "-" + e.due_ms + "-" + std::to_string(e.effects.outbound.size()),
                                           std::move(part)));
  return e;
}

}  // namespace ombud::tickets

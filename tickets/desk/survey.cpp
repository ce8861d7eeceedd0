#include "tickets/desk/desk.hpp"

#include "core/text.hpp"
#include "tickets/desk/helpers.hpp"
#include "tickets/survey.hpp"

namespace ombud::tickets {

using core::Language;
using namespace desk_detail;

// The satisfaction survey after a result (满意度回访): asked on the customer's own channel and
// in their language, inside business hours, once per result, reminded once, then counted as no
// answer; an answer is recorded, and dissatisfaction sends the same ticket back to be verified.

namespace {
constexpr std::string_view kScheduled = "scheduled", kSent = "sent", kAnswered = "answered",
                           kExpired = "expired", kSkipped = "skipped";
}  // namespace

void TicketDesk::schedule_survey(Ticket& after, std::int64_t now, Effects& effects) const {
  const auto& survey = rules_.survey;
  if (!survey.enabled || after.type != "complaint") return;
  ++after.survey_round;
  after.survey_rating.clear();
  after.survey_comment.clear();
  after.survey_answered_ms = after.survey_sent_ms = 0;
  after.survey_late = false;
  after.survey_skipped_because.clear();
  if (after.record_only || after.address.empty()) {  // nobody to ask
    after.survey_state = kSkipped;
    after.survey_skipped_because = after.record_only ? "record_only" : "no_contact";
    return;
  }
  after.survey_state = kScheduled;
  const auto at = rules_.calendar.add_working_minutes(now, survey.delay_working_minutes);
  effects.watch.push_back({after.number, WatchKind::survey_send, at});
}

std::optional<WatchOutcome> TicketDesk::survey_event(const tickets::Directory&,
                                                     const std::string& number, WatchKind kind,
                                                     const Ticket& ticket, std::int64_t now,
                                                     bool customer_opted_out) const {
  WatchOutcome e;
  // Once per round and kind: a round is named by its number until it is asked, then by when it
  // was asked (a reminder or expiry left over from an earlier round is not this round's).
  e.due_ms = kind == WatchKind::survey_send ? "round" + std::to_string(ticket.survey_round)
                                            : "sent" + std::to_string(ticket.survey_sent_ms);
  const auto& survey = rules_.survey;
  if (ticket.survey_state == kSent &&
      ((kind == WatchKind::survey_remind && now < ticket.survey_sent_ms + survey.reminder_after_ms) ||
       (kind == WatchKind::survey_expire && now < ticket.survey_sent_ms + survey.expiry_ms)))
    return std::nullopt;  // an earlier round's entry: this round's comes due later
  Ticket after = ticket;
  after.number = number;
  const auto language = language_of(ticket.language);
  auto ask = [&](Text text) {
    for (auto& part : sms_parts(say(text, language, {{"ticket", number},
                                                     {"result", without_final_stop(ticket.order.reply)}})))
      e.effects.outbound.push_back(addressed(
          ticket.customer(),
          "survey-" + number + "-" + std::to_string(ticket.survey_round) + "-" +
              std::string(to_string(kind)) + "-" + std::to_string(e.effects.outbound.size()),
          std::move(part)));
  };
  switch (kind) {
    case WatchKind::survey_send:
      if (ticket.survey_state != kScheduled) return e;  // answered early, or a round gone by
      if (ticket.order.state != WorkState::result_sent && ticket.order.state != WorkState::closed) {
        after.survey_state = kSkipped;  // being handled again: the next result gets its own
        after.survey_skipped_because = "reopened";
        break;
      }
      // Not asked, and recorded why: a customer who unsubscribed, or who has complained again
      // about the same matter (the new complaint is being handled; asking would mislead).
      if (customer_opted_out || !ticket.repeated_by.empty()) {
        after.survey_state = kSkipped;
        after.survey_skipped_because = customer_opted_out ? "opted_out" : "complained_again";
        break;
      }
      ask(&DeskTexts::survey_question);
      after.survey_state = kSent;
      after.survey_sent_ms = now;
      if (survey.reminder_after_ms < survey.expiry_ms)
        e.effects.watch.push_back({number, WatchKind::survey_remind, now + survey.reminder_after_ms});
      e.effects.watch.push_back({number, WatchKind::survey_expire, now + survey.expiry_ms});
      break;
    case WatchKind::survey_remind:
      if (ticket.survey_state != kSent) return e;
      ask(&DeskTexts::survey_reminder);
      return e;  // (nothing on the ticket changes)
    case WatchKind::survey_expire:
      if (ticket.survey_state != kSent) return e;
      after.survey_state = kExpired;  // no answer
      if (rules_.closing.after == AutoClose::survey && rules_.closing.when_no_answer)
        close_by_itself(after, "survey_no_answer", now);
      break;
    default:
      return e;
  }
  auto changes = ticket_changes(ticket, after);
  if (!changes.empty()) {
    e.effects.tickets.push_back({number, std::move(changes)});
    e.unchanged_version = version_of(ticket);
  }
  return e;
}

bool TicketDesk::verify_again(const tickets::Directory* directory, const std::string& words,
                              const std::string& by, const std::string& via, std::int64_t now,
                              const Ticket& ticket, Ticket& after, bool tell_head, Effects& effects,
                              std::vector<Notice>& notices) const {
  const auto& number = ticket.number;
  after.order.number = number;
  auto reopened = tickets::apply(after.order, tickets::Reopen{words}, {by, via}, now);
  if (!reopened) return false;
  after.order = std::move(*reopened.order);
  after.updated_ms = now;
  after.due_ms = rules_.calendar.add_working_days(now, rules_.reply_days);
  after.closed_ms = 0;
  after.closed_by.clear();
  watch_reply(effects.watch, number, now, after.due_ms, ticket.level);
  const auto& holder = after.order.responsible;
  if (!holder.empty()) {
    const auto their = directory ? staff_language(*directory, holder) : Language::zh;
    notices.push_back({core::Contact::phone(holder), say(&DeskTexts::reopened_notice, their,
                                                         {{"ticket", number}, {"text", core::quoted(words, kWholeMessage)}})});
    effects.hold(holder, number, now);
  }
  const auto* department = directory ? directory->find(after.order.department) : nullptr;
  if (tell_head && department)
    if (const auto* head = department->with_role("head"); head && head->phone != holder) {
      const auto their = staff_language(*directory, head->phone);
      std::string holder_name = holder.empty() ? department->label(core::to_string(their)) : core::masked(holder);
      for (const auto& s : department->staff)
        if (s.phone == holder) holder_name = s.name;
      notices.push_back({core::Contact::phone(head->phone),
                         say(&DeskTexts::survey_dissatisfied_head, their,
                             {{"ticket", number},
                              {"department", department->label(core::to_string(their))},
                              {"text", core::quoted(words)},  // (the holder has it whole)
                              {"holder", holder_name},
                              {"due", tickets::local_time(after.due_ms, settings_.timezone)}})});
    }
  const auto customer_language = language_of(ticket.language);
  const auto& name = customer_language == Language::en && !ticket.department_name_en.empty()
                         ? ticket.department_name_en
                         : ticket.department_name;
  notices.push_back({ticket.customer(), say(&DeskTexts::reopened_customer, customer_language,
                                             {{"ticket", number}, {"department", name}})});
  return true;
}

bool TicketDesk::survey_answer(const tickets::Directory* directory, const core::InboundMessage& m,
                               const Ticket& ticket, const SurveyAnswer& answer,
                               Effects& effects, std::vector<Notice>& notices) const {
  Ticket after = ticket;
  after.order.number = ticket.number;
  after.survey_late = ticket.survey_state == kExpired;
  after.survey_state = kAnswered;
  after.survey_rating = std::string(to_string(*answer.rating));
  after.survey_comment = std::string(core::utf8_prefix(answer.comment, 600));
  after.survey_answered_ms = m.received_ms;
  after.updated_ms = m.received_ms;
  after.order.timeline.push_back({m.received_ms, m.from, "sms", "survey_answered",
                                  after.survey_rating + (answer.comment.empty() ? "" : ": " + answer.comment)});
  if (*answer.rating == Rating::dissatisfied) {  // on the call list until a revisit finds them satisfied
    after.call_list = true;
    after.call_list_reason = "dissatisfied";
    if (verify_again(directory, m.text, m.from, m.channel, m.received_ms, ticket, after, true, effects, notices)) {
      effects.change(ticket.number, ticket_changes(ticket, after));
      return true;
    }
  }
  if (*answer.rating != Rating::dissatisfied && after.call_list_reason == "dissatisfied") {
    after.call_list = false;
    after.call_list_reason.clear();
  }
  if (rules_.closing.after == AutoClose::survey && *answer.rating != Rating::dissatisfied)
    close_by_itself(after, "survey", m.received_ms);
  effects.change(ticket.number, ticket_changes(ticket, after));
  notices.push_back({core::Contact::sender_of(m), say(&DeskTexts::survey_thanks, language_of(ticket.language), {})});
  return true;
}

}  // namespace ombud::tickets

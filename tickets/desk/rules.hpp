#pragma once
// The desk's rules: departments, time limits, the calendar, grading, and every sentence it sends.

#include "core/language.hpp"
#include "tickets/acceptance.hpp"
#include "tickets/business_calendar.hpp"
#include "tickets/closing.hpp"
#include "tickets/desk/texts.hpp"
#include "tickets/directory.hpp"
#include "tickets/grading.hpp"
#include "tickets/revisit.hpp"
#include "tickets/survey.hpp"
#include "tickets/work_order.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ombud::tickets {

/// What happens to a ticket after intake: departments, time limits, the calendar.
/// The channel and account that carry notices to a phone (staff SMS).
struct NoticeRoute {
  std::string channel;
  std::string account;
};

struct TicketRules {
  /// tickets.notify: how staff are reached; unset, the first channel whose addresses are
  /// phone numbers, with its first account.
  NoticeRoute notify;
  std::optional<Directory> directory_seed;  ///< tickets.departments, stored at first start
  int sign_for_hours = 2;                            ///< working hours to sign for (签收)
  int reply_days = 2;                                ///< working days to reply
  int multi_department_reply_days = 5;               ///< with cooperating departments
  bool audit_required = false;           ///< true: the desk audits replies (console's audit)
  bool notify_signed_for = true;         ///< tell the customer when the department signs for it
  bool transfer_restarts_clock = false;  ///< a transfer gives the new department full limits
  bool extension_needs_head = false;     ///< an extension by staff waits for the head's approval
  bool assign_needs_head = true;  ///< a change of handler by staff waits for the head's approval
  /// The dispatch SMS gives the responsible person the customer's full phone number so they
  /// can call (沟通); everyone else sees it masked.
  bool full_phone_to_responsible = true;
  ReplyBy reply_by = ReplyBy::holder_or_head;  ///< who may answer a signed ticket
  /// After the result, a short message with one of these words (and no dissatisfaction) is
  /// answered politely and noted on the ticket instead of starting a new conversation.
  std::vector<std::string> thanks_words{"谢谢", "感谢", "多谢", "好的", "收到", "满意",
                                        "thanks", "thank you", "ok", "great"};
  DeskTexts texts;  ///< tickets.texts: every sentence the desk sends
  /// After the result, a message with one of these words reopens the ticket.
  std::vector<std::string> dissatisfied_words{
      "不满意", "没解决", "没有解决", "还是没",    "还没修好",  "又坏了",       "仍然",
      "依然",   "依旧",   "还是不行", "问题还在",  "not satisfied", "still not", "not fixed",
      "not solved"};
  SurveyRules survey;  ///< tickets.survey: the satisfaction survey after a result
  ClosingRules closing;  ///< tickets.closing: who closes, with which classes, reopening
  AcceptanceRules acceptance;  ///< tickets.acceptance: 不予受理's reasons, legal words
  RevisitRules revisit;        ///< tickets.revisit: 回访 after the result
  int consultation_answer_hours = 24;  ///< a question is answered within (clock hours; promised at intake)
  int suggestion_days = 5;             ///< a suggestion is decided within (working days; promised at intake)
  std::int64_t reopen_window_ms = 7LL * 24 * 3600 * 1000;
  /// What one customer adds to an open ticket per window: past this many messages, a message
  /// keeps its first 200 bytes on the timeline and is not sent to the handler again.
  int customer_notes_per_window = 20;
  std::int64_t customer_notes_window_ms = 600LL * 1000;
  std::map<int, int> reply_days_by_level{{1, 1}};  ///< a severity's shorter reply limit
  /// With cooperating departments the longer of multi_department_reply_days and a level's
  /// reply limit applies (seed: multi-department matters are answered within 5 working days;
  /// level 1 shortens the sign-for limit and alerts, it does not make such a matter due
  /// tomorrow). false: the shorter one.
  bool multi_department_limit_wins = true;

  /// A severity's shorter sign-for limit (working hours): level 1 is signed for sooner.
  std::map<int, int> sign_for_hours_by_level{{1, 1}};
  int sign_for_hours_for(int level) const {
    const auto it = sign_for_hours_by_level.find(level);
    return it == sign_for_hours_by_level.end() ? sign_for_hours
                                               : std::min(sign_for_hours, it->second);
  }

  /// Working days to reply to a complaint of `level` involving `departments` departments.
  int reply_days_for(int level, int departments) const {
    const bool multi = departments > 1;
    const int base = multi ? multi_department_reply_days : reply_days;
    const auto it = reply_days_by_level.find(level);
    if (it == reply_days_by_level.end()) return base;
    return multi && multi_department_limit_wins ? std::max(base, it->second)
                                                : std::min(base, it->second);
  }
  BusinessCalendar calendar;  ///< holidays from tickets.calendar (a file per year)
  GradingPolicy grading;
  std::int64_t repeat_window_ms = 30LL * 24 * 3600 * 1000;  ///< same customer, same category
  std::int64_t burst_window_ms = 2LL * 3600 * 1000;         ///< a collective complaint's window
  int collective_customers = 5;  ///< customers with the same matter in the window → incident
  double same_matter_threshold = 0.4;
};

}  // namespace ombud::tickets

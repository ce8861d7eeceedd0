#pragma once
// What a decision of the desk changes, in the desk's words: tickets and their fields, the SLA
// watch's entries by kind and time, who holds a ticket now (a person's list of open tickets),
// the handoff queue, incidents, the month's complaints the analysis compares, a customer's
// remembered language, the messages to send, the audit line. Pure: no keys, no Redis. The
// store turns them into its writes (store/desk_effects.hpp), atomically with whatever carries
// the decision (an inbox entry, a watch entry, a person's action).

#include "core/messages.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ombud::tickets {

/// The ticket being created with the message that causes it: its number is given where it is
/// stored (and put in its place in the messages' texts).
inline constexpr std::string_view kNewTicket = "{ticket}";

/// What the SLA watch does at an entry's time.
enum class WatchKind {
  analyze,        ///< compare a new complaint with the month's others
  sign_warn,      ///< 80% of the sign-for limit
  sign_due,       ///< the sign-for limit
  reply_warn,     ///< 80% of the reply limit
  reply_due,      ///< the reply limit
  regrade_half,   ///< unresolved after half a month
  regrade_month,  ///< unresolved after a month
  survey_send,    ///< ask the customer's opinion of the result (满意度回访)
  survey_remind,  ///< ask once more when they have not answered
  survey_expire,  ///< no answer by now: counted as none
  decide_due,     ///< the desk's decision on a complaint held for it (受理 / 不予受理)
  revisit_due,    ///< the revisit's limit (回访)
  revisit_digest, ///< the day's revisits to a desk phone (its "number" is the phone)
};
inline constexpr std::pair<WatchKind, std::string_view> kWatchKinds[] = {
    {WatchKind::analyze, "analyze"},           {WatchKind::sign_warn, "sign_warn"},
    {WatchKind::sign_due, "sign_due"},         {WatchKind::reply_warn, "reply_warn"},
    {WatchKind::reply_due, "reply_due"},       {WatchKind::regrade_half, "regrade_half"},
    {WatchKind::regrade_month, "regrade_month"}, {WatchKind::survey_send, "survey_send"},
    {WatchKind::survey_remind, "survey_remind"}, {WatchKind::survey_expire, "survey_expire"},
    {WatchKind::decide_due, "decide_due"},       {WatchKind::revisit_due, "revisit_due"},
    {WatchKind::revisit_digest, "revisit_digest"}};
inline constexpr std::string_view to_string(WatchKind kind) noexcept {
  for (const auto& [k, name] : kWatchKinds)
    if (k == kind) return name;
  return "analyze";
}
inline constexpr std::optional<WatchKind> watch_kind(std::string_view name) noexcept {
  for (const auto& [k, n] : kWatchKinds)
    if (n == name) return k;
  return std::nullopt;
}

using FieldWrites = std::vector<std::pair<std::string, std::string>>;

/// Fields written to a ticket (only these; the others stay as they are).
struct TicketChange {
  std::string number;
  FieldWrites fields;
};

/// An SLA watch entry: what happens to the ticket at `at_ms` (a later entry of the same kind
/// replaces it).
struct WatchEntry {
  std::string number;
  WatchKind kind = WatchKind::analyze;
  std::int64_t at_ms = 0;
};

/// A ticket on (or off) a person's list of open tickets: who holds it now. `phone` is theirs.
struct ListMove {
  std::string phone;
  std::string number;
  std::int64_t at_ms = 0;
  bool add = true;
};

/// A conversation into (or out of) the queue of customers waiting for a person.
struct QueueMove {
  std::string number;
  std::int64_t at_ms = 0;
  bool add = true;
};

/// An incident's fields, written and listed among the incidents by `at_ms`.
struct IncidentChange {
  std::string id;
  FieldWrites fields;
  std::int64_t at_ms = 0;
};

/// A new complaint among the month's of its category (what the analysis compares).
struct RecentComplaint {
  std::string category;
  std::string number;
  std::int64_t at_ms = 0;
};

/// A customer's language remembered after a conversation with a person ends (the dialog's
/// stored session with the language only), for `ttl`.
struct LanguageMemory {
  std::string customer_key;  ///< channel:account:address
  std::string session;
  std::chrono::seconds ttl{0};
};

/// A line of the audit log: one person's action on a ticket, by the console or by SMS.
struct AuditLine {
  std::int64_t at_ms = 0;
  std::string account;  ///< the console account, or the phone an SMS came from
  std::string name;
  std::string role;
  std::string source;  ///< "api" or "sms"
  std::string action;  ///< as the console names it: sign-for, reply, …
  std::string ticket;
  std::string before;  ///< the ticket's version the action was decided on
  std::string body;    ///< what the person sent: the request body, or the SMS
  std::vector<std::pair<std::string, std::string>> fields() const {
    return {{"at_ms", std::to_string(at_ms)}, {"account", account}, {"name", name},
            {"role", role},     {"source", source}, {"action", action},
            {"ticket", ticket}, {"before", before}, {"body", body}};
  }
};

/// Everything one decision changes.
struct Effects {
  std::vector<TicketChange> tickets;
  std::vector<WatchEntry> watch;
  std::vector<ListMove> lists;
  std::vector<QueueMove> queue;
  std::vector<IncidentChange> incidents;
  std::vector<RecentComplaint> recent;
  std::vector<LanguageMemory> remember;
  std::vector<core::OutboundMessage> outbound;  ///< messages already addressed (the SLA watch's)
  std::optional<AuditLine> audit;

  /// Fields written to `number`'s ticket.
  void change(std::string number, FieldWrites fields) {
    tickets.push_back({std::move(number), std::move(fields)});
  }
  void hold(std::string phone, std::string number, std::int64_t at_ms) {
    lists.push_back({std::move(phone), std::move(number), at_ms, true});
  }
  void release(std::string phone, std::string number) {
    lists.push_back({std::move(phone), std::move(number), 0, false});
  }
};

/// The revisits due (回访) have a list of their own, named like a phone's but no phone: the
/// desk's daily digest reads it, and a desk phone's own list stays what that person holds (a
/// "回复" without a number still finds the one conversation they answer).
inline constexpr std::string_view kRevisitList = "revisits";

/// What an SLA watch entry caused.
struct WatchOutcome {
  std::string due_ms;  ///< with the entry, names its done marker
  Effects effects;
  struct Delay {
    std::string ticket, department, kind, due_ms;
  };
  std::optional<Delay> delay;
  /// Set: the messages go only if this incident was not announced yet (several processes may
  /// conclude the same incident; one of them tells people).
  std::string announce_once;
  /// Set: nothing is applied if the ticket's version is no longer this one; the entry comes
  /// due again and is decided anew.
  std::optional<std::string> unchanged_version;
};

}  // namespace ombud::tickets

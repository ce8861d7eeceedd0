#pragma once
// A ticket as one typed value, and the one codec between it and its stored fields (the Redis
// hash `ticket:{number}`). Fields this version does not know are kept as read, so that reading
// and writing a ticket back loses nothing.

#include "core/messages.hpp"
#include "tickets/ticket.hpp"
#include "tickets/vocabulary.hpp"
#include "tickets/work_order.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ombud::tickets {

struct Ticket {
  std::string number;
  std::string type;  ///< complaint | consultation | suggestion | handoff
  std::string category, category_label;
  std::string channel, account, address;  ///< where the customer wrote from
  std::string phone, name;
  bool anonymous = false;
  bool record_only = false;
  std::string language;  ///< zh | en
  std::string slots_json, transcript_json;
  std::string source;  ///< the inbox entry that created it
  std::int64_t created_ms = 0, updated_ms = 0;
  std::int64_t sign_due_ms = 0, due_ms = 0;
  bool sign_overdue = false, reply_overdue = false;
  int level = 0;  ///< 1 (most severe) to 4; 0 before grading
  std::string level_reasons;
  std::string department_name, department_name_en;
  std::string fingerprint, incident;
  int repeat_count = 0, similar_customers = 0, collective_customers = 0;
  std::string repeat_of;  ///< the same customer's earlier complaint of the matter
  std::string owner;      ///< contact_key of the customer (owner_of when not stored)
  std::string version;    ///< bumped by every write (version_of)
  std::int64_t major_alerted_ms = 0;  ///< when the duty managers were told it is level 1
  /// What the customer added while it was with the department, bounded per window.
  std::int64_t notes_window_ms = 0;
  int notes_in_window = 0;
  /// The register's classes (tickets.closing.classes; "" until the desk classifies it), the
  /// desk's reason, when and by whom (a phone, an account, "survey") it was closed.
  std::string close_validity, close_responsibility, close_cause, close_reason;
  std::int64_t closed_ms = 0;
  std::string closed_by;
  /// A department asked the desk to close it (its "结案" by SMS): when, and who.
  std::int64_t close_requested_ms = 0;
  std::string close_requested_by;
  /// The same customer's later complaint of the matter (its repeat_of is this one): the
  /// survey is not asked about this one then.
  std::string repeated_by;
  /// A legal word the customer wrote (仲裁, 法院, …): held for the desk's decision (受理 / 不予受理).
  std::string legal_flag;
  std::string declined_reason;  ///< 不予受理: tickets.acceptance.reasons' id
  std::string suggestion_adopted;  ///< a suggestion: "yes" / "no" once the head decided
  std::string parts_json;  ///< the cooperating departments' parts (cooperation.hpp)
  int parts_pending = 0;   ///< cooperating departments that have not reported their part
  /// Registered by the desk (POST /api/v1/tickets): the registration's id, how the customer
  /// came (phone, visit, letter) and who registered it.
  std::string registration, registered_via, registered_by;
  /// The revisit (回访) of the latest result: due (on the desk's list), done, or call_list (not
  /// reached: on the outbound call list); what it found, by whom.
  int revisit_round = 0, revisit_attempts = 0;
  std::string revisit_state, revisit_rating, revisit_solved, revisit_remarks, revisit_by;
  std::int64_t revisit_due_ms = 0, revisit_done_ms = 0;
  bool revisit_headquarters = false;  ///< headquarters revisits it as well (its level)
  bool revisit_overdue = false;
  /// On the outbound call list (外呼表): not reached, or not satisfied, until a revisit finds
  /// the customer satisfied; why (unreached | dissatisfied).
  bool call_list = false;
  std::string call_list_reason;
  std::string follow_up_outcome;                      ///< what the department followed up
  int follow_up_days = 0;
  /// The satisfaction survey of the latest result (one per result: a reopened ticket's next
  /// result gets its own round): its state is scheduled, sent, answered, expired (no answer)
  /// or skipped (with the reason).
  int survey_round = 0;
  std::string survey_state, survey_skipped_because;
  std::int64_t survey_sent_ms = 0, survey_answered_ms = 0;
  std::string survey_rating;  ///< tickets::Rating's name
  std::string survey_comment;
  bool survey_late = false;  ///< answered after it expired
  HandoffState handoff = HandoffState::waiting;  ///< a conversation's state (type "handoff")
  WorkOrder order;  ///< state, department, responsible, reply, transfers, timeline, …
  std::map<std::string, std::string> unknown;  ///< stored fields this version does not read

  bool operator==(const Ticket&) const = default;

  bool is_handoff() const noexcept { return type == "handoff"; }
  /// The stored state as one word: a conversation's (waiting/answering/closed), "recorded" for
  /// an entry kept for the record only, else the work order's.
  std::string state() const;
  /// Still needs someone's work (tickets::needs_work of its state).
  bool open() const { return needs_work(state()); }
  /// A conversation with a person (转人工) still waiting or being answered.
  bool open_handoff() const { return is_handoff() && open(); }
  /// Where the customer wrote from: their answers go back there.
  core::Contact customer() const { return {channel, account, address}; }
};

/// The ticket its stored fields describe (missing fields keep their defaults; a number that
/// does not parse reads as 0).
Ticket ticket_from(const TicketFields& fields);

/// The fields that store `ticket`: every field with a value (empty strings and zero numbers
/// are left out, and read back as such).
std::vector<std::pair<std::string, std::string>> ticket_fields(const Ticket& ticket);

/// What to write to turn `before` (as read) into `after`: the fields whose stored value
/// differs (a cleared one as ""), and the timeline's new lines. A decision writes only these.
std::vector<std::pair<std::string, std::string>> ticket_changes(const Ticket& before,
                                                                const Ticket& after);

/// The ticket's version ("0" for one not written since versions began).
std::string version_of(const Ticket& ticket);
/// The contact key of a ticket's customer (its stored owner, else from its contact).
std::string owner_of(const Ticket& ticket);
/// True when the contact (channel, account, address) a message came from is the ticket's
/// customer's.
bool owned_by(const Ticket& ticket, std::string_view channel, std::string_view account,
              std::string_view address);
/// The values a status reply names (state, department, due, updated), in `language` ("zh"/"en").
std::map<std::string, std::string> status_view(const Ticket& ticket, std::string_view language,
                                               const std::string& timezone);

}  // namespace ombud::tickets

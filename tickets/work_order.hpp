#pragma once
// The complaint work order (工单) and its state machine. Pure: apply(order, command, now)
// gives the next order or the reason the command does not fit.

#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ombud::tickets {

enum class WorkState {
  registered,   ///< numbered, waiting for dispatch (the desk's queue)
  dispatched,   ///< sent to the responsible department
  signed_for,   ///< 签收: the responsible person took it
  replied,      ///< the department's result (回复/处理结果)
  audited,      ///< the desk checked the reply (审核; optional per policy)
  result_sent,  ///< the customer was told
  closed,
};

const char* to_string(WorkState state) noexcept;

/// One line of the work order's history.
struct TimelineEvent {
  std::int64_t at_ms = 0;
  std::string actor;    ///< a staff phone, an agent id, "system", "customer"
  std::string channel;  ///< sms, console, system
  std::string what;     ///< dispatched, signed_for, replied, transferred, …
  std::string text;
  bool operator==(const TimelineEvent&) const = default;
};

struct Escalation {
  int level = 0;  ///< 1 = most severe
  std::string reason;
  bool operator==(const Escalation&) const = default;
};

struct WorkOrder {
  std::string number;
  WorkState state = WorkState::registered;
  std::string department;                ///< lead (首席/牵头) department
  std::vector<std::string> cooperating;  ///< departments that must assist
  std::string responsible;               ///< the responsible person (phone)
  std::string reply;                     ///< the department's result
  int transfers = 0;                     ///< re-dispatches (重派)
  int reopened = 0;
  int extensions = 0;
  std::optional<Escalation> escalation;
  std::string merged_into;           ///< set for a duplicate pointing at its original
  int requested_extension_days = 0;  ///< an extension waiting for the head's approval
  std::string requested_extension_reason;
  std::string requested_responsible;  ///< a change of handler waiting for the head's approval
  std::string requested_assign_reason;
  std::vector<TimelineEvent> timeline;
  /// How many of `timeline`'s lines are stored already: only the lines after them are written
  /// (the stored timeline is an append-only list; a write costs its new lines, not the history).
  std::size_t timeline_stored = 0;
  bool operator==(const WorkOrder&) const = default;
};

/// Who acts, and through which channel.
struct Actor {
  std::string id;
  std::string channel = "sms";
  std::string role;  ///< responsible, backup, head; empty for the desk and the system
};

// The commands. Each names what it does in the domain's words.
struct Dispatch {
  std::string department;
  std::string responsible;
  std::vector<std::string> cooperating;
  bool assigned = false;  ///< straight to the person who answers it (a question, a suggestion): no signing for
};
struct SignFor {};
struct Reply {
  std::string result;
};
struct Audit {
  bool approved = true;
  std::string comment;  ///< why a reply is sent back
};
struct SendResult {};
/// The register's outcome classes (结案分类), each a value of its configured list
/// (tickets.closing.classes; "" when not given), and the desk's reason (required for some,
/// e.g. 无效).
struct CloseClasses {
  std::string validity;        ///< e.g. valid (有效) | invalid (无效)
  std::string responsibility;  ///< e.g. responsible (责任) | not_responsible (无责任) | assisting (协助处理)
  std::string cause;           ///< e.g. the property procedures' 一类/二类/三类
  std::string reason;
  bool operator==(const CloseClasses&) const = default;
  bool empty() const { return validity.empty() && responsibility.empty() && cause.empty(); }
};
struct Close {  // 结案 by the desk, classified (none: closed by the system, classified later)
  CloseClasses classes;
  std::string written;  ///< an SMS's words after the verb, read as classes by the desk
};
struct Revisit {  // 回访 by the desk: what the customer said when called (or not reached)
  bool reached = true;
  std::string rating;  ///< satisfied | basically | dissatisfied
  std::string solved;  ///< yes | no | "" (not said)
  std::string remarks;
  std::string written;  ///< an SMS's words after the verb, read by the desk
};
struct Adopt {  // 采纳 / 不采纳: the head's decision on a customer's suggestion
  bool adopted = true;
  std::string reason;
};
struct Accept {};  // 受理: the desk accepts a complaint held for its decision (then dispatched)
struct Decline {   // 不予受理: the desk refuses to accept it, with a configured reason
  std::string reason;   ///< tickets.acceptance.reasons' id
  std::string note;
  std::string written;  ///< an SMS's words after the verb, read by the desk
};
struct Classify {  // 分类归档: the classes of a closed ticket given or corrected
  CloseClasses classes;
  std::string written;
};
struct Transfer {          // 转派
  std::string department;  ///< empty: back to the desk's queue
  std::string responsible;
  std::string reason;
};
struct Reopen {
  std::string reason;
};
struct Escalate {
  Escalation escalation;
};
struct Merge {
  std::string original;
};
struct Assign {  // 改派处理人: another person of the same department takes the work order
  std::string responsible;  ///< their phone
  std::string reason;
};
struct Note {  // 跟进记录
  std::string text;
};
struct FollowUp {  // 回访: what the customer said when called back
  std::string outcome;  ///< appointment | not_yet_solved | solved_in_days | dissatisfied
  int days = 0;         ///< for solved_in_days
  std::string text;
};
struct Extend {  // 延期
  int days = 0;
  std::string reason;
};
struct Appoint {  // 预约: a visit or a call agreed with the customer, who is told
  std::string text;
};
// The department head on the request waiting (an extension or a change of handler; one at a
// time): 批准 or 驳回.
struct Approve {};
struct Reject {
  std::string reason;
};

using Command = std::variant<Dispatch, SignFor, Reply, Audit, SendResult, Close, Transfer, Reopen,
                             Escalate, Merge, Assign, Note, FollowUp, Extend, Appoint,
                             Approve, Reject, Classify, Accept, Decline, Revisit, Adopt>;

/// Who may answer (reply to) a signed ticket.
enum class ReplyBy {
  holder,          ///< only the person who signed for it
  holder_or_head,  ///< the holder or the department head
  department,      ///< anyone of the department
};

/// Rules that differ between organisations.
struct WorkPolicy {
  bool audit_required = true;  ///< replied → audited → result_sent, or replied → result_sent
  bool extension_needs_head = false;  ///< an extension by anyone but the head is a request
  ReplyBy reply_by = ReplyBy::holder_or_head;
  /// A change of handler by the department's staff is a request for the head (the seed:
  /// 变更…须经部门负责人批准); the head and the desk change it directly.
  bool assign_needs_head = true;
};

/// Why a command was refused, for the text that tells the person.
enum class Refusal {
  none,
  wrong_state,  ///< the command does not fit the order's state (Applied::state)
  needs_department,
  needs_result,
  no_audit,
  needs_reason,
  same_department,
  already_escalated,
  closed,
  needs_other_order,
  needs_days,
  request_waiting,  ///< an extension or a change of handler already waits for the head
  head_only,
  nothing_waiting,  ///< no request waits for the head
  not_holder,  ///< someone other than the holder answering (WorkPolicy::reply_by)
  needs_other_person,  ///< an assignment to the person who has it already
};

/// Either the order after the command, or why the command was refused.
struct Applied {
  std::optional<WorkOrder> order;
  std::string refusal;  ///< in English, for logs and tests; people get texts by `why`
  Refusal why = Refusal::none;
  WorkState state = WorkState::registered;  ///< the order's state when refused
  explicit operator bool() const { return order.has_value(); }
};

Applied apply(const WorkOrder& order, const Command& command, const Actor& actor,
              std::int64_t now_ms, const WorkPolicy& policy = {});

}  // namespace ombud::tickets

#include <map>

namespace ombud::tickets {

/// The work order kept in a ticket's stored fields, and back.
/// The longest text one timeline line keeps, in bytes (cut on a character boundary with "…").
inline constexpr std::size_t kTimelineTextBytes = 2000;
/// The order of a ticket as read: its stored timeline ("timeline", a JSON array, as the
/// repository reads it) and the lines a decision added but did not store yet ("timeline+").
WorkOrder work_order_from(const std::map<std::string, std::string>& ticket_fields);
/// The fields to write: every work-order field, and "timeline+" with only the lines after
/// timeline_stored (none when there are none), each text at most kTimelineTextBytes.
std::vector<std::pair<std::string, std::string>> work_order_fields(const WorkOrder& order);


}  // namespace ombud::tickets

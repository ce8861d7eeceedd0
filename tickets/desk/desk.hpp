#pragma once
// What happens to a complaint after intake, as effects of the message being processed:
// dispatch to the responsible department (work order, due times, SLA watch, the department's
// SMS), the commands staff send by SMS, the SLA watch's warnings and escalations, and the
// analysis of a new complaint against the month's others. Pure: the worker loads, this
// decides, the commit stores. Every sentence comes from `tickets.texts` (DeskTexts), in the
// reader's language: staff by their directory entry, customers by their ticket.

#include "core/messages.hpp"
#include "core/sms.hpp"
#include "tickets/desk/rules.hpp"
#include "tickets/directory.hpp"
#include "tickets/effects.hpp"
#include "tickets/grading.hpp"
#include "tickets/ticket.hpp"
#include "tickets/typed_ticket.hpp"
#include "tickets/work_order.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ombud::tickets {

/// A message to send: to whom and what. Staff are reached on their phone (by the channel
/// `DeskSettings::notify` names), customers on the channel they wrote from.
struct Notice {
  core::Contact to;
  std::string text;
};

/// What the desk needs besides its rules.
struct DeskSettings {
  std::string timezone = "Asia/Shanghai";  ///< times as people read them
  std::string ticket_prefix = "T";         ///< for examples in replies
  core::SmsLimits sms;                     ///< how texts are split
  /// The category labels of the complaint flow (category → label per language).
  std::map<std::string, core::LocalizedText> category_labels;
  /// The complaint flow's other questions (besides category, description, demand, name and
  /// phone: "when and where", or a property's building and flat and whether to visit), in
  /// the flow's order: what the customer answered reaches the department under the
  /// question's label, whatever the step is called.
  struct Detail {
    std::string slot;
    core::LocalizedText label;
    std::map<std::string, core::LocalizedText> shown;  ///< a stored value as people read it
  };
  std::vector<Detail> details{{"when_where", {"时间地点", "When and where"}, {}}};
  /// How long a customer's language is remembered, and the stored form of that memory (the
  /// dialog's session with only the language): a closed handoff ends the conversation.
  std::chrono::seconds remember_language{90LL * 24 * 3600};
  std::function<std::string(core::Language, std::int64_t)> remembered_language;
};

/// Who acts on a work order, as the desk sees them.
struct StaffActor {
  std::string id;       ///< their phone (a person of the directory), or a console account's id
  std::string channel;  ///< "sms" or "console"
  std::string role;     ///< responsible, backup, head; empty for the desk
  core::Language language = core::Language::zh;
  std::string name;  ///< as customers are told who wrote ("（客服李工）")
};

/// What a member of staff does with a customer who asked for a person.
enum class HandoffAction { claim, write, close };

class TicketDesk {
 public:
  /// `rules` must outlive the desk.
  TicketDesk(const TicketRules& rules, DeskSettings settings);
  /// The organisation's closing rules and classes (tickets.closing).
  const ClosingRules& closing() const { return rules_.closing; }
  /// The reasons not to accept a complaint and the legal words (tickets.acceptance).
  const AcceptanceRules& acceptance() const { return rules_.acceptance; }
  /// The channel and account that carry SMS to a phone (tickets.notify).
  const NoticeRoute& notice_route() const { return rules_.notify; }

  /// The message that carries `text` to `to`: a phone by the notice channel, any other
  /// contact on its own channel and account. `id` is stable across processing again.
  /// `by_staff`: caused by a member of staff (an SMS command or a console action); to a
  /// customer it counts against limits.staff_sends_per_customer.
  core::OutboundMessage addressed(const core::Contact& to, std::string id, std::string text,
                                  bool by_staff = false) const;

  /// Adds dispatch to a new complaint's ticket: its department, responsible person, due
  /// times and SLA entries, the responsible person's SMS with what they need to act (name,
  /// phone, what happened, when and where, the demand), and the cooperating departments'.
  /// No department (an empty directory): the ticket stays registered in the desk's queue.
  void dispatch(const tickets::Directory& directory, const core::InboundMessage& message,
                FieldWrites& ticket, Effects& effects,
                std::vector<Notice>& notices) const;

  /// Dispatch as such: `order` (registered: a new complaint's, or a conversation's turned into
  /// a complaint) goes to the department the directory routes the ticket's category and text
  /// to, and `ticket` (its number, or kNewTicket for one being created) gets the work order,
  /// first grade and due times. False when no department takes it. A complaint with a legal
  /// word (tickets.acceptance) is held for the desk's decision instead unless `accepted`.
  bool route(const tickets::Directory& directory, tickets::WorkOrder order, Ticket& ticket,
             std::int64_t now, Effects& effects, std::vector<Notice>& notices,
             bool accepted = false) const;

  /// When a new complaint will be answered: its reply due time (set by dispatch, else
  /// counted from the reply limit), for the customer's confirmation.
  std::int64_t reply_due(const FieldWrites& ticket, std::int64_t now_ms) const;

  /// The ticket number a staff SMS names, or "" when it names none.
  static std::string named_ticket(std::string_view text);

  /// A staff member's SMS: the command applied to `ticket` (loaded by the caller: the named
  /// one, or the member's only open one from `open_tickets`), every change stored and
  /// confirmed, or refused with the reason and how to write it.
  void staff_message(const tickets::Directory& directory, const core::InboundMessage& message,
                     const std::optional<tickets::Ticket>& ticket,
                     const std::vector<std::string>& open_tickets, Effects& effects,
                     std::vector<Notice>& notices) const;

  /// What a person's action did: done, with the confirmation, or refused, with the reason
  /// (the same sentences as by SMS, in the actor's language).
  struct ActionResult {
    bool done = false;
    std::string text;
  };

  /// A person's command on `ticket` (dispatched to a department): the work order's next
  /// state, its due times and watch entries, the lists it is on, and who is told (customer,
  /// new department, head). Shared by the SMS commands and the console.
  ActionResult act(const tickets::Directory& directory, const StaffActor& actor,
                   const tickets::Ticket& ticket, const std::string& number,
                   tickets::Command command, std::int64_t now, Effects& effects,
                   std::vector<Notice>& notices) const;

  /// A member of staff with a handoff conversation (转人工): claim it, write to the customer on
  /// their channel as that person (the first message claims it too), or close it, handing the
  /// customer back to the bot. Refused when it is closed or someone else took it.
  ActionResult handoff_act(const tickets::Directory& directory, const StaffActor& actor,
                           const tickets::Ticket& ticket, const std::string& number,
                           HandoffAction action, const std::string& text, std::int64_t now,
                           Effects& effects, std::vector<Notice>& notices) const;

  /// A handoff conversation turned into a complaint (`category` of the complaint flow, the
  /// matter in the person's words): the same ticket, registered by the person, dispatched and
  /// analysed like a complaint from the intake; the customer is told its number, department
  /// and due date and is handed back to the bot. Refused when closed, taken by someone else,
  /// or no department takes the category.
  ActionResult register_handoff(const tickets::Directory& directory, const StaffActor& actor,
                                const tickets::Ticket& ticket, const std::string& number,
                                const std::string& category, const std::string& description,
                                std::int64_t now, Effects& effects,
                                std::vector<Notice>& notices) const;

  /// An incident's announcement to one of its customers (`text` by language; the other
  /// language's when theirs is empty), on the channel they wrote from, on their ticket's
  /// timeline as the person's.
  ActionResult announce(const StaffActor& actor, const tickets::Ticket& ticket,
                        const std::string& number, const core::LocalizedText& text,
                        std::int64_t now, Effects& effects,
                        std::vector<Notice>& notices) const;

  /// What an SLA watch entry ("number|sign_warn", "…|sign_due", "…|reply_warn", "…|reply_due")
  /// causes now: a warning to the responsible person at 80% of a limit (in working time);
  /// when a limit has passed and the work is not done, the ticket is marked overdue and
  /// escalated, the department head and the duty managers are told, and the delay is
  /// recorded. Nothing when the work was done in time. nullopt when the entry is not due after
  /// all (a limit extended). `customer_opted_out`: the customer unsubscribed (STOP), read for a
  /// survey about to be asked (it is then skipped, with the reason).
  std::optional<WatchOutcome> sla_event(const tickets::Directory& directory,
                                       const std::string& number, WatchKind kind,
                                       const tickets::Ticket& ticket,
                                       std::int64_t now_ms, bool customer_opted_out = false) const;

  /// The day's revisits to a desk phone (revisit_digest's entry; `listed`: the tickets on the
  /// revisits' list, kRevisitList): those due, soonest first, the first five with the customer's name, number,
  /// category and limit; and the next working day's digest scheduled. Nothing when none is due
  /// or the phone is no longer the desk's.
  WatchOutcome revisit_digest(const tickets::Directory& directory, const std::string& phone,
                              const std::vector<Ticket>& listed, std::int64_t now) const;

  /// How far back analyze() looks: the complaints of the category in the last 31 days.
  static constexpr std::int64_t kAnalysisWindowMs = 31LL * 24 * 3600 * 1000;

  /// A new complaint compared with the month's others of its category: its severity (grading
  /// rules), whether it repeats the same customer's complaint, how many other customers
  /// describe the same matter; five or more within the burst window make an incident (a
  /// collective complaint) that groups the tickets, raises them to the collective level with
  /// its shorter limits, and is announced once to the duty managers; later customers are told
  /// the matter is known. A level-1 complaint is announced to the duty managers at once.
  WatchOutcome analyze(const tickets::Directory& directory, const std::string& number,
                            const tickets::Ticket& ticket,
                            const std::vector<tickets::Ticket>& recent,
                            std::int64_t now_ms) const;

  /// Adds, to a new complaint, what the analysis needs: its fingerprint and owner, the month's
  /// index and the watch entry that runs analyze(). `ticket.number` is kNewTicket for one being
  /// created.
  void prepare_analysis(Ticket& ticket, Effects& effects, std::int64_t now_ms) const;
  /// The same for a ticket being created, as the fields it is written with.
  void prepare_analysis(FieldWrites& ticket, Effects& effects, std::int64_t now_ms) const;

  /// A customer writing while their complaint is with a department (and no dialog is open):
  /// the message goes to the ticket's timeline and to the responsible person, is graded
  /// (a threat raises the level), and the customer is told so. After the result, a message
  /// saying it is still not solved (within tickets.reopen_window) reopens the ticket; thanks
  /// close it politely. False when none applies (the dialog takes the message).
  bool customer_message(const tickets::Directory* directory, const core::InboundMessage& message,
                        const tickets::Ticket& ticket, Effects& effects,
                        std::vector<Notice>& notices) const;

  /// A customer asking for a person (转人工): `ticket` (a new "handoff" ticket, numbered with
  /// the others) goes into the handoff queue (keys.handoff_queue(), which the agent console
  /// will serve too) and to the on-duty staff's open lists, and they are told by SMS with the
  /// customer's last messages. Returns what the customer is told of when someone answers:
  /// soon within business hours, else from the next opening.
  std::string handoff(const tickets::Directory& directory, const core::InboundMessage& message,
                      const std::vector<std::string>& recent, FieldWrites& ticket,
                      Effects& effects, std::vector<Notice>& notices,
                      core::Language language) const;

  /// A customer's message while their handoff is open: to whoever answers (or all on duty while
  /// nobody has), on its timeline, graded (a threat alerts the duty managers). False when the
  /// ticket is not an open handoff.
  bool handoff_message(const tickets::Directory* directory, const core::InboundMessage& message,
                       const tickets::Ticket& ticket, Effects& effects,
                       std::vector<Notice>& notices) const;

  /// The customer left an open handoff (cancel, restart): it is closed and whoever answers is
  /// told. Nothing when `ticket` is not an open handoff.
  void leave_handoff(const tickets::Directory* directory, const core::InboundMessage& message,
                     const tickets::Ticket& ticket, Effects& effects,
                     std::vector<Notice>& notices) const;

  void end_handoff(const tickets::Directory& directory, const StaffActor& actor,
                   const tickets::Ticket& ticket, const std::string& number,
                   std::int64_t now, Effects& effects) const;

  /// The complaint flow's categories (their ids).
  std::vector<std::string> categories() const;

  /// A category as people read it: the complaint flow's option label in `language`.
  std::string category_label(const std::string& category, core::Language language) const;

  /// Why the register's classes do not fit the organisation's (tickets.closing.classes): the
  /// argument at fault and what to tell the person, in `language`; nullopt when they fit.
  struct ClassRefusal {
    std::string field;
    std::string text;
  };
  std::optional<ClassRefusal> check_classes(const tickets::CloseClasses& classes,
                                            const std::string& number, core::Language language) const;

  /// What a customer whose complaint the desk registered is told (its "{ticket}" filled in
  /// when it is stored): how it came (`via`: phone, visit, letter), when it will be answered.
  std::string registered_for_customer(const std::string& via, const std::string& due,
                                      core::Language language) const;

  /// The SMS parts of `text` (split at sentence ends within the SMS limits).
  std::vector<std::string> sms_parts(const std::string& text) const;

 private:
  using Values = std::map<std::string, std::string>;
  using Text = core::LocalizedText DeskTexts::*;
  struct Acting;  ///< the consequences of a staff command, one case per command (staff.cpp)
  friend struct Acting;

  /// Resolves the department or person a command names (in place); the refusal when none is.
  std::optional<ActionResult> resolve_names(const tickets::Directory& directory,
                                            const tickets::Department& department,
                                            const StaffActor& actor, const std::string& number,
                                            tickets::Command& command) const;

  std::string say(Text text, core::Language language, const Values& values) const;
  /// Reads the classes an SMS wrote (`written`) into `classes` and checks them (check_classes);
  /// the refusal to send when they do not fit.
  std::optional<std::string> resolve_classes(tickets::CloseClasses& classes, const std::string& written,
                                             const std::string& number, core::Language language) const;
  /// Classes to write as an example: the first value of each required class ("有效 责任").
  std::string class_example(core::Language language) const;
  /// A department's "结案" (see closing.hpp: DepartmentClose).
  ActionResult request_close(const tickets::Directory& directory, const tickets::Department& department,
                             const StaffActor& actor, const Ticket& ticket, const std::string& number,
                             std::int64_t now, Effects& effects, std::vector<Notice>& notices) const;
  Values content(const tickets::Ticket& ticket, core::Language language,
                 bool full_phone) const;
  std::string reasons(const tickets::Grade& grade, core::Language language) const;
  std::string details(const std::string& slots_json, core::Language language) const;
  std::string refusal(const tickets::Applied& applied, const tickets::Command& command,
                      const std::string& number, const std::string& holder,
                      const StaffActor& actor) const;
  /// Closes a complaint without the desk (closing.after: a satisfied survey answer, or one
  /// that expired when closing.when_no_answer), recording `by`; unclassified until the desk
  /// classifies it. False when it is not waiting to be closed.
  bool close_by_itself(Ticket& after, std::string_view by, std::int64_t now) const;
  /// A question the FAQ could not answer, or a suggestion: to the department the directory routes
  /// its category and words to — a question to its responsible person, to answer within
  /// consultation_answer_hours (clock hours: 24), a suggestion to its head, to decide within
  /// suggestion_days working days — assigned at once (nobody signs for it), watched like a
  /// complaint's reply limit.
  bool route_inquiry(const tickets::Directory& directory, tickets::WorkOrder order, Ticket& ticket,
                     std::int64_t now, Effects& effects, std::vector<Notice>& notices) const;
  /// A cooperating department's SMS on a ticket another department leads: 签收 signs for its
  /// part, 回复 reports it (the lead's holder is told); anything else is refused with how.
  ActionResult cooperate(const tickets::Directory& directory, const tickets::Department& department,
                         const StaffActor& actor, const Ticket& ticket, const std::string& number,
                         const tickets::Command& command, std::int64_t now, Effects& effects,
                         std::vector<Notice>& notices) const;
  /// A complaint that mentions a legal route waits at the desk (registered, `legal_flag`): the
  /// desk on duty decides (受理 / 不予受理), the legal department is told, the decision is
  /// watched (decide_due).
  void hold_for_decision(const tickets::Directory& directory, tickets::WorkOrder order, Ticket& ticket,
                         const std::string& word, std::int64_t now, Effects& effects,
                         std::vector<Notice>& notices) const;
  /// 受理 / 不予受理 by the desk.
  ActionResult decide_acceptance(const tickets::Directory& directory, const StaffActor& actor,
                                 const Ticket& ticket, const std::string& number,
                                 tickets::Command command, std::int64_t now, Effects& effects,
                                 std::vector<Notice>& notices) const;
  /// The desk has not decided on a held complaint in time: the duty managers are told.
  WatchOutcome decide_event(const tickets::Directory& directory, const std::string& number,
                            const Ticket& ticket, std::int64_t now) const;
  /// The result reached the customer: a revisit (回访) is due on the desk's list within the
  /// limit (a new round per result); the desk on duty's daily digest is scheduled.
  void schedule_revisit(const tickets::Directory& directory, Ticket& after, std::int64_t now,
                        Effects& effects) const;
  /// Why a revisit cannot be recorded (not the desk, none due, no opinion given); reads an SMS's
  /// words into `revisit`.
  std::optional<std::string> revisit_refusal(const tickets::Directory& directory, const StaffActor& actor,
                                             const Ticket& ticket, const std::string& number,
                                             tickets::Revisit& revisit) const;
  /// A revisit past its limit: marked overdue, the desk's head and the duty managers told, the
  /// delay recorded; nullopt for an earlier round's entry.
  std::optional<WatchOutcome> revisit_event(const tickets::Directory& directory, const std::string& number,
                                            const Ticket& ticket, std::int64_t now) const;
  /// A rating as people read it ("基本满意").
  std::string rating_label(std::string_view rating, core::Language language) const;
  /// The reasons not to accept, numbered as an SMS names them: "1 已进入仲裁或诉讼程序；2 …".
  std::string decline_reasons(core::Language language) const;
  bool reopen_if_unhappy(const tickets::Directory* directory, const core::InboundMessage& message,
                         const tickets::Ticket& ticket, Effects& effects,
                         std::vector<Notice>& notices) const;
  /// `after` graded `grade` when that is at least as severe as it was.
  void graded(const tickets::Grade& grade, Ticket& after) const;
  WatchOutcome regrade(const tickets::Directory& directory, const std::string& number,
                            const tickets::Ticket& ticket, std::int64_t now_ms) const;
  /// The SLA watch entries of a reply limit `due` set at `now` (its warning and itself).
  void watch_reply(std::vector<WatchEntry>& watch, const std::string& number,
                   std::int64_t now, std::int64_t due, int level) const;
  std::int64_t warning_time(std::int64_t now, std::int64_t due, int level) const;

  /// The result reached the customer: their opinion is asked after the survey's delay, inside
  /// business hours (a new round of the survey for each result).
  void schedule_survey(Ticket& after, std::int64_t now, Effects& effects) const;
  /// A survey watch entry: ask, remind, or count it as no answer; nullopt for an earlier
  /// round's reminder or expiry while this round's is not due yet.
  std::optional<WatchOutcome> survey_event(const tickets::Directory& directory, const std::string& number,
                            WatchKind kind, const Ticket& ticket, std::int64_t now,
                            bool customer_opted_out) const;
  /// The customer's answer to the survey: recorded; dissatisfied, the ticket is verified again.
  bool survey_answer(const tickets::Directory* directory, const core::InboundMessage& message,
                     const Ticket& ticket, const SurveyAnswer& answer, Effects& effects,
                     std::vector<Notice>& notices) const;
  /// Renewed dissatisfaction with the result (seed: not a new complaint, verified again): the
  /// same ticket back to whoever held it with the customer's words and a new reply limit; the
  /// head is told when `tell_head`. `words`: the customer's (as they wrote them, or as the desk
  /// recorded them on a revisit), `by` and `via` who recorded them. False when the ticket
  /// cannot be reopened. `after` is left for the caller to write.
  bool verify_again(const tickets::Directory* directory, const std::string& words, const std::string& by,
                    const std::string& via, std::int64_t now, const Ticket& ticket, Ticket& after,
                    bool tell_head, Effects& effects, std::vector<Notice>& notices) const;

  /// Raises the ticket's level when `text` grades more severe; alerts the duty managers when
  /// that is level 1 and they were not alerted of the ticket yet.
  void grade_later_message(const tickets::Directory* directory, const std::string& text,
                           std::int64_t now, Ticket& after, std::vector<Notice>& notices) const;

  const TicketRules& rules_;
  DeskSettings settings_;
};

/// The language a staff member (or duty manager) reads, from the directory; Chinese when the
/// phone is not there.
core::Language staff_language(const tickets::Directory& directory, std::string_view phone);

}  // namespace ombud::tickets

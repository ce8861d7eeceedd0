#pragma once
// What the console shows of tickets, as types written once: each view is built from the typed
// ticket (tickets::Ticket) and becomes JSON by boost::json::value_from (Boost.Describe names
// the members, so a member's name is its JSON key). A value that is not there is null.

#include "tickets/desk/desk.hpp"
#include "tickets/directory.hpp"
#include "tickets/typed_ticket.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ombud::console {

struct DepartmentView {
  std::string id;
  std::string name;
  std::optional<std::string> name_en;  ///< when the directory knows the department
};
BOOST_DESCRIBE_STRUCT(DepartmentView, (), (id, name, name_en))

/// What every view of a ticket has (the list, the customer's page, the ticket itself).
struct TicketSummary {
  std::string number;
  std::optional<std::int64_t> version;
  std::string type, state, category, category_label, channel;
  std::optional<DepartmentView> department;
  std::string responsible;
  std::optional<std::int64_t> level, created_ms, updated_ms, sign_due_ms, due_ms;
  bool overdue = false;
  std::string incident, repeat_of, customer_name, language;
  /// The register's classes (ids, "" when not classified) and as the caller reads them.
  std::string close_validity, close_responsibility, close_cause, close_classes;
  bool close_requested = false;  ///< a department asked the desk to close it (still open)
  std::string declined_reason;   ///< 不予受理: the reason's id ("" when accepted)
  std::string legal_flag;        ///< the legal word that held it for the desk's decision
  std::string revisit_state;     ///< due | done | call_list ("" for none)
  std::optional<std::int64_t> revisit_due_ms;
  bool revisit_overdue = false;
  bool call_list = false;        ///< on the outbound call list (外呼表)
  int parts_pending = 0;         ///< cooperating departments that have not reported their part
};
BOOST_DESCRIBE_STRUCT(TicketSummary, (),
                      (number, version, type, state, category, category_label, channel, department,
                       responsible, level, created_ms, updated_ms, sign_due_ms, due_ms, overdue,
                       incident, repeat_of, customer_name, language, close_validity,
                       close_responsibility, close_cause, close_classes, close_requested,
                       declined_reason, legal_flag, revisit_state, revisit_due_ms, revisit_overdue,
                       call_list, parts_pending))

/// The summary as `language` reads it: the desk names the category and the classes, the
/// directory the department.
TicketSummary summary_of(const tickets::Ticket& ticket, const tickets::Directory* directory,
                         std::int64_t now_ms, const tickets::TicketDesk& desk, core::Language language);

struct CustomerView {
  std::string name, phone, channel, address, language;
  bool anonymous = false;
};
BOOST_DESCRIBE_STRUCT(CustomerView, (), (name, phone, channel, address, language, anonymous))

struct EscalationView {
  std::optional<std::int64_t> level;
  std::string reason;
};
BOOST_DESCRIBE_STRUCT(EscalationView, (), (level, reason))

/// A line of the timeline, with who it was as people know them.
struct TimelineLine {
  std::int64_t at = 0;
  std::string by;  ///< a staff phone, an agent id, "system", or "customer"
  std::string via, what, text;
  std::string by_name;
  std::optional<std::string> department_name;  ///< a dispatch's or transfer's department
};
BOOST_DESCRIBE_STRUCT(TimelineLine, (), (at, by, via, what, text, by_name, department_name))

/// The satisfaction survey of the latest result.
struct SurveyView {
  int round = 0;
  std::string state;  ///< scheduled, sent, answered, expired (no answer), skipped; "" for none
  std::string rating, comment, skipped_because;
  std::optional<std::int64_t> sent_ms, answered_ms;
  bool late = false;
};
BOOST_DESCRIBE_STRUCT(SurveyView, (), (round, state, rating, comment, skipped_because, sent_ms, answered_ms, late))

/// How the ticket was closed: the desk's reason, when and by whom (a phone, an account,
/// "survey" when the customer's answer closed it); a department's request to close it.
struct ClosingView {
  std::string reason, closed_by, close_requested_by;
  std::optional<std::int64_t> closed_ms, close_requested_ms;
  std::string closed_by_name, close_requested_by_name;  ///< as the directory names them
};
BOOST_DESCRIBE_STRUCT(ClosingView, (), (reason, closed_by, close_requested_by, closed_ms, close_requested_ms,
                                        closed_by_name, close_requested_by_name))

/// The revisit (回访) of the latest result, and why the customer is on the call list.
struct RevisitView {
  int round = 0, attempts = 0;
  std::string rating, solved, remarks, by, call_list_reason;
  std::optional<std::int64_t> done_ms;
  bool headquarters = false;
};
BOOST_DESCRIBE_STRUCT(RevisitView, (), (round, attempts, rating, solved, remarks, by, call_list_reason, done_ms, headquarters))

/// A cooperating department's part (协办): state "" (nothing yet), signed_for or reported.
struct PartView {
  std::string department, department_name, state, by, by_name, text;
  std::optional<std::int64_t> at_ms;
};
BOOST_DESCRIBE_STRUCT(PartView, (), (department, department_name, state, by, by_name, text, at_ms))

/// What the ticket's own page adds to its summary.
struct TicketDetail {
  CustomerView customer;
  boost::json::value description;  ///< the dialog's answers, as stored
  std::string reply, cooperating;
  int transfers = 0, reopened = 0, extensions = 0;
  EscalationView escalation;
  int requested_extension_days = 0;
  boost::json::value transcript;
  std::vector<TimelineLine> timeline;
  SurveyView survey;
  ClosingView closing;
  RevisitView revisit;
  std::vector<PartView> parts;
};
BOOST_DESCRIBE_STRUCT(TicketDetail, (),
                      (customer, description, reply, cooperating, transfers, reopened, extensions,
                       escalation, requested_extension_days, transcript, timeline, survey, closing, revisit, parts))

/// The survey as the ticket holds it.
SurveyView survey_of(const tickets::Ticket& ticket);
/// `directory` names the staff who closed it or asked to.
ClosingView closing_of(const tickets::Ticket& ticket, const tickets::Directory* directory);
RevisitView revisit_of(const tickets::Ticket& ticket);
/// The cooperating departments' parts, named by `directory` in `language`.
std::vector<PartView> parts_of(const tickets::Ticket& ticket, const tickets::Directory* directory,
                               core::Language language);

/// A customer waiting for a person, with what they wrote last.
struct HandoffView {
  std::string number;
  std::optional<std::int64_t> version;
  std::int64_t waiting_since_ms = 0;
  std::string customer_name, channel, language;
  std::vector<std::string> recent;
};
BOOST_DESCRIBE_STRUCT(HandoffView, (), (number, version, waiting_since_ms, customer_name, channel, language, recent))

struct ContactView {
  std::string channel, address;
};
BOOST_DESCRIBE_STRUCT(ContactView, (), (channel, address))

/// A customer and everything they had with the desk.
struct CustomerPage {
  std::string name, phone, language;
  bool anonymous = false;
  std::vector<ContactView> contacts;
  int complaints = 0, repeats = 0;
  std::vector<TicketSummary> tickets;
};
BOOST_DESCRIBE_STRUCT(CustomerPage, (), (name, phone, language, anonymous, contacts, complaints, repeats, tickets))

/// A stored number ("7") as a JSON number; nullopt when it is not one.
std::optional<std::int64_t> number_of(const std::string& text);

}  // namespace ombud::console

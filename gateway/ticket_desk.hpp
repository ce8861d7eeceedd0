#pragma once
// What happens to a complaint after intake, as effects of the message being processed:
// dispatch to the responsible department (work order, due times, SLA watch, the responsible
// person's SMS), and the commands staff send by SMS. Pure: the worker loads, this decides,
// the inbox commit stores.

#include "gateway/config.hpp"
#include "store/inbox.hpp"
#include "store/sla_repository.hpp"
#include "tickets/directory.hpp"
#include "tickets/ticket.hpp"
#include "tickets/work_order.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ombud::gateway {

/// A message to send: to whom (on the entry's channel and account) and what.
struct Notice {
  std::string to;
  std::string text;
};

class TicketDesk {
 public:
  TicketDesk(const Config& config, store::Keys keys);

  /// Adds dispatch to a new complaint's ticket: its department, responsible person, due
  /// times and SLA entries, the department's SMS. No department (an empty directory): the
  /// ticket stays registered in the desk's queue.
  void dispatch(const tickets::Directory& directory, const store::InboxEntry& entry,
                store::TicketWrite& ticket, store::InboxEffects& effects,
                std::vector<Notice>& notices) const;

  /// The ticket number a staff SMS names, or "" when it names none.
  static std::string named_ticket(std::string_view text);

  /// A staff member's SMS: the command applied to `ticket` (loaded by the caller: the named
  /// one, or the member's only open one from `open_tickets`), every change stored and
  /// confirmed, or refused with the reason.
  void staff_message(const tickets::Directory& directory, const store::InboxEntry& entry,
                     const std::optional<tickets::TicketFields>& ticket,
                     const std::vector<std::string>& open_tickets, store::InboxEffects& effects,
                     std::vector<Notice>& notices) const;

  /// What an SLA watch entry ("number|sign_warn", "…|sign_due", "…|reply_warn", "…|reply_due")
  /// causes now: a warning to the responsible person at 80% of a limit; when a limit has
  /// passed and the work is not done, the ticket is marked overdue and escalated, the
  /// department head and the duty managers are told, and the delay is recorded. Nothing when
  /// the work was done in time. nullopt when the entry is not due after all (a limit extended).
  std::optional<store::SlaEffects> sla_event(const tickets::Directory& directory,
                                             const std::string& member,
                                             const tickets::TicketFields& ticket,
                                             std::int64_t now_ms) const;

  /// A new complaint compared with the month's others: its severity (grading rules), whether
  /// it repeats the same customer's complaint about the same category, how many other
  /// customers complain of the same matter; five or more within the burst window make an
  /// incident (a collective complaint / sudden event) that groups the tickets and is
  /// announced once to the duty managers; later customers are told the matter is known. A
  /// level-1 complaint is announced to the duty managers at once.
  store::SlaEffects analyze(const tickets::Directory& directory, const std::string& number,
                            const tickets::TicketFields& ticket,
                            const std::vector<tickets::TicketFields>& recent,
                            std::int64_t now_ms) const;

  /// Adds, to a new complaint, what the analysis needs: its fingerprint and owner fields, the
  /// month's index and the watch entry that runs analyze().
  void prepare_analysis(store::TicketWrite& ticket, store::InboxEffects& effects,
                        std::int64_t now_ms) const;

  /// A customer writing while their complaint is with a department (and no dialog is open):
  /// the message goes to the ticket's timeline and to the responsible person, and the
  /// customer is told so. After the result, a message saying it is still not solved (within
  /// tickets.reopen_window) reopens the ticket instead of starting a new complaint. False
  /// when neither applies (the dialog takes the message).
  bool customer_message(const store::InboxEntry& entry, const tickets::TicketFields& ticket,
                        store::InboxEffects& effects, std::vector<Notice>& notices) const;

  /// Where a staff member's open work orders are listed (zset).
  std::string open_key(std::string_view phone) const;

 private:
  bool reopen_if_unhappy(const store::InboxEntry& entry, tickets::WorkOrder order,
                         const tickets::TicketFields& ticket, store::InboxEffects& effects,
                         std::vector<Notice>& notices) const;
  store::SlaEffects regrade(const tickets::Directory& directory, const std::string& number,
                            const tickets::TicketFields& ticket, std::int64_t now_ms) const;

  const Config& config_;
  store::Keys keys_;
};

}  // namespace ombud::gateway

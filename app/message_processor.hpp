#pragma once
// What handling one customer message means: opt-out keywords first, then the intake dialog.
// Pure: the worker loads what it needs, calls this, and commits the effects.

#include "dialog/engine.hpp"
#include "app/config.hpp"
#include "tickets/desk/desk.hpp"
#include "store/inbox.hpp"
#include "tickets/ticket.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace ombud::app {

class MessageProcessor {
 public:
  /// `config` must outlive the processor.
  MessageProcessor(const Config& config, store::Keys keys);

  struct Outcome {
    store::InboxEffects effects;
    std::optional<std::string> status_query;  ///< a ticket number the customer asked about
    core::Language language = core::Language::zh;
    /// A new ticket's due date falls in a year without a complete holiday calendar.
    bool calendar_uncovered = false;
  };

  /// `opted_out`: the sender is opted out now. `session_json`: the stored session, if any.
  /// STOP sets the opt-out and START clears it, each confirmed unless the provider already
  /// answered; an opted-out customer's other messages change nothing and get no reply.
  /// Everything else goes through the dialog engine.
  /// `directory`: the departments, when one is stored; a new complaint is dispatched with it.
  /// `latest_ticket`: the customer's most recent ticket, if any; while it is with a department
  /// and no dialog is open, a message that is not a dialog command goes to that ticket.
  Outcome process(const store::InboxEntry& entry, bool opted_out,
                  std::optional<std::string_view> session_json,
                  const tickets::Directory* directory = nullptr,
                  const std::optional<tickets::Ticket>& latest_ticket = std::nullopt) const;

  /// A registration by the desk (kDeskChannel; the text is the console's JSON: type, via,
  /// category, description, when_where, demand, name, phone, proxy_name, language, answered):
  /// the ticket as the dialog would have made it, dispatched; the customer told its number by
  /// SMS when they have a phone and were not answered on the spot.
  Outcome process_registration(const store::InboxEntry& entry, const tickets::Directory* directory) const;

  /// A message from a staff phone: a command on a work order (see TicketDesk).
  Outcome process_staff(const store::InboxEntry& entry, const tickets::Directory& directory,
                        const std::optional<tickets::Ticket>& ticket,
                        const std::vector<std::string>& open_tickets) const;

  const tickets::TicketDesk& desk() const { return desk_; }

  /// Adds the answer to `outcome.status_query`, given the ticket as stored (nullopt: none).
  /// Only the ticket's own customer learns anything about it.
  void answer_status(Outcome& outcome, const store::InboxEntry& entry,
                     const std::optional<tickets::Ticket>& ticket) const;

  const dialog::Engine& engine() const { return engine_; }

  /// True for a message that is itself an automatic reply or a delivery report
  /// (limits.auto_reply_markers): it is kept in the inbox and never answered.
  bool is_automatic(const core::InboundMessage& message) const;

  /// The per-sender limit (limits.*): the messages `outcome` sends count against the sender's
  /// window, `budget` being the stored counter ("start_ms count") if any. Past the limit they
  /// are not sent and the sender is flagged for a person (flagged-senders), once per window.
  /// Adds the counter's new value to the effects.
  void limit_replies(Outcome& outcome, const store::InboxEntry& entry,
                     std::optional<std::string_view> budget) const;

 private:
  void reply(Outcome& outcome, const store::InboxEntry& entry, std::string text,
             core::OutboundKind kind) const;
  void send(Outcome& outcome, const store::InboxEntry& entry, std::vector<tickets::Notice> notices,
            bool by_staff = false) const;
  static std::string message_id(const store::InboxEntry& entry, std::size_t index);
  bool is_command(std::string_view text) const;
  bool leaves(std::string_view text) const;
  store::TicketWrite ticket(const dialog::TicketDraft& draft, const store::InboxEntry& entry) const;

  const Config& config_;
  store::Keys keys_;
  dialog::Engine engine_;
  tickets::TicketDesk desk_;
  std::vector<std::string> auto_reply_markers_;  ///< normalised
};

}  // namespace ombud::app

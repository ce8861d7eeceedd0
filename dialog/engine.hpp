#pragma once
// The intake engine: one customer message in, the next state of the conversation out.
// Pure: no I/O, no clock of its own; the caller loads and stores the session.

#include "dialog/session.hpp"
#include "dialog/settings.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ombud::dialog {

/// A customer message as the engine needs it.
struct Inbound {
  std::string text;
  std::string from;     ///< the customer's address (an E.164 number for SMS)
  std::string channel;  ///< "twilio", …
  std::int64_t now_ms = 0;
};

/// What a finished dialog asks the system to record.
struct TicketDraft {
  std::string type;  ///< complaint | consultation | suggestion
  std::string category;
  std::map<std::string, std::string> slots;
  std::vector<TranscriptLine> transcript;
  std::string phone;
  std::string name;
  bool anonymous = false;
  bool record_only = false;
  Language language = Language::zh;
};

struct Action {
  enum class Kind { create_ticket, handoff, query_status };
  Kind kind = Kind::create_ticket;
  TicketDraft ticket;         ///< create_ticket
  std::string ticket_number;  ///< query_status
};

/// The engine's answer. Replies are ready to send (already split to the channel's length);
/// a reply containing "{ticket}" gets the number of the ticket created by the same step.
struct Turn {
  Session session;  ///< state none: the conversation is over (delete it)
  std::vector<std::string> replies;
  std::vector<Action> actions;
};

class Engine {
 public:
  /// `settings` must outlive the engine.
  explicit Engine(const Settings& settings);

  Turn step(Session session, const Inbound& message) const;

  /// The reply to a status query, from what the store found (nullopt: not found or not the
  /// customer's own). `fields` holds state, department, due and updated, already readable.
  std::vector<std::string> status_reply(
      const std::string& ticket_number,
      const std::optional<std::map<std::string, std::string>>& fields, Language language) const;

  /// Splits `text` into SMS no longer than the configured segments, at sentence ends.
  std::vector<std::string> split_for_sms(const std::string& text) const;

 private:
  const Settings& settings_;
};

}  // namespace ombud::dialog

#pragma once
// Tickets as the intake creates them and a status query reads them: the stored fields, their
// number's date part, and how they read to the customer. Pure domain code.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ombud::tickets {

/// A ticket's stored fields (a Redis hash), by name.
using TicketFields = std::map<std::string, std::string>;

/// What a new ticket is stored with; the number is assigned where it is stored (prefix +
/// date code + a daily serial), atomically with the message that created it.
struct NewTicket {
  std::vector<std::pair<std::string, std::string>> fields;
  std::string date_code;  ///< YYMMDD in the organisation's time zone
  std::string owner;      ///< contact_key of where the customer wrote from: their tickets' key
  bool open = true;       ///< false for record-only (anonymous) entries
};

/// The fields of a new ticket. `slots_json` and `transcript_json` are stored as given.
struct TicketInput {
  std::string type;  ///< complaint | consultation | suggestion
  std::string category;
  std::string channel, account, address;  ///< where the customer wrote from
  std::string phone, name;
  bool anonymous = false;
  bool record_only = false;
  std::string language;
  std::string slots_json;
  std::string transcript_json;
  std::string source;  ///< the inbox entry that created it
};
NewTicket new_ticket(const TicketInput& input, std::int64_t now_ms, const std::string& timezone);

/// "261129" for a time in `timezone` (an IANA name, e.g. Asia/Shanghai).
std::string date_code(std::int64_t unix_ms, const std::string& timezone);
/// "2026-11-29 18:30" in `timezone`.
std::string local_time(std::int64_t unix_ms, const std::string& timezone);

/// The ticket's version (bumped by every write; "0" for one not written since versions
/// began): what a decision on it was made on.
std::string version_of(const TicketFields& ticket);

/// The key of a contact: where a customer writes from (channel, account, address). A
/// customer's messages belong to the tickets of their contact; a phone number typed in the
/// dialog is a detail for the department, never a key that routes or reveals anything.
std::string contact_key(std::string_view channel, std::string_view account,
                        std::string_view address);
/// owner_of, owned_by and status_view read a typed ticket: tickets/typed_ticket.hpp.

/// How long after creation a consultation is due (DOMAIN.md: 24 hours).
inline constexpr std::int64_t kConsultationDueMs = 24LL * 3600 * 1000;

}  // namespace ombud::tickets

#pragma once
// What the desk's source files share: reading a ticket's stored fields and writing them.

#include "core/language.hpp"
#include "core/messages.hpp"
#include "tickets/ticket.hpp"
#include "tickets/work_order.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ombud::tickets::desk_detail {

/// A customer's message passed on to staff is passed on whole (split into SMS parts if long).
inline constexpr std::size_t kWholeMessage = 4096;

/// A stored field ("" when absent), and one read as a number (0 when absent or not a number).
std::string field(const TicketFields& t, const char* name);
std::int64_t number_field(const TicketFields& t, const char* name);
/// The work order's fields that differ from the ticket as read (and its new timeline lines):
/// an action writes only what it changed.
std::vector<std::pair<std::string, std::string>> order_changes(const TicketFields& before,
                                                               const WorkOrder& after);
/// Replaces (or adds) `name` in a list of fields.
void put(std::vector<std::pair<std::string, std::string>>& fields, const std::string& name,
         std::string value);
/// Where the ticket's customer wrote from: their answers go back there.
core::Contact customer_of(const TicketFields& t);
core::Language language_of(const std::string& code);
/// One answer of the complaint dialog ("" when not given).
std::string slot(const std::string& slots_json, const char* name);
/// What the customer said about the matter, all of it: graded as a whole.
std::string complaint_text(const std::string& slots_json);
/// The lead department and the cooperating ones (a comma list on the ticket).
int departments_involved(const TicketFields& ticket);
/// `text` without the full stop it ends with ("." or "。"), for a template that adds its own.
std::string without_final_stop(std::string text);
/// One more line on a ticket's timeline (the stored JSON array), as a field to write.
std::pair<std::string, std::string> timeline_with(const TicketFields& ticket, std::int64_t at,
                                                  const std::string& actor, const std::string& what,
                                                  const std::string& text,
                                                  const std::string& via = "sms");

}  // namespace ombud::tickets::desk_detail

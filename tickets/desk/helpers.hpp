#pragma once
// What the desk's source files share: reading a ticket's stored fields and writing them.

#include "core/language.hpp"
#include "core/messages.hpp"
#include "tickets/effects.hpp"
#include "tickets/ticket.hpp"
#include "tickets/typed_ticket.hpp"
#include "tickets/work_order.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ombud::tickets::desk_detail {

/// A customer's message passed on to staff is passed on whole (split into SMS parts if long).
inline constexpr std::size_t kWholeMessage = 4096;
inline constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

/// The ticket that fields about to be written describe (a ticket being created).
Ticket ticket_of(const FieldWrites& fields);
/// Puts everything `ticket` holds into `fields` (a ticket being created; its number is
/// assigned where it is stored).
void absorb(FieldWrites& fields, const Ticket& ticket);
/// Replaces (or adds) `name` in a list of fields.
void put(std::vector<std::pair<std::string, std::string>>& fields, const std::string& name,
         std::string value);
core::Language language_of(const std::string& code);
/// One answer of the complaint dialog ("" when not given).
std::string slot(const std::string& slots_json, const char* name);
/// What the customer said about the matter, all of it: graded as a whole.
std::string complaint_text(const std::string& slots_json);
/// The lead department and the cooperating ones.
int departments_involved(const Ticket& ticket);
/// `text` without the full stop it ends with ("." or "。"), for a template that adds its own.
std::string without_final_stop(std::string text);
}  // namespace ombud::tickets::desk_detail

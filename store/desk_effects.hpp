#pragma once
// The store's writes for what the desk decided (tickets::Effects, in the desk's words): the
// one place that knows which keys a ticket, its watch entries, a person's list, the handoff
// queue, an incident, the month's complaints and a remembered language live under.

#include "store/inbox.hpp"
#include "store/keys.hpp"
#include "store/sla_repository.hpp"
#include "tickets/effects.hpp"

#include <string>

namespace ombud::store {

/// Adds the writes of `effects` to `into` (stored atomically with an inbox entry or an action).
void add_effects(const Keys& keys, tickets::Effects effects, InboxEffects& into);

/// The SLA commit's writes for what ticket `number`'s watch entry caused.
SlaEffects sla_effects(const Keys& keys, const std::string& number, tickets::WatchOutcome outcome);

/// The watch entry a stored member ("T2612010001|sign_due") names; nullopt for one this
/// version does not know.
std::optional<tickets::WatchEntry> watch_entry(const std::string& member);

}  // namespace ombud::store

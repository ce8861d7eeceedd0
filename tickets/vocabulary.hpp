#pragma once
// The words every part of ombud uses for where a ticket stands, defined once: the states a
// ticket can be in, which of them still need someone's work ("open"), and when a ticket is
// overdue. The Lua scripts get the same definitions (lua_vocabulary(), put where a script says
// "-- @vocabulary"), so a listing, an index and the console never disagree. Header-only and
// pure: the store includes it for its scripts.

#include "tickets/work_order.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ombud::tickets {

/// Where a conversation with a person (转人工) stands; its ticket's "state".
enum class HandoffState {
  waiting,    ///< in the queue, nobody has answered
  answering,  ///< a member of staff took it
  closed,     ///< handed back to the bot (the same word as a work order's closed)
};

inline constexpr std::string_view to_string(HandoffState state) noexcept {
  switch (state) {
    case HandoffState::waiting:
      return "waiting";
    case HandoffState::answering:
      return "answering";
    case HandoffState::closed:
      return "closed";
  }
  return "waiting";
}

/// An anonymous customer's entry kept for the record only: nobody works on it.
inline constexpr std::string_view kRecordedState = "recorded";

/// The states in which a ticket still needs someone's work: a work order before its result
/// reached the customer, a conversation waiting for or with a person.
inline constexpr std::array<std::string_view, 7> kNeedsWorkStates{
    "registered", "dispatched", "signed_for", "replied", "audited", "waiting", "answering"};

/// "open": the ticket (by its stored state) still needs someone's work.
inline constexpr bool needs_work(std::string_view state) noexcept {
  for (auto s : kNeedsWorkStates)
    if (s == state) return true;
  return false;
}

/// Overdue: its reply limit (due_ms; 0 for none) has passed and it still needs work. The
/// console's flag, the listing's filter and (next) the delay-rate KPI use this, and only this.
inline constexpr bool overdue(std::int64_t due_ms, std::string_view state, std::int64_t now_ms) noexcept {
  return due_ms > 0 && due_ms < now_ms && needs_work(state);
}

/// The same definitions in Lua, for the scripts: `needs_work_states` (a set of state names)
/// and `is_overdue(due, state, now)`.
inline std::string lua_vocabulary() {
  std::string lua = "local needs_work_states = {";
  for (auto s : kNeedsWorkStates) {
    lua += " ['";
    lua += s;
    lua += "'] = true,";
  }
  lua +=
      " }\n"
      "local function is_overdue(due, state, now)\n"
      "  due = tonumber(due or '')\n"
      "  return due ~= nil and due > 0 and due < tonumber(now) and needs_work_states[state or ''] == true\n"
      "end\n";
  return lua;
}

}  // namespace ombud::tickets

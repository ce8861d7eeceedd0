#include "tickets/typed_ticket.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <variant>

namespace ombud::tickets {
namespace {

// Each stored field once: its name and where it lives in the typed ticket.
using Text = std::string Ticket::*;
using Millis = std::int64_t Ticket::*;
using Count = int Ticket::*;
using Flag = bool Ticket::*;

constexpr std::pair<const char*, Text> kText[] = {
    {"number", &Ticket::number},
    {"type", &Ticket::type},
    {"category", &Ticket::category},
    {"category_label", &Ticket::category_label},
    {"channel", &Ticket::channel},
    {"account", &Ticket::account},
    {"address", &Ticket::address},
    {"phone", &Ticket::phone},
    {"name", &Ticket::name},
    {"language", &Ticket::language},
    {"slots", &Ticket::slots_json},
    {"transcript", &Ticket::transcript_json},
    {"source", &Ticket::source},
    {"level_reasons", &Ticket::level_reasons},
    {"department_name", &Ticket::department_name},
    {"department_name_en", &Ticket::department_name_en},
    {"fingerprint", &Ticket::fingerprint},
    {"incident", &Ticket::incident},
    {"repeat_of", &Ticket::repeat_of},
    {"owner", &Ticket::owner},
    {"version", &Ticket::version},
    {"close_validity", &Ticket::close_validity},
    {"close_responsibility", &Ticket::close_responsibility},
    {"close_cause", &Ticket::close_cause},
    {"close_reason", &Ticket::close_reason},
    {"closed_by", &Ticket::closed_by},
    {"close_requested_by", &Ticket::close_requested_by},
    {"repeated_by", &Ticket::repeated_by},
    {"legal_flag", &Ticket::legal_flag},
    {"declined_reason", &Ticket::declined_reason},
    {"suggestion_adopted", &Ticket::suggestion_adopted},
    {"parts", &Ticket::parts_json},
    {"registration", &Ticket::registration},
    {"registered_via", &Ticket::registered_via},
    {"registered_by", &Ticket::registered_by},
    {"revisit_state", &Ticket::revisit_state},
    {"revisit_rating", &Ticket::revisit_rating},
    {"revisit_solved", &Ticket::revisit_solved},
    {"revisit_remarks", &Ticket::revisit_remarks},
    {"revisit_by", &Ticket::revisit_by},
    {"call_list_reason", &Ticket::call_list_reason},
    {"follow_up_outcome", &Ticket::follow_up_outcome},
    {"survey_state", &Ticket::survey_state},
    {"survey_skipped_because", &Ticket::survey_skipped_because},
    {"survey_rating", &Ticket::survey_rating},
    {"survey_comment", &Ticket::survey_comment},
};
constexpr std::pair<const char*, Millis> kMillis[] = {
    {"created_ms", &Ticket::created_ms},
    {"updated_ms", &Ticket::updated_ms},
    {"sign_due_ms", &Ticket::sign_due_ms},
    {"due_ms", &Ticket::due_ms},
    {"major_alerted_ms", &Ticket::major_alerted_ms},
    {"notes_window_ms", &Ticket::notes_window_ms},
    {"survey_sent_ms", &Ticket::survey_sent_ms},
    {"survey_answered_ms", &Ticket::survey_answered_ms},
    {"closed_ms", &Ticket::closed_ms},
    {"close_requested_ms", &Ticket::close_requested_ms},
    {"revisit_due_ms", &Ticket::revisit_due_ms},
    {"revisit_done_ms", &Ticket::revisit_done_ms},
};
constexpr std::pair<const char*, Count> kCounts[] = {
    {"level", &Ticket::level},
    {"repeat_count", &Ticket::repeat_count},
    {"similar_customers", &Ticket::similar_customers},
    {"collective_customers", &Ticket::collective_customers},
    {"notes_in_window", &Ticket::notes_in_window},
    {"follow_up_days", &Ticket::follow_up_days},
    {"survey_round", &Ticket::survey_round},
    {"revisit_round", &Ticket::revisit_round},
    {"revisit_attempts", &Ticket::revisit_attempts},
    {"parts_pending", &Ticket::parts_pending},
};
constexpr std::pair<const char*, Flag> kFlags[] = {
    {"anonymous", &Ticket::anonymous},
    {"record_only", &Ticket::record_only},
    {"sign_overdue", &Ticket::sign_overdue},
    {"reply_overdue", &Ticket::reply_overdue},
    {"survey_late", &Ticket::survey_late},
    {"revisit_headquarters", &Ticket::revisit_headquarters},
    {"revisit_overdue", &Ticket::revisit_overdue},
    {"call_list", &Ticket::call_list},
};

std::optional<HandoffState> handoff_state(std::string_view word) {
  for (auto state : {HandoffState::waiting, HandoffState::answering, HandoffState::closed})
    if (word == to_string(state)) return state;
  return std::nullopt;
}

// Where each stored field goes, looked up once per field read (a listing decodes fifty
// tickets of forty fields each: no linear scans of the tables per field).
using Slot = std::variant<Text, Millis, Count, Flag, std::monostate>;  // monostate: the work order's
const std::unordered_map<std::string_view, Slot>& slots() {
  static const auto table = [] {
    std::unordered_map<std::string_view, Slot> out;
    for (const auto& [name, member] : kText) out.emplace(name, member);
    for (const auto& [name, member] : kMillis) out.emplace(name, member);
    for (const auto& [name, member] : kCounts) out.emplace(name, member);
    for (const auto& [name, member] : kFlags) out.emplace(name, member);
    // The work order's own fields (work_order_from/work_order_fields read and write them).
    static const std::vector<std::string> order_fields = [] {
      std::vector<std::string> names{"timeline", "timeline+"};  // (timeline+: lines to append)
      for (auto& [k, v] : work_order_fields(WorkOrder{})) names.push_back(k);
      return names;
    }();
    for (const auto& name : order_fields) out.emplace(name, std::monostate{});
    return out;
  }();
  return table;
}

}  // namespace

Ticket ticket_from(const TicketFields& f) {
  Ticket t;
  const auto& known = slots();
  for (const auto& field : f) {  // (no structured binding: a lambda captures it below, clang 15)
    const std::string& value = field.second;
    auto slot = known.find(field.first);
    if (slot == known.end()) {
      t.unknown.emplace(field.first, value);
      continue;
    }
    std::visit(
        [&t, &value](auto member) {
          using M = decltype(member);
          if constexpr (std::is_same_v<M, Text>) t.*member = value;
          else if constexpr (std::is_same_v<M, Millis>) t.*member = core::to_int64(value);
          else if constexpr (std::is_same_v<M, Count>) t.*member = static_cast<int>(core::to_int64(value));
          else if constexpr (std::is_same_v<M, Flag>) t.*member = value == "1";
        },
        slot->second);
  }
  t.order = work_order_from(f);
  if (t.is_handoff())
    if (auto it = f.find("state"); it != f.end())
      if (auto state = handoff_state(it->second)) t.handoff = *state;
  return t;
}

namespace {

// Every stored field of `t`; with `all`, also those without a value (as "", "0"), so that two
// tickets can be compared field by field.
std::vector<std::pair<std::string, std::string>> fields_of(const Ticket& t, bool all) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [name, member] : kText)
    if (all || !(t.*member).empty()) out.emplace_back(name, t.*member);
  for (const auto& [name, member] : kMillis)
    if (all || t.*member != 0) out.emplace_back(name, std::to_string(t.*member));
  for (const auto& [name, member] : kCounts)
    if (all || t.*member != 0) out.emplace_back(name, std::to_string(t.*member));
  for (const auto& [name, member] : kFlags)
    if (all || t.*member) out.emplace_back(name, t.*member ? "1" : "0");
  for (auto& [name, value] : work_order_fields(t.order)) {
    if (name == "state") value = t.state();
    if (all || (!value.empty() && value != "0" && value != "[]")) out.emplace_back(name, std::move(value));
  }
  for (const auto& [name, value] : t.unknown) out.emplace_back(name, value);
  return out;
}

}  // namespace

std::string Ticket::state() const {
  if (is_handoff()) return std::string(to_string(handoff));
  if (record_only && order.state == WorkState::registered) return std::string(kRecordedState);
  return std::string(to_string(order.state));
}

std::vector<std::pair<std::string, std::string>> ticket_fields(const Ticket& t) {
  return fields_of(t, false);
}

std::vector<std::pair<std::string, std::string>> ticket_changes(const Ticket& before,
                                                                const Ticket& after) {
  const auto had = fields_of(before, true);
  const std::map<std::string, std::string> old(had.begin(), had.end());
  auto changes = fields_of(after, true);
  std::erase_if(changes, [&old](const auto& kv) {
    auto it = old.find(kv.first);
    return it == old.end() ? kv.second.empty() : it->second == kv.second;
  });
  for (const auto& [name, value] : old)  // an unknown field dropped: cleared
    if (!value.empty() && before.unknown.contains(name) && !after.unknown.contains(name))
      changes.emplace_back(name, "");
  return changes;
}

std::string version_of(const Ticket& ticket) {
  return ticket.version.empty() ? std::string("0") : ticket.version;
}

std::string owner_of(const Ticket& ticket) {
  if (!ticket.owner.empty()) return ticket.owner;
  return contact_key(ticket.channel, ticket.account, ticket.address);
}

bool owned_by(const Ticket& ticket, std::string_view channel, std::string_view account,
              std::string_view address) {
  if (address.empty()) return false;
  return ticket.channel == channel && ticket.account == account && ticket.address == address;
}

}  // namespace ombud::tickets

#include "tickets/typed_ticket.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <array>

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
};
constexpr std::pair<const char*, Millis> kMillis[] = {
    {"created_ms", &Ticket::created_ms},
    {"updated_ms", &Ticket::updated_ms},
    {"sign_due_ms", &Ticket::sign_due_ms},
    {"due_ms", &Ticket::due_ms},
};
constexpr std::pair<const char*, Count> kCounts[] = {
    {"level", &Ticket::level},
    {"repeat_count", &Ticket::repeat_count},
    {"similar_customers", &Ticket::similar_customers},
    {"collective_customers", &Ticket::collective_customers},
};
constexpr std::pair<const char*, Flag> kFlags[] = {
    {"anonymous", &Ticket::anonymous},
    {"record_only", &Ticket::record_only},
    {"sign_overdue", &Ticket::sign_overdue},
    {"reply_overdue", &Ticket::reply_overdue},
};

// The work order's own fields (work_order_from/work_order_fields read and write them).
bool work_order_field(const std::string& name) {
  static const auto names = [] {
    std::vector<std::string> out{"number", "timeline", "timeline+"};  // (timeline+: lines to append)
    for (auto& [k, v] : work_order_fields(WorkOrder{})) out.push_back(k);
    return out;
  }();
  return std::find(names.begin(), names.end(), name) != names.end();
}

template <typename Table>
bool known_in(const Table& table, const std::string& name) {
  return std::any_of(std::begin(table), std::end(table),
                     [&](const auto& entry) { return name == entry.first; });
}

}  // namespace

Ticket ticket_from(const TicketFields& f) {
  Ticket t;
  auto get = [&](const char* name) -> const std::string* {
    auto it = f.find(name);
    return it == f.end() ? nullptr : &it->second;
  };
  for (const auto& [name, member] : kText)
    if (const auto* v = get(name)) t.*member = *v;
  for (const auto& [name, member] : kMillis)
    if (const auto* v = get(name)) t.*member = core::to_int64(*v);
  for (const auto& [name, member] : kCounts)
    if (const auto* v = get(name)) t.*member = static_cast<int>(core::to_int64(*v));
  for (const auto& [name, member] : kFlags)
    if (const auto* v = get(name)) t.*member = *v == "1";
  t.order = work_order_from(f);
  for (const auto& [name, value] : f)
    if (!known_in(kText, name) && !known_in(kMillis, name) && !known_in(kCounts, name) &&
        !known_in(kFlags, name) && !work_order_field(name))
      t.unknown.emplace(name, value);
  return t;
}

std::vector<std::pair<std::string, std::string>> ticket_fields(const Ticket& t) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [name, member] : kText)
    if (!(t.*member).empty()) out.emplace_back(name, t.*member);
  for (const auto& [name, member] : kMillis)
    if (t.*member != 0) out.emplace_back(name, std::to_string(t.*member));
  for (const auto& [name, member] : kCounts)
    if (t.*member != 0) out.emplace_back(name, std::to_string(t.*member));
  for (const auto& [name, member] : kFlags)
    if (t.*member) out.emplace_back(name, "1");
  for (auto& [name, value] : work_order_fields(t.order))
    if (!value.empty() && value != "0" && value != "[]") out.emplace_back(name, std::move(value));
  for (const auto& [name, value] : t.unknown) out.emplace_back(name, value);
  return out;
}

}  // namespace ombud::tickets

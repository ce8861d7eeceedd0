#include "tickets/desk/helpers.hpp"

#include "core/text.hpp"
#include "tickets/work_order.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace ombud::tickets::desk_detail {

using core::Language;

Ticket ticket_of(const FieldWrites& fields) {
  TicketFields stored;
  for (const auto& [k, v] : fields) stored[k] = v;
  return ticket_from(stored);
}

void absorb(FieldWrites& fields, const Ticket& ticket) {
  for (auto& [k, v] : ticket_fields(ticket))
    if (k != "number") put(fields, k, std::move(v));
}

// Replaces (or adds) `name` in a list of fields.
void put(std::vector<std::pair<std::string, std::string>>& fields, const std::string& name,
         std::string value) {
  for (auto& [k, v] : fields)
    if (k == name) {
      v = std::move(value);
      return;
    }
  fields.emplace_back(name, std::move(value));
}

Language language_of(const std::string& code) { return code == "en" ? Language::en : Language::zh; }

// One answer of the complaint dialog ("" when not given).
std::string slot(const std::string& slots_json, const char* name) {
  boost::system::error_code ec;
  auto slots = boost::json::parse(slots_json, ec);
  if (ec || !slots.is_object()) return {};
  auto* v = slots.as_object().if_contains(name);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// What the customer said about the matter, all of it: graded as a whole.
std::string complaint_text(const std::string& slots_json) {
  std::string out;
  for (const char* name : {"description", "demand", "when_where"})
    if (auto v = slot(slots_json, name); !v.empty()) out += v + "\n";
  return out;
}

int departments_involved(const Ticket& ticket) {
  return 1 + static_cast<int>(ticket.order.cooperating.size());
}


std::string without_final_stop(std::string text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '.')) text.pop_back();
  if (text.ends_with("。")) text.resize(text.size() - std::string_view("。").size());
  return text;
}

}  // namespace ombud::tickets::desk_detail

#include "tickets/desk/helpers.hpp"

#include "core/text.hpp"
#include "tickets/work_order.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace ombud::tickets::desk_detail {

using core::Language;

std::string field(const TicketFields& t, const char* name) {
  auto it = t.find(name);
  return it == t.end() ? std::string() : it->second;
}

std::int64_t number_field(const TicketFields& t, const char* name) {
  return core::to_int64(field(t, name));
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

// Where the ticket's customer wrote from: their answers go back there.
core::Contact customer_of(const TicketFields& t) {
  return {field(t, "channel"), field(t, "account"), field(t, "address")};
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

// The lead department and the cooperating ones (a comma list on the ticket).
int departments_involved(const TicketFields& ticket) {
  const auto cooperating = field(ticket, "cooperating");
  if (cooperating.empty()) return 1;
  return 2 + static_cast<int>(std::count(cooperating.begin(), cooperating.end(), ','));
}


std::string without_final_stop(std::string text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '.')) text.pop_back();
  if (text.ends_with("。")) text.resize(text.size() - std::string_view("。").size());
  return text;
}

// One more line on a ticket's timeline, as the field that appends it ("timeline+").
std::pair<std::string, std::string> timeline_with(const TicketFields& ticket, std::int64_t at,
                                                  const std::string& actor, const std::string& what,
                                                  const std::string& text, const std::string& via) {
  auto order = tickets::work_order_from(ticket);
  order.timeline.push_back({at, actor, via, what, text});
  for (auto& [k, v] : tickets::work_order_fields(order))
    if (k == "timeline+") return {k, v};
  return {"timeline+", "[]"};
}


std::vector<std::pair<std::string, std::string>> order_changes(const TicketFields& before,
                                                               const WorkOrder& after) {
  auto fields = work_order_fields(after);
  std::erase_if(fields, [&before](const auto& kv) {
    auto it = before.find(kv.first);
    return it == before.end() ? kv.second.empty() : it->second == kv.second;
  });
  return fields;
}

}  // namespace ombud::tickets::desk_detail

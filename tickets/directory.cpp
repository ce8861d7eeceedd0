#include "tickets/directory.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <set>

namespace ombud::tickets {

namespace json = boost::json;

const StaffMember* Department::with_role(std::string_view role) const {
  for (const auto& s : staff)
    if (s.role == role) return &s;
  return nullptr;
}

const Department* Directory::find(std::string_view id) const {
  for (const auto& d : departments)
    if (d.id == id) return &d;
  return nullptr;
}

std::pair<const Department*, const StaffMember*> Directory::staff(std::string_view phone) const {
  for (const auto& d : departments)
    for (const auto& s : d.staff)
      if (s.phone == phone) return {&d, &s};
  for (const auto& s : on_duty)
    if (s.phone == phone) return {find(default_department), &s};
  return {nullptr, nullptr};
}

std::vector<const StaffMember*> Directory::desk_on_duty() const {
  std::vector<const StaffMember*> out;
  for (const auto& s : on_duty) out.push_back(&s);
  if (out.empty())
    if (const auto* desk = find(default_department))
      if (const auto* p = desk->with_role("responsible")) out.push_back(p);
  return out;
}

bool Directory::desk_member(std::string_view phone) const {
  for (const auto& s : on_duty)
    if (s.phone == phone) return true;
  const auto* department = staff(phone).first;
  return department != nullptr && department->id == default_department;
}

Route Directory::route(std::string_view category, std::string_view text) const {
  for (const auto& r : routing) {
    if (r.category != category) continue;
    bool keyword = r.keywords.empty();
    for (const auto& k : r.keywords) keyword = keyword || text.find(k) != std::string_view::npos;
    if (keyword) return {find(r.department), r.cooperating};
  }
  return {find(default_department), {}};
}

std::vector<std::string> Directory::problems() const {
  std::vector<std::string> out;
  std::set<std::string> ids, phones;
  for (const auto& d : departments) {
    if (d.id.empty()) out.push_back("a department has no id");
    // An id becomes part of Redis keys and URLs: a safe character set, nothing that could
    // reach another key ("x}:{ombud}:agent-token:*").
    const bool safe = d.id.size() <= 64 && std::all_of(d.id.begin(), d.id.end(), [](char c) {
                        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                               (c >= '0' && c <= '9') || c == '_' || c == '-';
                      });
    if (!d.id.empty() && !safe)
      out.push_back("departments." + d.id +
                    ": id must be 1-64 letters, digits, '_' or '-'");
    if (!ids.insert(d.id).second) out.push_back("departments." + d.id + ": id used twice");
    if (!d.with_role("responsible"))
      out.push_back("departments." + d.id + ": names no responsible person");
    for (const auto& s : d.staff) {
      if (s.role != "responsible" && s.role != "backup" && s.role != "head")
        out.push_back("departments." + d.id + ": " + s.name +
                      ": role must be responsible, "
                      "backup or head");
      if (!phones.insert(s.phone).second)
        out.push_back("departments." + d.id + ": phone " + s.phone + " is listed twice");
    }
  }
  if (!find(default_department))
    out.push_back("default_department: no department '" + default_department + "'");
  for (size_t i = 0; i < routing.size(); ++i) {
    const auto where = "routing[" + std::to_string(i) + "]";
    if (!find(routing[i].department))
      out.push_back(where + ": no department '" + routing[i].department + "'");
    for (const auto& c : routing[i].cooperating)
      if (!find(c)) out.push_back(where + ".cooperating: no department '" + c + "'");
  }
  if (duty_managers.empty()) out.push_back("duty_managers: name at least one");
  return out;
}

namespace {
json::array staff_json(const std::vector<StaffMember>& staff) {
  json::array a;
  for (const auto& s : staff)
    a.push_back(json::object{
        {"name", s.name}, {"phone", s.phone}, {"role", s.role}, {"language", s.language}});
  return a;
}
json::array strings(const std::vector<std::string>& v) {
  return json::array(v.begin(), v.end());
}
std::string str(const json::object& o, std::string_view k) {
  auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}
std::vector<std::string> str_list(const json::object& o, std::string_view k) {
  std::vector<std::string> out;
  if (auto* v = o.if_contains(k); v && v->is_array())
    for (const auto& e : v->as_array())
      if (e.is_string()) out.emplace_back(e.as_string());
  return out;
}
std::vector<StaffMember> staff_list(const json::object& o, std::string_view k) {
  std::vector<StaffMember> out;
  if (auto* v = o.if_contains(k); v && v->is_array())
    for (const auto& e : v->as_array())
      if (e.is_object())
        out.push_back({str(e.as_object(), "name"), str(e.as_object(), "phone"),
                       str(e.as_object(), "role"),
                       str(e.as_object(), "language") == "en" ? "en" : "zh"});
  return out;
}
}  // namespace

std::string Directory::to_json() const {
  json::array deps, rules;
  for (const auto& d : departments)
    deps.push_back(json::object{
        {"id", d.id}, {"name", d.name}, {"name_en", d.name_en}, {"staff", staff_json(d.staff)}});
  for (const auto& r : routing)
    rules.push_back(json::object{{"category", r.category},
                                 {"keywords", strings(r.keywords)},
                                 {"department", r.department},
                                 {"cooperating", strings(r.cooperating)}});
  return json::serialize(json::object{{"departments", std::move(deps)},
                                      {"duty_managers", staff_json(duty_managers)},
                                      {"on_duty", staff_json(on_duty)},
                                      {"routing", std::move(rules)},
                                      {"default_department", default_department}});
}

std::optional<Directory> Directory::from_json(std::string_view text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const auto& o = v.as_object();
  Directory d;
  d.default_department = str(o, "default_department");
  d.duty_managers = staff_list(o, "duty_managers");
  d.on_duty = staff_list(o, "on_duty");
  if (auto* deps = o.if_contains("departments"); deps && deps->is_array())
    for (const auto& e : deps->as_array())
      if (e.is_object())
        d.departments.push_back({str(e.as_object(), "id"), str(e.as_object(), "name"),
                                 staff_list(e.as_object(), "staff"),
                                 str(e.as_object(), "name_en")});
  if (auto* rules = o.if_contains("routing"); rules && rules->is_array())
    for (const auto& e : rules->as_array())
      if (e.is_object()) {
        const auto& r = e.as_object();
        d.routing.push_back({str(r, "category"), str_list(r, "keywords"), str(r, "department"),
                             str_list(r, "cooperating")});
      }
  return d;
}

}  // namespace ombud::tickets

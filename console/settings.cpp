#include "console/settings.hpp"

#include <algorithm>

namespace ombud::console {

const std::vector<std::string_view>& all_permissions() {
  using namespace permission;
  static const std::vector<std::string_view> all{
      tickets_read,  tickets_read_all, tickets_work,  tickets_transfer, tickets_approve,
      tickets_audit, tickets_close,    tickets_revisit, tickets_register, handoffs_work, incidents_read, incidents_write,
      customers_read, customers_phone,
      events_read,   agents_manage,    directory_read, directory_write};
  return all;
}

Settings::Settings() {
  using namespace permission;
  auto list = [](std::initializer_list<std::string_view> ps) {
    std::set<std::string, std::less<>> out;
    for (auto p : ps) out.emplace(p);
    return out;
  };
  roles["agent"] = list({tickets_read, tickets_work, tickets_transfer, events_read});
  roles["head"] = list({tickets_read, tickets_work, tickets_transfer, tickets_approve, events_read});
  roles["desk"] = list({tickets_read, tickets_read_all, tickets_work, tickets_transfer, tickets_audit,
                        tickets_close, tickets_revisit, tickets_register, handoffs_work, incidents_read, customers_read, customers_phone,
                        events_read, directory_read});
  roles["manager"] = list({tickets_read, tickets_read_all, incidents_read, incidents_write,
                           customers_read, customers_phone, events_read, directory_read});
  roles["admin"] = list({tickets_read, tickets_read_all, events_read, agents_manage,
                         directory_read, directory_write});
}

bool Settings::allows(std::string_view role, std::string_view permission) const {
  auto it = roles.find(role);
  return it != roles.end() && it->second.contains(permission);
}

Settings read_settings(core::Section& s) {
  Settings out;
  s.get("requests_per_minute", out.requests_per_minute);
  if (out.requests_per_minute < 1) s.problem("requests_per_minute", "must be at least 1");
  s.get("page_max", out.page_max);
  if (out.page_max < 1) s.problem("page_max", "must be at least 1");
  s.get("idempotency_ttl_s", out.idempotency_ttl);
  s.get("feeds_per_account", out.feeds_per_account);
  if (out.feeds_per_account < 1) s.problem("feeds_per_account", "must be at least 1");
  s.get("max_feeds", out.max_feeds);
  if (out.max_feeds < 1) s.problem("max_feeds", "must be at least 1");
  s.get("resume_window_s", out.resume_window);
  s.get("keepalive_s", out.keepalive);
  if (out.keepalive.count() < 1) s.problem("keepalive_s", "must be at least 1");
  auto roles = s.section("roles");
  const auto node = s.node("roles");
  if (node && node.IsMap())
    for (const auto& kv : node) {
      const auto role = kv.first.as<std::string>();
      std::vector<std::string> permissions;
      roles.list(role.c_str(), permissions);
      auto& granted = out.roles[role];
      granted.clear();
      for (auto& p : permissions) {
        const auto& all = all_permissions();
        if (std::find(all.begin(), all.end(), p) == all.end())
          roles.problem(role.c_str(), "unknown permission \"" + p + "\"");
        granted.insert(std::move(p));
      }
    }
  return out;
}

}  // namespace ombud::console

#pragma once
// The console's settings (console: in the configuration): roles and what each may do, the
// per-token rate, and how long a POST's Idempotency-Key is remembered.

#include "core/config_reader.hpp"

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ombud::console {

/// Everything a console endpoint can require. Named as in the configuration and in 403s.
namespace permission {
inline constexpr std::string_view tickets_read = "tickets.read";          ///< own department
inline constexpr std::string_view tickets_read_all = "tickets.read_all";  ///< every department
inline constexpr std::string_view tickets_work = "tickets.work";  ///< sign, reply, note, extend
inline constexpr std::string_view tickets_transfer = "tickets.transfer";
/// Approving or rejecting a request: an extension, a change of handler (the head).
inline constexpr std::string_view tickets_approve = "tickets.approve";
inline constexpr std::string_view tickets_audit = "tickets.audit";      ///< 审核 (the desk)
inline constexpr std::string_view tickets_close = "tickets.close";      ///< 结案, reopen
inline constexpr std::string_view tickets_revisit = "tickets.revisit";  ///< 回访 (the desk)
/// Registering what came by phone, visit or letter (the desk): POST /api/v1/tickets.
inline constexpr std::string_view tickets_register = "tickets.register";
inline constexpr std::string_view handoffs_work = "handoffs.work";  ///< 转人工 conversations
inline constexpr std::string_view incidents_read = "incidents.read";
inline constexpr std::string_view incidents_write = "incidents.write";  ///< cause, action, announce
inline constexpr std::string_view customers_read = "customers.read";  ///< a customer's history
inline constexpr std::string_view customers_phone = "customers.phone";  ///< unmasked numbers
inline constexpr std::string_view events_read = "events.read";
inline constexpr std::string_view agents_manage = "agents.manage";
inline constexpr std::string_view directory_read = "directory.read";
inline constexpr std::string_view directory_write = "directory.write";  ///< replace it
}  // namespace permission

/// Every permission, for validating the configuration.
const std::vector<std::string_view>& all_permissions();

struct Settings {
  /// Role → its permissions. Defaults: agent, head, desk, manager, admin (see settings.cpp).
  std::map<std::string, std::set<std::string, std::less<>>, std::less<>> roles;
  int requests_per_minute = 600;  ///< per token; a burst of a tenth of it is allowed
  std::chrono::seconds idempotency_ttl{24 * 3600};
  int page_max = 200;  ///< the largest page a listing returns
  int feeds_per_account = 5;  ///< live feeds one account may hold open at once
  /// A live feed with nothing to send gets a comment this often; its token is checked again a
  /// third as often (at most every 5 s).
  std::chrono::seconds keepalive{15};
  /// Live feeds open at once in the process; kept below half of server.max_connections so
  /// that webhooks always find room.
  int max_feeds = 1000;
  /// A feed resumed from further back than this (by its Last-Event-ID) is told to reload
  /// (event: reset) instead of being replayed; so is one more than 5,000 events behind.
  std::chrono::seconds resume_window{600};

  Settings();
  bool allows(std::string_view role, std::string_view permission) const;
};

/// Reads `console:` (roles.<name>: [permission, …] replaces that role's list).
Settings read_settings(core::Section& section);

}  // namespace ombud::console

#pragma once
// The Lua scripts of store/lua/, embedded at build time (see cmake/embed_lua.cmake).

#include <string_view>

namespace ombud::store::lua {
extern const std::string_view ingest;
extern const std::string_view lease_acquire;
extern const std::string_view lease_release;
extern const std::string_view inbox_commit;
extern const std::string_view outbox_begin;
extern const std::string_view outbox_settle;
extern const std::string_view outbox_promote;
extern const std::string_view outbox_forget;
extern const std::string_view delivery_status;
extern const std::string_view directory_replace;
extern const std::string_view sla_claim;
extern const std::string_view sla_commit;
extern const std::string_view recent_complaints;
extern const std::string_view tickets_list;
extern const std::string_view ticket_action;
extern const std::string_view agent_save;
extern const std::string_view agent_session;
extern const std::string_view incident_record;
extern const std::string_view reindex;
extern const std::string_view hashes_get;
}  // namespace ombud::store::lua

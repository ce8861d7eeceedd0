#include "store/incident_repository.hpp"

#include "store/errors.hpp"
#include "store/lua_sources.hpp"
#include "store/script.hpp"

namespace ombud::store {

namespace {
const Script kRecord(lua::incident_record);
const Script kHashesGet(lua::hashes_get);

IncidentRepository::Fields fields_of(const Reply& flat) {
  IncidentRepository::Fields fields;
  for (std::size_t i = 0; i + 1 < flat.elements.size(); i += 2)
    fields[flat.elements[i].str] = flat.elements[i + 1].str;
  return fields;
}
}  // namespace

boost::asio::awaitable<boost::system::result<std::optional<IncidentRepository::Fields>>>
IncidentRepository::async_get(std::string id) {
  auto h = co_await redis_.async_command(command("HGETALL", keys_.incident(id)));
  if (!h) co_return h.error();
  if (h->elements.empty()) co_return std::nullopt;
  co_return fields_of(*h);
}

boost::asio::awaitable<boost::system::result<std::vector<IncidentRepository::Fields>>>
IncidentRepository::async_latest(int limit) {
  auto ids = co_await redis_.async_command(
      command("ZREVRANGE", keys_.incidents(), "0", std::to_string(limit - 1)));
  if (!ids) co_return ids.error();
  std::vector<Fields> out;
  if (ids->elements.empty()) co_return out;
  RedisClient::Argv keys;
  for (const auto& id : ids->elements) keys.push_back(keys_.incident(id.str));
  auto reply = co_await kHashesGet.async_run(redis_, std::move(keys), command("0"));
  if (!reply) co_return reply.error();
  if (reply->elements.size() != ids->elements.size()) co_return StoreError::protocol;
  for (std::size_t i = 0; i < ids->elements.size(); ++i) {
    const auto& item = reply->elements[i].elements;
    if (item.empty() || item[0].elements.empty()) continue;
    auto fields = fields_of(item[0]);
    fields["id"] = ids->elements[i].str;
    out.push_back(std::move(fields));
  }
  co_return out;
}

boost::asio::awaitable<boost::system::result<bool>> IncidentRepository::async_record(
    std::string id, std::vector<std::pair<std::string, std::string>> texts, std::string by,
    std::int64_t now_ms, AuditLine audit) {
  auto args = command(std::to_string(texts.size() + 2));
  for (auto& [k, v] : texts) args.insert(args.end(), {k, v});
  args.insert(args.end(), {"recorded_by", std::move(by), "recorded_ms", std::to_string(now_ms)});
  for (auto& [k, v] : audit.fields()) args.insert(args.end(), {k, v});
  auto r = co_await kRecord.async_run(redis_, command(keys_.incident(id), keys_.audit_log()),
                                      std::move(args));
  if (!r) co_return boost::system::result<bool>(boost::system::in_place_error, r.error());
  co_return r->integer == 1;
}

boost::asio::awaitable<boost::system::result<void>> IncidentRepository::async_mark_announced(
    std::string id, std::int64_t now_ms) {
  auto r = co_await redis_.async_command(
      command("HSET", keys_.incident(id), "announced", std::to_string(now_ms)));
  if (!r) co_return r.error();
  co_return boost::system::result<void>{};
}

}  // namespace ombud::store

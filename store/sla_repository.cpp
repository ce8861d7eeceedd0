#include "store/sla_repository.hpp"

#include "store/detail/script_args.hpp"
#include "store/lua_sources.hpp"
#include "store/script.hpp"

namespace ombud::store {

namespace {
const Script kClaim(lua::sla_claim);
const Script kCommit(lua::sla_commit);
}  // namespace

boost::asio::awaitable<boost::system::result<std::vector<SlaEntry>>> SlaRepository::async_claim(
    std::int64_t now_ms, int limit, std::chrono::milliseconds lease) {
  auto reply = co_await kClaim.async_run(
      redis_, command(keys_.sla()),
      command(std::to_string(now_ms), std::to_string(limit), std::to_string(lease.count())));
  if (!reply) co_return reply.error();
  std::vector<SlaEntry> out;
  for (size_t i = 0; i + 1 < reply->elements.size(); i += 2)
    out.push_back({reply->elements[i].str, reply->elements[i + 1].str});
  co_return out;
}

boost::asio::awaitable<boost::system::result<bool>> SlaRepository::async_commit(
    const SlaEntry& entry, const SlaEffects& e, std::int64_t now_ms) {
  RedisClient::Argv keys{keys_.sla(),
                         keys_.sla_done(entry.member, e.due_ms),
                         keys_.outbox(),
                         keys_.delays(),
                         e.guard_key.empty() ? keys_.sla() : e.guard_key,
                         e.unchanged ? keys_.ticket(e.unchanged->ticket) : keys_.sla()};
  RedisClient::Argv args{entry.member,
                         entry.claimed_score,
                         std::to_string(e.hset.size()),
                         std::to_string(e.zadd.size()),
                         e.delay ? "1" : "0",
                         std::to_string(e.outbound.size()),
                         std::to_string(now_ms),
                         e.guard_key.empty() ? "0" : "1",
                         e.unchanged ? "1" : "0",
                         e.unchanged ? e.unchanged->version : ""};
  detail::append_hset(e.hset, keys, args);
  detail::append_zadd(e.zadd, keys, args);
  if (e.delay)
    args.insert(args.end(), {e.delay->ticket, e.delay->department, e.delay->kind, e.delay->due_ms});
  detail::append_outbound(keys_, e.outbound, {}, keys, args);
  auto reply = co_await kCommit.async_run(redis_, std::move(keys), std::move(args));
  if (!reply) co_return boost::system::result<bool>(boost::system::in_place_error, reply.error());
  co_return reply->integer == 1;
}

}  // namespace ombud::store

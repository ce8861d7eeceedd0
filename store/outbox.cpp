#include "store/outbox.hpp"

#include "store/detail/streams.hpp"
#include "store/errors.hpp"
#include "store/lua_sources.hpp"
#include "store/script.hpp"

#include <charconv>

namespace ombud::store {

namespace asio = boost::asio;
using boost::system::result;

namespace {

const Script kBegin(lua::outbox_begin);
const Script kSettle(lua::outbox_settle);
const Script kPromote(lua::outbox_promote);
const Script kDeliveryStatus(lua::delivery_status);
const Script kForget(lua::outbox_forget);

int to_int(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

StoredOutbound to_stored(const Reply& hgetall, std::string id) {
  StoredOutbound out;
  out.message.id = std::move(id);
  for (size_t i = 0; i + 1 < hgetall.elements.size(); i += 2) {
    const auto& k = hgetall.elements[i].str;
    const auto& v = hgetall.elements[i + 1].str;
    if (k == "channel")
      out.message.channel = v;
    else if (k == "account")
      out.message.account = v;
    else if (k == "to")
      out.message.to = v;
    else if (k == "text")
      out.message.text = v;
    else if (k == "kind")
      out.message.kind = core::outbound_kind_from(v);
    else if (k == "status")
      out.status = v;
    else if (k == "error")
      out.error = v;
    else if (k == "provider_id")
      out.provider_id = v;
    else if (k == "in_reply_to")
      out.in_reply_to = v;
    else if (k == "attempts")
      out.attempts = to_int(v);
  }
  return out;
}

}  // namespace

Outbox::Outbox(RedisClient& redis, Keys keys, std::string group,
               std::chrono::seconds provider_index_ttl)
    : redis_(redis),
      keys_(std::move(keys)),
      group_(std::move(group)),
      provider_index_ttl_(provider_index_ttl) {}

asio::awaitable<result<void>> Outbox::async_ensure_group() {
  auto reply = co_await redis_.async_command(
      command("XGROUP", "CREATE", keys_.outbox(), group_, "0", "MKSTREAM"));
  if (!reply) co_return reply.error();
  if (reply->is_error() && !detail::is_busygroup(*reply)) co_return StoreError::server_error;
  co_return result<void>{};
}

asio::awaitable<result<std::vector<OutboxItem>>> Outbox::async_read(
    RedisClient& blocking, std::string consumer, int count, std::chrono::milliseconds block) {
  auto reply = co_await blocking.async_command(
      command("XREADGROUP", "GROUP", group_, std::move(consumer), "COUNT", std::to_string(count),
              "BLOCK", std::to_string(block.count()), "STREAMS", keys_.outbox(), ">"),
      block + blocking.options().command_timeout);
  if (!reply) co_return reply.error();
  if (reply->is_error()) co_return StoreError::server_error;
  co_return co_await async_load(detail::parse_xreadgroup(*reply));
}

asio::awaitable<result<std::vector<OutboxItem>>> Outbox::async_claim_stale(
    std::string consumer, std::chrono::milliseconds min_idle, int count, std::string& cursor) {
  auto reply = co_await redis_.async_command(
      command("XAUTOCLAIM", keys_.outbox(), group_, std::move(consumer),
              std::to_string(min_idle.count()), cursor, "COUNT", std::to_string(count)));
  if (!reply) co_return reply.error();
  if (reply->is_error()) co_return StoreError::server_error;
  co_return co_await async_load(detail::parse_xautoclaim(*reply, cursor));
}

asio::awaitable<result<std::vector<OutboxItem>>> Outbox::async_read_pending(std::string consumer,
                                                                             int count,
                                                                             std::string after) {
  auto reply = co_await redis_.async_command(
      command("XREADGROUP", "GROUP", group_, std::move(consumer), "COUNT", std::to_string(count),
              "STREAMS", keys_.outbox(), std::move(after)));
  if (!reply) co_return reply.error();
  if (reply->is_error()) co_return StoreError::server_error;
  co_return co_await async_load(detail::parse_xreadgroup(*reply));
}

asio::awaitable<result<std::vector<detail::ConsumerInfo>>> Outbox::async_consumers() {
  auto reply =
      co_await redis_.async_command(command("XINFO", "CONSUMERS", keys_.outbox(), group_));
  if (!reply) co_return reply.error();
  if (reply->is_error()) co_return StoreError::server_error;
  co_return detail::parse_xinfo_consumers(*reply);
}

asio::awaitable<result<std::vector<OutboxItem>>> Outbox::async_claim_from(std::string from,
                                                                           std::string to,
                                                                           int count) {
  auto pending = co_await redis_.async_command(
      command("XPENDING", keys_.outbox(), group_, "-", "+", std::to_string(count), from));
  if (!pending) co_return pending.error();
  if (pending->is_error()) co_return StoreError::server_error;
  if (pending->elements.empty()) co_return std::vector<OutboxItem>{};
  // Claimed only if idle for a moment: what another claimer has just taken (its idle time
  // starts again) is left with it, so that no entry is claimed twice.
  auto claim = command("XCLAIM", keys_.outbox(), group_, std::move(to), "250");
  for (const auto& p : pending->elements)
    if (p.is_array() && !p.elements.empty()) claim.push_back(p.elements[0].str);
  auto reply = co_await redis_.async_command(std::move(claim));
  if (!reply) co_return reply.error();
  if (reply->is_error()) co_return StoreError::server_error;
  co_return co_await async_load(detail::parse_xclaim(*reply));
}

asio::awaitable<result<long long>> Outbox::async_count_staff_send(const core::OutboundMessage& m,
                                                                  std::chrono::seconds window) {
  const auto key = keys_.staff_sends(m.channel, m.account, m.to);
  // Created with its lifetime first, so that a crash between the two never leaves a counter
  // without one.
  auto created = co_await redis_.async_command(
      command("SET", key, "0", "EX", std::to_string(window.count()), "NX"));
  if (!created) co_return created.error();
  auto count = co_await redis_.async_command(command("INCR", key));
  if (!count) co_return count.error();
  if (count->is_error()) co_return StoreError::server_error;
  co_return count->integer;
}

asio::awaitable<result<void>> Outbox::async_flag(std::string who, std::int64_t now_ms) {
  auto reply = co_await redis_.async_command(
      command("ZADD", keys_.flagged_senders(), std::to_string(now_ms), std::move(who)));
  if (!reply) co_return reply.error();
  co_return result<void>{};
}

asio::awaitable<result<void>> Outbox::async_forget(std::string consumer) {
  auto reply = co_await kForget.async_run(redis_, command(keys_.outbox()),
                                         command(group_, std::move(consumer)));
  if (!reply) co_return reply.error();
  co_return result<void>{};
}

asio::awaitable<result<std::vector<OutboxItem>>> Outbox::async_load(
    std::vector<detail::StreamEntry> read) {
  std::vector<std::pair<std::string, std::string>> entries;  // stream entry id, message id
  for (const auto& e : read) entries.emplace_back(e.id, std::string(e.field("id")));
  std::vector<OutboxItem> out;
  out.reserve(entries.size());
  for (auto& [entry_id, message_id] : entries) {
    auto reply = co_await redis_.async_command(command("HGETALL", keys_.out_message(message_id)));
    if (!reply) co_return reply.error();
    auto stored = to_stored(*reply, message_id);
    out.push_back(
        OutboxItem{entry_id, std::move(stored.message), std::move(stored.status), stored.attempts});
  }
  co_return out;
}

asio::awaitable<result<Outbox::Attempt>> Outbox::async_begin(std::string message_id,
                                                             std::int64_t now_ms) {
  auto reply = co_await kBegin.async_run(redis_, command(keys_.out_message(message_id)),
                                         command(std::to_string(now_ms)));
  if (!reply) co_return reply.error();
  if (!reply->is_array() || reply->elements.size() != 3) co_return StoreError::protocol;
  co_return Attempt{reply->elements[0].integer, reply->elements[1].integer == 1,
                    reply->elements[2].integer};
}

asio::awaitable<result<bool>> Outbox::async_is_known_provider_id(std::string channel,
                                                                 std::string provider_id) {
  auto reply =
      co_await redis_.async_command(command("EXISTS", keys_.provider_message(channel, provider_id)));
  if (!reply) co_return result<bool>(boost::system::in_place_error, reply.error());
  co_return reply->integer == 1;
}

asio::awaitable<result<void>> Outbox::async_settle(const OutboxItem& item, Settlement s,
                                                   std::int64_t now_ms) {
  const char* outcome = "failed";
  switch (s.outcome) {
    case Settlement::Outcome::sent:
      outcome = "sent";
      break;
    case Settlement::Outcome::retry:
      outcome = "retry";
      break;
    case Settlement::Outcome::uncertain:
      outcome = "uncertain";
      break;
    case Settlement::Outcome::failed:
      break;
  }
  const bool later = s.outcome == Settlement::Outcome::retry ||
                     s.outcome == Settlement::Outcome::uncertain;
  const auto& m = item.message;
  auto index_key = s.outcome == Settlement::Outcome::sent
                       ? keys_.provider_message(m.channel, s.provider_id)
                       : keys_.out_message(m.id);
  auto extra = later ? std::to_string(s.retry_at_ms) : std::to_string(provider_index_ttl_.count());
  auto reply = co_await kSettle.async_run(
      redis_,
      command(keys_.out_message(m.id), keys_.outbox(), keys_.outbox_retry(), keys_.outbox_dead(),
              std::move(index_key)),
      command(group_, item.entry_id, outcome, m.id, std::move(s.provider_id), std::move(s.error),
              std::move(extra), std::to_string(now_ms)));
  if (!reply) co_return reply.error();
  co_return result<void>{};
}

asio::awaitable<result<void>> Outbox::async_ack(const OutboxItem& item) {
  auto acked =
      co_await redis_.async_command(command("XACK", keys_.outbox(), group_, item.entry_id));
  if (!acked) co_return acked.error();
  auto deleted = co_await redis_.async_command(command("XDEL", keys_.outbox(), item.entry_id));
  if (!deleted) co_return deleted.error();
  co_return result<void>{};
}

asio::awaitable<result<long long>> Outbox::async_promote_due(std::int64_t now_ms, int limit) {
  auto reply = co_await kPromote.async_run(redis_, command(keys_.outbox_retry(), keys_.outbox()),
                                           command(std::to_string(now_ms), std::to_string(limit)));
  if (!reply) co_return reply.error();
  co_return reply->integer;
}

asio::awaitable<result<std::optional<std::string>>> Outbox::async_delivery_status(
    std::string channel, std::string provider_id, core::DeliveryStatus status, std::string error,
    std::int64_t now_ms, std::string account) {
  auto reply = co_await kDeliveryStatus.async_run(
      redis_, command(keys_.provider_message(channel, provider_id)),
      command(keys_.out_message_prefix(), to_string(status), std::move(error),
              std::to_string(now_ms), std::move(account)));
  if (!reply) co_return reply.error();
  if (reply->is_nil()) co_return std::nullopt;
  co_return reply->str;
}

asio::awaitable<result<bool>> Outbox::async_is_opted_out(const core::OutboundMessage& m) {
  auto reply =
      co_await redis_.async_command(command("EXISTS", keys_.opt_out(m.channel, m.account, m.to)));
  if (!reply) co_return result<bool>(boost::system::in_place_error, reply.error());
  co_return reply->integer == 1;
}

asio::awaitable<result<std::optional<StoredOutbound>>> Outbox::async_get(std::string message_id) {
  auto reply = co_await redis_.async_command(command("HGETALL", keys_.out_message(message_id)));
  if (!reply) co_return reply.error();
  if (reply->elements.empty()) co_return std::nullopt;
  co_return to_stored(*reply, std::move(message_id));
}

}  // namespace ombud::store

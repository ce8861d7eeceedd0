#include "store/event_log.hpp"

#include "store/errors.hpp"

namespace ombud::store {

namespace {
std::vector<ChangeEntry> entries_of(const Reply& reply) {
  std::vector<ChangeEntry> out;
  for (const auto& entry : reply.elements) {
    if (entry.elements.size() < 2) continue;
    ChangeEntry e;
    e.id = entry.elements[0].str;
    const auto& f = entry.elements[1].elements;
    for (std::size_t i = 0; i + 1 < f.size(); i += 2) e.fields.emplace_back(f[i].str, f[i + 1].str);
    out.push_back(std::move(e));
  }
  return out;
}
}  // namespace

boost::asio::awaitable<boost::system::result<EventLog::Since>> EventLog::async_since(
    RedisClient& redis, std::string after_id, int limit) const {
  Since out{"0-0", {}};
  auto info = co_await redis.async_command(command("XINFO", "STREAM", keys_.events()));
  if (!info) co_return info.error();
  for (std::size_t i = 0; i + 1 < info->elements.size(); i += 2)
    if (info->elements[i].str == "max-deleted-entry-id") out.max_deleted = info->elements[i + 1].str;
  auto entries = co_await redis.async_command(
      command("XRANGE", keys_.events(), "(" + after_id, "+", "COUNT", std::to_string(limit)));
  if (!entries) co_return entries.error();
  out.entries = entries_of(*entries);
  co_return out;
}

boost::asio::awaitable<boost::system::result<std::string>> EventLog::async_last_id(
    RedisClient& redis) const {
  auto tail = co_await redis.async_command(command("XREVRANGE", keys_.events(), "+", "-", "COUNT", "1"));
  if (!tail) co_return tail.error();
  if (tail->is_error()) co_return make_error_code(StoreError::server_error);
  const bool empty = tail->elements.empty() || tail->elements[0].elements.empty();
  co_return empty ? std::string("0-0") : tail->elements[0].elements[0].str;
}

boost::asio::awaitable<boost::system::result<std::vector<ChangeEntry>>> EventLog::async_follow(
    RedisClient& blocking, std::string after_id, int count, std::chrono::milliseconds block) const {
  auto read = co_await blocking.async_command(command("XREAD", "COUNT", std::to_string(count), "BLOCK",
                                                     std::to_string(block.count()), "STREAMS",
                                                     keys_.events(), after_id));
  if (!read) co_return read.error();
  if (read->is_error()) co_return make_error_code(StoreError::server_error);
  std::vector<ChangeEntry> out;  // (nil: nothing new within `block`)
  if (read->is_array() && !read->elements.empty() && read->elements[0].elements.size() > 1)
    out = entries_of(read->elements[0].elements[1]);
  co_return out;
}

}  // namespace ombud::store

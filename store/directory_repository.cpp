#include "store/directory_repository.hpp"

#include "core/text.hpp"

#include "store/lua_sources.hpp"
#include "store/script.hpp"

namespace ombud::store {

namespace {
const Script kReplace(lua::directory_replace);
}

boost::asio::awaitable<boost::system::result<std::optional<DirectoryRepository::Stored>>>
DirectoryRepository::async_get() {
  auto reply =
      co_await redis_.async_command(command("MGET", keys_.directory_version(), keys_.directory()));
  if (!reply) co_return reply.error();
  if (reply->elements.size() != 2 || reply->elements[1].is_nil()) co_return std::nullopt;
  co_return Stored{core::to_int64(reply->elements[0].str), reply->elements[1].str};
}

boost::asio::awaitable<boost::system::result<long long>> DirectoryRepository::async_replace(
    std::string json, std::string by, std::int64_t now_ms, bool seed_only) {
  auto reply = co_await kReplace.async_run(
      redis_, command(keys_.directory(), keys_.directory_version(), keys_.directory_changes()),
      command(std::move(json), std::move(by), std::to_string(now_ms),
              seed_only ? "seed" : "replace"));
  if (!reply) co_return reply.error();
  co_return reply->integer;
}

}  // namespace ombud::store

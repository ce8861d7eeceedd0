#include "store/script.hpp"

#include "store/errors.hpp"
#include "tickets/vocabulary.hpp"

#include <openssl/sha.h>
#include <spdlog/spdlog.h>

namespace ombud::store {

std::string expanded(std::string_view source) {
  static constexpr std::string_view kVocabulary = "-- @vocabulary";
  std::string out(source);
  if (const auto at = out.find(kVocabulary); at != std::string::npos)
    out.replace(at, kVocabulary.size(), tickets::lua_vocabulary());
  return out;
}

Script::Script(std::string_view source) : source_(expanded(source)) {
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(source_.data()), source_.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  for (unsigned char b : digest) {
    sha_ += kHex[b >> 4];
    sha_ += kHex[b & 15];
  }
}

boost::asio::awaitable<boost::system::result<Reply>> Script::async_run(
    RedisClient& redis, RedisClient::Argv keys, RedisClient::Argv args,
    std::optional<std::chrono::milliseconds> timeout) const {
  const auto deadline = timeout.value_or(redis.options().command_timeout);
  RedisClient::Argv argv;
  argv.reserve(3 + keys.size() + args.size());
  argv.push_back("EVALSHA");
  argv.push_back(sha_);
  argv.push_back(std::to_string(keys.size()));
  for (auto& k : keys) argv.push_back(std::move(k));
  for (auto& a : args) argv.push_back(std::move(a));

  auto reply = co_await redis.async_command(argv, deadline);
  if (reply && reply->is_error() && reply->str.starts_with("NOSCRIPT")) {
    auto loaded =
        co_await redis.async_command(command("SCRIPT", "LOAD", source_), deadline);
    if (!loaded) co_return loaded.error();
    if (loaded->is_error()) {
      spdlog::error("redis: SCRIPT LOAD failed: {}", loaded->str);
      co_return StoreError::server_error;
    }
    reply = co_await redis.async_command(std::move(argv), deadline);
  }
  if (!reply) co_return reply.error();
  if (reply->is_error()) {
    spdlog::error("redis: script {} failed: {}", sha_.substr(0, 8), reply->str);
    co_return StoreError::server_error;
  }
  co_return std::move(*reply);
}

}  // namespace ombud::store

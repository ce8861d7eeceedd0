#include "gateway/directory_config.hpp"

#include "core/clock.hpp"
#include "gateway/offline.hpp"
#include "store/directory_repository.hpp"

namespace ombud::gateway {

long long import_directory(const Config& config, const tickets::Directory& directory,
                           const std::string& by) {
  auto version = with_redis<boost::system::result<long long>>(
      config, [&](store::RedisClient& redis) -> boost::asio::awaitable<boost::system::result<long long>> {
        store::DirectoryRepository repository(redis, store::Keys(config.redis.prefix));
        co_return co_await repository.async_replace(directory.to_json(), by, core::unix_ms(),
                                                    /*seed_only=*/false);
      });
  if (!version)
    throw std::runtime_error("cannot store the directory: " + version.error().message());
  return *version;
}

}  // namespace ombud::gateway

#include "gateway/directory_config.hpp"

#include "core/clock.hpp"
#include "gateway/config.hpp"
#include "store/directory_repository.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

namespace ombud::gateway {
long long import_directory(const Config& config, const tickets::Directory& directory,
                           const std::string& by) {
  store::RedisOptions options;
  if (config.redis.url) {
    options.endpoint = store::RedisEndpoint::parse(*config.redis.url).value();
  } else {
    options.endpoint.unix_path = (config.data_dir / "redis" / "redis.sock").string();
  }
  boost::asio::io_context io;
  store::RedisClient redis(io.get_executor(), options);
  redis.start();
  store::DirectoryRepository repository(redis, store::Keys(config.redis.prefix));
  auto done = boost::asio::co_spawn(
      io, repository.async_replace(directory.to_json(), by, core::unix_ms(), /*seed_only=*/false),
      boost::asio::use_future);
  io.run_for(std::chrono::seconds(5));
  redis.stop();
  io.run_for(std::chrono::milliseconds(100));
  if (done.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
    throw std::runtime_error("Redis at " + options.endpoint.describe() + " did not answer");
  auto version = done.get();
  if (!version)
    throw std::runtime_error("cannot store the directory: " + version.error().message());
  return *version;
}

}  // namespace ombud::gateway

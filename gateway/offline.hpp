#pragma once
// Commands that act on a running ombud's Redis from the command line (departments import,
// agents): one connection to the Redis of a configuration, one piece of work on it.

#include "app/config.hpp"
#include "store/redis_client.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <functional>
#include <stdexcept>

namespace ombud::gateway {

/// Where the Redis of `config` is: its redis.url, or the embedded server's socket in data_dir.
store::RedisOptions redis_of(const app::Config& config);

/// Runs `work` against the Redis of `config` and returns its value; throws std::runtime_error
/// when Redis does not answer within `wait`.
template <typename T>
T with_redis(const app::Config& config,
             const std::function<boost::asio::awaitable<T>(store::RedisClient&)>& work,
             std::chrono::seconds wait = std::chrono::seconds(5)) {
  const auto options = redis_of(config);
  boost::asio::io_context io;
  store::RedisClient redis(io.get_executor(), options);
  redis.start();
  auto done = boost::asio::co_spawn(io, work(redis), boost::asio::use_future);
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (done.wait_for(std::chrono::seconds(0)) != std::future_status::ready &&
         std::chrono::steady_clock::now() < deadline)
    io.run_for(std::chrono::milliseconds(5));
  redis.stop();
  io.run_for(std::chrono::milliseconds(100));
  if (done.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
    throw std::runtime_error("Redis at " + options.endpoint.describe() + " did not answer");
  return done.get();
}

/// `ombud agents add|list|disable|token rotate`: prints what it did to `out`; 0 on success.
struct AgentCommand {
  std::string verb;  ///< add, list, disable, rotate
  std::string id, name, role, department, phone;
};
int run_agents(const app::Config& config, const AgentCommand& command, std::ostream& out);

}  // namespace ombud::gateway

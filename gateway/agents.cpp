#include "core/clock.hpp"
#include "gateway/offline.hpp"
#include "store/agent_repository.hpp"

#include <ostream>

namespace ombud::gateway {

store::RedisOptions redis_of(const app::Config& config) {
  store::RedisOptions options;
  if (config.redis.url)
    options.endpoint = store::RedisEndpoint::parse(*config.redis.url).value();
  else
    options.endpoint.unix_path = (config.data_dir / "redis" / "redis.sock").string();
  return options;
}

namespace {

template <typename T>
T value_or_throw(boost::system::result<T> r) {
  if (!r) throw std::runtime_error("Redis: " + r.error().message());
  return std::move(*r);
}

}  // namespace

int run_agents(const app::Config& config, const AgentCommand& c, std::ostream& out) {
  const store::Keys keys(config.redis.prefix);
  if (c.verb == "add") {
    if (!config.console.roles.contains(c.role))
      throw std::runtime_error(std::string("no role \"").append(c.role).append("\" (console.roles)"));
    const bool scoped = !config.console.allows(c.role, "tickets.read_all") &&
                        config.console.allows(c.role, "tickets.read");
    if (scoped && c.department.empty())
      throw std::runtime_error("the role " + c.role + " sees one department: give --department");
    store::AgentAccount account{"", c.name, c.role, c.department, c.phone, false, core::unix_ms()};
    const auto token = with_redis<std::string>(config, [&](store::RedisClient& redis) -> boost::asio::awaitable<std::string> {
      store::AgentRepository agents(redis, keys);
      co_return value_or_throw(co_await agents.async_add(account));
    });
    out << "token (shown once; keep it secret): " << token << "\n";
    return 0;
  }
  if (c.verb == "list") {
    const auto accounts = with_redis<std::vector<store::AgentAccount>>(
        config, [&](store::RedisClient& redis) -> boost::asio::awaitable<std::vector<store::AgentAccount>> {
          store::AgentRepository agents(redis, keys);
          co_return value_or_throw(co_await agents.async_list());
        });
    for (const auto& a : accounts)
      out << a.id << "\t" << a.name << "\t" << a.role << "\t" << a.department << "\t" << a.phone
          << (a.disabled ? "\tdisabled" : "") << "\n";
    return 0;
  }
  if (c.verb == "disable") {
    const bool found = with_redis<bool>(config, [&](store::RedisClient& redis) -> boost::asio::awaitable<bool> {
      store::AgentRepository agents(redis, keys);
      co_return value_or_throw(co_await agents.async_disable(c.id));
    });
    if (found)
      out << c.id << ": disabled; its token no longer works\n";
    else
      out << "no account " << c.id << "\n";
    return found ? 0 : 1;
  }
  const auto token = with_redis<std::optional<std::string>>(
      config, [&](store::RedisClient& redis) -> boost::asio::awaitable<std::optional<std::string>> {
        store::AgentRepository agents(redis, keys);
        co_return value_or_throw(co_await agents.async_rotate(c.id));
      });
  if (!token) {
    out << "no account " << c.id << "\n";
    return 1;
  }
  out << "new token for " << c.id << " (shown once; the old one no longer works): " << *token << "\n";
  return 0;
}

}  // namespace ombud::gateway

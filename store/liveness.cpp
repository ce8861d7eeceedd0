#include "store/liveness.hpp"

#include "core/process_name.hpp"
#include "store/errors.hpp"

namespace ombud::store {

namespace asio = boost::asio;
using boost::system::result;

Liveness::Liveness(RedisClient& redis, Keys keys, std::string self,
                   std::chrono::milliseconds lifetime)
    : redis_(redis), keys_(std::move(keys)), self_(std::move(self)), lifetime_(lifetime) {}

asio::awaitable<result<void>> Liveness::async_beat() {
  auto reply = co_await redis_.async_command(
      command("SET", keys_.process_alive(self_), "1", "PX", std::to_string(lifetime_.count())));
  if (!reply) co_return reply.error();
  if (reply->is_error()) co_return StoreError::server_error;
  co_return result<void>{};
}

asio::awaitable<result<bool>> Liveness::async_gone(std::string worker) {
  const auto process = core::process_of(worker);
  if (process == self_) co_return false;
  if (core::known_gone_locally(process, self_)) co_return true;
  auto reply = co_await redis_.async_command(command("EXISTS", keys_.process_alive(process)));
  if (!reply) co_return result<bool>(boost::system::in_place_error, reply.error());
  co_return reply->integer == 0;
}

}  // namespace ombud::store

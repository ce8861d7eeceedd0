#pragma once
// An asynchronous Redis client on Asio: hiredis' async context driven by Asio's reactor,
// awaitable commands, automatic pipelining, per-command deadlines and reconnect with backoff.

#include "store/reply.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/system/result.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ombud::store {

/// Builds a command line: `command("XACK", key, group, id)`. (A function rather than a braced
/// list at the call site: GCC 12 cannot keep a braced list of strings alive across co_await.)
template <typename... Parts>
std::vector<std::string> command(Parts&&... parts) {
  std::vector<std::string> argv;
  argv.reserve(sizeof...(Parts));
  (argv.emplace_back(std::forward<Parts>(parts)), ...);
  return argv;
}

/// Where Redis listens: a TCP host and port, or a unix socket path.
struct RedisEndpoint {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::string unix_path;  ///< when set, host and port are ignored
  std::string password;
  int db = 0;

  /// Parses `redis://[:password@]host[:port][/db]` or `unix:///path/to/socket[?db=N]`.
  static boost::system::result<RedisEndpoint> parse(std::string_view url);
  /// For logs: the address without the password.
  std::string describe() const;
};

struct RedisOptions {
  RedisEndpoint endpoint;
  std::chrono::milliseconds command_timeout{500};
  std::chrono::milliseconds connect_timeout{1000};
  std::chrono::milliseconds reconnect_min{50};
  std::chrono::milliseconds reconnect_max{2000};
};

/// One Redis connection, kept alive across failures.
///
/// Commands may be issued from any thread; they run on the client's strand and complete on
/// the caller's executor, never inline. Commands issued while a previous one is in flight are
/// pipelined on the same connection. When Redis does not answer within the deadline, every
/// command in flight fails with StoreError::timed_out and the connection is replaced; while
/// there is no connection, commands fail at once with StoreError::not_connected. A Redis error
/// reply is not a failure here: it comes back as a Reply of type error.
///
/// Blocking commands (XREADGROUP BLOCK) hold up everything pipelined behind them: give them a
/// client of their own and a deadline longer than the block time.
class RedisClient {
 public:
  using Argv = std::vector<std::string>;

  RedisClient(boost::asio::any_io_executor executor, RedisOptions options);
  ~RedisClient();
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;

  /// Starts connecting; returns at once. Commands issued before the connection is up are
  /// buffered and sent when it is.
  void start();
  /// Closes the connection and stops reconnecting; commands in flight fail with
  /// connection_lost. Safe to call more than once.
  void stop();

  /// Runs one command with the default deadline.
  boost::asio::awaitable<boost::system::result<Reply>> async_command(Argv argv);
  /// Runs one command with its own deadline.
  boost::asio::awaitable<boost::system::result<Reply>> async_command(
      Argv argv, std::chrono::milliseconds timeout);

  /// True when Redis answers a PING now (readiness).
  boost::asio::awaitable<bool> async_ping();

  /// True while a connection is established (a hint: it may drop at any moment).
  bool connected() const noexcept;
  const RedisOptions& options() const noexcept;
  /// The executor the client was made with (not its internal strand).
  boost::asio::any_io_executor get_executor() const noexcept;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace ombud::store

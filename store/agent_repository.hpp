#pragma once
// Console accounts: who may use the agent console API, in which role and department, and the
// hash of their token (the token itself is shown once, when made, and never stored).

#include "store/keys.hpp"
#include "store/redis_client.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ombud::store {

struct AgentAccount {
  std::string id;
  std::string name;
  std::string role;
  std::string department;  ///< for roles scoped to one department
  std::string phone;       ///< links the account to the directory: the same person as by SMS
  bool disabled = false;
  std::int64_t created_ms = 0;
};

class AgentRepository {
 public:
  AgentRepository(RedisClient& redis, Keys keys) : redis_(redis), keys_(std::move(keys)) {}

  /// A new account with a new token; returns the token (to show once).
  boost::asio::awaitable<boost::system::result<std::string>> async_add(AgentAccount account);
  boost::asio::awaitable<boost::system::result<std::vector<AgentAccount>>> async_list();
  /// The account and whether it existed. Its token stops working at once.
  boost::asio::awaitable<boost::system::result<bool>> async_disable(std::string id);
  /// A new token for the account (the old one stops working at once); nullopt: no such account.
  boost::asio::awaitable<boost::system::result<std::optional<std::string>>> async_rotate(
      std::string id);
  /// The enabled account a token belongs to, if any.
  boost::asio::awaitable<boost::system::result<std::optional<AgentAccount>>> async_authenticate(
      std::string token);
  /// The same, with the directory's version (-1: none stored), in one round trip.
  struct Session {
    std::optional<AgentAccount> account;
    long long directory_version = -1;
  };
  boost::asio::awaitable<boost::system::result<Session>> async_session(std::string token);

  /// An account's name as people know it ("" when there is none).
  boost::asio::awaitable<boost::system::result<std::string>> async_name(std::string id);

  /// A new random token ("omb_" and 64 hex digits) and the hash that is stored of it.
  static std::string new_token();
  static std::string token_hash(std::string_view token);

 private:
  boost::asio::awaitable<boost::system::result<std::optional<AgentAccount>>> async_get(
      std::string id);

  RedisClient& redis_;
  Keys keys_;
};

}  // namespace ombud::store

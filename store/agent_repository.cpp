#include "store/agent_repository.hpp"

#include "store/lua_sources.hpp"
#include "store/script.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <stdexcept>

namespace ombud::store {

namespace {

const Script kSave(lua::agent_save);
const Script kSession(lua::agent_session);

std::string hex(const unsigned char* data, std::size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out += kHex[data[i] >> 4];
    out += kHex[data[i] & 15];
  }
  return out;
}

AgentAccount account_from(const Reply& reply, std::string id) {
  AgentAccount a;
  a.id = std::move(id);
  for (std::size_t i = 0; i + 1 < reply.elements.size(); i += 2) {
    const auto& name = reply.elements[i].str;
    const auto& value = reply.elements[i + 1].str;
    if (name == "name") a.name = value;
    else if (name == "role") a.role = value;
    else if (name == "department") a.department = value;
    else if (name == "phone") a.phone = value;
    else if (name == "disabled") a.disabled = value == "1";
    else if (name == "created_ms") a.created_ms = std::strtoll(value.c_str(), nullptr, 10);
  }
  return a;
}

}  // namespace

std::string AgentRepository::new_token() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no random bytes for a token");
  return "omb_" + hex(bytes, sizeof bytes);
}

std::string AgentRepository::token_hash(std::string_view token) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(token.data(), token.size(), digest, &size, EVP_sha256(), nullptr);
  return hex(digest, size);
}

boost::asio::awaitable<boost::system::result<std::string>> AgentRepository::async_add(
    AgentAccount a) {
  auto serial = co_await redis_.async_command(command("INCR", keys_.agents() + ":serial"));
  if (!serial) co_return serial.error();
  a.id = "agent-" + std::to_string(serial->integer);
  auto token = new_token();
  const auto hash = token_hash(token);
  auto reply = co_await kSave.async_run(
      redis_, command(keys_.agent(a.id), keys_.agents(), keys_.agent_token(hash)),
      command(a.id, keys_.agent_token(""), "name", a.name, "role", a.role, "department",
              a.department, "phone", a.phone, "disabled", "0", "created_ms",
              std::to_string(a.created_ms), "token_hash", hash));
  if (!reply) co_return reply.error();
  co_return token;
}

boost::asio::awaitable<boost::system::result<std::vector<AgentAccount>>>
AgentRepository::async_list() {
  auto ids = co_await redis_.async_command(command("SMEMBERS", keys_.agents()));
  if (!ids) co_return ids.error();
  std::vector<AgentAccount> out;
  for (const auto& id : ids->elements) {
    auto account = co_await async_get(id.str);
    if (!account) co_return account.error();
    if (*account) out.push_back(std::move(**account));
  }
  std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) {
    return x.created_ms != y.created_ms ? x.created_ms < y.created_ms : x.id < y.id;
  });
  co_return out;
}

boost::asio::awaitable<boost::system::result<bool>> AgentRepository::async_disable(
    std::string id) {
  auto reply = co_await kSave.async_run(
      redis_, command(keys_.agent(id), keys_.agents(), std::string()),
      command(id, keys_.agent_token(""), "existing", "disabled", "1", "token_hash", ""));
  if (!reply) co_return boost::system::result<bool>(boost::system::in_place_error, reply.error());
  co_return reply->integer == 1;
}

boost::asio::awaitable<boost::system::result<std::optional<std::string>>>
AgentRepository::async_rotate(std::string id) {
  auto token = new_token();
  const auto hash = token_hash(token);
  auto reply = co_await kSave.async_run(
      redis_, command(keys_.agent(id), keys_.agents(), keys_.agent_token(hash)),
      command(id, keys_.agent_token(""), "existing", "token_hash", hash));
  if (!reply) co_return reply.error();
  if (reply->integer != 1) co_return std::nullopt;
  co_return token;
}

boost::asio::awaitable<boost::system::result<std::optional<AgentAccount>>>
AgentRepository::async_get(std::string id) {
  auto reply = co_await redis_.async_command(command("HGETALL", keys_.agent(id)));
  if (!reply) co_return reply.error();
  if (reply->elements.empty()) co_return std::nullopt;
  co_return account_from(*reply, std::move(id));
}

boost::asio::awaitable<boost::system::result<std::optional<AgentAccount>>>
AgentRepository::async_authenticate(std::string token) {
  auto session = co_await async_session(std::move(token));
  if (!session) co_return session.error();
  co_return std::move(session->account);
}

boost::asio::awaitable<boost::system::result<AgentRepository::Session>>
AgentRepository::async_session(std::string token) {
  const auto hash = token_hash(token);
  auto reply = co_await kSession.async_run(
      redis_, command(keys_.agent_token(hash), keys_.directory_version()), command(keys_.agent("")));
  if (!reply) co_return reply.error();
  Session out;
  const auto& r = reply->elements;
  if (r.size() < 3) co_return out;
  if (!r[2].str.empty()) out.directory_version = std::strtoll(r[2].str.c_str(), nullptr, 10);
  if (r[0].str.empty()) co_return out;
  std::string stored_hash;
  for (std::size_t i = 0; i + 1 < r[1].elements.size(); i += 2)
    if (r[1].elements[i].str == "token_hash") stored_hash = r[1].elements[i + 1].str;
  auto account = account_from(r[1], r[0].str);
  // The token key and the account agree unless a rotation raced this read: then neither
  // the old token nor a half-made new one is accepted.
  if (account.disabled || stored_hash.size() != hash.size() ||
      CRYPTO_memcmp(stored_hash.data(), hash.data(), hash.size()) != 0)
    co_return out;
  out.account = std::move(account);
  co_return out;
}

boost::asio::awaitable<boost::system::result<std::string>> AgentRepository::async_name(std::string id) {
  auto n = co_await redis_.async_command(command("HGET", keys_.agent(id), "name"));
  if (!n) co_return n.error();
  co_return n->is_nil() ? std::string() : n->str;
}

}  // namespace ombud::store

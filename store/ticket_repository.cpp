#include "store/ticket_repository.hpp"

#include "store/lua_sources.hpp"
#include "store/script.hpp"

namespace ombud::store {

namespace {
const Script kRecentComplaints(lua::recent_complaints);
}  // namespace

boost::asio::awaitable<boost::system::result<std::optional<std::map<std::string, std::string>>>>
TicketRepository::async_get(std::string number) {
  auto reply = co_await redis_.async_command(command("HGETALL", keys_.ticket(number)));
  if (!reply) co_return reply.error();
  if (reply->elements.empty()) co_return std::nullopt;
  std::map<std::string, std::string> fields;
  for (size_t i = 0; i + 1 < reply->elements.size(); i += 2)
    fields[reply->elements[i].str] = reply->elements[i + 1].str;
  co_return fields;
}

boost::asio::awaitable<boost::system::result<std::vector<std::map<std::string, std::string>>>>
TicketRepository::async_recent_complaints(std::string category, std::int64_t since_ms) {
  auto reply = co_await kRecentComplaints.async_run(
      redis_, command(keys_.recent_complaints(category), keys_.legacy_recent_complaints()),
      command(std::to_string(since_ms), keys_.ticket_prefix()));
  if (!reply) co_return reply.error();
  std::vector<std::map<std::string, std::string>> out;
  const auto& items = reply->elements;
  for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
    std::map<std::string, std::string> fields;
    const auto& flat = items[i + 1].elements;
    for (std::size_t j = 0; j + 1 < flat.size(); j += 2) fields[flat[j].str] = flat[j + 1].str;
    fields.try_emplace("number", items[i].str);
    out.push_back(std::move(fields));
  }
  co_return out;
}

}  // namespace ombud::store

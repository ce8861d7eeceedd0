#include "store/ticket_repository.hpp"

namespace ombud::store {

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

}  // namespace ombud::store

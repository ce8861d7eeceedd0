// A customer's messages through everything that is pure about handling them: opt-out
// keywords, the intake dialog (engine, session codec), the ticket desk (dispatch, follow-ups on
// an open ticket, reopening) and the reply limit, with the shipped telecom configuration.
// Input: messages separated by 0x1e; each turn's session and ticket are stored and read back
// as the worker would.
#include "gateway/config.hpp"
#include "app/message_processor.hpp"
#include "tickets/directory.hpp"

#include <cstdint>
#include <string>

using namespace ombud;

namespace {

const app::Config& config() {
  static const app::Config c = gateway::load_config(OMBUD_SOURCE_DIR "/config/ombud.yaml");
  return c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const app::MessageProcessor processor(config(), store::Keys("ombud"));
  const auto& directory = *config().tickets.directory_seed;
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::optional<std::string> session;
  std::optional<tickets::TicketFields> ticket;
  std::optional<std::string> budget;
  std::int64_t now = 1796006850000;
  std::size_t at = 0;
  for (int turn = 0; at <= input.size() && turn < 32; ++turn) {
    auto end = input.find('\x1e', at);
    if (end == std::string::npos) end = input.size();
    store::InboxEntry entry{0, std::to_string(turn) + "-0", {}};
    auto& m = entry.message;
    m = {"twilio", "main", "SM" + std::to_string(turn), "+8613800138000", "+8610086000",
         input.substr(at, end - at), "", now};
    at = end + 1;
    now += 60'000;
    std::optional<tickets::Ticket> read;
    if (ticket) read = tickets::ticket_from(*ticket);
    auto outcome = processor.process(entry, false, session, &directory, read);
    if (outcome.status_query) processor.answer_status(outcome, entry, read);
    processor.limit_replies(outcome, entry, budget);
    processor.is_automatic(m);
    auto& e = outcome.effects;
    if (e.sender.session) session = e.sender.session->value;
    if (e.sender.reply_budget) budget = e.sender.reply_budget->value;
    if (e.ticket) {  // stored as the commit script would, with its number
      tickets::TicketFields stored(e.ticket->fields.begin(), e.ticket->fields.end());
      stored["number"] = "T2611300001";
      ticket = std::move(stored);
    }
    if (ticket)
      for (const auto& h : e.hset)
        if (h.key == "{ombud}:ticket:T2611300001")
          for (const auto& [k, v] : h.fields) (*ticket)[k] = v;
  }
  return 0;
}

// POST /api/v1/tickets: the desk registers a complaint, question or suggestion that came by
// phone, visit or letter (代理投诉 too). It goes through the inbox like a customer's message —
// exactly once per Idempotency-Key, processed by whichever worker holds its partition — and is
// dispatched like any other; the answer names the new ticket once it is stored.
#include "console/api.hpp"
#include "console/call.hpp"
#include "console/requests.hpp"
#include "console/settings.hpp"
#include "console/views.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <openssl/rand.h>

#include <algorithm>
#include <cctype>
#include <chrono>

namespace ombud::console {

namespace asio = boost::asio;
namespace json = boost::json;
using http::ApiError;

namespace {

const std::vector<tickets::ArgSpec>& registration_specs() {
  using tickets::ArgKind;
  static const std::vector<tickets::ArgSpec> specs{
      {"type", ArgKind::text, true, {"complaint", "consultation", "suggestion"}},
      {"via", ArgKind::text, true, {"phone", "visit", "letter"}, "how the customer came"},
      {"category", ArgKind::text, false, {}, "required for a complaint"},
      {"description", ArgKind::text, true, {}, "what the customer said (the question, the suggestion)"},
      {"when_where", ArgKind::text, false},
      {"demand", ArgKind::text, false},
      {"name", ArgKind::text, false},
      {"phone", ArgKind::text, false, {}, "the customer's; results and the survey go there by SMS"},
      {"proxy_name", ArgKind::text, false, {}, "代理投诉: who complained on the customer's behalf"},
      {"language", ArgKind::text, false, {"zh", "en"}},
      {"answered", ArgKind::boolean, false, {}, "answered on the spot: no SMS telling them the number"},
  };
  return specs;
}

// A phone number as staff type it: spaces, dashes and brackets dropped; a Chinese mobile number
// gets +86. Empty when it is not one.
std::string phone_number(std::string_view written) {
  std::string digits;
  for (const char c : written)
    if (std::isdigit(static_cast<unsigned char>(c)) || (c == '+' && digits.empty())) digits += c;
    else if (c != ' ' && c != '-' && c != '(' && c != ')') return {};
  if (digits.size() == 11 && digits[0] == '1') return "+86" + digits;
  if (digits.size() >= 8 && digits.size() <= 16 && digits[0] == '+') return digits;
  return {};
}

std::string random_id() {
  unsigned char bytes[12];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return {};
  return hex(bytes, sizeof bytes);
}

}  // namespace

const std::vector<tickets::ArgSpec>& Api::registration_fields() { return registration_specs(); }

asio::awaitable<http::Response> Api::register_ticket(Call& call) {
  auto parsed = parse_body(registration_specs(), call.request[http::field::content_type], call.request.body());
  if (auto* e = std::get_if<BodyError>(&parsed)) co_return refuse_body(call, *e);
  const auto& args = std::get<tickets::Args>(parsed);
  const auto type = tickets::arg_text(args, "type");
  const auto category = tickets::arg_text(args, "category");
  const auto known = s_.desk.categories();
  if ((type == "complaint" || !category.empty()) &&
      std::find(known.begin(), known.end(), category) == known.end()) {
    std::string list;
    for (const auto& c : known) list += (list.empty() ? "" : ", ") + c;
    co_return refuse_body(call, {ApiError::unprocessable, "category must be one of " + list, "category"});
  }
  const auto written_phone = tickets::arg_text(args, "phone");
  const auto phone = phone_number(written_phone);
  if (!written_phone.empty() && phone.empty())
    co_return refuse_body(call, {ApiError::unprocessable, "phone is not a phone number", "phone"});
  if (tickets::arg_text(args, "description").find_first_not_of(" \t\r\n") == std::string::npos)
    co_return refuse_body(call, {ApiError::unprocessable, "description must say something", "description"});
  // The registration's id: the same Idempotency-Key from the same account is the same one.
  const std::string key(call.request["Idempotency-Key"]);
  const auto id = "reg-" + (key.empty() ? random_id() : request_hash(call.account.id, key).substr(0, 24));
  json::object registration;
  for (const auto& [name, value] : args) {
    if (const auto* text = std::get_if<std::string>(&value)) registration[name] = *text;
    if (const auto* flag = std::get_if<bool>(&value)) registration[name] = *flag;
  }
  registration["phone"] = phone;
  const core::InboundMessage message{std::string(core::kDeskChannel), call.account.id, id,
                                     phone.empty() ? id : phone, "", json::serialize(registration),
                                     "", s_.clock.now_ms(), ""};
  auto ingested = co_await s_.inbox.async_ingest(message);
  if (!ingested) co_return call.error(ApiError::unavailable, "the store is not answering; try again");
  if (*ingested == store::IngestResult::accepted) s_.accepted();
  // The ticket, once a worker has stored it (usually within milliseconds).
  const auto& route = s_.desk.notice_route();
  const auto owner = phone.empty() ? tickets::contact_key(core::kDeskChannel, call.account.id, id)
                                   : tickets::contact_key(route.channel, route.account, phone);
  const auto executor = co_await asio::this_coro::executor;
  asio::steady_timer timer(executor);
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto listed = co_await tickets_.async_customer_tickets(owner, 5);
    if (!listed) co_return call.error(ApiError::unavailable, "the store is not answering; try again");
    for (const auto& number : *listed) {
      auto fields = co_await tickets_.async_get(number);
      if (!fields) co_return call.error(ApiError::unavailable, "the store is not answering; try again");
      if (!*fields) continue;
      const auto t = tickets::ticket_from(**fields);
      if (t.registration != id) continue;
      auto out = json::value_from(summary_of(t, call.directory.get(), s_.clock.now_ms(), s_.desk, call.language));
      out.as_object()["registration"] = id;
      co_return call.json(json::serialize(out), http::status::created);
    }
    timer.expires_after(std::chrono::milliseconds(50));
    co_await timer.async_wait(asio::use_awaitable);
  }
  co_return call.json(json::serialize(json::object{{"registration", id}, {"state", "registering"}}),
                      http::status::accepted);
}

}  // namespace ombud::console

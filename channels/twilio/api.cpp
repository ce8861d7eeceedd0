#include "channels/twilio/api.hpp"

#include "channels/common/inbound_text.hpp"

#include <simdjson.h>
#include <boost/system/errc.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <ctime>

namespace ombud::channels {

using boost::system::result;
using core::DeliveryStatus;

namespace {

constexpr std::size_t kSidLength = 34;  // "SM" + 32 hex digits (CHANNELS.md §1.3)

boost::system::error_code malformed() {
  return boost::system::errc::make_error_code(boost::system::errc::invalid_argument);
}

}  // namespace

result<core::InboundMessage> parse_twilio_inbound(std::string_view account_id,
                                                   const FormParams& params, std::int64_t now_ms) {
  core::InboundMessage m;
  m.channel = kTwilio;
  m.account = account_id;
  m.provider_id = form_value(params, "MessageSid");
  if (m.provider_id.empty()) m.provider_id = form_value(params, "SmsMessageSid");
  m.from = form_value(params, "From");
  m.to = form_value(params, "To");
  m.text = repair_utf8(form_value(params, "Body"));
  if (m.text != form_value(params, "Body")) m.raw_text = form_value(params, "Body");
  m.opt_out_type = form_value(params, "OptOutType");
  m.received_ms = now_ms;
  // Every identifier is used whole in keys: it must have its documented shape, so that no NUL,
  // line break or oversized value can stand for two customers or forge a log line.
  const bool well_formed = is_identifier(m.provider_id, kSidLength) &&
                           is_phone_number(m.from) && (m.to.empty() || is_phone_number(m.to)) &&
                           (m.opt_out_type.empty() || is_identifier(m.opt_out_type, 16));
  if (!well_formed) return malformed();
  return m;
}

result<DeliveryUpdate> parse_twilio_status(const FormParams& params) {
  DeliveryUpdate u;
  u.provider_id = form_value(params, "MessageSid");
  if (u.provider_id.empty()) u.provider_id = form_value(params, "SmsSid");
  auto status = form_value(params, "MessageStatus");
  if (status.empty()) status = form_value(params, "SmsStatus");
  if (u.provider_id.empty() || status.empty()) return malformed();
  u.error_code = form_value(params, "ErrorCode");
  if (!is_identifier(u.provider_id, kSidLength) || !is_identifier(status, 32) ||
      (!u.error_code.empty() && !is_identifier(u.error_code, 16)))
    return malformed();
  if (status == "sent")
    u.status = DeliveryStatus::sent;
  else if (status == "delivered" || status == "read")
    u.status = DeliveryStatus::delivered;
  else if (status == "undelivered")
    u.status = DeliveryStatus::undelivered;
  else if (status == "failed" || status == "canceled")
    u.status = DeliveryStatus::failed;
  return u;
}

HttpRequest twilio_send_request(const TwilioAccount& account, const core::OutboundMessage& message,
                                std::string_view status_callback_url) {
  FormParams form{{"To", message.to}, {"Body", message.text}};
  if (!account.messaging_service_sid.empty())
    form.emplace_back("MessagingServiceSid", account.messaging_service_sid);
  else
    form.emplace_back("From", account.from);
  if (!status_callback_url.empty()) form.emplace_back("StatusCallback", status_callback_url);
  HttpRequest req;
  req.method = "POST";
  req.url = account.api_base + "/2010-04-01/Accounts/" + account.account_sid + "/Messages.json";
  req.headers = {{"Authorization", basic_auth(account.account_sid, account.auth_token)},
                 {"Content-Type", "application/x-www-form-urlencoded"},
                 {"Accept", "application/json"}};
  req.body = encode_form(form);
  return req;
}

SendResult interpret_twilio_response(const HttpResponse& response) {
  // The DOM parser validates the whole body first; the on-demand one must not be touched
  // again after an error (found by fuzzing: an assertion on a malformed body).
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string sid, code, message;
  if (!parser.parse(response.body).get(doc)) {
    std::string_view s;
    int64_t n = 0;
    if (!doc["sid"].get_string().get(s)) sid = s;
    if (!doc["code"].get_int64().get(n)) code = std::to_string(n);
    if (!doc["message"].get_string().get(s)) message = s;
  }
  SendResult r;
  if (response.status >= 200 && response.status < 300) {
    r.kind = SendResult::Kind::accepted;
    if (is_identifier(sid, kSidLength)) r.provider_id = std::move(sid);
    return r;
  }
  r.error = "http " + std::to_string(response.status);
  if (!code.empty()) r.error += " code " + code;
  if (!message.empty()) r.error += ": " + message;
  const bool retryable = response.status == 429 || response.status >= 500;
  r.kind = retryable ? SendResult::Kind::transient : SendResult::Kind::permanent;
  return r;
}

HttpRequest twilio_lookup_request(const TwilioAccount& account,
                                  const core::OutboundMessage& message) {
  FormParams query{{"To", message.to}, {"PageSize", "50"}};
  if (account.messaging_service_sid.empty()) query.emplace_back("From", account.from);
  HttpRequest req;
  req.method = "GET";
  req.url = account.api_base + "/2010-04-01/Accounts/" + account.account_sid +
            "/Messages.json?" + encode_form(query);
  req.headers = {{"Authorization", basic_auth(account.account_sid, account.auth_token)},
                 {"Accept", "application/json"}};
  return req;
}

namespace {
// "Mon, 30 Nov 2026 02:47:30 +0000" (RFC 2822, as the API writes dates) → unix ms; 0 if not.
std::int64_t rfc2822_ms(std::string_view text) {
  std::tm tm{};
  const std::string s(text);
  const char* end = strptime(s.c_str(), "%a, %d %b %Y %H:%M:%S %z", &tm);
  if (end == nullptr) return 0;
  return (static_cast<std::int64_t>(timegm(&tm)) - tm.tm_gmtoff) * 1000;
}
}  // namespace

std::optional<std::vector<ProviderMessage>> parse_twilio_message_list(
    const HttpResponse& response) {
  if (response.status != 200) return std::nullopt;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array messages;
  if (parser.parse(response.body).get(doc) || doc["messages"].get_array().get(messages))
    return std::nullopt;
  std::vector<ProviderMessage> out;
  for (auto item : messages) {
    simdjson::dom::object m;
    if (item.get_object().get(m)) return std::nullopt;
    ProviderMessage found;
    auto text = [&m](const char* key) {
      std::string_view v;
      return m[key].get_string().get(v) ? std::string() : std::string(v);
    };
    found.sid = text("sid");
    found.to = text("to");
    found.body = text("body");
    found.created_ms = rfc2822_ms(text("date_created"));
    out.push_back(std::move(found));
  }
  return out;
}

}  // namespace ombud::channels

namespace ombud::channels {

TwilioSender::TwilioSender(boost::asio::any_io_executor executor, std::chrono::milliseconds timeout)
    : http_(std::move(executor), timeout) {}

boost::asio::awaitable<SendResult> TwilioSender::async_send(const TwilioAccount& account,
                                                            const core::OutboundMessage& message,
                                                            std::string status_callback_url) {
  auto response =
      co_await http_.async_request(twilio_send_request(account, message, status_callback_url));
  if (!response)
    co_return SendResult{
        http_.may_have_arrived() ? SendResult::Kind::uncertain : SendResult::Kind::transient,
        {},
        "network: " + response.error().message()};
  co_return interpret_twilio_response(*response);
}

boost::asio::awaitable<result<std::vector<ProviderMessage>>> TwilioSender::async_find(
    const TwilioAccount& account, const core::OutboundMessage& message, std::int64_t since_ms) {
  auto response = co_await http_.async_request(twilio_lookup_request(account, message));
  if (!response) co_return response.error();
  auto listed = parse_twilio_message_list(*response);
  if (!listed) co_return boost::system::errc::make_error_code(boost::system::errc::bad_message);
  std::vector<ProviderMessage> out;
  constexpr std::int64_t kClockSkewMs = 5 * 60 * 1000;  // their clock against ours
  for (auto& m : *listed)
    if (m.to == message.to && m.body == message.text && m.created_ms + kClockSkewMs >= since_ms)
      out.push_back(std::move(m));
  co_return out;
}

}  // namespace ombud::channels

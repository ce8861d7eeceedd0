#include "channels/twilio_sms.hpp"

#include <simdjson.h>
#include <boost/system/errc.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace ombud::channels {

using boost::system::result;
using store::DeliveryStatus;

namespace {

// Twilio's default keywords for long codes (CHANNELS.md §1.7). YES is left out on purpose:
// it is an ordinary answer in our dialogs.
constexpr std::array<std::string_view, 8> kStopWords{"STOP",    "UNSUBSCRIBE", "END",    "QUIT",
                                                     "STOPALL", "REVOKE",      "OPTOUT", "CANCEL"};
constexpr std::array<std::string_view, 2> kStartWords{"START", "UNSTOP"};
constexpr std::array<std::string_view, 2> kHelpWords{"HELP", "INFO"};

template <size_t N>
bool one_of(const std::array<std::string_view, N>& words, std::string_view s) {
  return std::find(words.begin(), words.end(), s) != words.end();
}

std::string trimmed_upper(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

boost::system::error_code malformed() {
  return boost::system::errc::make_error_code(boost::system::errc::invalid_argument);
}

}  // namespace

OptKeyword opt_keyword(const store::InboundMessage& message) {
  const auto word =
      trimmed_upper(message.opt_out_type.empty() ? message.text : message.opt_out_type);
  if (word.size() > 16) return OptKeyword::none;
  if (one_of(kStopWords, word)) return OptKeyword::stop;
  if (one_of(kStartWords, word)) return OptKeyword::start;
  if (one_of(kHelpWords, word)) return OptKeyword::help;
  return OptKeyword::none;
}

result<store::InboundMessage> parse_twilio_inbound(std::string_view account_id,
                                                   const FormParams& params, std::int64_t now_ms) {
  store::InboundMessage m;
  m.channel = kTwilio;
  m.account = account_id;
  m.provider_id = form_value(params, "MessageSid");
  if (m.provider_id.empty()) m.provider_id = form_value(params, "SmsMessageSid");
  m.from = form_value(params, "From");
  m.to = form_value(params, "To");
  m.text = form_value(params, "Body");
  m.opt_out_type = form_value(params, "OptOutType");
  m.received_ms = now_ms;
  if (m.provider_id.empty() || m.from.empty()) return malformed();
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

HttpRequest twilio_send_request(const TwilioAccount& account, const store::OutboundMessage& message,
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
  simdjson::ondemand::parser parser;
  simdjson::padded_string json(response.body);
  std::string sid, code, message;
  auto doc = parser.iterate(json);
  if (!doc.error()) {
    std::string_view s;
    int64_t n = 0;
    if (!doc["sid"].get_string().get(s)) sid = s;
    if (!doc["code"].get_int64().get(n)) code = std::to_string(n);
    if (!doc["message"].get_string().get(s)) message = s;
  }
  SendResult r;
  if (response.status >= 200 && response.status < 300 && !sid.empty()) {
    r.kind = SendResult::Kind::accepted;
    r.provider_id = std::move(sid);
    return r;
  }
  r.error = "http " + std::to_string(response.status);
  if (!code.empty()) r.error += " code " + code;
  if (!message.empty()) r.error += ": " + message;
  const bool retryable = response.status == 429 || response.status >= 500 ||
                         (response.status >= 200 && response.status < 300);
  r.kind = retryable ? SendResult::Kind::transient : SendResult::Kind::permanent;
  return r;
}

}  // namespace ombud::channels

namespace ombud::channels {

TwilioSender::TwilioSender(boost::asio::any_io_executor executor, std::chrono::milliseconds timeout)
    : http_(std::move(executor), timeout) {}

boost::asio::awaitable<SendResult> TwilioSender::async_send(const TwilioAccount& account,
                                                            const store::OutboundMessage& message,
                                                            std::string status_callback_url) {
  auto response =
      co_await http_.async_request(twilio_send_request(account, message, status_callback_url));
  if (!response)
    co_return SendResult{SendResult::Kind::transient, {}, "network: " + response.error().message()};
  co_return interpret_twilio_response(*response);
}

}  // namespace ombud::channels

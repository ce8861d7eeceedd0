#include "tools/demo/simulated_customer.hpp"

#include "channels/twilio/signature.hpp"

#include <random>

namespace ombud::demo {

using app::Config;
namespace {

SignedWebhook sign(const Config& config, const channels::TwilioAccount& account, std::string target,
                   const channels::FormParams& form) {
  const auto url = config.server.public_base_url + target;
  return {std::move(target), channels::encode_form(form),
          channels::twilio_signature(account.auth_token, url, form)};
}

}  // namespace

SignedWebhook twilio_inbound_webhook(const Config& config, const channels::TwilioAccount& account,
                                     std::string_view from, std::string_view text,
                                     std::string_view message_sid) {
  const std::string sid(message_sid);
  channels::FormParams form{{"ToCountry", "CN"},         {"SmsMessageSid", sid},
                            {"NumMedia", "0"},           {"SmsSid", sid},
                            {"SmsStatus", "received"},   {"Body", std::string(text)},
                            {"To", account.from},        {"NumSegments", "1"},
                            {"MessageSid", sid},         {"AccountSid", account.account_sid},
                            {"From", std::string(from)}, {"ApiVersion", "2010-04-01"}};
  return sign(config, account, "/webhooks/twilio/" + account.id, form);
}

SignedWebhook twilio_status_webhook(const Config& config, const channels::TwilioAccount& account,
                                    std::string_view message_sid, std::string_view status,
                                    std::string_view error_code) {
  channels::FormParams form{
      {"MessageSid", std::string(message_sid)}, {"SmsSid", std::string(message_sid)},
      {"MessageStatus", std::string(status)},   {"SmsStatus", std::string(status)},
      {"AccountSid", account.account_sid},      {"ApiVersion", "2010-04-01"}};
  if (!error_code.empty()) form.emplace_back("ErrorCode", std::string(error_code));
  return sign(config, account, "/webhooks/twilio/" + account.id + "/status", form);
}

std::string random_message_sid() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  char sid[40];
  std::snprintf(sid, sizeof sid, "SM%016llx%016llx", static_cast<unsigned long long>(rng()),
                static_cast<unsigned long long>(rng()));
  return sid;
}

}  // namespace ombud::demo

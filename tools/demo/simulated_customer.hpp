#pragma once
// Inbound SMS as Twilio would deliver them: form body and X-Twilio-Signature. The demo types
// through this, the benchmark pre-signs its load with it, and the tests use it for the
// well-formed cases.

#include "app/config.hpp"
#include "channels/twilio/api.hpp"

#include <string>

namespace ombud::demo {

using app::Config;

struct SignedWebhook {
  std::string target;     ///< path for POST, e.g. /webhooks/twilio/main
  std::string body;       ///< application/x-www-form-urlencoded
  std::string signature;  ///< X-Twilio-Signature
};

/// The inbound-message webhook Twilio sends for `text` from `from` to `account`.
SignedWebhook twilio_inbound_webhook(const Config& config, const channels::TwilioAccount& account,
                                     std::string_view from, std::string_view text,
                                     std::string_view message_sid);

/// A delivery status callback for `message_sid`.
SignedWebhook twilio_status_webhook(const Config& config, const channels::TwilioAccount& account,
                                    std::string_view message_sid, std::string_view status,
                                    std::string_view error_code = {});

/// A random 34-character MessageSid ("SM" + 32 hex digits).
std::string random_message_sid();

}  // namespace ombud::demo

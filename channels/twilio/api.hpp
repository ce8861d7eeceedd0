#pragma once
// Twilio Programmable Messaging (SMS): inbound webhooks, delivery callbacks, the Messages API
// and opt-out keywords (specs/CHANNELS.md §1).

#include "channels/channel.hpp"
#include "channels/common/form.hpp"
#include "channels/common/http_client.hpp"
#include "core/messages.hpp"

#include <boost/system/result.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ombud::channels {

inline constexpr std::string_view kTwilio = "twilio";

/// One Twilio account (or sub-account) the gateway receives for and sends from.
struct TwilioAccount {
  std::string id;           ///< ours: the {account} in /webhooks/twilio/{account}
  std::string account_sid;  ///< AC…
  std::string auth_token;   ///< signs webhooks, authenticates API calls
  std::string from;         ///< our number (E.164) or empty with messaging_service_sid
  std::string messaging_service_sid;
  std::string api_base = "https://api.twilio.com";
};


/// Normalises an inbound SMS webhook. Fails (malformed) without MessageSid or From.
boost::system::result<core::InboundMessage> parse_twilio_inbound(std::string_view account_id,
                                                                  const FormParams& params,
                                                                  std::int64_t now_ms);

/// A delivery status callback.
boost::system::result<DeliveryUpdate> parse_twilio_status(const FormParams& params);

/// The Messages API request for `message` (form To/From/Body/StatusCallback, Basic auth).
HttpRequest twilio_send_request(const TwilioAccount& account, const core::OutboundMessage& message,
                                std::string_view status_callback_url);
/// Any 2xx → accepted (with the sid when the body has one: a 2xx is success either way);
/// 429 and 5xx → transient; other statuses → permanent.
SendResult interpret_twilio_response(const HttpResponse& response);

/// The Messages API list request for the newest messages to `message.to` from our number.
HttpRequest twilio_lookup_request(const TwilioAccount& account,
                                  const core::OutboundMessage& message);
/// The messages of a list response, or nullopt when it is not one.
std::optional<std::vector<ProviderMessage>> parse_twilio_message_list(const HttpResponse& response);

/// The empty TwiML answer to an inbound webhook: ombud replies through the API instead, so
/// every reply goes through the outbox with its retries and status.
inline constexpr std::string_view kEmptyTwiml =
    R"(<?xml version="1.0" encoding="UTF-8"?><Response/>)";

}  // namespace ombud::channels

namespace ombud::channels {

/// Sends through the Messages API on one kept-alive connection. One per outbox worker.
class TwilioSender {
 public:
  TwilioSender(boost::asio::any_io_executor executor, std::chrono::milliseconds timeout);

  /// Never fails as a value: a network error or timeout is a transient SendResult.
  boost::asio::awaitable<SendResult> async_send(const TwilioAccount& account,
                                                const core::OutboundMessage& message,
                                                std::string status_callback_url);

  /// After an attempt with no known outcome: the provider's messages that could be it (same
  /// recipient and text, created at `since_ms` or later), newest first. An error when the
  /// provider could not be asked: then nothing is known and nothing may be sent.
  boost::asio::awaitable<boost::system::result<std::vector<ProviderMessage>>> async_find(
      const TwilioAccount& account, const core::OutboundMessage& message, std::int64_t since_ms);

 private:
  HttpClient http_;
};

}  // namespace ombud::channels

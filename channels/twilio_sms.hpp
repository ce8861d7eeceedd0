#pragma once
// Twilio Programmable Messaging (SMS): inbound webhooks, delivery callbacks, the Messages API
// and opt-out keywords (specs/CHANNELS.md §1).

#include "channels/form.hpp"
#include "channels/http_client.hpp"
#include "store/messages.hpp"

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

enum class OptKeyword { none, stop, start, help };

/// The words that opt a sender out and back in, matched against the whole trimmed,
/// upper-cased message. CANCEL, REVOKE and OPTOUT (on Twilio's own list) are left out: in a
/// dialog "cancel" means leaving the conversation, not unsubscribing. 退订 and TD are the
/// Chinese carriers' convention ("回复TD退订").
struct OptWords {
  std::vector<std::string> stop{"STOP", "UNSUBSCRIBE", "END", "QUIT", "STOPALL", "退订", "TD"};
  std::vector<std::string> start{"START", "UNSTOP"};
};

/// STOP/START/HELP: Twilio's OptOutType when present (authoritative), otherwise the trimmed,
/// upper-cased text against `words` (HELP/INFO are left to the provider).
OptKeyword opt_keyword(const store::InboundMessage& message, const OptWords& words = {});

/// Normalises an inbound SMS webhook. Fails (malformed) without MessageSid or From.
boost::system::result<store::InboundMessage> parse_twilio_inbound(std::string_view account_id,
                                                                  const FormParams& params,
                                                                  std::int64_t now_ms);

/// A delivery status callback: the provider message id and our status for it, if it maps to
/// one (queued/accepted/… carry no news and give nullopt).
struct DeliveryUpdate {
  std::string provider_id;
  std::optional<store::DeliveryStatus> status;
  std::string error_code;
};
boost::system::result<DeliveryUpdate> parse_twilio_status(const FormParams& params);

/// What a provider said to a send.
struct SendResult {
  /// uncertain: no answer came after the request was (or may have been) written; the
  /// provider may have sent the message.
  enum class Kind { accepted, transient, uncertain, permanent };
  Kind kind = Kind::transient;
  std::string provider_id;  ///< for accepted
  std::string error;        ///< for the others: "http 400 code 21610: …"
};

/// The Messages API request for `message` (form To/From/Body/StatusCallback, Basic auth).
HttpRequest twilio_send_request(const TwilioAccount& account, const store::OutboundMessage& message,
                                std::string_view status_callback_url);
/// Any 2xx → accepted (with the sid when the body has one: a 2xx is success either way);
/// 429 and 5xx → transient; other statuses → permanent.
SendResult interpret_twilio_response(const HttpResponse& response);

/// A message as the provider lists it.
struct ProviderMessage {
  std::string sid;
  std::string to;
  std::string body;
  std::int64_t created_ms = 0;  ///< 0 when the date could not be read
};
/// The Messages API list request for the newest messages to `message.to` from our number.
HttpRequest twilio_lookup_request(const TwilioAccount& account,
                                  const store::OutboundMessage& message);
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
                                                const store::OutboundMessage& message,
                                                std::string status_callback_url);

  /// After an attempt with no known outcome: the provider's messages that could be it (same
  /// recipient and text, created at `since_ms` or later), newest first. An error when the
  /// provider could not be asked: then nothing is known and nothing may be sent.
  boost::asio::awaitable<boost::system::result<std::vector<ProviderMessage>>> async_find(
      const TwilioAccount& account, const store::OutboundMessage& message, std::int64_t since_ms);

 private:
  HttpClient http_;
};

}  // namespace ombud::channels

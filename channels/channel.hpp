#pragma once
// What a channel is to the rest of ombud. A provider (Twilio SMS, the generic JSON webhook, …)
// lives in its own folder under channels/ and implements `Channel`: the webhooks it serves,
// how it verifies and parses them into messages and delivery updates, how it acknowledges,
// and a `Sender` for what goes out. It registers itself in one line of channels/registry.cpp.
// Storing, acknowledging and sending are done once for every channel by app/.

#include "core/messages.hpp"
#include "http/http.hpp"
#include "http/router.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/system/result.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ombud::channels {

enum class OptKeyword { none, stop, start, help };

/// The words that opt a sender out and back in, matched against the whole trimmed,
/// upper-cased message. CANCEL, REVOKE and OPTOUT (on Twilio's own list) are left out: in a
/// dialog "cancel" means leaving the conversation, not unsubscribing. 退订 and TD are the
/// Chinese carriers' convention ("回复TD退订").
struct OptWords {
  std::vector<std::string> stop{"STOP", "UNSUBSCRIBE", "END", "QUIT", "STOPALL", "退订", "TD"};
  std::vector<std::string> start{"START", "UNSTOP"};
};

/// STOP/START/HELP: the provider's opt-out type when present (authoritative), otherwise the
/// trimmed, upper-cased text against `words` (HELP/INFO are left to the provider).
OptKeyword opt_keyword(const core::InboundMessage& message, const OptWords& words = {});

/// A delivery report: the provider's id of a message we sent and our status for it, if it
/// maps to one (queued/accepted/… carry no news and give nullopt).
struct DeliveryUpdate {
  std::string provider_id;
  std::optional<core::DeliveryStatus> status;
  std::string error_code;
  /// The account whose signature the callback carried: a status is applied only to that
  /// account's messages ("" for a provider whose message ids are its own, unguessable).
  std::string account = {};
};

/// One webhook a channel serves: its method, path pattern ({name} segments) and the largest
/// body it takes (past it, 413 before the body is read).
struct WebhookRoute {
  http::verb method = http::verb::post;
  std::string pattern;
  std::size_t body_limit = 64 * 1024;
};

/// What a verified webhook carries. `answer`: a request answered as it is, nothing stored
/// (a provider's GET handshake).
struct Parsed {
  std::vector<core::InboundMessage> messages;
  std::vector<DeliveryUpdate> updates;
  std::optional<http::Response> answer;
};

/// Why a webhook was refused: the error the caller gets (403 for a wrong signature, 400 for a
/// malformed body, …), in English for the provider's logs.
struct Refusal {
  http::ApiError error;
  std::string message;
};

/// What a provider said to a send.
struct SendResult {
  /// uncertain: no answer came after the request was (or may have been) written; the
  /// provider may have sent the message.
  enum class Kind { accepted, transient, uncertain, permanent };
  Kind kind = Kind::transient;
  std::string provider_id;  ///< for accepted
  std::string error;        ///< for the others: "http 400 code 21610: …"
};

/// A message as the provider lists it.
struct ProviderMessage {
  std::string sid;
  std::string to;
  std::string body;
  std::int64_t created_ms = 0;  ///< 0 when the date could not be read
};

/// Sends one channel's messages, on kept-alive connections. One per outbox sender; used by
/// one coroutine at a time.
class Sender {
 public:
  virtual ~Sender() = default;
  /// Never fails as a value: a network error or timeout is a transient or uncertain result;
  /// an account the channel does not have is permanent.
  virtual boost::asio::awaitable<SendResult> async_send(const core::OutboundMessage& message) = 0;
  /// After an attempt with no known outcome: the provider's messages that could be it (same
  /// recipient and text, created at `since_ms` or later), newest first; empty when none is
  /// (then it is sent again). An error when the provider could not be asked: then nothing is
  /// known and nothing may be sent.
  virtual boost::asio::awaitable<boost::system::result<std::vector<ProviderMessage>>> async_find(
      const core::OutboundMessage& message, std::int64_t since_ms) = 0;
};

/// What the rest of ombud may rely on about a channel.
struct Capabilities {
  /// Addresses are phone numbers: staff may write on it (recognised by their phone), and it
  /// can carry notices to a phone (SMS).
  bool phone_addresses = false;
};

/// One configured provider with its accounts.
class Channel {
 public:
  virtual ~Channel() = default;
  /// The name in messages, keys and config ("twilio").
  virtual std::string_view name() const = 0;
  virtual Capabilities capabilities() const = 0;
  virtual std::vector<WebhookRoute> routes() const = 0;
  /// Verifies and parses a request to `routes()[route]`. Pure: nothing is stored here.
  virtual std::variant<Parsed, Refusal> parse(std::size_t route, const http::Request& request,
                                              const http::RouteParams& params,
                                              std::int64_t now_ms) const = 0;
  /// The answer once everything the request carried is stored (TwiML, {"ok":true}, …).
  virtual http::Response ack(const http::Request& request) const = 0;
  /// Whether `message` opts its sender out or back in (none for channels without opt-out).
  virtual OptKeyword opt_keyword(const core::InboundMessage& message) const = 0;
  /// Our accounts on the provider, by id; the first is the default for notices.
  virtual std::vector<std::string> accounts() const = 0;
  virtual std::unique_ptr<Sender> make_sender(boost::asio::any_io_executor executor,
                                              std::chrono::milliseconds timeout) const = 0;
};

}  // namespace ombud::channels

#pragma once
// The generic JSON webhook: the integration point for a system without a built-in channel
// (an app's chat, a CRM, a call-centre platform). One JSON event per request to
// POST /webhooks/generic/{id}, signed with the account's secret:
//   X-Ombud-Timestamp: unix seconds (within five minutes of ours)
//   X-Ombud-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>
// Events: {"type":"message","id":"…","from":"…","text":"…"} and
//         {"type":"status","id":"<our message id>","status":"sent|delivered|undelivered|failed",
//          "error":"…"}.
// Replies are POSTed to the account's reply_url as {"id","to","text"}, signed the same way; the
// receiver answers 2xx and treats "id" as an idempotency key (a send whose answer was lost is
// sent again with the same id).

#include "channels/registry.hpp"

#include <memory>
#include <string>
#include <vector>

namespace ombud::channels::generic {

inline constexpr std::string_view kGeneric = "generic";
inline constexpr std::int64_t kTimestampTolerance = 300;  ///< seconds either way

struct GenericAccount {
  std::string id;         ///< the {id} in /webhooks/generic/{id}
  std::string secret;     ///< signs both directions
  std::string reply_url;  ///< where replies are POSTed
};

/// The signature headers' value for `body` sent at `timestamp` (unix seconds).
std::string signature(std::string_view secret, std::string_view timestamp, std::string_view body);

/// Parses one event body (already verified). A refusal names what is missing or malformed.
std::variant<Parsed, Refusal> parse_event(std::string_view account_id, std::string_view body,
                                          std::int64_t now_ms);

class GenericChannel final : public Channel {
 public:
  explicit GenericChannel(std::vector<GenericAccount> accounts);

  std::string_view name() const override { return kGeneric; }
  Capabilities capabilities() const override;
  std::vector<WebhookRoute> routes() const override;
  std::variant<Parsed, Refusal> parse(std::size_t route, const http::Request& request,
                                      const http::RouteParams& params,
                                      std::int64_t now_ms) const override;
  http::Response ack(const http::Request& request) const override;
  OptKeyword opt_keyword(const core::InboundMessage& message) const override;
  std::vector<std::string> accounts() const override;
  std::unique_ptr<Sender> make_sender(boost::asio::any_io_executor executor,
                                      std::chrono::milliseconds timeout) const override;

  const GenericAccount* find(std::string_view id) const;

 private:
  std::vector<GenericAccount> accounts_;
};

/// Reads channels.generic: a list of {id, secret, reply_url}.
std::shared_ptr<const Channel> load(core::Reader& reader, const YAML::Node& section,
                                    const std::string& path, const ChannelContext& context);

}  // namespace ombud::channels::generic

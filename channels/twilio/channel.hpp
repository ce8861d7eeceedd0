#pragma once
// Twilio Programmable Messaging as a channel: inbound SMS and delivery callbacks on
// /webhooks/twilio/{account}[/status] (X-Twilio-Signature), sends through the Messages API.

#include "channels/registry.hpp"
#include "channels/twilio/api.hpp"

#include <memory>
#include <vector>

namespace ombud::channels::twilio {

class TwilioChannel final : public Channel {
 public:
  TwilioChannel(std::vector<TwilioAccount> accounts, ChannelContext context);

  std::string_view name() const override { return kTwilio; }
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

  const TwilioAccount* find(std::string_view id) const;
  const std::vector<TwilioAccount>& twilio_accounts() const { return accounts_; }
  /// The same channel sending to another API base (a sandbox or a test's fake Twilio).
  std::shared_ptr<const Channel> with_api_base(const std::string& api_base) const;
  /// The delivery callback URL given to Twilio for messages sent from `account_id`.
  std::string status_callback_url(std::string_view account_id) const;

 private:
  std::vector<TwilioAccount> accounts_;
  ChannelContext context_;
};

/// The configured Twilio channel, or nullptr.
const TwilioChannel* find_in(const ChannelSet& channels);

/// Reads channels.twilio: a list of accounts.
std::shared_ptr<const Channel> load(core::Reader& reader, const YAML::Node& section,
                                    const std::string& path, const ChannelContext& context);

}  // namespace ombud::channels::twilio

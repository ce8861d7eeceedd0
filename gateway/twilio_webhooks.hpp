#pragma once
// POST /webhooks/twilio/{account} and /webhooks/twilio/{account}/status.

#include "gateway/clock.hpp"
#include "gateway/config.hpp"
#include "gateway/metrics.hpp"
#include "gateway/router.hpp"
#include "store/inbox.hpp"
#include "store/outbox.hpp"

namespace ombud::gateway {

/// Verifies, parses and durably accepts Twilio webhooks. The inbound handler answers only
/// after the message is in the inbox (or recognised as a retry); when Redis cannot take it,
/// 503 with Retry-After so that Twilio tries again.
class TwilioWebhooks {
 public:
  /// `clock` stamps received messages; it must outlive this.
  TwilioWebhooks(const Config& config, store::Inbox& inbox, store::Outbox& outbox, Metrics& metrics,
                 const Clock& clock);

  void register_routes(Router& router);

  boost::asio::awaitable<Response> async_inbound(Request request, RouteParams params);
  boost::asio::awaitable<Response> async_status(Request request, RouteParams params);

  /// The status callback URL given to Twilio for messages sent from `account_id`.
  std::string status_callback_url(std::string_view account_id) const;

 private:
  const Config& config_;
  store::Inbox& inbox_;
  store::Outbox& outbox_;
  Metrics& metrics_;
  const Clock& clock_;
};

}  // namespace ombud::gateway

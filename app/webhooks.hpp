#pragma once
// Every channel's webhooks, served by one endpoint: the channel verifies and parses, this
// stores what the request carries and answers with the channel's acknowledgement.

#include "app/metrics.hpp"
#include "channels/registry.hpp"
#include "core/clock.hpp"
#include "http/router.hpp"
#include "store/inbox.hpp"
#include "store/outbox.hpp"

namespace ombud::app {

/// The answer comes only after every message is in the inbox (or recognised as a retry) and
/// every delivery update is recorded; when Redis cannot take them, 503 with Retry-After so that
/// the provider tries again (what was stored is recognised then).
class Webhooks {
 public:
  /// Everything given must outlive this.
  Webhooks(const channels::ChannelSet& channels, store::Inbox& inbox, store::Outbox& outbox,
           Metrics& metrics, const core::Clock& clock);

  /// Adds each channel's routes, with their body limits.
  void register_routes(http::Router& router);

  boost::asio::awaitable<http::Response> async_handle(const channels::Channel& channel,
                                                      std::size_t route, http::Request request,
                                                      http::RouteParams params);

 private:
  const channels::ChannelSet& channels_;
  store::Inbox& inbox_;
  store::Outbox& outbox_;
  Metrics& metrics_;
  const core::Clock& clock_;
};

}  // namespace ombud::app

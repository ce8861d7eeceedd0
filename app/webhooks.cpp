#include "app/webhooks.hpp"

#include "core/log_throttle.hpp"
#include "core/text.hpp"

#include <spdlog/spdlog.h>

namespace ombud::app {

namespace asio = boost::asio;

namespace {

http::Response store_failure(const http::Request& req, std::string_view channel,
                             const boost::system::error_code& ec) {
  static core::LogThrottle throttle;  // an outage answers every webhook 503: one line a second
  if (auto suppressed = throttle.pass())
    spdlog::warn("{}: storage unavailable ({}); answering 503 ({} more since the last line)",
                 channel, ec.message(), *suppressed);
  return http::error_response(http::ApiError::unavailable, "storage unavailable, retry later",
                              req.version(), req.keep_alive());
}

}  // namespace

Webhooks::Webhooks(const channels::ChannelSet& channels, store::Inbox& inbox,
                   store::Outbox& outbox, Metrics& metrics, const core::Clock& clock)
    : channels_(channels), inbox_(inbox), outbox_(outbox), metrics_(metrics), clock_(clock) {}

void Webhooks::register_routes(http::Router& router) {
  for (const auto& channel : channels_.all()) {
    const auto routes = channel->routes();
    for (std::size_t i = 0; i < routes.size(); ++i) {
      const channels::Channel* c = channel.get();
      router.add(
          routes[i].method, routes[i].pattern,
          [this, c, i](http::Request r, http::RouteParams p) {
            return async_handle(*c, i, std::move(r), std::move(p));
          },
          routes[i].body_limit);
    }
  }
}

asio::awaitable<http::Response> Webhooks::async_handle(const channels::Channel& channel,
                                                       std::size_t route, http::Request req,
                                                       http::RouteParams params) {
  auto checked = channel.parse(route, req, params, clock_.now_ms());
  if (auto* refusal = std::get_if<channels::Refusal>(&checked))
    co_return http::error_response(refusal->error, refusal->message, req.version(),
                                   req.keep_alive());
  auto& parsed = std::get<channels::Parsed>(checked);
  if (parsed.answer) co_return std::move(*parsed.answer);
  for (const auto& message : parsed.messages) {
    auto ingested = co_await inbox_.async_ingest(message);
    if (!ingested) co_return store_failure(req, channel.name(), ingested.error());
    if (*ingested == store::IngestResult::accepted)
      ++metrics_.inbound_accepted;
    else
      ++metrics_.inbound_duplicate;
  }
  for (const auto& update : parsed.updates) {
    if (!update.status) continue;  // no news
    auto applied =
        co_await outbox_.async_delivery_status(std::string(channel.name()), update.provider_id,
                                               *update.status, update.error_code, clock_.now_ms(),
                                               update.account);
    if (!applied) co_return store_failure(req, channel.name(), applied.error());
    if (!*applied)
      spdlog::info("{}: status for unknown message {}", channel.name(),
                   core::log_safe(update.provider_id));
  }
  co_return channel.ack(req);
}

}  // namespace ombud::app

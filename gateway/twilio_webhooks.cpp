#include "gateway/twilio_webhooks.hpp"

#include "channels/twilio_signature.hpp"
#include "gateway/clock.hpp"
#include "store/errors.hpp"
#include "store/log_throttle.hpp"
#include "store/text_hash.hpp"

#include <spdlog/spdlog.h>

#include <variant>

namespace ombud::gateway {

namespace asio = boost::asio;
using channels::FormParams;

namespace {

Response twiml_ok(const Request& req) {
  Response res{http::status::ok, req.version()};
  res.set(http::field::content_type, "text/xml");
  res.keep_alive(req.keep_alive());
  res.body() = channels::kEmptyTwiml;
  res.prepare_payload();
  return res;
}

Response fail(const Request& req, ApiError e, std::string_view message) {
  return error_response(e, message, req.version(), req.keep_alive());
}

Response store_failure(const Request& req, const boost::system::error_code& ec) {
  static store::LogThrottle throttle;  // an outage answers every webhook 503: one line a second
  if (auto suppressed = throttle.pass())
    spdlog::warn("twilio: storage unavailable ({}); answering 503 ({} more since the last line)",
                 ec.message(), *suppressed);
  return fail(req, ApiError::unavailable, "storage unavailable, retry later");
}

}  // namespace

TwilioWebhooks::TwilioWebhooks(const Config& config, store::Inbox& inbox, store::Outbox& outbox,
                               Metrics& metrics, const Clock& clock)
    : config_(config), inbox_(inbox), outbox_(outbox), metrics_(metrics), clock_(clock) {}

void TwilioWebhooks::register_routes(Router& router) {
  router.add(http::verb::post, "/webhooks/twilio/{account}", [this](Request r, RouteParams p) {
    return async_inbound(std::move(r), std::move(p));
  });
  router.add(http::verb::post, "/webhooks/twilio/{account}/status",
             [this](Request r, RouteParams p) { return async_status(std::move(r), std::move(p)); });
}

std::string TwilioWebhooks::status_callback_url(std::string_view account_id) const {
  return config_.server.public_base_url + "/webhooks/twilio/" + std::string(account_id) + "/status";
}

// The checks every Twilio webhook passes, in order: known account, form body, signature.
// Either the decoded form or the response refusing the request.
static std::variant<FormParams, Response> verified_form(const Config& config, const Request& req,
                                                        const RouteParams& params) {
  if (!is_media_type(req[http::field::content_type], "application/x-www-form-urlencoded"))
    return fail(req, ApiError::unsupported_media_type,
                "expected application/x-www-form-urlencoded");
  auto form = channels::parse_form(req.body());
  if (!form) return fail(req, ApiError::bad_request, "malformed form body");
  // An unknown account is refused like a wrong signature: the answer must not tell which
  // accounts exist.
  const auto* account = config.find_twilio(params.find("account")->second);
  const std::string url = config.server.public_base_url + std::string(req.target());
  if (account == nullptr || !channels::verify_twilio_signature(account->auth_token, url, *form,
                                                               req["X-Twilio-Signature"]))
    return fail(req, ApiError::forbidden, "missing or invalid X-Twilio-Signature");
  return std::move(*form);
}

asio::awaitable<Response> TwilioWebhooks::async_inbound(Request req, RouteParams params) {
  auto checked = verified_form(config_, req, params);
  if (auto* refusal = std::get_if<Response>(&checked)) co_return std::move(*refusal);
  auto message = channels::parse_twilio_inbound(params["account"], std::get<FormParams>(checked),
                                                clock_.now_ms());
  if (!message) co_return fail(req, ApiError::bad_request, "MessageSid and From are required");

  auto ingested = co_await inbox_.async_ingest(*message);
  if (!ingested) co_return store_failure(req, ingested.error());
  if (*ingested == store::IngestResult::accepted)
    ++metrics_.inbound_accepted;
  else
    ++metrics_.inbound_duplicate;
  co_return twiml_ok(req);
}

asio::awaitable<Response> TwilioWebhooks::async_status(Request req, RouteParams params) {
  auto checked = verified_form(config_, req, params);
  if (auto* refusal = std::get_if<Response>(&checked)) co_return std::move(*refusal);
  auto update = channels::parse_twilio_status(std::get<FormParams>(checked));
  if (!update)
    co_return fail(req, ApiError::bad_request, "MessageSid and MessageStatus are required");
  if (update->status) {
    auto applied =
        co_await outbox_.async_delivery_status(std::string(channels::kTwilio), update->provider_id,
                                               *update->status, update->error_code, clock_.now_ms());
    if (!applied) co_return store_failure(req, applied.error());
    if (!*applied) spdlog::info("twilio: status for unknown message {}",
                                store::log_safe(update->provider_id));
  }
  co_return twiml_ok(req);
}

}  // namespace ombud::gateway

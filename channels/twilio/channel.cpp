#include "channels/twilio/channel.hpp"

#include "channels/twilio/signature.hpp"


namespace ombud::channels::twilio {

namespace {

enum Route : std::size_t { inbound, status };

// Sends from the account a message names, with its delivery callback.
class TwilioChannelSender final : public Sender {
 public:
  TwilioChannelSender(const TwilioChannel& channel, boost::asio::any_io_executor executor,
                      std::chrono::milliseconds timeout)
      : channel_(channel), sender_(std::move(executor), timeout) {}

  boost::asio::awaitable<SendResult> async_send(const core::OutboundMessage& m) override {
    const auto* account = channel_.find(m.account);
    if (account == nullptr)
      co_return SendResult{SendResult::Kind::permanent, {}, "no such twilio account: " + m.account};
    co_return co_await sender_.async_send(*account, m, channel_.status_callback_url(m.account));
  }

  boost::asio::awaitable<boost::system::result<std::vector<ProviderMessage>>> async_find(
      const core::OutboundMessage& m, std::int64_t since_ms) override {
    const auto* account = channel_.find(m.account);
    if (account == nullptr) co_return std::vector<ProviderMessage>{};
    co_return co_await sender_.async_find(*account, m, since_ms);
  }

 private:
  const TwilioChannel& channel_;
  TwilioSender sender_;
};

}  // namespace

TwilioChannel::TwilioChannel(std::vector<TwilioAccount> accounts, ChannelContext context)
    : accounts_(std::move(accounts)), context_(std::move(context)) {}

Capabilities TwilioChannel::capabilities() const {
  return {.phone_addresses = true};
}

std::vector<WebhookRoute> TwilioChannel::routes() const {
  return {{http::verb::post, "/webhooks/twilio/{account}"},
          {http::verb::post, "/webhooks/twilio/{account}/status"}};
}

const TwilioAccount* TwilioChannel::find(std::string_view id) const {
  for (const auto& a : accounts_)
    if (a.id == id) return &a;
  return nullptr;
}

std::vector<std::string> TwilioChannel::accounts() const {
  std::vector<std::string> ids;
  for (const auto& a : accounts_) ids.push_back(a.id);
  return ids;
}

std::shared_ptr<const Channel> TwilioChannel::with_api_base(const std::string& api_base) const {
  auto accounts = accounts_;
  for (auto& a : accounts) a.api_base = api_base;
  return std::make_shared<TwilioChannel>(std::move(accounts), context_);
}

const TwilioChannel* find_in(const ChannelSet& channels) {
  return dynamic_cast<const TwilioChannel*>(channels.find(kTwilio));
}

std::string TwilioChannel::status_callback_url(std::string_view account_id) const {
  return context_.public_base_url + "/webhooks/twilio/" + std::string(account_id) + "/status";
}

// The checks every Twilio webhook passes, in order: form body, known account, signature.
std::variant<Parsed, Refusal> TwilioChannel::parse(std::size_t route, const http::Request& req,
                                                   const http::RouteParams& params,
                                                   std::int64_t now_ms) const {
  if (!http::is_media_type(req[http::field::content_type], "application/x-www-form-urlencoded"))
    return Refusal{http::ApiError::unsupported_media_type,
                   "expected application/x-www-form-urlencoded"};
  auto form = parse_form(req.body());
  if (!form) return Refusal{http::ApiError::bad_request, "malformed form body"};
  // An unknown account is refused like a wrong signature: the answer must not tell which
  // accounts exist.
  const auto account_id = params.find("account")->second;
  const auto* account = find(account_id);
  const std::string url = context_.public_base_url + std::string(req.target());
  if (account == nullptr ||
      !verify_twilio_signature(account->auth_token, url, *form, req["X-Twilio-Signature"]))
    return Refusal{http::ApiError::forbidden, "missing or invalid X-Twilio-Signature"};
  Parsed parsed;
  if (route == Route::inbound) {
    auto message = parse_twilio_inbound(account_id, *form, now_ms);
    if (!message) return Refusal{http::ApiError::bad_request, "MessageSid and From are required"};
    parsed.messages.push_back(std::move(*message));
  } else {
    auto update = parse_twilio_status(*form);
    if (!update)
      return Refusal{http::ApiError::bad_request, "MessageSid and MessageStatus are required"};
    parsed.updates.push_back(std::move(*update));
  }
  return parsed;
}

http::Response TwilioChannel::ack(const http::Request& req) const {
  http::Response res{http::status::ok, req.version()};
  res.set(http::field::content_type, "text/xml");
  res.keep_alive(req.keep_alive());
  res.body() = kEmptyTwiml;
  res.prepare_payload();
  return res;
}

OptKeyword TwilioChannel::opt_keyword(const core::InboundMessage& message) const {
  return channels::opt_keyword(message, context_.opt_words);
}

std::unique_ptr<Sender> TwilioChannel::make_sender(boost::asio::any_io_executor executor,
                                                   std::chrono::milliseconds timeout) const {
  return std::make_unique<TwilioChannelSender>(*this, std::move(executor), timeout);
}

std::shared_ptr<const Channel> load(core::Reader& r, const YAML::Node& list,
                                    const std::string& path, const ChannelContext& context) {
  auto accounts = read_accounts<TwilioAccount>(r, list, path, [](core::Section& n, TwilioAccount& a) {
    n.get("account_sid", a.account_sid, true);
    n.get("auth_token", a.auth_token, true);
    n.get("from", a.from);
    n.get("messaging_service_sid", a.messaging_service_sid);
    n.get("api_base", a.api_base);
    while (!a.api_base.empty() && a.api_base.back() == '/') a.api_base.pop_back();
    if (a.from.empty() && a.messaging_service_sid.empty())
      n.reader().problem(n.path(), "needs 'from' or 'messaging_service_sid'");
  });
  if (accounts.empty()) return nullptr;
  return std::make_shared<TwilioChannel>(std::move(accounts), context);
}

}  // namespace ombud::channels::twilio

#include "channels/generic/channel.hpp"

#include "channels/common/crypto.hpp"
#include "channels/common/http_client.hpp"
#include "channels/common/inbound_text.hpp"
#include "core/clock.hpp"
#include "core/text.hpp"

#include <simdjson.h>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/url/parse.hpp>

#include <algorithm>
#include <cstdlib>
#include <set>

namespace ombud::channels::generic {

namespace {

constexpr std::size_t kMaxId = 128;
constexpr std::size_t kMaxAddress = 256;

// The members of an event that ombud reads; each nullopt when absent or not a string.
struct Event {
  std::optional<std::string> type, id, from, to, text, status, error;

  std::optional<std::string>* slot(std::string_view key) {
    if (key == "type") return &type;
    if (key == "id") return &id;
    if (key == "from") return &from;
    if (key == "to") return &to;
    if (key == "text") return &text;
    if (key == "status") return &status;
    if (key == "error") return &error;
    return nullptr;
  }
};

// Reads the object's members in one pass, as simdjson's on-demand parser requires: after any
// error it must not be used again, so the first one ends the reading (nullopt: malformed).
// Unknown members are skipped; a known one that is not a string reads as absent.
std::optional<Event> read_event(simdjson::ondemand::object& object) {
  Event event;
  for (auto member : object) {
    std::string_view key;
    simdjson::ondemand::value value;
    if (member.unescaped_key().get(key) != simdjson::SUCCESS ||
        member.value().get(value) != simdjson::SUCCESS)
      return std::nullopt;
    auto* slot = event.slot(key);
    if (slot == nullptr) continue;
    simdjson::ondemand::json_type type;
    if (value.type().get(type) != simdjson::SUCCESS) return std::nullopt;
    if (type != simdjson::ondemand::json_type::string) continue;
    std::string_view text;
    if (value.get_string().get(text) != simdjson::SUCCESS) return std::nullopt;
    *slot = std::string(text);
  }
  return event;
}

std::optional<core::DeliveryStatus> status_from(std::string_view s) {
  if (s == "sent") return core::DeliveryStatus::sent;
  if (s == "delivered") return core::DeliveryStatus::delivered;
  if (s == "undelivered") return core::DeliveryStatus::undelivered;
  if (s == "failed") return core::DeliveryStatus::failed;
  return std::nullopt;
}

class GenericSender final : public Sender {
 public:
  GenericSender(const GenericChannel& channel, boost::asio::any_io_executor executor,
                std::chrono::milliseconds timeout)
      : channel_(channel), http_(std::move(executor), timeout) {}

  boost::asio::awaitable<SendResult> async_send(const core::OutboundMessage& m) override {
    const auto* account = channel_.find(m.account);
    if (account == nullptr)
      co_return SendResult{SendResult::Kind::permanent, {}, "no such generic account: " + m.account};
    HttpRequest request;
    request.url = account->reply_url;
    request.body = boost::json::serialize(boost::json::object{{"id", m.id}, {"to", m.to}, {"text", m.text}});
    const auto timestamp = std::to_string(core::unix_ms() / 1000);
    request.headers = {{"Content-Type", "application/json"},
                       {"X-Ombud-Timestamp", timestamp},
                       {"X-Ombud-Signature", signature(account->secret, timestamp, request.body)}};
    auto response = co_await http_.async_request(std::move(request));
    if (!response) {
      const auto kind = http_.may_have_arrived() ? SendResult::Kind::uncertain
                                                 : SendResult::Kind::transient;
      co_return SendResult{kind, {}, response.error().message()};
    }
    const auto status = response->status;
    if (status >= 200 && status < 300) co_return SendResult{SendResult::Kind::accepted, m.id, {}};
    const auto kind = status == 429 || status >= 500 ? SendResult::Kind::transient
                                                     : SendResult::Kind::permanent;
    co_return SendResult{kind, {}, "http " + std::to_string(status) + ": " +
                                       core::log_safe(response->body, 200)};
  }

  // The receiver de-duplicates by id: a message whose answer was lost is simply sent again.
  boost::asio::awaitable<boost::system::result<std::vector<ProviderMessage>>> async_find(
      const core::OutboundMessage&, std::int64_t) override {
    co_return std::vector<ProviderMessage>{};
  }

 private:
  const GenericChannel& channel_;
  HttpClient http_;
};

}  // namespace

std::string signature(std::string_view secret, std::string_view timestamp, std::string_view body) {
  std::string signed_text(timestamp);
  signed_text += '.';
  signed_text += body;
  return "sha256=" + hmac_sha256_hex(secret, signed_text);
}

std::variant<Parsed, Refusal> parse_event(std::string_view account_id, std::string_view body,
                                          std::int64_t now_ms) {
  const auto malformed = [](std::string what) {
    return Refusal{http::ApiError::bad_request, std::move(what)};
  };
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(body);
  simdjson::ondemand::document doc;
  simdjson::ondemand::object object;
  if (parser.iterate(padded).get(doc) != simdjson::SUCCESS ||
      doc.get_object().get(object) != simdjson::SUCCESS)
    return malformed("the body must be a JSON object");
  auto event = read_event(object);
  if (!event) return malformed("the body is not valid JSON");
  const auto& type = event->type;
  const auto& id = event->id;
  if (!type) return malformed("\"type\" is required");
  if (!id || !is_identifier(*id, kMaxId))
    return malformed("\"id\" is required: 1 to 128 letters, digits, '-' or '_'");
  Parsed parsed;
  if (*type == "message") {
    auto& from = event->from;
    auto& text = event->text;
    const auto control = [](unsigned char c) { return c < 0x20 || c == 0x7f; };
    if (!from || from->empty() || from->size() > kMaxAddress ||
        std::any_of(from->begin(), from->end(), control))
      return malformed("\"from\" is required: the sender's address, at most 256 bytes");
    if (!text) return malformed("\"text\" is required");
    core::InboundMessage m;
    m.channel = std::string(kGeneric);
    m.account = std::string(account_id);
    m.provider_id = *id;
    m.from = std::move(*from);
    m.to = event->to.value_or("");
    m.text = repair_utf8(*text);  // JSON strings are UTF-8 already; "\u0000" is not kept
    if (m.text != *text) m.raw_text = std::move(*text);
    m.received_ms = now_ms;
    parsed.messages.push_back(std::move(m));
  } else if (*type == "status") {
    const auto& status = event->status;
    if (!status) return malformed("\"status\" is required");
    DeliveryUpdate update{*id, status_from(*status), event->error.value_or(""),
                          std::string(account_id)};
    parsed.updates.push_back(std::move(update));
  } else {
    return malformed("\"type\" must be \"message\" or \"status\"");
  }
  return parsed;
}

GenericChannel::GenericChannel(std::vector<GenericAccount> accounts)
    : accounts_(std::move(accounts)) {}

Capabilities GenericChannel::capabilities() const {
  return {.phone_addresses = false};
}

std::vector<WebhookRoute> GenericChannel::routes() const {
  return {{http::verb::post, "/webhooks/generic/{id}", 64 * 1024}};
}

const GenericAccount* GenericChannel::find(std::string_view id) const {
  for (const auto& a : accounts_)
    if (a.id == id) return &a;
  return nullptr;
}

std::vector<std::string> GenericChannel::accounts() const {
  std::vector<std::string> ids;
  for (const auto& a : accounts_) ids.push_back(a.id);
  return ids;
}

std::variant<Parsed, Refusal> GenericChannel::parse(std::size_t, const http::Request& req,
                                                    const http::RouteParams& params,
                                                    std::int64_t now_ms) const {
  const auto& account_id = params.find("id")->second;
  const auto* account = find(account_id);
  const auto timestamp = req["X-Ombud-Timestamp"];
  const auto sent = core::to_int64(timestamp, -1);
  const bool fresh = sent >= 0 && std::abs(sent - now_ms / 1000) <= kTimestampTolerance;
  // An unknown account, a stale timestamp and a wrong signature look alike to the caller.
  if (account == nullptr || !fresh ||
      !equal_constant_time(signature(account->secret, timestamp, req.body()),
                           req["X-Ombud-Signature"]))
    return Refusal{http::ApiError::forbidden,
                   "missing or invalid X-Ombud-Signature or X-Ombud-Timestamp"};
  if (!http::is_media_type(req[http::field::content_type], "application/json"))
    return Refusal{http::ApiError::unsupported_media_type, "expected application/json"};
  return parse_event(account_id, req.body(), now_ms);
}

http::Response GenericChannel::ack(const http::Request& req) const {
  return http::json_response(R"({"ok":true})", req.version(), req.keep_alive());
}

OptKeyword GenericChannel::opt_keyword(const core::InboundMessage&) const {
  return OptKeyword::none;  // the integrating system owns its users' subscriptions
}

std::unique_ptr<Sender> GenericChannel::make_sender(boost::asio::any_io_executor executor,
                                                    std::chrono::milliseconds timeout) const {
  return std::make_unique<GenericSender>(*this, std::move(executor), timeout);
}

std::shared_ptr<const Channel> load(core::Reader& r, const YAML::Node& list,
                                    const std::string& path, const ChannelContext&) {
  auto accounts = read_accounts<GenericAccount>(r, list, path, [](core::Section& n, GenericAccount& a) {
    n.get("secret", a.secret, true);
    n.get("reply_url", a.reply_url, true);
    if (!a.secret.empty() && a.secret.size() < 16)
      n.problem("secret", "must be at least 16 characters");
    if (!a.reply_url.empty() && !boost::urls::parse_absolute_uri(a.reply_url))
      n.problem("reply_url", "is not an absolute URL");
  });
  if (accounts.empty()) return nullptr;
  return std::make_shared<GenericChannel>(std::move(accounts));
}

}  // namespace ombud::channels::generic

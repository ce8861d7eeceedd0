#include "console/api.hpp"

#include "console/call.hpp"
#include "console/requests.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cmath>

namespace ombud::console {

namespace asio = boost::asio;
namespace json = boost::json;
using http::ApiError;

int RateLimiter::take(const std::string& key, std::int64_t now_ms, double amount) {
  const double capacity = burst_ > 0 ? burst_ : std::max(1.0, per_minute_ / 10.0);
  const double per_ms = per_minute_ / 60000.0;
  std::lock_guard lock(mutex_);
  if (buckets_.size() >= 100000)  // forget the buckets that have filled up again
    std::erase_if(buckets_, [&](const auto& kv) {
      return kv.second.tokens + static_cast<double>(now_ms - kv.second.at_ms) * per_ms >= capacity;
    });
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{capacity, now_ms});
  auto& b = it->second;
  b.tokens = std::min(capacity, b.tokens + static_cast<double>(now_ms - b.at_ms) * per_ms);
  b.at_ms = now_ms;
  if (b.tokens >= 1.0) {
    b.tokens -= amount;
    return 0;
  }
  return std::max(1, static_cast<int>(std::ceil((1.0 - b.tokens) / per_ms / 1000.0)));
}

bool FeedCounter::try_open(const std::string& account, int per_account, int total) {
  std::lock_guard lock(mutex_);
  auto& mine = per_account_[account];
  if (mine >= per_account || total_ >= total) {
    if (mine == 0) per_account_.erase(account);
    return false;
  }
  ++mine;
  ++total_;
  return true;
}

void FeedCounter::close(const std::string& account) {
  std::lock_guard lock(mutex_);
  auto it = per_account_.find(account);
  if (it == per_account_.end()) return;
  --total_;
  if (--it->second == 0) per_account_.erase(it);
}

int FeedCounter::open() const {
  std::lock_guard lock(mutex_);
  return total_;
}

int RateLimiter::retry_after(const std::string& key, std::int64_t now_ms) {
  return take(key, now_ms, 1.0);
}

int RateLimiter::blocked_for(const std::string& key, std::int64_t now_ms) {
  return take(key, now_ms, 0.0);
}

Api::Api(Services services)
    : s_(std::move(services)),
      agents_(s_.redis, s_.keys),
      tickets_(s_.redis, s_.keys),
      incidents_(s_.redis, s_.keys),
      desk_service_(s_.redis, s_.keys, s_.desk, s_.clock, s_.settings.idempotency_ttl),
      directories_(s_.redis, s_.keys) {}

void Api::register_routes(http::Router& router) {
  namespace p = permission;
  auto add = [&](http::verb verb, std::string pattern, std::string_view needs, Endpoint e,
                 std::string_view action = {}) {
    router.add(verb, std::move(pattern),
               [this, needs, e, action](http::Request r, http::RouteParams params) {
                 return serve(std::move(r), std::move(params), needs, e, action);
               });
  };
  router.add(http::verb::get, "/api/v1/openapi.json", [](http::Request r, http::RouteParams) {
    return [](http::Request r) -> asio::awaitable<http::Response> {
      co_return http::json_response(openapi_document(), r.version(), r.keep_alive());
    }(std::move(r));
  });
  add(http::verb::get, "/api/v1/me", {}, &Api::me);
  add(http::verb::get, "/api/v1/tickets", p::tickets_read, &Api::list_tickets);
  add(http::verb::post, "/api/v1/tickets", p::tickets_register, &Api::register_ticket);
  add(http::verb::get, "/api/v1/tickets/{number}", p::tickets_read, &Api::get_ticket);
  add(http::verb::get, "/api/v1/tickets/{number}/customer", p::customers_read, &Api::get_customer);
  for (const auto& row : tickets::command_table())
    if (row.staff())
      add(http::verb::post, "/api/v1/tickets/{number}/" + std::string(row.name), row.permission,
          &Api::act, row.name);
  add(http::verb::get, "/api/v1/handoffs", p::handoffs_work, &Api::list_handoffs);
  for (const auto& spec : handoff_specs())
    add(http::verb::post, "/api/v1/handoffs/{number}/" + std::string(spec.action), spec.permission,
        &Api::handoff_act, spec.action);
  add(http::verb::get, "/api/v1/incidents", p::incidents_read, &Api::list_incidents);
  add(http::verb::get, "/api/v1/incidents/{id}", p::incidents_read, &Api::get_incident);
  add(http::verb::post, "/api/v1/incidents/{id}/record", p::incidents_write, &Api::record_incident);
  add(http::verb::post, "/api/v1/incidents/{id}/announce", p::incidents_write, &Api::announce_incident);
  add(http::verb::get, "/api/v1/agents", p::agents_manage, &Api::list_agents);
  add(http::verb::get, "/api/v1/departments", p::directory_read, &Api::get_departments);
  add(http::verb::put, "/api/v1/departments", p::directory_write, &Api::put_departments);
  router.add_stream("/api/v1/events",
                    [this](http::Request r, http::RouteParams params, http::EventStream& out) {
                      return stream_events(std::move(r), std::move(params), out);
                    });
}

namespace {

std::string_view bearer(const http::Request& request) {
  const auto header = request[http::field::authorization];
  constexpr std::string_view kScheme = "Bearer ";
  if (header.size() <= kScheme.size() ||
      !boost::beast::iequals(header.substr(0, kScheme.size()), kScheme))
    return {};
  return header.substr(kScheme.size());
}

http::Response unauthorized(const http::Request& request, std::string_view why) {
  auto res = http::error_response(ApiError::unauthorized, why, request.version(),
                                  request.keep_alive());
  res.set(http::field::www_authenticate, "Bearer");
  return res;
}

}  // namespace

// The directory at `v`, read again only when the version changed.
asio::awaitable<std::shared_ptr<const tickets::Directory>> Api::async_directory(long long v) {
  if (v < 0 || v == directory_version_) co_return directory_;
  auto stored = co_await directories_.async_get();
  if (stored && *stored) {
    if (auto parsed = tickets::Directory::from_json((*stored)->json)) {
      directory_ = std::make_shared<const tickets::Directory>(std::move(*parsed));
      directory_version_ = v;
    }
  }
  co_return directory_;
}

// Who calls (the bearer token's account), within their rate, with the permission `needs`:
// fills `call` in, or returns the refusal.
asio::awaitable<std::optional<http::Response>> Api::async_admit(Call& call, std::string_view needs) {
  const auto& request = call.request;
  // A source that keeps presenting bad tokens is slowed down before anything is looked up.
  std::string peer;  // (no ?: with strings in a coroutine: GCC 12)
  if (auto it = call.params.find(http::kPeerParam); it != call.params.end()) peer = it->second;
  const auto now = s_.clock.now_ms();
  if (const int wait = s_.auth_failures.blocked_for(peer, now); wait > 0) {
    auto res = call.error(ApiError::too_many_requests,
                          "too many failed authentications from this address; try later");
    res.set(http::field::retry_after, std::to_string(wait));
    co_return res;
  }
  auto failed = [&](std::string_view why) {
    s_.auth_failures.retry_after(peer, now);
    return unauthorized(request, why);
  };
  if (request.count(http::field::authorization) > 1)
    co_return call.error(ApiError::bad_request, "one Authorization header, not several");
  const auto token = std::string(bearer(request));
  if (token.empty()) co_return failed("a bearer token is required");
  auto session = co_await agents_.async_session(token);
  if (!session)
    co_return call.error(ApiError::unavailable, "the store is not answering; try again");
  auto& account = session->account;
  if (!account) co_return failed("the token is unknown, replaced or disabled");
  const int wait = s_.limiter.retry_after(account->id, s_.clock.now_ms());
  if (wait > 0) {
    auto res = call.error(ApiError::too_many_requests, "too many requests for this token");
    res.set(http::field::retry_after, std::to_string(wait));
    co_return res;
  }
  const auto role = account->role;
  if (!needs.empty() && !s_.settings.allows(role, needs))
    co_return call.error(ApiError::forbidden,
                         "the role " + role + " lacks the permission " + std::string(needs),
                         {{"permission", needs}});
  call.account = std::move(*account);
  call.all_departments = s_.settings.allows(role, permission::tickets_read_all);
  call.see_phones = s_.settings.allows(role, permission::customers_phone);
  call.directory = co_await async_directory(session->directory_version);
  // Refusals in the person's language: the directory's, else what the client asks for.
  const tickets::StaffMember* member = nullptr;
  if (call.directory && !call.account.phone.empty())
    member = call.directory->staff(call.account.phone).second;
  if (member != nullptr)
    call.language = member->language == "en" ? core::Language::en : core::Language::zh;
  else if (request[http::field::accept_language].starts_with("en"))
    call.language = core::Language::en;
  co_return std::nullopt;
}

asio::awaitable<http::Response> Api::serve(http::Request request, http::RouteParams params,
                                           std::string_view needs, Endpoint endpoint,
                                           std::string_view action) {
  Call call{std::move(request), std::move(params), {}, action};
  auto refusal = co_await async_admit(call, needs);
  if (refusal) co_return std::move(*refusal);
  auto response = co_await (this->*endpoint)(call);
  co_return response;
}

asio::awaitable<http::Response> Api::me(Call& call) {
  const auto& a = call.account;
  json::array granted;
  if (auto it = s_.settings.roles.find(a.role); it != s_.settings.roles.end())
    for (const auto& p : it->second) granted.emplace_back(p);
  json::object out{{"id", a.id},       {"name", a.name},       {"role", a.role},
                   {"department", a.department}, {"phone", a.phone},
                   {"permissions", std::move(granted)}};
  co_return call.json(json::serialize(out));
}

asio::awaitable<http::Response> Api::list_agents(Call& call) {
  auto accounts = co_await agents_.async_list();
  if (!accounts) co_return call.error(ApiError::unavailable, "the store is not answering; try again");
  json::array out;
  for (const auto& a : *accounts)
    out.push_back(json::object{{"id", a.id},
                               {"name", a.name},
                               {"role", a.role},
                               {"department", a.department},
                               {"phone", a.phone},
                               {"disabled", a.disabled},
                               {"created_ms", a.created_ms}});
  co_return call.json(json::serialize(json::object{{"agents", std::move(out)}}));
}

asio::awaitable<http::Response> Api::get_departments(Call& call) {
  if (!call.directory) co_return call.error(ApiError::not_found, "no directory is stored");
  json::object out{{"version", directory_version_},
                   {"directory", json::parse(call.directory->to_json())}};
  co_return call.json(json::serialize(out));
}

// The directory replaced, as `ombud departments import` does: checked whole (every problem
// named), stored with a new version, the change logged with who made it.
asio::awaitable<http::Response> Api::put_departments(Call& call) {
  if (!http::is_media_type(call.request[http::field::content_type], "application/json"))
    co_return call.error(ApiError::unsupported_media_type, "the body must be application/json");
  auto directory = tickets::Directory::from_json(call.request.body());
  if (!directory)
    co_return call.error(ApiError::unprocessable, "the body is not a directory (see GET /api/v1/departments)");
  const auto problems = directory->problems();
  if (!problems.empty()) {
    json::array list(problems.begin(), problems.end());
    co_return call.error(ApiError::unprocessable, problems.front(), {{"problems", std::move(list)}});
  }
  auto version = co_await directories_.async_replace(directory->to_json(),
                                                     call.account.name + " (" + call.account.id + ", api)",
                                                     s_.clock.now_ms(), /*seed_only=*/false);
  if (!version) co_return call.error(ApiError::unavailable, "the store is not answering; try again");
  co_return call.json(json::serialize(json::object{{"version", *version}}));
}

// What a resuming client missed, after `last`, page by page, when it is recent enough; else
// (too far back, too much, or not readable) an explicit reset telling it to reload. Returns
// whether the stream is still open; `last` becomes the last event looked at.
asio::awaitable<bool> Api::async_replay(const Call& call, http::EventStream& out,
                                        std::string& last) {
  constexpr int kPage = 200;
  constexpr int kMostReplayed = 5000;
  auto reset = [&out](const char* reason) {
    return out.async_send(std::string("event: reset\ndata: {\"reason\":\"") + reason + "\"}\n\n");
  };
  const auto window_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
      s_.settings.resume_window).count();
  const auto oldest = std::to_string(s_.clock.now_ms() - window_ms) + "-0";
  if (id_before(last, oldest)) co_return co_await reset("too far back: reload");
  int replayed = 0;
  for (;;) {
    auto backlog = co_await s_.events.async_since(s_.redis, last, kPage);
    if (!backlog) co_return co_await reset("what you missed could not be read: reload");
    if (backlog->missed) {
      const bool still_open = co_await reset("events were trimmed");
      if (!still_open) co_return false;
    }
    for (const auto& e : backlog->events) {
      last = e.id;
      if (!call.in_scope(e.department)) continue;
      const bool sent = co_await out.async_send(e.frame());
      if (!sent) co_return false;
      if (++replayed >= kMostReplayed) co_return co_await reset("too many missed: reload");
    }
    if (backlog->events.size() < static_cast<std::size_t>(kPage)) co_return true;
  }
}

// Server-sent events: the changes to tickets the caller may see, from now or, with
// Last-Event-ID, from after that event (each once). A comment goes out after keepalive (15 s)
// without anything sent, however busy other departments are; every 5 s the token is checked
// again, and
// a feed whose account was disabled or whose token was replaced is closed. Feeds are capped per
// account and in all (console.feeds_per_account, console.max_feeds): past them, 429.
asio::awaitable<void> Api::stream_events(http::Request request, http::RouteParams params,
                                         http::EventStream& out) {
  using Steady = std::chrono::steady_clock;
  const auto kKeepalive = s_.settings.keepalive;
  const auto kRecheck = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(kKeepalive) / 3,
                                   std::chrono::milliseconds(1000), std::chrono::milliseconds(5000));
  Call call{std::move(request), std::move(params)};
  auto refusal = co_await async_admit(call, permission::events_read);
  if (refusal) {
    co_await out.async_refuse(std::move(*refusal));
    co_return;
  }
  if (!s_.feeds.try_open(call.account.id, s_.settings.feeds_per_account, s_.settings.max_feeds)) {
    auto res = call.error(ApiError::too_many_requests,
                          "too many live feeds open (at most " +
                              std::to_string(s_.settings.feeds_per_account) +
                              " per account): close one");
    res.set(http::field::retry_after, "15");
    co_await out.async_refuse(std::move(res));
    co_return;
  }
  const std::string token(bearer(call.request));
  auto subscription = s_.events.subscribe();
  std::string last(call.request["Last-Event-ID"]);
  bool open = co_await out.async_send(": ombud events\n\n");
  if (open && !last.empty()) open = co_await async_replay(call, out, last);
  auto next_keepalive = Steady::now() + kKeepalive;
  auto next_check = Steady::now() + kRecheck;
  while (open) {
    const auto until = std::min(next_keepalive, next_check) - Steady::now();
    auto events = co_await subscription->async_next(std::max(
        std::chrono::duration_cast<std::chrono::milliseconds>(until), std::chrono::milliseconds(1)));
    if (subscription->closed()) break;
    for (const auto& e : events) {
      if (!last.empty() && !id_before(last, e.id)) continue;  // sent from the backlog already
      last = e.id;
      if (!call.in_scope(e.department)) continue;
      open = co_await out.async_send(e.frame());
      if (!open) break;
      next_keepalive = Steady::now() + kKeepalive;
    }
    if (open && Steady::now() >= next_check) {
      auto session = co_await agents_.async_session(token);
      if (session && (!session->account || session->account->id != call.account.id)) {
        co_await out.async_send(
            "event: closed\ndata: {\"reason\":\"the token was disabled or replaced\"}\n\n");
        break;
      }
      next_check = Steady::now() + kRecheck;
    }
    if (open && Steady::now() >= next_keepalive) {
      open = co_await out.async_send(": keepalive\n\n");
      next_keepalive = Steady::now() + kKeepalive;
    }
  }
  s_.events.unsubscribe(subscription);
  s_.feeds.close(call.account.id);
}

}  // namespace ombud::console

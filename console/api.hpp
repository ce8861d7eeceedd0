#pragma once
// The agent console API (/api/v1): staff work tickets over HTTP with the same rules, texts
// and effects as their SMS commands. Bearer tokens name an account (store/agent_repository);
// the account's role grants permissions (console.roles); agents and heads see their own
// department only. Actions take If-Match (the ticket's version) and Idempotency-Key.

#include "cases/desk_service.hpp"
#include "console/events.hpp"
#include "console/requests.hpp"
#include "console/settings.hpp"
#include "core/clock.hpp"
#include "http/router.hpp"
#include "store/agent_repository.hpp"
#include "store/directory_repository.hpp"
#include "store/inbox.hpp"
#include "store/ticket_repository.hpp"
#include "store/incident_repository.hpp"
#include "tickets/desk/desk.hpp"
#include "tickets/directory.hpp"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <string_view>

namespace ombud::console {

/// Requests per key (a token's account, or a source address's failed authentications) per
/// minute, shared by every io thread of the process: a token bucket of `burst` (default a
/// tenth of a minute's) refilled evenly. At most 100,000 keys are remembered (full buckets
/// are forgotten first).
class RateLimiter {
 public:
  explicit RateLimiter(int per_minute, int burst = 0)
      : per_minute_(per_minute), burst_(burst > 0 ? burst : 0) {}
  /// Takes one: 0 when the request may go ahead, else the seconds until it may (Retry-After).
  int retry_after(const std::string& key, std::int64_t now_ms);
  /// The seconds until `key` may go on (0: now), taking nothing.
  int blocked_for(const std::string& key, std::int64_t now_ms);

 private:
  struct Bucket {
    double tokens = 0;
    std::int64_t at_ms = 0;
  };
  int take(const std::string& key, std::int64_t now_ms, double amount);
  int per_minute_;
  int burst_;
  std::mutex mutex_;
  std::map<std::string, Bucket, std::less<>> buckets_;
};

/// Live feeds open in the process, per account and in all: a feed is admitted only within
/// both caps. Shared by every io thread.
class FeedCounter {
 public:
  /// Counts a feed for `account`; false (nothing counted) past either cap.
  bool try_open(const std::string& account, int per_account, int total);
  void close(const std::string& account);
  int open() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, int, std::less<>> per_account_;
  int total_ = 0;
};

/// What the API needs from the rest of ombud.
struct Services {
  const Settings& settings;
  store::RedisClient& redis;
  store::Keys keys;
  const tickets::TicketDesk& desk;
  const core::Clock& clock;
  RateLimiter& limiter;
  /// Failed authentications per source address (bad, unknown or disabled tokens).
  RateLimiter& auth_failures;
  FeedCounter& feeds;
  EventHub& events;
  store::Inbox& inbox;  ///< what the desk registers goes through it (POST /api/v1/tickets)
  /// Counts the messages an action queued (ombud_outbound_queued_total).
  std::function<void(std::size_t)> queued = [](std::size_t) {};
  /// Counts a registration the inbox accepted (ombud_inbound_accepted_total): the inbox's
  /// work then includes it.
  std::function<void()> accepted = [] {};
};

class Api {
 public:
  explicit Api(Services services);

  /// Adds every /api/v1 route.
  void register_routes(http::Router& router);

  /// The OpenAPI 3.1 document of these routes (served at /api/v1/openapi.json).
  static const std::string& openapi_document();
  /// POST /api/v1/tickets's body (the OpenAPI document names them).
  static const std::vector<tickets::ArgSpec>& registration_fields();

  struct Call;
  using Endpoint = boost::asio::awaitable<http::Response> (Api::*)(Call&);

 private:
  boost::asio::awaitable<http::Response> serve(http::Request request, http::RouteParams params,
                                               std::string_view permission, Endpoint endpoint,
                                               std::string_view action);
  boost::asio::awaitable<std::optional<http::Response>> async_admit(Call& call,
                                                                    std::string_view needs);
  boost::asio::awaitable<std::shared_ptr<const tickets::Directory>> async_directory(long long version);

  boost::asio::awaitable<http::Response> me(Call& call);
  boost::asio::awaitable<http::Response> list_tickets(Call& call);
  boost::asio::awaitable<http::Response> get_ticket(Call& call);
  boost::asio::awaitable<http::Response> act(Call& call);
  boost::asio::awaitable<http::Response> register_ticket(Call& call);
  boost::asio::awaitable<http::Response> handoff_act(Call& call);
  boost::asio::awaitable<http::Response> list_handoffs(Call& call);
  boost::asio::awaitable<http::Response> get_customer(Call& call);
  boost::asio::awaitable<boost::system::result<std::vector<std::string>>> async_tickets_in_scope(
      const Call& call, std::vector<std::string> numbers);
  boost::asio::awaitable<http::Response> list_incidents(Call& call);
  boost::asio::awaitable<http::Response> get_incident(Call& call);
  boost::asio::awaitable<http::Response> record_incident(Call& call);
  boost::asio::awaitable<http::Response> announce_incident(Call& call);

  /// The ticket `number` as the caller may see it, or the answer when they may not (404: its
  /// existence is not revealed) or the store does not answer (503).
  boost::asio::awaitable<std::variant<tickets::Ticket, http::Response>> async_visible(
      Call& call, std::string number);

  /// What a decision on a ticket gets, and gives back (see async_decide).
  struct Decision {
    const tickets::Directory& directory;
    const tickets::StaffActor& actor;
    const tickets::Ticket& ticket;
    const std::string& number;
    std::int64_t now;
    tickets::Effects& effects;
    std::vector<tickets::Notice>& notices;
  };
  using Decided = tickets::TicketDesk::ActionResult;
  boost::asio::awaitable<http::Response> async_decide(Call& call, std::string number,
                                                      std::string_view type,
                                                      std::function<Decided(const Decision&)> decide);
  http::Response refuse_body(const Call& call, const BodyError& error) const;
  boost::asio::awaitable<http::Response> list_agents(Call& call);
  boost::asio::awaitable<http::Response> get_departments(Call& call);
  boost::asio::awaitable<http::Response> put_departments(Call& call);
  boost::asio::awaitable<void> stream_events(http::Request request, http::RouteParams params,
                                             http::EventStream& stream);
  boost::asio::awaitable<bool> async_replay(const Call& call, http::EventStream& out,
                                            std::string& last);

  Services s_;
  store::AgentRepository agents_;
  store::TicketRepository tickets_;
  store::IncidentRepository incidents_;
  cases::DeskService desk_service_;
  store::DirectoryRepository directories_;
  std::shared_ptr<const tickets::Directory> directory_;
  long long directory_version_ = -1;
};

}  // namespace ombud::console

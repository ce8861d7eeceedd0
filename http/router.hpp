#pragma once
// Maps method + path to a handler; path patterns have {name} segments. A route answers with
// one response, or streams (server-sent events); middleware runs before every handler.

#include "http/http.hpp"

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ombud::http {

/// The values of a pattern's {name} segments.
using RouteParams = std::map<std::string, std::string, std::less<>>;
/// The parameter the server adds to every route's: the peer's address as it sees it (behind
/// a proxy, the proxy's). No route segment can have this name.
inline constexpr std::string_view kPeerParam = "@peer";
using Handler = std::function<boost::asio::awaitable<Response>(Request, RouteParams)>;

/// A reply written over time: `200 text/event-stream`, each send one chunk of it (the head goes
/// with the first). Used by one coroutine at a time.
class EventStream {
 public:
  virtual ~EventStream() = default;
  /// Writes `data` (e.g. "id: 7\ndata: {...}\n\n"); false once the client has gone, the
  /// server is stopping or the request was refused: the handler should end then.
  virtual boost::asio::awaitable<bool> async_send(std::string data) = 0;
  /// Answers with `response` instead of a stream (401, 403); only before the first send.
  virtual boost::asio::awaitable<void> async_refuse(Response response) = 0;
};
/// A streaming route's handler: it returns when the stream ends (the connection closes then).
using StreamHandler =
    std::function<boost::asio::awaitable<void>(Request, RouteParams, EventStream&)>;

/// Runs before the handler of every route it applies to; a response ends the request there
/// (401 without a token, 429 over a rate). `pattern` is the matched route's.
using Middleware =
    std::function<std::optional<Response>(const Request& request, std::string_view pattern)>;

class Router {
 public:
  /// Adds `pattern` (e.g. "/webhooks/twilio/{account}") for `method`. `body_limit`: the
  /// largest body this route takes (0: the server's default). Not thread-safe: add all routes
  /// before serving.
  void add(http::verb method, std::string pattern, Handler handler, std::size_t body_limit = 0);
  /// Adds a streaming route (GET, no body).
  void add_stream(std::string pattern, StreamHandler handler);
  /// Adds middleware; it runs in the order added.
  void use(Middleware middleware);

  /// What a request resolves to: a response already (404, 405 with Allow, 400, or a
  /// middleware's), or the route's handler to call with `params`.
  struct Match {
    std::string pattern;  ///< for metrics: the route's pattern, "unmatched" or "invalid"
    RouteParams params;
    std::optional<Response> response;
    const Handler* handler = nullptr;
    const StreamHandler* stream = nullptr;
  };
  Match match(const Request& request) const;

  /// Every route as "METHOD pattern" (e.g. "GET /api/v1/tickets/{number}"), in the order added:
  /// what the server really answers, for checking a document of the API against it.
  std::vector<std::string> routes() const;

  /// The body limit of the route `target` (path and query) matches for `method`, if it set one.
  std::optional<std::size_t> body_limit(http::verb method, std::string_view target) const;
  /// The largest limit any route set (0: none did).
  std::size_t largest_body_limit() const { return largest_body_limit_; }
  /// True when some route set a limit other than `default_limit` (else no request needs the
  /// lookup above).
  bool has_limits_other_than(std::size_t default_limit) const;

 private:
  struct Route {
    http::verb method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
    StreamHandler stream;
    std::size_t body_limit = 0;
  };
  std::vector<Route> routes_;
  std::vector<Middleware> middleware_;
  std::size_t largest_body_limit_ = 0;
};

}  // namespace ombud::http

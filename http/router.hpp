#pragma once
// Maps method + path to a handler; path patterns have {name} segments.

#include "http/http.hpp"

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

namespace ombud::http {

/// The values of a pattern's {name} segments.
using RouteParams = std::map<std::string, std::string, std::less<>>;
using Handler = std::function<boost::asio::awaitable<Response>(Request, RouteParams)>;

class Router {
 public:
  /// Adds `pattern` (e.g. "/webhooks/twilio/{account}") for `method`. Not thread-safe: add all
  /// routes before serving.
  /// `body_limit`: the largest body this route takes (0: the server's default).
  void add(http::verb method, std::string pattern, Handler handler, std::size_t body_limit = 0);

  /// The body limit of the route `target` (path and query) matches for `method`, if it set one.
  std::optional<std::size_t> body_limit(http::verb method, std::string_view target) const;
  /// The largest limit any route set (0: none did).
  std::size_t largest_body_limit() const { return largest_body_limit_; }
  /// True when some route set a limit other than `default_limit` (else no request needs the
  /// lookup above).
  bool has_limits_other_than(std::size_t default_limit) const;

  /// Answers `request`: the handler's response, 404 for an unknown path, 405 (with Allow) for
  /// a known path and another method. `route` receives the matched pattern for metrics.
  boost::asio::awaitable<Response> async_dispatch(Request request, std::string& route) const;

 private:
  struct Route {
    http::verb method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
    std::size_t body_limit = 0;
  };
  std::vector<Route> routes_;
  std::size_t largest_body_limit_ = 0;
};

}  // namespace ombud::http

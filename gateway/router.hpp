#pragma once
// Maps method + path to a handler; path patterns have {name} segments.

#include "gateway/http.hpp"

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ombud::gateway {

/// The values of a pattern's {name} segments.
using RouteParams = std::map<std::string, std::string, std::less<>>;
using Handler = std::function<boost::asio::awaitable<Response>(Request, RouteParams)>;

class Router {
 public:
  /// Adds `pattern` (e.g. "/webhooks/twilio/{account}") for `method`. Not thread-safe: add all
  /// routes before serving.
  void add(http::verb method, std::string pattern, Handler handler);

  /// Answers `request`: the handler's response, 404 for an unknown path, 405 (with Allow) for
  /// a known path and another method. `route` receives the matched pattern for metrics.
  boost::asio::awaitable<Response> async_dispatch(Request request, std::string& route) const;

 private:
  struct Route {
    http::verb method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace ombud::gateway

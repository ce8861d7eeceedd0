#include "http/router.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>

namespace ombud::http {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    auto j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.emplace_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

bool match_path(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
           RouteParams& params) {
  if (pattern.size() != path.size()) return false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const auto& p = pattern[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      params[p.substr(1, p.size() - 2)] = path[i];
    } else if (p != path[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

void Router::add(http::verb method, std::string pattern, Handler handler,
                 std::size_t body_limit) {
  auto segments = split_path(pattern);
  largest_body_limit_ = std::max(largest_body_limit_, body_limit);
  routes_.push_back(Route{method, std::move(pattern), std::move(segments), std::move(handler),
                          StreamHandler{}, body_limit});
}

std::vector<std::string> Router::routes() const {
  std::vector<std::string> out;
  out.reserve(routes_.size());
  for (const auto& r : routes_) out.push_back(std::string(http::to_string(r.method)) + " " + r.pattern);
  return out;
}

void Router::add_stream(std::string pattern, StreamHandler handler) {
  auto segments = split_path(pattern);
  routes_.push_back(Route{http::verb::get, std::move(pattern), std::move(segments), Handler{},
                          std::move(handler), 0});
}

void Router::use(Middleware middleware) {
  middleware_.push_back(std::move(middleware));
}

bool Router::has_limits_other_than(std::size_t default_limit) const {
  return std::any_of(routes_.begin(), routes_.end(), [&](const Route& r) {
    return r.body_limit != 0 && r.body_limit != default_limit;
  });
}

std::optional<std::size_t> Router::body_limit(http::verb method, std::string_view target) const {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return std::nullopt;
  const auto path = split_path(parsed->encoded_path());
  for (const auto& r : routes_) {
    RouteParams ignored;
    if (r.method == method && r.body_limit > 0 && match_path(r.segments, path, ignored))
      return r.body_limit;
  }
  return std::nullopt;
}

Router::Match Router::match(const Request& request) const {
  Match m;
  auto target = boost::urls::parse_origin_form(request.target());
  if (!target) {
    m.pattern = "invalid";
    m.response = error_response(ApiError::bad_request, "invalid request target",
                                request.version(), request.keep_alive());
    return m;
  }
  const auto path = split_path(target->encoded_path());
  std::string allowed;
  for (const auto& r : routes_) {
    RouteParams params;
    if (!match_path(r.segments, path, params)) continue;
    m.pattern = r.pattern;
    if (r.method != request.method()) {
      if (!allowed.empty()) allowed += ", ";
      allowed += std::string(http::to_string(r.method));
      continue;
    }
    for (const auto& middleware : middleware_)
      if (auto response = middleware(request, r.pattern)) {
        m.response = std::move(response);
        return m;
      }
    m.params = std::move(params);
    if (r.stream)
      m.stream = &r.stream;
    else
      m.handler = &r.handler;
    return m;
  }
  if (!allowed.empty()) {
    m.response = error_response(ApiError::method_not_allowed, "method not allowed here",
                                request.version(), request.keep_alive());
    m.response->set(http::field::allow, allowed);
    return m;
  }
  m.pattern = "unmatched";
  m.response =
      error_response(ApiError::not_found, "no such route", request.version(), request.keep_alive());
  return m;
}

}  // namespace ombud::http

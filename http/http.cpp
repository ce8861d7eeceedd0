#include "http/http.hpp"

#include <boost/beast/core/string.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace ombud::http {
namespace {

struct ErrorRow {
  http::status status;
  std::string_view code;
};

ErrorRow row(ApiError e) {
  switch (e) {
    case ApiError::bad_request:
      return {http::status::bad_request, "bad_request"};
    case ApiError::unauthorized:
      return {http::status::unauthorized, "unauthorized"};
    case ApiError::forbidden:
      return {http::status::forbidden, "forbidden"};
    case ApiError::not_found:
      return {http::status::not_found, "not_found"};
    case ApiError::method_not_allowed:
      return {http::status::method_not_allowed, "method_not_allowed"};
    case ApiError::payload_too_large:
      return {http::status::payload_too_large, "payload_too_large"};
    case ApiError::unsupported_media_type:
      return {http::status::unsupported_media_type, "unsupported_media_type"};
    case ApiError::conflict:
      return {http::status::conflict, "conflict"};
    case ApiError::unprocessable:
      return {http::status::unprocessable_entity, "unprocessable"};
    case ApiError::too_many_requests:
      return {http::status::too_many_requests, "too_many_requests"};
    case ApiError::header_too_large:
      return {http::status::request_header_fields_too_large, "header_too_large"};
    case ApiError::unavailable:
      return {http::status::service_unavailable, "unavailable"};
    case ApiError::internal:
      break;
  }
  return {http::status::internal_server_error, "internal"};
}

}  // namespace

bool is_media_type(std::string_view header, std::string_view media_type) {
  auto type = header.substr(0, header.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  return boost::beast::iequals(type, media_type);
}

Response error_response(ApiError error, std::string_view message, unsigned version,
                        bool keep_alive) {
  return error_response(error, message, {}, version, keep_alive);
}

Response error_response(ApiError error, std::string_view message,
                        const boost::json::object& details, unsigned version, bool keep_alive) {
  const auto r = row(error);
  boost::json::object inner{{"code", r.code}, {"message", message}};
  for (const auto& [k, v] : details) inner[k] = v;
  boost::json::value body = {{"error", std::move(inner)}};
  auto res = json_response(boost::json::serialize(body), version, keep_alive, r.status);
  if (error == ApiError::unavailable) res.set(http::field::retry_after, "1");
  return res;
}

Response json_response(std::string body, unsigned version, bool keep_alive, http::status status) {
  Response res{status, version};
  res.set(http::field::content_type, "application/json");
  res.keep_alive(keep_alive);
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

}  // namespace ombud::http

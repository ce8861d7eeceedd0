#pragma once
// The HTTP vocabulary of ombud: Beast request and response types, JSON error bodies and
// the one table that maps an error to its HTTP status.

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <boost/json/object.hpp>

#include <string>
#include <string_view>

namespace ombud::http {

// Beast's HTTP vocabulary (verb, status, field, …) under ombud::http.
using namespace boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

/// Every expected failure a client can see.
enum class ApiError {
  bad_request,             ///< 400 malformed body or missing fields
  unauthorized,            ///< 401 a credential is required (a bearer token)
  forbidden,               ///< 403 signature missing or wrong
  not_found,               ///< 404 unknown route or account
  method_not_allowed,      ///< 405
  payload_too_large,       ///< 413
  unsupported_media_type,  ///< 415
  conflict,                ///< 409 the action does not fit the resource's state or version
  unprocessable,           ///< 422 a well-formed body with a wrong field
  too_many_requests,       ///< 429 over the caller's rate (Retry-After)
  header_too_large,        ///< 431
  unavailable,             ///< 503 Redis cannot take it now: retry (Retry-After)
  internal,                ///< 500 a bug
};

/// True when the Content-Type `header` names `media_type` exactly (case-insensitive; parameters
/// after ';' such as charset allowed): "application/x-www-form-urlencodedXYZ" is not a form.
bool is_media_type(std::string_view header, std::string_view media_type);

/// A response with body {"error":{"code":"…","message":"…"}} and the status for `error`.
Response error_response(ApiError error, std::string_view message, unsigned version = 11,
                        bool keep_alive = true);

/// The same, with more members in the error object ({"permission": …}, {"field": …}).
Response error_response(ApiError error, std::string_view message, const boost::json::object& details,
                        unsigned version = 11, bool keep_alive = true);

/// A 200 (or `status`) response with a JSON body.
Response json_response(std::string body, unsigned version, bool keep_alive,
                       http::status status = http::status::ok);

}  // namespace ombud::http

#pragma once
// One authenticated console request, as its endpoint sees it (console/ internal).

#include "console/api.hpp"
#include "core/language.hpp"

#include <boost/json/object.hpp>

namespace ombud::console {

struct Api::Call {
  http::Request request;
  http::RouteParams params;
  store::AgentAccount account;
  std::string_view action;  ///< for action routes: "sign-for", "reply", …
  core::Language language = core::Language::zh;  ///< what refusals are written in
  std::shared_ptr<const tickets::Directory> directory;  ///< may be null (none stored)
  bool all_departments = false;  ///< tickets.read_all
  bool see_phones = false;       ///< customers.phone

  http::Response error(http::ApiError e, std::string_view message,
                       const boost::json::object& details = {}) const {
    return http::error_response(e, message, details, request.version(), request.keep_alive());
  }
  http::Response json(std::string body, http::status status = http::status::ok) const {
    return http::json_response(std::move(body), request.version(), request.keep_alive(), status);
  }
  /// Whether the caller may see a ticket of `department`.
  bool in_scope(std::string_view department) const {
    return all_departments || (!account.department.empty() && department == account.department);
  }
};

}  // namespace ombud::console

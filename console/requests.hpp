#pragma once
// Reading what a console client sends: an action's JSON body becomes the desk's command, or
// the error that names what was wrong (unknown, missing or mistyped field; not JSON).

#include "http/http.hpp"
#include "tickets/work_order.hpp"

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ombud::console {

/// What each action's body holds (the OpenAPI document says the same).
enum class Kind { text, integer, boolean };
struct FieldSpec {
  std::string_view name;
  Kind kind;
  bool required;
  std::vector<std::string_view> choices = {};  ///< a text that must be one of these
};
struct ActionSpec {
  std::string_view action;  ///< the last segment of /api/v1/tickets/{number}/<action>
  std::string_view permission;
  std::vector<FieldSpec> fields;
};
const std::vector<ActionSpec>& action_specs();

struct BodyError {
  http::ApiError error;
  std::string message;
  std::string field;  ///< the field at fault, if one is
};

/// The command `action` means with `body` (of `content_type`; empty: no fields).
std::variant<tickets::Command, BodyError> parse_action(std::string_view action,
                                                       std::string_view content_type,
                                                       std::string_view body);

}  // namespace ombud::console

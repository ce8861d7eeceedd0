#pragma once
// Reading what a console client sends: an action's JSON body becomes the desk's command, or
// the error that names what was wrong (unknown, missing or mistyped field; not JSON).

#include "http/http.hpp"
#include "tickets/work_order.hpp"

#include <boost/json/value.hpp>

#include <map>
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
/// A ticket's actions (/api/v1/tickets/{number}/<action>).
const std::vector<ActionSpec>& action_specs();
/// A handoff conversation's actions (/api/v1/handoffs/{number}/<action>).
const std::vector<ActionSpec>& handoff_specs();

struct BodyError {
  http::ApiError error;
  std::string message;
  std::string field;  ///< the field at fault, if one is
};

/// The longest text a console field may hold, in SMS segments (4: 268 Chinese or 612 Latin
/// characters): every text a member of staff writes may reach a phone.
inline constexpr int kMaxTextSmsSegments = 4;

/// A body's fields, each checked against its spec (present when required, of its kind, one of
/// its choices, no others, texts at most kMaxTextSmsSegments long). Texts come back as
/// core::plain_text made them: control characters never reach a customer's SMS.
using BodyFields = std::map<std::string_view, boost::json::value>;
std::variant<BodyFields, BodyError> parse_body(const ActionSpec& spec, std::string_view content_type,
                                           std::string_view body);

/// A text field's value ("" when absent).
std::string text_of(const BodyFields& fields, std::string_view name);

/// The command `action` means with `body` (of `content_type`; empty: no fields).
std::variant<tickets::Command, BodyError> parse_action(std::string_view action,
                                                       std::string_view content_type,
                                                       std::string_view body);

}  // namespace ombud::console

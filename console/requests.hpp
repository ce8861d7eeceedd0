#pragma once
// Reading what a console client sends: an action's JSON body becomes the desk's command, or
// the error that names what was wrong (unknown, missing or mistyped field; not JSON).

#include "http/http.hpp"
#include "tickets/commands.hpp"

#include <boost/json/value.hpp>

#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ombud::console {

/// A console action: its route's last segment, permission and body (the OpenAPI document is
/// written from the same). A ticket's actions are the staff rows of tickets::command_table().
struct ActionSpec {
  std::string_view action;  ///< the last segment of /api/v1/…/{number}/<action>
  std::string_view permission;
  std::vector<tickets::ArgSpec> fields;
  std::string_view summary;
};
/// A handoff conversation's actions (/api/v1/handoffs/{number}/<action>).
const std::vector<ActionSpec>& handoff_specs();
/// Bytes as lower-case hex.
std::string hex(const unsigned char* bytes, std::size_t n);
/// What an Idempotency-Key was given with: the action and the body, hashed (SHA-256, hex).
std::string request_hash(std::string_view action, std::string_view body);

/// The ticket listing's filters (GET /api/v1/tickets; tickets_list.lua reads them).
const std::vector<std::string_view>& ticket_filters();

struct BodyError {
  http::ApiError error;
  std::string message;
  std::string field;  ///< the field at fault, if one is
};

/// The longest text a console field may hold, in SMS segments (4: 268 Chinese or 612 Latin
/// characters): every text a member of staff writes may reach a phone.
inline constexpr int kMaxTextSmsSegments = 4;

/// A body's fields, each checked against its spec (present when required, of its kind, one of
/// its choices, within its bounds, no others, texts at most kMaxTextSmsSegments long). Texts
/// come back as core::plain_text made them: control characters never reach a customer's SMS.
std::variant<tickets::Args, BodyError> parse_body(const std::vector<tickets::ArgSpec>& specs,
                                                  std::string_view content_type,
                                                  std::string_view body);

/// The command `action` means with `body` (of `content_type`; empty: no fields).
std::variant<tickets::Command, BodyError> parse_action(std::string_view action,
                                                       std::string_view content_type,
                                                       std::string_view body);

}  // namespace ombud::console

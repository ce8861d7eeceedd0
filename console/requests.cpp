// Reading what a console client sends: an action's JSON body.

#include "console/requests.hpp"

#include <openssl/sha.h>

#include "console/settings.hpp"

#include "core/sms.hpp"
#include "core/text.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>

namespace ombud::console {

namespace json = boost::json;
using http::ApiError;

const std::vector<ActionSpec>& handoff_specs() {
  static const std::vector<ActionSpec> specs{
      {"claim", permission::handoffs_work, {}, "take the conversation: its messages come to you"},
      {"messages", permission::handoffs_work,
       {{"text", tickets::ArgKind::text, true, {}, "the message"}},
       "write to the customer on their channel, as you"},
      {"close", permission::handoffs_work, {}, "end it: the customer is handed back to the bot"},
      {"register", permission::handoffs_work,
       {{"category", tickets::ArgKind::text, true, {}, "a category of the complaint flow (422 lists them)"},
        {"description", tickets::ArgKind::text, true, {}, "the matter, in your words"}},
       "turn it into a complaint (登记为投诉): the same number, dispatched like one from the "
       "intake; the customer is told its department and due date and handed back to the bot"}};
  return specs;
}

std::variant<tickets::Args, BodyError> parse_body(const std::vector<tickets::ArgSpec>& specs,
                                                  std::string_view content_type,
                                                  std::string_view body_text) {
  using tickets::ArgKind;
  json::object body;
  if (!body_text.empty()) {
    if (!http::is_media_type(content_type, "application/json"))
      return BodyError{ApiError::unsupported_media_type, "the body must be application/json", ""};
    boost::system::error_code ec;
    auto parsed = json::parse(body_text, ec);
    if (ec) return BodyError{ApiError::bad_request, "the body is not valid JSON", ""};
    if (!parsed.is_object()) return BodyError{ApiError::unprocessable, "the body must be a JSON object", ""};
    body = std::move(parsed.as_object());
  }
  tickets::Args args;
  for (const auto& [key, value] : body) {
    const tickets::ArgSpec* f = nullptr;
    for (const auto& spec : specs)
      if (spec.name == key) f = &spec;
    const std::string name(key);
    auto problem = [&name](std::string what) {
      return BodyError{ApiError::unprocessable, name + " " + what, name};
    };
    if (f == nullptr)
      return BodyError{ApiError::unprocessable, "unknown field " + name, name};
    const bool ok = f->kind == ArgKind::text      ? value.is_string()
                    : f->kind == ArgKind::integer ? value.is_int64()
                                                  : value.is_bool();
    if (!ok)
      return problem(f->kind == ArgKind::text      ? "must be a string"
                     : f->kind == ArgKind::integer ? "must be an integer"
                                                   : "must be true or false");
    if (f->kind == ArgKind::boolean) {
      args[name] = value.as_bool();
      continue;
    }
    if (f->kind == ArgKind::integer) {
      const auto n = value.as_int64();
      if ((f->min && n < *f->min) || (f->max && n > *f->max))
        return problem("must be between " + std::to_string(f->min.value_or(INT64_MIN)) + " and " +
                       std::to_string(f->max.value_or(INT64_MAX)));
      args[name] = n;
      continue;
    }
    auto text = core::plain_text(value.as_string());
    if (core::normalize(text).empty() && f->required) return problem("must not be empty");
    if (core::sms_segments(text, core::SmsLimits{}) > kMaxTextSmsSegments)
      return problem("is too long: at most " + std::to_string(kMaxTextSmsSegments) +
                     " SMS segments (268 Chinese or 612 Latin characters)");
    if (!f->choices.empty() &&
        std::find(f->choices.begin(), f->choices.end(), std::string_view(text)) == f->choices.end()) {
      std::string list;
      for (auto c : f->choices) list += (list.empty() ? "" : ", ") + std::string(c);
      return problem("must be one of " + list);
    }
    args[name] = std::move(text);
  }
  for (const auto& f : specs)
    if (f.required && !args.contains(f.name))
      return BodyError{ApiError::unprocessable, std::string(f.name) + " is required", std::string(f.name)};
  return args;
}

std::variant<tickets::Command, BodyError> parse_action(std::string_view action,
                                                       std::string_view content_type,
                                                       std::string_view body_text) {
  const auto* row = tickets::find_command(action);
  if (row == nullptr) return BodyError{ApiError::not_found, "no such action", ""};
  auto parsed = parse_body(row->args, content_type, body_text);
  if (auto* e = std::get_if<BodyError>(&parsed)) return std::move(*e);
  auto made = row->make(std::get<tickets::Args>(parsed));
  if (auto* problem = std::get_if<tickets::ArgProblem>(&made))
    return BodyError{ApiError::unprocessable, std::move(problem->message), std::move(problem->field)};
  return std::move(std::get<tickets::Command>(made));
}

const std::vector<std::string_view>& ticket_filters() {
  static const std::vector<std::string_view> filters{
      "state",    "department", "level",      "category",       "channel",        "type",
      "overdue",  "due_before", "created_from", "created_to",   "incident",       "repeat",
      "q",        "validity",   "responsibility", "cause",      "classified",     "close_requested",
      "declined", "legal",      "revisit",    "call_list",  "parts_pending"};
  return filters;
}

std::string hex(const unsigned char* bytes, std::size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 15];
  }
  return out;
}

// What an Idempotency-Key was given with: the action and the body, hashed (SHA-256, hex).
std::string request_hash(std::string_view action, std::string_view body) {
  std::string request(action);
  request += '\n';
  request += body;
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(request.data()), request.size(), digest);
  return hex(digest, sizeof digest);
}


}  // namespace ombud::console

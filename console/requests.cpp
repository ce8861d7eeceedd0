// Reading what a console client sends: an action's JSON body.

#include "console/requests.hpp"

#include "console/settings.hpp"

#include "core/sms.hpp"
#include "core/text.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>

namespace ombud::console {

namespace json = boost::json;
using http::ApiError;

const std::vector<ActionSpec>& action_specs() {
  static const std::vector<ActionSpec> specs{
      {"sign-for", permission::tickets_work, {}},
      {"reply", permission::tickets_work, {{"result", Kind::text, true}}},
      {"note", permission::tickets_work, {{"text", Kind::text, true}}},
      {"appoint", permission::tickets_work, {{"text", Kind::text, true}}},
      {"extend", permission::tickets_work, {{"days", Kind::integer, true}, {"reason", Kind::text, false}}},
      {"transfer", permission::tickets_transfer, {{"department", Kind::text, true}, {"reason", Kind::text, true}}},
      {"approve", permission::tickets_approve, {}},
      {"reject", permission::tickets_approve, {{"reason", Kind::text, true}}},
      {"audit", permission::tickets_audit, {{"approved", Kind::boolean, true}, {"comment", Kind::text, false}}},
      {"close", permission::tickets_close,
       {{"validity", Kind::text, true, {"valid", "invalid"}},
        {"responsibility", Kind::text, true, {"responsible", "not_responsible", "assisting"}}}},
      {"merge", permission::tickets_close, {{"into", Kind::text, true}}},
      {"assign", permission::tickets_work, {{"to", Kind::text, true}, {"reason", Kind::text, false}}},
      {"follow-up", permission::tickets_work,
       {{"outcome", Kind::text, true, {"appointment", "not_yet_solved", "solved_in_days", "dissatisfied"}},
        {"days", Kind::integer, false},
        {"text", Kind::text, false}}},
      {"reopen", permission::tickets_close, {{"reason", Kind::text, true}}}};
  return specs;
}

const std::vector<ActionSpec>& handoff_specs() {
  static const std::vector<ActionSpec> specs{
      {"claim", permission::handoffs_work, {}},
      {"messages", permission::handoffs_work, {{"text", Kind::text, true}}},
      {"close", permission::handoffs_work, {}},
      {"register", permission::handoffs_work,
       {{"category", Kind::text, true}, {"description", Kind::text, true}}}};
  return specs;
}

std::variant<BodyFields, BodyError> parse_body(const ActionSpec& spec, std::string_view content_type,
                                           std::string_view body_text) {
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
  BodyFields v;
  for (const auto& [key, value] : body) {
    const FieldSpec* f = nullptr;
    for (const auto& s : spec.fields)
      if (s.name == key) f = &s;
    if (f == nullptr)
      return BodyError{ApiError::unprocessable, "unknown field " + std::string(key), std::string(key)};
    const bool ok = f->kind == Kind::text      ? value.is_string()
                    : f->kind == Kind::integer ? value.is_int64()
                                               : value.is_bool();
    if (!ok) {
      const char* type = f->kind == Kind::text ? "a string" : f->kind == Kind::integer ? "an integer" : "true or false";
      return BodyError{ApiError::unprocessable, std::string(key) + " must be " + type, std::string(key)};
    }
    if (f->kind == Kind::text) {
      auto text = core::plain_text(value.as_string());
      if (core::normalize(text).empty() && f->required)
        return BodyError{ApiError::unprocessable, std::string(key) + " must not be empty", std::string(key)};
      if (core::sms_segments(text, core::SmsLimits{}) > kMaxTextSmsSegments)
        return BodyError{ApiError::unprocessable,
                         std::string(key) + " is too long: at most " +
                             std::to_string(kMaxTextSmsSegments) +
                             " SMS segments (268 Chinese or 612 Latin characters)",
                         std::string(key)};
      v[f->name] = json::string(text);
    }
    if (!f->choices.empty() &&
        std::find(f->choices.begin(), f->choices.end(), std::string_view(value.as_string())) == f->choices.end()) {
      std::string list;
      for (auto c : f->choices) list += (list.empty() ? "" : ", ") + std::string(c);
      return BodyError{ApiError::unprocessable, std::string(key) + " must be one of " + list, std::string(key)};
    }
    if (f->kind != Kind::text) v[f->name] = value;
  }
  for (const auto& f : spec.fields)
    if (f.required && !v.contains(f.name))
      return BodyError{ApiError::unprocessable, std::string(f.name) + " is required", std::string(f.name)};
  return v;
}

std::string text_of(const BodyFields& fields, std::string_view name) {
  auto it = fields.find(name);
  return it == fields.end() ? std::string() : std::string(it->second.as_string());
}

std::variant<tickets::Command, BodyError> parse_action(std::string_view action,
                                                       std::string_view content_type,
                                                       std::string_view body_text) {
  const ActionSpec* spec = nullptr;
  for (const auto& s : action_specs())
    if (s.action == action) spec = &s;
  if (spec == nullptr) return BodyError{ApiError::not_found, "no such action", ""};
  auto parsed = parse_body(*spec, content_type, body_text);
  if (auto* e = std::get_if<BodyError>(&parsed)) return std::move(*e);
  auto& v = std::get<BodyFields>(parsed);
  auto text = [&](std::string_view name) { return text_of(v, name); };
  if (action == "sign-for") return tickets::SignFor{};
  if (action == "reply") return tickets::Reply{text("result")};
  if (action == "note") return tickets::Note{text("text")};
  if (action == "appoint") return tickets::Appoint{text("text")};
  if (action == "extend") {
    const auto days = v["days"].as_int64();
    if (days < 1 || days > 60)
      return BodyError{ApiError::unprocessable, "days must be between 1 and 60", "days"};
    return tickets::Extend{static_cast<int>(days), text("reason")};
  }
  if (action == "transfer") return tickets::Transfer{text("department"), "", text("reason")};
  if (action == "approve") return tickets::Approve{};
  if (action == "reject") return tickets::Reject{text("reason")};
  if (action == "audit") {
    const bool approved = v["approved"].as_bool();
    if (!approved && core::normalize(text("comment")).empty())
      return BodyError{ApiError::unprocessable, "comment is required to send an answer back", "comment"};
    return tickets::Audit{approved, text("comment")};
  }
  if (action == "close") return tickets::Close{text("validity"), text("responsibility")};
  if (action == "merge") return tickets::Merge{text("into")};
  if (action == "assign") return tickets::Assign{text("to"), text("reason")};
  if (action == "follow-up") {
    auto days = v.contains("days") ? v["days"].as_int64() : 0;
    if (text("outcome") == "solved_in_days" && (days < 1 || days > 60))
      return BodyError{ApiError::unprocessable, "days (1-60) is required when solved_in_days", "days"};
    return tickets::FollowUp{text("outcome"), static_cast<int>(days), text("text")};
  }
  return tickets::Reopen{text("reason")};
}

}  // namespace ombud::console

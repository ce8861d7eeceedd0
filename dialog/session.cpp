#include "dialog/session.hpp"

#include <boost/json.hpp>

namespace ombud::dialog {

namespace json = boost::json;

namespace {

const char* to_string(Session::State s) {
  switch (s) {
    case Session::State::none:
      return "none";
    case Session::State::active:
      return "active";
    case Session::State::choosing_change:
      return "choosing_change";
    case Session::State::resume_prompt:
      return "resume_prompt";
    case Session::State::waiting_human:
      return "waiting_human";
  }
  return "none";
}

Session::State state_from(std::string_view s) {
  if (s == "active") return Session::State::active;
  if (s == "choosing_change") return Session::State::choosing_change;
  if (s == "resume_prompt") return Session::State::resume_prompt;
  if (s == "waiting_human") return Session::State::waiting_human;
  return Session::State::none;
}

}  // namespace

json::array transcript_json(const std::vector<TranscriptLine>& lines) {
  json::array out;
  out.reserve(lines.size());
  for (const auto& l : lines)
    out.push_back(json::object{
        {"at", l.at_ms}, {"by", l.from_customer ? "customer" : "ombud"}, {"text", l.text}});
  return out;
}

std::string to_json(const Session& s) {
  json::object slots;
  for (const auto& [k, v] : s.slots) slots[k] = v;
  json::array history(s.history.begin(), s.history.end());
  json::object o{{"state", to_string(s.state)},
                 {"language", core::to_string(s.language)},
                 {"flow", s.flow},
                 {"step", s.step},
                 {"slots", std::move(slots)},
                 {"history", std::move(history)},
                 {"return_to", s.return_to},
                 {"retries", s.retries},
                 {"started_ms", s.started_ms},
                 {"updated_ms", s.updated_ms},
                 {"transcript", transcript_json(s.transcript)}};
  return json::serialize(o);
}

std::optional<Session> session_from_json(std::string_view text) {
  boost::system::error_code ec;
  auto value = json::parse(text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  const auto& o = value.as_object();
  auto str = [&](std::string_view key) -> std::string {
    auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  auto num = [&](std::string_view key) -> std::int64_t {
    auto* v = o.if_contains(key);
    return v && v->is_int64() ? v->as_int64() : 0;
  };
  Session s;
  s.state = state_from(str("state"));
  s.language = str("language") == "en" ? Language::en : Language::zh;
  s.flow = str("flow");
  s.step = str("step");
  s.return_to = str("return_to");
  s.retries = static_cast<int>(num("retries"));
  s.started_ms = num("started_ms");
  s.updated_ms = num("updated_ms");
  if (auto* slots = o.if_contains("slots"); slots && slots->is_object())
    for (const auto& [k, v] : slots->as_object())
      if (v.is_string()) s.slots[std::string(k)] = std::string(v.as_string());
  if (auto* h = o.if_contains("history"); h && h->is_array())
    for (const auto& v : h->as_array())
      if (v.is_string()) s.history.emplace_back(v.as_string());
  if (auto* t = o.if_contains("transcript"); t && t->is_array())
    for (const auto& v : t->as_array()) {
      if (!v.is_object()) continue;
      const auto& line = v.as_object();
      TranscriptLine l;
      if (auto* at = line.if_contains("at"); at && at->is_int64()) l.at_ms = at->as_int64();
      if (auto* by = line.if_contains("by"); by && by->is_string())
        l.from_customer = by->as_string() == "customer";
      if (auto* tx = line.if_contains("text"); tx && tx->is_string())
        l.text = std::string(tx->as_string());
      s.transcript.push_back(std::move(l));
    }
  return s;
}

}  // namespace ombud::dialog

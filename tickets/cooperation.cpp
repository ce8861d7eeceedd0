#include "tickets/cooperation.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace ombud::tickets {

namespace json = boost::json;

std::vector<Part> parts_of(const std::vector<std::string>& cooperating, const std::string& stored) {
  std::vector<Part> out;
  boost::system::error_code ec;
  const auto parsed = stored.empty() ? json::value() : json::parse(stored, ec);
  const auto* object = !ec && parsed.is_object() ? &parsed.as_object() : nullptr;
  for (const auto& department : cooperating) {
    Part p{department, "", "", 0, ""};
    if (const auto* entry = object ? object->if_contains(department) : nullptr; entry && entry->is_object()) {
      const auto& e = entry->as_object();
      auto text = [&](const char* name) {
        const auto* v = e.if_contains(name);
        return v && v->is_string() ? std::string(v->as_string()) : std::string();
      };
      p.state = text("state");
      p.by = text("by");
      p.text = text("text");
      if (const auto* at = e.if_contains("at_ms"); at && at->is_int64()) p.at_ms = at->as_int64();
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::string parts_json(const std::vector<Part>& parts) {
  json::object out;
  for (const auto& p : parts)
    if (!p.state.empty())
      out[p.department] = {{"state", p.state}, {"by", p.by}, {"at_ms", p.at_ms}, {"text", p.text}};
  return out.empty() ? std::string() : json::serialize(out);
}

}  // namespace ombud::tickets

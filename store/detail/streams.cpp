#include "store/detail/streams.hpp"

namespace ombud::store::detail {
namespace {

void append_entries(const Reply& list, const std::string& stream, std::vector<StreamEntry>& out) {
  if (!list.is_array()) return;
  for (const auto& e : list.elements) {
    if (!e.is_array() || e.elements.size() != 2) continue;
    StreamEntry entry{stream, e.elements[0].str, {}};
    const auto& kv = e.elements[1];  // nil for an entry deleted while pending
    for (size_t i = 0; i + 1 < kv.elements.size(); i += 2)
      entry.fields.emplace_back(kv.elements[i].str, kv.elements[i + 1].str);
    out.push_back(std::move(entry));
  }
}

}  // namespace

std::string_view StreamEntry::field(std::string_view name) const {
  for (const auto& [k, v] : fields)
    if (k == name) return v;
  return {};
}

std::vector<StreamEntry> parse_xreadgroup(const Reply& reply) {
  std::vector<StreamEntry> out;
  if (!reply.is_array()) return out;
  for (const auto& stream : reply.elements) {
    if (!stream.is_array() || stream.elements.size() != 2) continue;
    append_entries(stream.elements[1], stream.elements[0].str, out);
  }
  return out;
}

std::vector<StreamEntry> parse_xautoclaim(const Reply& reply, std::string& cursor) {
  std::vector<StreamEntry> out;
  cursor = "0-0";
  if (!reply.is_array() || reply.elements.size() < 2) return out;
  cursor = reply.elements[0].str;
  append_entries(reply.elements[1], {}, out);
  return out;
}

std::vector<StreamEntry> parse_xclaim(const Reply& reply) {
  std::vector<StreamEntry> out;
  append_entries(reply, {}, out);
  return out;
}

std::vector<ConsumerInfo> parse_xinfo_consumers(const Reply& reply) {
  std::vector<ConsumerInfo> out;
  if (!reply.is_array()) return out;
  for (const auto& c : reply.elements) {
    ConsumerInfo info;
    for (size_t i = 0; i + 1 < c.elements.size(); i += 2) {
      if (c.elements[i].str == "name") info.name = c.elements[i + 1].str;
      if (c.elements[i].str == "pending") info.pending = c.elements[i + 1].integer;
    }
    if (!info.name.empty()) out.push_back(std::move(info));
  }
  return out;
}

bool is_busygroup(const Reply& reply) {
  return reply.is_error() && reply.str.starts_with("BUSYGROUP");
}

}  // namespace ombud::store::detail

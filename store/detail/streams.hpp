#pragma once
// Shapes of stream replies (XREADGROUP, XAUTOCLAIM), shared by the inbox and the outbox.

#include "store/reply.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ombud::store::detail {

struct StreamEntry {
  std::string stream;  ///< the key it came from (XREADGROUP only)
  std::string id;
  std::vector<std::pair<std::string, std::string>> fields;

  /// The value of `name`, or "" when absent.
  std::string_view field(std::string_view name) const;
};

/// Flattens an XREADGROUP reply (nil when the block timed out) into entries, in stream order.
std::vector<StreamEntry> parse_xreadgroup(const Reply& reply);
/// The entries of an XAUTOCLAIM reply; `cursor` receives the next start id ("0-0" at the end).
std::vector<StreamEntry> parse_xautoclaim(const Reply& reply, std::string& cursor);
/// The entries of an XCLAIM reply (an entry deleted while pending has no fields).
std::vector<StreamEntry> parse_xclaim(const Reply& reply);

/// A consumer of a group, from XINFO CONSUMERS.
struct ConsumerInfo {
  std::string name;
  long long pending = 0;
};
std::vector<ConsumerInfo> parse_xinfo_consumers(const Reply& reply);

/// True for the error Redis gives when a consumer group exists already.
bool is_busygroup(const Reply& reply);

}  // namespace ombud::store::detail

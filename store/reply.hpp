#pragma once
// An owned Redis reply: a value that outlives the hiredis callback it came from.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ombud::store {

/// One Redis reply, copied out of hiredis. Arrays nest.
struct Reply {
  enum class Type { nil, status, error, integer, string, array };

  Type type = Type::nil;
  std::string str;              ///< status, error and string payloads
  long long integer = 0;        ///< integer payload
  std::vector<Reply> elements;  ///< array payload

  bool is_nil() const { return type == Type::nil; }
  bool is_error() const { return type == Type::error; }
  bool is_array() const { return type == Type::array; }
  /// The payload of a string or status reply; std::nullopt for anything else.
  std::optional<std::string_view> as_string() const {
    if (type == Type::string || type == Type::status) return std::string_view(str);
    return std::nullopt;
  }
};

}  // namespace ombud::store

#pragma once
// Expected failures of the store: values, never exceptions.

#include <boost/system/error_code.hpp>

#include <type_traits>

namespace ombud::store {

enum class StoreError {
  not_connected = 1,  ///< no live connection to Redis (it is down or reconnecting)
  timed_out,          ///< Redis did not answer within the command deadline
  connection_lost,    ///< the connection dropped with the command in flight
  server_error,       ///< Redis answered with an error reply
  protocol,           ///< a reply did not have the shape the caller expected
};

const boost::system::error_category& store_category() noexcept;

inline boost::system::error_code make_error_code(StoreError e) noexcept {
  return {static_cast<int>(e), store_category()};
}

/// True for failures that mean "Redis cannot take this now"; callers answer 503 and retry.
inline bool is_unavailable(const boost::system::error_code& ec) noexcept {
  return ec.category() == store_category() &&
         (ec.value() == static_cast<int>(StoreError::not_connected) ||
          ec.value() == static_cast<int>(StoreError::timed_out) ||
          ec.value() == static_cast<int>(StoreError::connection_lost));
}

}  // namespace ombud::store

template <>
struct boost::system::is_error_code_enum<ombud::store::StoreError> : std::true_type {};

#include "store/errors.hpp"

#include <string>

namespace ombud::store {
namespace {

class StoreCategory final : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "ombud.store"; }
  std::string message(int ev) const override {
    switch (static_cast<StoreError>(ev)) {
      case StoreError::not_connected:
        return "not connected to redis";
      case StoreError::timed_out:
        return "redis did not answer in time";
      case StoreError::connection_lost:
        return "redis connection lost";
      case StoreError::server_error:
        return "redis returned an error";
      case StoreError::protocol:
        return "unexpected redis reply";
    }
    return "unknown store error";
  }
};

}  // namespace

const boost::system::error_category& store_category() noexcept {
  static const StoreCategory category;
  return category;
}

}  // namespace ombud::store

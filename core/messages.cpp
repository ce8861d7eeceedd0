#include "core/messages.hpp"

namespace ombud::core {

const char* to_string(OutboundKind kind) noexcept {
  return kind == OutboundKind::opt_confirmation ? "opt_confirmation" : "reply";
}

OutboundKind outbound_kind_from(std::string_view text) noexcept {
  return text == "opt_confirmation" ? OutboundKind::opt_confirmation : OutboundKind::reply;
}

const char* to_string(DeliveryStatus status) noexcept {
  switch (status) {
    case DeliveryStatus::queued:
      return "queued";
    case DeliveryStatus::sending:
      return "sending";
    case DeliveryStatus::sent:
      return "sent";
    case DeliveryStatus::delivered:
      return "delivered";
    case DeliveryStatus::undelivered:
      return "undelivered";
    case DeliveryStatus::failed:
      return "failed";
  }
  return "queued";
}

}  // namespace ombud::core

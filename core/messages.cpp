#include "core/messages.hpp"

namespace ombud::core {

const char* to_string(OutboundKind kind) noexcept {
  switch (kind) {
    case OutboundKind::opt_confirmation:
      return "opt_confirmation";
    case OutboundKind::staff_reply:
      return "staff_reply";
    case OutboundKind::reply:
      break;
  }
  return "reply";
}

OutboundKind outbound_kind_from(std::string_view text) noexcept {
  if (text == "opt_confirmation") return OutboundKind::opt_confirmation;
  if (text == "staff_reply") return OutboundKind::staff_reply;
  return OutboundKind::reply;
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

#pragma once
// The messages that cross module boundaries: what a customer sent, what we send back.

#include <cstdint>
#include <string>
#include <string_view>

namespace ombud::core {

/// A message from a customer, normalised from whatever the provider sent.
/// `text` is stored as the customer wrote it, made valid UTF-8 at the edge; when that changed
/// anything, `raw_text` keeps the bytes as they came, for the record.
/// The inbox's channel for what the desk registers itself (a complaint by phone, visit or
/// letter, POST /api/v1/tickets): the message's text is the registration, as JSON.
inline constexpr std::string_view kDeskChannel = "desk";

struct InboundMessage {
  std::string channel;      ///< "twilio", …
  std::string account;      ///< the configured account id the webhook was addressed to
  std::string provider_id;  ///< the provider's message id (Twilio MessageSid)
  std::string from;         ///< the customer's address on the channel (E.164 for SMS)
  std::string to;           ///< our address on the channel
  std::string text;
  std::string opt_out_type;  ///< provider-reported STOP / START / HELP, or empty
  std::int64_t received_ms = 0;
  std::string raw_text;  ///< the bytes as received, when they were not valid UTF-8

  /// Identifies the customer across messages: ordering and sessions hang off this.
  std::string customer_key() const { return channel + ":" + account + ":" + from; }
};

/// How to reach a person: a phone number (staff; SMS on the channel notices use), or an
/// address on one of our channel accounts (a customer, where they wrote from).
struct Contact {
  static constexpr std::string_view kPhone = "phone";
  std::string kind;     ///< kPhone, or the channel the address belongs to ("twilio", "generic")
  std::string account;  ///< our account on that channel; empty for a phone
  std::string address;

  static Contact phone(std::string number) { return {std::string(kPhone), {}, std::move(number)}; }
  /// The sender of `message`, where they wrote from.
  static Contact sender_of(const InboundMessage& message) {
    return {message.channel, message.account, message.from};
  }
};

/// What an outbound message is, which decides whether an opt-out blocks it (a reply and a
/// staff reply) and whether it counts against the cap on what staff send one customer.
enum class OutboundKind { reply, opt_confirmation, staff_reply };

/// A message for a customer, queued in the outbox until a provider accepts it.
struct OutboundMessage {
  std::string id;  ///< ours, stable across retries
  std::string channel;
  std::string account;
  std::string to;
  std::string text;
  OutboundKind kind = OutboundKind::reply;
};

/// Where an outbound message stands. Moves forward only.
enum class DeliveryStatus { queued, sending, sent, delivered, undelivered, failed };

const char* to_string(OutboundKind kind) noexcept;
OutboundKind outbound_kind_from(std::string_view text) noexcept;
const char* to_string(DeliveryStatus status) noexcept;

}  // namespace ombud::core

#pragma once
// A ticket as one typed value, and the one codec between it and its stored fields (the Redis
// hash `ticket:{number}`). Fields this version does not know are kept as read, so that reading
// and writing a ticket back loses nothing.

#include "tickets/ticket.hpp"
#include "tickets/work_order.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ombud::tickets {

struct Ticket {
  std::string number;
  std::string type;  ///< complaint | consultation | suggestion | handoff
  std::string category, category_label;
  std::string channel, account, address;  ///< where the customer wrote from
  std::string phone, name;
  bool anonymous = false;
  bool record_only = false;
  std::string language;  ///< zh | en
  std::string slots_json, transcript_json;
  std::string source;  ///< the inbox entry that created it
  std::int64_t created_ms = 0, updated_ms = 0;
  std::int64_t sign_due_ms = 0, due_ms = 0;
  bool sign_overdue = false, reply_overdue = false;
  int level = 0;  ///< 1 (most severe) to 4; 0 before grading
  std::string level_reasons;
  std::string department_name, department_name_en;
  std::string fingerprint, incident;
  int repeat_count = 0, similar_customers = 0, collective_customers = 0;
  WorkOrder order;  ///< state, department, responsible, reply, transfers, timeline, …
  std::map<std::string, std::string> unknown;  ///< stored fields this version does not read

  bool operator==(const Ticket&) const = default;
};

/// The ticket its stored fields describe (missing fields keep their defaults; a number that
/// does not parse reads as 0).
Ticket ticket_from(const TicketFields& fields);

/// The fields that store `ticket`: every field with a value (empty strings and zero numbers
/// are left out, and read back as such).
std::vector<std::pair<std::string, std::string>> ticket_fields(const Ticket& ticket);

}  // namespace ombud::tickets

#pragma once
// Cooperating departments' parts (协办, seed line 97: the lead department leads, the others
// cooperate): each cooperating department signs for its part and reports it; the lead sees the
// parts and answers the customer; the desk sees who has not reported. Pure: stored on the
// ticket as one JSON field ("parts").

#include <cstdint>
#include <string>
#include <vector>

namespace ombud::tickets {

struct Part {
  std::string department;
  std::string state;  ///< "" (told, nothing yet), signed_for, reported
  std::string by;     ///< who signed for or reported it (a phone)
  std::int64_t at_ms = 0;
  std::string text;   ///< the report
  bool operator==(const Part&) const = default;
};

/// The parts of a ticket's cooperating departments, in their order, from the stored field
/// (a department without an entry has done nothing yet).
std::vector<Part> parts_of(const std::vector<std::string>& cooperating, const std::string& parts_json);
/// The field to store (only parts with something done).
std::string parts_json(const std::vector<Part>& parts);

}  // namespace ombud::tickets

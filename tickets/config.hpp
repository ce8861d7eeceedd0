#pragma once
// The tickets: section of the configuration, the holiday calendar files and departments.yaml.

#include "core/config_reader.hpp"
#include "tickets/business_calendar.hpp"
#include "tickets/desk/rules.hpp"
#include "tickets/directory.hpp"

#include <filesystem>
#include <string>

namespace ombud::tickets {

/// Where the keys of tickets: go: the desk's rules, and the numbering and time zone that the
/// dialog and the status replies use too.
struct TicketsSection {
  TicketRules& rules;
  std::string& prefix;
  int& serial_digits;
  std::string& timezone;
};

/// tickets: number prefix and serial width, time zone, departments, time limits, calendar,
/// grading, texts.
void read_tickets(core::Section section, const std::filesystem::path& base, TicketsSection into);

/// Every YYYY.yaml of `dir`: one year's holidays and make-up working days each.
void read_calendar_dir(core::Reader& reader, const std::filesystem::path& dir,
                       BusinessCalendar& calendar);

/// Reads and checks a departments file; throws core::ConfigError listing every problem.
Directory load_directory(const std::filesystem::path& file);

}  // namespace ombud::tickets

#pragma once
// The organisation's working time: working weekdays, public holidays, make-up working days
// (调休上班) and business hours, in its time zone. Time limits are counted on it. Pure.

#include <compare>
#include <cstdint>
#include <map>
#include <set>
#include <string>

namespace ombud::tickets {

struct LocalDate {
  int year = 0, month = 0, day = 0;
  auto operator<=>(const LocalDate&) const = default;
};

class BusinessCalendar {
 public:
  std::string timezone = "Asia/Shanghai";
  std::set<int> working_weekdays{1, 2, 3, 4, 5};  ///< ISO: 1 = Monday … 7 = Sunday
  std::set<LocalDate> holidays;                   ///< days off even on a working weekday
  std::set<LocalDate> makeup_workdays;            ///< working days even on a weekend
  int day_start_minute = 9 * 60;                  ///< business hours, local: [start, end)
  int day_end_minute = 18 * 60;

  /// A year whose holidays were loaded (tickets.calendar: one file per year), and whether they
  /// are the complete published arrangement.
  struct Year {
    bool complete = false;
    std::string source;
  };
  std::map<int, Year> years;

  bool is_working_day(const LocalDate& date) const;

  /// The same local time of day on the `days`-th working day after `unix_ms`'s date.
  /// Friday 10:00 + 2 with Saturday working → Monday 10:00.
  std::int64_t add_working_days(std::int64_t unix_ms, int days) const;

  /// `minutes` of business hours after `unix_ms`, counting only working days' business
  /// hours (a Friday-evening start counts from the next working morning).
  std::int64_t add_working_minutes(std::int64_t unix_ms, std::int64_t minutes) const;

  /// Minutes of business hours between two times (0 when `to` is not after `from`).
  std::int64_t working_minutes_between(std::int64_t from_ms, std::int64_t to_ms) const;

  LocalDate local_date(std::int64_t unix_ms) const;

  /// The first time after `unix_ms` that is `minute` (minutes after local midnight) on a
  /// working day: a daily message's next sending.
  std::int64_t next_working_time(std::int64_t unix_ms, int minute) const;

  /// True when the year of `unix_ms` (local) has its complete published holidays: days
  /// counted in any other year may fall on a holiday nobody told ombud about.
  bool covers(std::int64_t unix_ms) const;
};

}  // namespace ombud::tickets

#include "tickets/business_calendar.hpp"

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <memory>

namespace ombud::tickets {
namespace {

// A Gregorian calendar in the organisation's zone, set to `unix_ms`.
std::unique_ptr<icu::Calendar> calendar_at(const std::string& timezone, std::int64_t unix_ms) {
  UErrorCode status = U_ZERO_ERROR;
  auto cal = std::make_unique<icu::GregorianCalendar>(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(timezone)), status);
  cal->setTime(static_cast<UDate>(unix_ms), status);
  return cal;
}

LocalDate date_of(const icu::Calendar& cal) {
  UErrorCode status = U_ZERO_ERROR;
  return {cal.get(UCAL_YEAR, status), cal.get(UCAL_MONTH, status) + 1, cal.get(UCAL_DATE, status)};
}

// ISO weekday of a calendar's current date: 1 = Monday … 7 = Sunday.
int iso_weekday(const icu::Calendar& cal) {
  UErrorCode status = U_ZERO_ERROR;
  const int icu_day = cal.get(UCAL_DAY_OF_WEEK, status);  // 1 = Sunday
  return icu_day == UCAL_SUNDAY ? 7 : icu_day - 1;
}

int minute_of_day(const icu::Calendar& cal) {
  UErrorCode status = U_ZERO_ERROR;
  return cal.get(UCAL_HOUR_OF_DAY, status) * 60 + cal.get(UCAL_MINUTE, status);
}

std::int64_t millis(const icu::Calendar& cal) {
  UErrorCode status = U_ZERO_ERROR;
  return static_cast<std::int64_t>(cal.getTime(status));
}

}  // namespace

LocalDate BusinessCalendar::local_date(std::int64_t unix_ms) const {
  return date_of(*calendar_at(timezone, unix_ms));
}

bool BusinessCalendar::is_working_day(const LocalDate& date) const {
  if (makeup_workdays.contains(date)) return true;
  if (holidays.contains(date)) return false;
  UErrorCode status = U_ZERO_ERROR;
  auto cal = calendar_at(timezone, 0);
  cal->clear();
  cal->set(date.year, date.month - 1, date.day, 12, 0);
  (void)status;
  return working_weekdays.contains(iso_weekday(*cal));
}

std::int64_t BusinessCalendar::next_working_time(std::int64_t unix_ms, int minute) const {
  auto cal = calendar_at(timezone, unix_ms);
  UErrorCode status = U_ZERO_ERROR;
  cal->set(UCAL_HOUR_OF_DAY, minute / 60);
  cal->set(UCAL_MINUTE, minute % 60);
  cal->set(UCAL_SECOND, 0);
  cal->set(UCAL_MILLISECOND, 0);
  for (int guard = 0; guard < 400; ++guard) {
    if (millis(*cal) > unix_ms && is_working_day(date_of(*cal))) break;
    cal->add(UCAL_DATE, 1, status);
  }
  return millis(*cal);
}

std::int64_t BusinessCalendar::add_working_days(std::int64_t unix_ms, int days) const {
  auto cal = calendar_at(timezone, unix_ms);
  UErrorCode status = U_ZERO_ERROR;
  for (int counted = 0; counted < days;) {
    cal->add(UCAL_DATE, 1, status);
    if (is_working_day(date_of(*cal))) ++counted;
  }
  return millis(*cal);
}

std::int64_t BusinessCalendar::add_working_minutes(std::int64_t unix_ms,
                                                   std::int64_t minutes) const {
  auto cal = calendar_at(timezone, unix_ms);
  UErrorCode status = U_ZERO_ERROR;
  auto to_minute = [&](int m) {  // this day at minute m, seconds cleared
    cal->set(UCAL_HOUR_OF_DAY, m / 60);
    cal->set(UCAL_MINUTE, m % 60);
    cal->set(UCAL_SECOND, 0);
    cal->set(UCAL_MILLISECOND, 0);
  };
  for (int guard = 0; guard < 3660; ++guard) {  // ten years of days at most
    const int now = minute_of_day(*cal);
    if (is_working_day(date_of(*cal)) && now < day_end_minute) {
      if (now < day_start_minute) to_minute(day_start_minute);
      const int from = std::max(now, day_start_minute);
      const std::int64_t available = day_end_minute - from;
      if (minutes <= available) {
        return millis(*cal) + minutes * 60'000;
      }
      minutes -= available;
    }
    cal->add(UCAL_DATE, 1, status);
    to_minute(day_start_minute);
  }
  return millis(*cal);
}

std::int64_t BusinessCalendar::working_minutes_between(std::int64_t from_ms,
                                                      std::int64_t to_ms) const {
  if (to_ms <= from_ms) return 0;
  auto cal = calendar_at(timezone, from_ms);
  UErrorCode status = U_ZERO_ERROR;
  std::int64_t minutes = 0;
  for (int guard = 0; guard < 3660 && millis(*cal) < to_ms; ++guard) {
    if (is_working_day(date_of(*cal))) {
      const int now = minute_of_day(*cal);
      const auto day_start = millis(*cal) - static_cast<std::int64_t>(now) * 60'000 -
                             cal->get(UCAL_SECOND, status) * 1000 - cal->get(UCAL_MILLISECOND, status);
      const std::int64_t open = std::max<std::int64_t>(millis(*cal), day_start + day_start_minute * 60000LL);
      const std::int64_t close = std::min<std::int64_t>(to_ms, day_start + day_end_minute * 60000LL);
      if (close > open) minutes += (close - open) / 60'000;
    }
    cal->add(UCAL_DATE, 1, status);
    cal->set(UCAL_HOUR_OF_DAY, 0);
    cal->set(UCAL_MINUTE, 0);
    cal->set(UCAL_SECOND, 0);
    cal->set(UCAL_MILLISECOND, 0);
  }
  return minutes;
}

bool BusinessCalendar::covers(std::int64_t unix_ms) const {
  auto it = years.find(local_date(unix_ms).year);
  return it != years.end() && it->second.complete;
}

}  // namespace ombud::tickets

#include "tickets/business_calendar.hpp"

#include "gateway/config.hpp"
#include "tickets/ticket.hpp"

#include <gtest/gtest.h>

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/timezone.h>

namespace ombud::tickets {
namespace {

// Unix ms of a local time in Shanghai.
std::int64_t shanghai(int y, int mo, int d, int h, int mi) {
  UErrorCode status = U_ZERO_ERROR;
  icu::GregorianCalendar cal(icu::TimeZone::createTimeZone("Asia/Shanghai"), status);
  cal.clear();
  cal.set(y, mo - 1, d, h, mi, 0);
  return static_cast<std::int64_t>(cal.getTime(status));
}

// China's holidays as shipped (config/calendar/).
BusinessCalendar china() {
  BusinessCalendar c;
  gateway::load_calendar(std::filesystem::path(OMBUD_SOURCE_DIR) / "config/calendar", c);
  return c;
}

std::string at(std::int64_t ms) {
  return local_time(ms, "Asia/Shanghai");
}

TEST(BusinessCalendar, FridayPlusTwoWorkingDaysWithSaturdayWorkingIsMonday) {
  BusinessCalendar furniture;  // DOMAIN.md: the furniture group counts Saturday
  furniture.working_weekdays = {1, 2, 3, 4, 5, 6};
  EXPECT_EQ(at(furniture.add_working_days(shanghai(2026, 11, 27, 10, 0), 2)), "2026-11-30 10:00");
  BusinessCalendar office;  // Monday to Friday
  EXPECT_EQ(at(office.add_working_days(shanghai(2026, 11, 27, 10, 0), 2)), "2026-12-01 10:00");
}

TEST(BusinessCalendar, HolidaysAndMakeUpDaysOf2026) {
  const auto cn = china();
  EXPECT_FALSE(cn.is_working_day({2026, 10, 1}));
  EXPECT_TRUE(cn.is_working_day({2026, 10, 10}));   // a Saturday, made up
  EXPECT_TRUE(cn.is_working_day({2026, 2, 14}));    // a Saturday before the Spring Festival
  EXPECT_FALSE(cn.is_working_day({2026, 2, 21}));   // a Saturday inside it
  EXPECT_FALSE(cn.is_working_day({2026, 11, 29}));  // an ordinary Sunday
  // National Day: Wednesday 30 September + 2 → Friday 9 October (1–7 off, 8 and 9 work).
  EXPECT_EQ(at(cn.add_working_days(shanghai(2026, 9, 30, 15, 30), 2)), "2026-10-09 15:30");
  // + 3 → Saturday 10 October, a make-up working day.
  EXPECT_EQ(at(cn.add_working_days(shanghai(2026, 9, 30, 15, 30), 3)), "2026-10-10 15:30");
  // Spring Festival: Friday 13 February + 1 → Saturday 14 (make-up), + 2 → Tuesday 24.
  EXPECT_EQ(at(cn.add_working_days(shanghai(2026, 2, 13, 9, 0), 1)), "2026-02-14 09:00");
  EXPECT_EQ(at(cn.add_working_days(shanghai(2026, 2, 13, 9, 0), 2)), "2026-02-24 09:00");
}

TEST(BusinessCalendar, WorkingHoursCountOnlyBusinessHoursOfWorkingDays) {
  BusinessCalendar office;  // 9:00–18:00, Monday to Friday
  // Friday 17:00 + 2 working hours: one on Friday, one on Monday morning.
  EXPECT_EQ(at(office.add_working_minutes(shanghai(2026, 11, 27, 17, 0), 120)), "2026-11-30 10:00");
  // Before opening: Monday 07:00 + 1 h → 10:00.
  EXPECT_EQ(at(office.add_working_minutes(shanghai(2026, 11, 30, 7, 0), 60)), "2026-11-30 10:00");
  // Within hours.
  EXPECT_EQ(at(office.add_working_minutes(shanghai(2026, 11, 30, 9, 30), 90)), "2026-11-30 11:00");
  // On a holiday: 1 October 10:00 + 1 h → 8 October 10:00.
  const auto cn = china();
  EXPECT_EQ(at(cn.add_working_minutes(shanghai(2026, 10, 1, 10, 0), 60)), "2026-10-08 10:00");
  // A whole working day is nine business hours.
  EXPECT_EQ(at(office.add_working_minutes(shanghai(2026, 11, 30, 9, 0), 9 * 60)),
            "2026-11-30 18:00");
}

TEST(BusinessCalendar, DaysAreCountedInTheOrganisationsTimeZone) {
  BusinessCalendar office;
  // Friday 2026-11-27 20:00 UTC is already Saturday 04:00 in Shanghai.
  const std::int64_t friday_night_utc = 1795809600000;
  EXPECT_EQ(at(friday_night_utc), "2026-11-28 04:00");
  EXPECT_EQ(office.local_date(friday_night_utc), (LocalDate{2026, 11, 28}));
  EXPECT_EQ(at(office.add_working_days(friday_night_utc, 1)), "2026-11-30 04:00");
  office.timezone = "UTC";
  EXPECT_EQ(office.local_date(friday_night_utc), (LocalDate{2026, 11, 27}));
}

}  // namespace
}  // namespace ombud::tickets

namespace ombud::tickets {
namespace {

TEST(BusinessCalendar, TheYearsComeFromAFileEach) {
  const auto cn = china();
  EXPECT_TRUE(cn.covers(shanghai(2026, 6, 1, 12, 0)));
  EXPECT_FALSE(cn.covers(shanghai(2027, 6, 1, 12, 0)));  // shipped incomplete: not yet published
  EXPECT_FALSE(cn.covers(shanghai(2028, 6, 1, 12, 0)));
  // Wednesday 30 December + 2 working days: 1 January 2027 is 元旦, then a weekend → Monday 4.
  EXPECT_EQ(at(cn.add_working_days(shanghai(2026, 12, 30, 10, 0), 2)), "2027-01-04 10:00");
  BusinessCalendar broken;
  EXPECT_THROW(gateway::load_calendar("/nonexistent/calendar", broken), gateway::ConfigError);
}

TEST(BusinessCalendar, WorkingMinutesBetweenTwoTimes) {
  BusinessCalendar office;
  // Friday 17:30 to Monday 10:30: half an hour on Friday, an hour and a half on Monday.
  EXPECT_EQ(office.working_minutes_between(shanghai(2026, 11, 27, 17, 30),
                                           shanghai(2026, 11, 30, 10, 30)),
            120);
  EXPECT_EQ(office.working_minutes_between(shanghai(2026, 11, 30, 10, 0),
                                           shanghai(2026, 11, 30, 9, 0)),
            0);
  // 80% of a two-hour sign-for limit set on Friday 17:30 falls on Monday morning, within
  // business hours, not on Sunday night as 80% of the clock time would.
  const auto start = shanghai(2026, 11, 27, 17, 30);
  const auto due = office.add_working_minutes(start, 120);
  EXPECT_EQ(at(office.add_working_minutes(start, office.working_minutes_between(start, due) * 8 / 10)),
            "2026-11-30 10:06");
  EXPECT_EQ(at(start + (due - start) * 8 / 10), "2026-11-29 21:30");  // what it was: Sunday night
}

}  // namespace
}  // namespace ombud::tickets

#include "channels/twilio/channel.hpp"
#include "gateway/config.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace ombud::gateway {
namespace {

const std::string kMinimal =
    "server:\n  public_base_url: https://ombud.test/\n"
    "channels:\n  twilio:\n    - id: main\n      account_sid: AC1\n      auth_token: tok\n"
    "      from: \"+8610086000\"\n"
    "dialog:\n  flows: " OMBUD_SOURCE_DIR "/config/flows/telecom\n";

std::vector<std::string> problems(const std::string& yaml) {
  try {
    parse_config(yaml, "conf/ombud.yaml");
  } catch (const ConfigError& e) {
    return e.problems();
  }
  return {};
}

bool has(const std::vector<std::string>& all, const std::string& text) {
  return std::any_of(all.begin(), all.end(),
                     [&](const auto& p) { return p.find(text) != std::string::npos; });
}

TEST(Config, MinimalConfigGetsDefaults) {
  auto c = parse_config(kMinimal, "conf/ombud.yaml");
  EXPECT_EQ(c.server.public_base_url, "https://ombud.test");  // trailing '/' dropped
  EXPECT_FALSE(c.redis.url);                                  // embedded Redis
  EXPECT_EQ(c.inbox.partitions, 16);
  EXPECT_EQ(c.outbox.max_attempts, 5);
  EXPECT_EQ(c.data_dir, std::filesystem::path("conf/var"));
  const auto* twilio = channels::twilio::find_in(c.channels);
  ASSERT_NE(twilio, nullptr);
  ASSERT_NE(twilio->find("main"), nullptr);
  EXPECT_EQ(twilio->find("main")->api_base, "https://api.twilio.com");
  EXPECT_EQ(twilio->find("other"), nullptr);
  // Staff are told by SMS on the first account of the channel that has phone numbers.
  EXPECT_EQ(c.tickets.notify.channel, "twilio");
  EXPECT_EQ(c.tickets.notify.account, "main");
}

TEST(Config, UnknownKeysAreErrorsNamingFileAndKey) {
  auto p = problems(kMinimal + "inbox:\n  wokers: 3\nfoo: 1\n");
  EXPECT_TRUE(has(p, "conf/ombud.yaml: inbox.wokers: unknown key"));
  EXPECT_TRUE(has(p, "conf/ombud.yaml: foo: unknown key"));
}

TEST(Config, MissingRequiredKeysAreErrors) {
  auto p = problems("channels:\n  twilio:\n    - id: main\n      from: \"+1\"\n");
  EXPECT_TRUE(has(p, "server: is required"));
  EXPECT_TRUE(has(p, "channels.twilio[0].account_sid: is required"));
  EXPECT_TRUE(has(p, "channels.twilio[0].auth_token: is required"));
}

TEST(Config, WrongTypesAndRangesAreErrors) {
  auto p = problems(kMinimal + "inbox:\n  partitions: many\noutbox:\n  max_attempts: 0\n");
  EXPECT_TRUE(has(p, "inbox.partitions: has the wrong type"));
  EXPECT_TRUE(has(p, "outbox.max_attempts: must be at least 1"));
}

TEST(Config, SecretsComeFromTheEnvironment) {
  ::setenv("OMBUD_TEST_TOKEN", "from-env", 1);
  auto yaml = kMinimal;
  yaml.replace(yaml.find("tok\n"), 3, "${OMBUD_TEST_TOKEN}");
  const auto c = parse_config(yaml, "x.yaml");
  EXPECT_EQ(channels::twilio::find_in(c.channels)->find("main")->auth_token, "from-env");
  yaml.replace(yaml.find("OMBUD_TEST_TOKEN"), 16, "OMBUD_TEST_UNSET");
  EXPECT_TRUE(has(problems(yaml), "environment variable OMBUD_TEST_UNSET is not set"));
}

TEST(Config, DuplicateAccountIdsAreErrors) {
  auto yaml = kMinimal;
  yaml.insert(yaml.find("dialog:"),
              "    - id: main\n      account_sid: AC2\n      auth_token: t\n      from: \"+2\"\n");
  EXPECT_TRUE(has(problems(yaml), "channels.twilio[1].id: is used twice"));
}

TEST(Config, TheShippedSampleIsValid) {
  auto c = load_config(std::filesystem::path(OMBUD_SOURCE_DIR) / "config/ombud.yaml");
  EXPECT_NE(channels::twilio::find_in(c.channels), nullptr);
  EXPECT_FALSE(c.replies.opted_out.zh.empty());
  EXPECT_NE(c.dialog.flows.flow("complaint"), nullptr);
  EXPECT_FALSE(c.dialog.faq.empty());
  EXPECT_EQ(c.dialog.classifier.categories.count("broadband"), 1u);
  auto property = load_config(std::filesystem::path(OMBUD_SOURCE_DIR) / "config/property.yaml");
  EXPECT_EQ(property.dialog.ticket_prefix, "P");
  EXPECT_EQ(property.dialog.classifier.categories.count("equipment"), 1u);
  // Every sample organisation can work its complaints: each category reaches a department,
  // and the holidays of this year are known.
  const std::int64_t december_2026 = 1796000000000;
  for (const auto* sample : {&c, &property}) {
    ASSERT_TRUE(sample->tickets.directory_seed);
    for (const auto& w : config_warnings(*sample, december_2026))
      EXPECT_EQ(w.find("tickets.departments"), std::string::npos) << w;
    EXPECT_TRUE(sample->tickets.calendar.covers(december_2026));
    EXPECT_FALSE(sample->tickets.calendar.is_working_day({2026, 10, 1}));
  }
  EXPECT_EQ(property.tickets.directory_seed->route("equipment", "").lead->name, "工程维修部");
}

TEST(Config, WarningsNameCategoriesThatReachNobodyAndYearsWithoutHolidays) {
  const auto file = std::filesystem::temp_directory_path() /
                    ("ombud-departments-" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(file)
      << "default_department: network\nduty_managers:\n  - {name: M, phone: \"+8613700000100\", role: head}\n"
         "departments:\n  - id: network\n    name: 网络维护部\n    staff:\n"
         "      - {name: 李工, phone: \"+8613700000001\", role: responsible}\n"
         "routing:\n  - {category: network, department: network}\n";
  auto c = parse_config(kMinimal + "tickets:\n  departments: " + file.string() + "\n", "x.yaml");
  std::filesystem::remove(file);
  const auto warnings = config_warnings(c, 1796000000000);
  auto has_warning = [&](const std::string& text) {
    return std::any_of(warnings.begin(), warnings.end(),
                       [&](const std::string& w) { return w.find(text) != std::string::npos; });
  };
  EXPECT_TRUE(has_warning("category 'billing' (话费账单) has no routing rule: it goes to the "
                          "default department, 网络维护部"));
  EXPECT_FALSE(has_warning("category 'network'"));
  EXPECT_TRUE(has_warning("tickets.calendar: no holidays for 2026"));
  EXPECT_FALSE(has_warning("tickets.departments: not set"));
  const auto without = config_warnings(parse_config(kMinimal, "x.yaml"), 1796000000000);
  EXPECT_TRUE(std::any_of(without.begin(), without.end(), [](const std::string& w) {
    return w.starts_with("tickets.departments: not set");
  }));
}

TEST(Config, DialogAndTicketSettingsAreChecked) {
  auto p = problems(
      kMinimal +
      "  entry_flow: lobby\n  anonymous: maybe\n  texts:\n    greeting: {zh: 你好, en: hi}\n"
      "tickets:\n  timezone: Mars/Olympus\n  serial_digits: 12\n");
  EXPECT_TRUE(has(p, "dialog.entry_flow: no flow named 'lobby'"));
  EXPECT_TRUE(has(p, "dialog.anonymous: must be accept or record_only"));
  EXPECT_TRUE(has(p, "dialog.texts.greeting: unknown key"));
  EXPECT_TRUE(has(p, "tickets.timezone: unknown time zone 'Mars/Olympus'"));
  EXPECT_TRUE(has(p, "tickets.serial_digits: must be between 3 and 8"));
  EXPECT_TRUE(has(problems("server:\n  public_base_url: https://x\n"), "dialog: is required"));
}

TEST(Config, BrokenFlowsAreConfigurationErrors) {
  auto yaml = kMinimal;
  yaml.replace(yaml.find(OMBUD_SOURCE_DIR "/config/flows/telecom"),
               std::string(OMBUD_SOURCE_DIR "/config/flows/telecom").size(), "/nonexistent/flows");
  EXPECT_TRUE(has(problems(yaml), "/nonexistent/flows: is not a directory of flows"));
}

}  // namespace
}  // namespace ombud::gateway

namespace ombud::gateway {
namespace {

TEST(Config, TheCalendarHolidaysGradingAndLimitsAreConfigurable) {
  auto c = parse_config(
      kMinimal +
          "tickets:\n  holidays: [2027-01-01]\n  makeup_workdays: [2027-01-03]\n"
          "  working_weekdays: [1, 2, 3, 4, 5, 6]\n  business_hours: 08:30-17:30\n"
          "  reply_days_by_level: {1: 1, 2: 1}\n"
          "  grading:\n    rules:\n      - {level: 1, words: [上访], reason: petition}\n",
      "x.yaml");
  const auto& cal = c.tickets.calendar;
  EXPECT_FALSE(cal.is_working_day({2027, 1, 1}));
  EXPECT_TRUE(cal.is_working_day({2027, 1, 3}));       // a Sunday, made up
  EXPECT_FALSE(cal.holidays.contains({2026, 10, 1}));  // no calendar files named
  EXPECT_TRUE(cal.working_weekdays.contains(6));
  EXPECT_EQ(cal.day_start_minute, 8 * 60 + 30);
  EXPECT_EQ(c.tickets.reply_days_by_level.at(2), 1);
  ASSERT_EQ(c.tickets.grading.keyword_rules.size(), 1u);
  EXPECT_EQ(c.tickets.grading.keyword_rules[0].keywords, std::vector<std::string>{"上访"});
  auto p = problems(kMinimal +
                    "tickets:\n  holidays: [next tuesday]\n  business_hours: late\n"
                    "  grading:\n    rules: [{level: 7, words: [x]}]\n");
  EXPECT_TRUE(has(p, "tickets.holidays: 'next tuesday' is not a date like 2026-10-01"));
  EXPECT_TRUE(has(p, "tickets.business_hours: must look like 09:00-18:00"));
  EXPECT_TRUE(has(p, "tickets.grading.rules[0].level: must be 1 to 4"));
}

}  // namespace
}  // namespace ombud::gateway

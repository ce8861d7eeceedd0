// The dialog: and tickets: sections of the configuration.

#include "gateway/detail/config_sections.hpp"

#include "gateway/directory_config.hpp"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <set>
#include <utility>

namespace ombud::gateway::detail {
namespace {

using TextMember = core::LocalizedText dialog::Texts::*;
constexpr std::pair<const char*, TextMember> kTexts[] = {
    {"invalid_choice", &dialog::Texts::invalid_choice},
    {"invalid_text", &dialog::Texts::invalid_text},
    {"ask_phone", &dialog::Texts::ask_phone},
    {"invalid_phone", &dialog::Texts::invalid_phone},
    {"invalid_yes_no", &dialog::Texts::invalid_yes_no},
    {"optional_hint", &dialog::Texts::optional_hint},
    {"offer_human", &dialog::Texts::offer_human},
    {"resume_question", &dialog::Texts::resume_question},
    {"resumed", &dialog::Texts::resumed},
    {"noted", &dialog::Texts::noted},
    {"cancelled", &dialog::Texts::cancelled},
    {"handoff", &dialog::Texts::handoff},
    {"waiting", &dialog::Texts::waiting},
    {"help", &dialog::Texts::help},
    {"no_back", &dialog::Texts::no_back},
    {"change_which", &dialog::Texts::change_which},
    {"ticket_created", &dialog::Texts::ticket_created},
    {"anonymous_recorded", &dialog::Texts::anonymous_recorded},
    {"anonymous_record_only", &dialog::Texts::anonymous_record_only},
    {"consultation_recorded", &dialog::Texts::consultation_recorded},
    {"suggestion_recorded", &dialog::Texts::suggestion_recorded},
    {"status_found", &dialog::Texts::status_found},
    {"status_not_found", &dialog::Texts::status_not_found},
    {"status_usage", &dialog::Texts::status_usage},
    {"empty_value", &dialog::Texts::empty_value},
    {"anonymous_name", &dialog::Texts::anonymous_name},
    {"yes", &dialog::Texts::yes},
    {"no", &dialog::Texts::no},
};

using ListMember = std::vector<std::string> dialog::Commands::*;
constexpr std::pair<const char*, ListMember> kCommands[] = {
    {"cancel", &dialog::Commands::cancel},   {"back", &dialog::Commands::back},
    {"restart", &dialog::Commands::restart}, {"human", &dialog::Commands::human},
    {"help", &dialog::Commands::help},       {"status", &dialog::Commands::status},
    {"english", &dialog::Commands::english}, {"chinese", &dialog::Commands::chinese},
    {"skip", &dialog::Commands::skip},       {"anonymous", &dialog::Commands::anonymous},
};

void read_classifier(core::Reader& r, const YAML::Node& n, dialog::Classifier& c) {
  const std::string path = "dialog.classifier";
  if (!r.expect_map(n, path,
                    {"complaint_words", "consultation_words", "suggestion_words", "categories",
                     "category_slot", "description_slot"}))
    return;
  r.get_list(n, path, "complaint_words", c.complaint_words);
  r.get_list(n, path, "consultation_words", c.consultation_words);
  r.get_list(n, path, "suggestion_words", c.suggestion_words);
  r.get(n, path, "category_slot", c.category_slot);
  r.get(n, path, "description_slot", c.description_slot);
  if (const auto& cats = n["categories"]) {
    if (!cats.IsMap()) return r.problem(path + ".categories", "must map categories to keywords");
    for (const auto& kv : cats) {
      const auto value = kv.first.as<std::string>();
      r.get_list(cats, path + ".categories", value.c_str(), c.categories[value]);
    }
  }
}

void read_faq(core::Reader& r, const YAML::Node& n, std::vector<dialog::FaqEntry>& faq) {
  if (!n.IsSequence()) return r.problem("dialog.faq", "must be a list");
  for (size_t i = 0; i < n.size(); ++i) {
    const auto path = "dialog.faq[" + std::to_string(i) + "]";
    if (!r.expect_map(n[i], path, {"keywords", "answer"})) continue;
    dialog::FaqEntry e;
    r.get_list(n[i], path, "keywords", e.keywords);
    r.get_text(n[i], path, "answer", e.answer);
    faq.push_back(std::move(e));
  }
}

// "2026-10-01" dates, added to `into`.
void read_dates(core::Reader& r, const YAML::Node& n, const std::string& path, const char* key,
                std::set<tickets::LocalDate>& into) {
  if (!n[key]) return;
  std::vector<std::string> dates;
  r.get_list(n, path, key, dates);
  for (const auto& d : dates) {
    tickets::LocalDate date;
    if (std::sscanf(d.c_str(), "%d-%d-%d", &date.year, &date.month, &date.day) != 3 ||
        date.month < 1 || date.month > 12 || date.day < 1 || date.day > 31)
      r.problem(core::Reader::join(path, key), "'" + d + "' is not a date like 2026-10-01");
    else
      into.insert(date);
  }
}

// One year's holidays: {year, complete, source, holidays: [...], makeup_workdays: [...]}.
void read_calendar_year(core::Reader& r, const std::filesystem::path& file,
                        tickets::BusinessCalendar& calendar) {
  YAML::Node n;
  try {
    n = YAML::LoadFile(file.string());
  } catch (const YAML::Exception& e) {
    return r.problem(file.string(), e.what());
  }
  const std::string path = file.filename().string();
  if (!r.expect_map(n, path, {"year", "complete", "source", "holidays", "makeup_workdays"})) return;
  int year = 0;
  tickets::BusinessCalendar::Year info;
  r.get(n, path, "year", year, true);
  r.get(n, path, "complete", info.complete);
  r.get(n, path, "source", info.source);
  std::set<tickets::LocalDate> holidays, makeup;
  read_dates(r, n, path, "holidays", holidays);
  read_dates(r, n, path, "makeup_workdays", makeup);
  for (const auto* set : {&holidays, &makeup})
    for (const auto& d : *set)
      if (d.year != year)
        r.problem(path, std::to_string(d.year) + "-" + std::to_string(d.month) + "-" +
                            std::to_string(d.day) + " is not in " + std::to_string(year));
  calendar.holidays.insert(holidays.begin(), holidays.end());
  calendar.makeup_workdays.insert(makeup.begin(), makeup.end());
  calendar.years[year] = std::move(info);
}


// grading: {rules: [{level, words, reason}], departments_level1, departments_level2,
// similar_customers_level2}: the keyword rules given replace the built-in ones.
void read_grading(core::Reader& r, const YAML::Node& n, tickets::GradingPolicy& g) {
  const std::string path = "tickets.grading";
  if (!r.expect_map(
          n, path,
          {"rules", "departments_level1", "departments_level2", "similar_customers_level2",
           "collective_level"}))
    return;
  r.get(n, path, "collective_level", g.collective_level);
  if (g.collective_level < 1 || g.collective_level > 4)
    r.problem(path + ".collective_level", "must be 1 to 4");
  r.get(n, path, "departments_level1", g.departments_level1);
  r.get(n, path, "departments_level2", g.departments_level2);
  r.get(n, path, "similar_customers_level2", g.similar_customers_level2);
  const auto& rules = n["rules"];
  if (!rules) return;
  if (!rules.IsSequence()) return r.problem(path + ".rules", "must be a list");
  g.keyword_rules.clear();
  for (size_t i = 0; i < rules.size(); ++i) {
    const auto where = path + ".rules[" + std::to_string(i) + "]";
    if (!r.expect_map(rules[i], where, {"level", "words", "reason"})) continue;
    tickets::KeywordRule rule;
    r.get(rules[i], where, "level", rule.level, true);
    r.get_list(rules[i], where, "words", rule.keywords);
    r.get_text(rules[i], where, "reason", rule.reason);
    if (rule.level < 1 || rule.level > 4) r.problem(where + ".level", "must be 1 to 4");
    g.keyword_rules.push_back(std::move(rule));
  }
}

}  // namespace

void read_calendar_dir(core::Reader& r, const std::filesystem::path& dir,
                       tickets::BusinessCalendar& calendar) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  if (ec) return r.problem("tickets.calendar", "cannot read " + dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) read_calendar_year(r, f, calendar);
}

void read_dialog(core::Reader& r, const YAML::Node& n, const std::filesystem::path& base,
                 dialog::Settings& d) {
  const std::string path = "dialog";
  if (!r.expect_map(n, path,
                    {"flows", "entry_flow", "complaint_flow", "consultation_flow",
                     "suggestion_flow", "idle_timeout_s", "resume_after_s", "max_retries",
                     "remember_language_days",
                     "anonymous", "sms_segments", "commands", "classifier", "faq", "texts"}))
    return;
  std::string flows;
  r.get(n, path, "flows", flows, true);
  r.get(n, path, "entry_flow", d.entry_flow);
  r.get(n, path, "complaint_flow", d.complaint_flow);
  r.get(n, path, "consultation_flow", d.consultation_flow);
  r.get(n, path, "suggestion_flow", d.suggestion_flow);
  r.get(n, path, "idle_timeout_s", d.idle_timeout);
  r.get(n, path, "resume_after_s", d.resume_after);
  r.get(n, path, "max_retries", d.max_retries);
  if (n["remember_language_days"]) {
    int days = 90;
    r.get(n, path, "remember_language_days", days);
    d.remember_language = std::chrono::hours(24) * std::max(days, 1);
  }
  r.get(n, path, "sms_segments", d.sms.segments);
  std::string anonymous = "accept";
  r.get(n, path, "anonymous", anonymous);
  if (anonymous != "accept" && anonymous != "record_only")
    r.problem("dialog.anonymous", "must be accept or record_only");
  d.anonymous_record_only = anonymous == "record_only";
  if (const auto& cmds = n["commands"]) {
    std::initializer_list<std::string_view> names{"cancel", "back",    "restart", "human", "help",
                                                  "status", "english", "chinese", "skip",
                                                  "anonymous"};
    if (r.expect_map(cmds, "dialog.commands", names))
      for (const auto& [name, member] : kCommands)
        r.get_list(cmds, "dialog.commands", name, d.commands.*member);
  }
  if (const auto& c = n["classifier"]) read_classifier(r, c, d.classifier);
  if (const auto& f = n["faq"]) read_faq(r, f, d.faq);
  if (const auto& texts = n["texts"]) r.get_texts(texts, "dialog.texts", kTexts, d.texts);
  if (flows.empty()) return;
  const auto dir =
      std::filesystem::path(flows).is_relative() ? base / flows : std::filesystem::path(flows);
  d.flows = dialog::FlowSet::load(dir, r.problems());
  d.validate(r.problems(), r.file() + ": dialog");
}

void read_tickets(core::Reader& r, const YAML::Node& n, const std::filesystem::path& base, Config& c) {
  const std::string path = "tickets";
  if (!r.expect_map(n, path,
                    {"prefix", "serial_digits", "timezone", "departments", "sign_for_hours",
                     "reply_days", "multi_department_reply_days", "audit_required",
                     "notify_signed_for", "transfer_restarts_clock", "extension_needs_head",
                     "dissatisfied_words", "working_weekdays", "business_hours", "holidays",
                     "makeup_workdays", "reply_days_by_level", "grading", "full_phone_to_responsible",
                     "reply_by", "thanks_words", "texts", "calendar", "notify"}))
    return;
  auto& d = c.dialog;
  auto& t = c.tickets;
  r.get(n, path, "prefix", d.ticket_prefix);
  r.get(n, path, "serial_digits", d.ticket_serial_digits);
  r.get(n, path, "timezone", c.timezone);
  r.get(n, path, "sign_for_hours", t.sign_for_hours);
  r.get(n, path, "reply_days", t.reply_days);
  r.get(n, path, "multi_department_reply_days", t.multi_department_reply_days);
  r.get(n, path, "audit_required", t.audit_required);
  r.get(n, path, "notify_signed_for", t.notify_signed_for);
  r.get(n, path, "transfer_restarts_clock", t.transfer_restarts_clock);
  r.get(n, path, "extension_needs_head", t.extension_needs_head);
  r.get_list(n, path, "dissatisfied_words", t.dissatisfied_words);
  r.get_list(n, path, "thanks_words", t.thanks_words);
  r.get(n, path, "full_phone_to_responsible", t.full_phone_to_responsible);
  if (auto notify = n["notify"]; notify && r.expect_map(notify, "tickets.notify", {"channel", "account"})) {
    r.get(notify, "tickets.notify", "channel", t.notify.channel, true);
    r.get(notify, "tickets.notify", "account", t.notify.account);
  }
  if (n["reply_by"]) {
    std::string by;
    r.get(n, path, "reply_by", by);
    if (by == "holder")
      t.reply_by = tickets::ReplyBy::holder;
    else if (by == "holder_or_head")
      t.reply_by = tickets::ReplyBy::holder_or_head;
    else if (by == "department")
      t.reply_by = tickets::ReplyBy::department;
    else
      r.problem("tickets.reply_by", "must be holder, holder_or_head or department");
  }
  if (const auto& texts = n["texts"])
    r.get_texts(texts, "tickets.texts", tickets::kDeskTextKeys, t.texts);
  if (n["calendar"]) {
    std::string dir;
    r.get(n, path, "calendar", dir);
    read_calendar_dir(r, std::filesystem::path(dir).is_relative() ? base / dir : std::filesystem::path(dir),
                      t.calendar);
  }
  read_dates(r, n, path, "holidays", t.calendar.holidays);  // one-off days of the organisation
  read_dates(r, n, path, "makeup_workdays", t.calendar.makeup_workdays);
  if (const auto& levels = n["reply_days_by_level"]) {
    if (!levels.IsMap())
      r.problem("tickets.reply_days_by_level", "must map levels to days");
    else {
      t.reply_days_by_level.clear();
      for (const auto& kv : levels)
        t.reply_days_by_level[kv.first.as<int>(0)] = kv.second.as<int>(0);
    }
  }
  if (const auto& g = n["grading"]) read_grading(r, g, t.grading);
  t.calendar.timezone = c.timezone;
  if (n["working_weekdays"]) {
    std::vector<std::string> days;
    r.get_list(n, path, "working_weekdays", days);
    t.calendar.working_weekdays.clear();
    for (const auto& day : days) {
      const int v = std::atoi(day.c_str());
      if (v < 1 || v > 7)
        r.problem("tickets.working_weekdays", "days are 1 (Monday) to 7");
      else
        t.calendar.working_weekdays.insert(v);
    }
  }
  if (n["business_hours"]) {
    std::string hours;
    r.get(n, path, "business_hours", hours);
    int h1 = 0, m1 = 0, h2 = 0, m2 = 0;
    if (std::sscanf(hours.c_str(), "%d:%d-%d:%d", &h1, &m1, &h2, &m2) != 4 ||
        h1 * 60 + m1 >= h2 * 60 + m2)
      r.problem("tickets.business_hours", "must look like 09:00-18:00");
    t.calendar.day_start_minute = h1 * 60 + m1;
    t.calendar.day_end_minute = h2 * 60 + m2;
  }
  d.sms.ticket_chars = static_cast<int>(d.ticket_prefix.size()) + 6 + d.ticket_serial_digits;
  if (d.ticket_serial_digits < 3 || d.ticket_serial_digits > 8)
    r.problem("tickets.serial_digits", "must be between 3 and 8");
  std::unique_ptr<icu::TimeZone> tz(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(c.timezone)));
  icu::UnicodeString id;
  if (!tz || tz->getID(id) == UNICODE_STRING_SIMPLE("Etc/Unknown"))
    r.problem("tickets.timezone", "unknown time zone '" + c.timezone + "'");
  std::string departments;
  r.get(n, path, "departments", departments);
  if (!departments.empty()) {
    const auto file = std::filesystem::path(departments).is_relative()
                          ? base / departments
                          : std::filesystem::path(departments);
    try {
      t.directory_seed = load_directory(file);
    } catch (const ConfigError& e) {
      for (const auto& p : e.problems()) r.problems().push_back(p);
    }
  }
}

}  // namespace ombud::gateway::detail

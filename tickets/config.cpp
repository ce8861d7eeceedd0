#include "tickets/config.hpp"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <set>
#include <tuple>

namespace ombud::tickets {
namespace {

// "2026-10-01" dates, added to `into`.
void read_dates(core::Section& s, const char* key, std::set<LocalDate>& into) {
  if (!s.has(key)) return;
  std::vector<std::string> dates;
  s.list(key, dates);
  for (const auto& d : dates) {
    LocalDate date;
    if (std::sscanf(d.c_str(), "%d-%d-%d", &date.year, &date.month, &date.day) != 3 ||
        date.month < 1 || date.month > 12 || date.day < 1 || date.day > 31)
      s.problem(key, "'" + d + "' is not a date like 2026-10-01");
    else
      into.insert(date);
  }
}

// One year's holidays: {year, complete, source, holidays: [...], makeup_workdays: [...]}.
void read_calendar_year(core::Reader& r, const std::filesystem::path& file,
                        BusinessCalendar& calendar) {
  YAML::Node n;
  try {
    n = YAML::LoadFile(file.string());
  } catch (const YAML::Exception& e) {
    return r.problem(file.string(), e.what());
  }
  const std::string path = file.filename().string();
  core::Section s(r, n, path);
  if (!s.present()) return;
  int year = 0;
  BusinessCalendar::Year info;
  s.get("year", year, true);
  s.get("complete", info.complete);
  s.get("source", info.source);
  std::set<LocalDate> holidays, makeup;
  read_dates(s, "holidays", holidays);
  read_dates(s, "makeup_workdays", makeup);
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
// similar_customers_level2, collective_level}: the keyword rules given replace the built-in ones.
void read_grading(core::Section s, GradingPolicy& g) {
  s.get("collective_level", g.collective_level);
  if (g.collective_level < 1 || g.collective_level > 4)
    s.problem("collective_level", "must be 1 to 4");
  s.get("departments_level1", g.departments_level1);
  s.get("departments_level2", g.departments_level2);
  s.get("similar_customers_level2", g.similar_customers_level2);
  const auto rules = s.node("rules");
  if (!rules) return;
  if (!rules.IsSequence()) return s.problem("rules", "must be a list");
  g.keyword_rules.clear();
  for (size_t i = 0; i < rules.size(); ++i) {
    core::Section item(s.reader(), rules[i], s.path("rules") + "[" + std::to_string(i) + "]");
    KeywordRule rule;
    item.get("level", rule.level, true);
    item.list("words", rule.keywords);
    item.text("reason", rule.reason);
    if (rule.level < 1 || rule.level > 4) item.problem("level", "must be 1 to 4");
    g.keyword_rules.push_back(std::move(rule));
  }
}

void read_working_time(core::Section& s, BusinessCalendar& calendar) {
  if (s.has("working_weekdays")) {
    std::vector<std::string> days;
    s.list("working_weekdays", days);
    calendar.working_weekdays.clear();
    for (const auto& day : days) {
      const int v = std::atoi(day.c_str());
      if (v < 1 || v > 7)
        s.problem("working_weekdays", "days are 1 (Monday) to 7");
      else
        calendar.working_weekdays.insert(v);
    }
  }
  if (s.has("business_hours")) {
    std::string hours;
    s.get("business_hours", hours);
    int h1 = 0, m1 = 0, h2 = 0, m2 = 0;
    if (std::sscanf(hours.c_str(), "%d:%d-%d:%d", &h1, &m1, &h2, &m2) != 4 ||
        h1 * 60 + m1 >= h2 * 60 + m2)
      s.problem("business_hours", "must look like 09:00-18:00");
    calendar.day_start_minute = h1 * 60 + m1;
    calendar.day_end_minute = h2 * 60 + m2;
  }
}

std::filesystem::path relative_to(const std::filesystem::path& base, const std::string& path) {
  return std::filesystem::path(path).is_relative() ? base / path : std::filesystem::path(path);
}

std::vector<StaffMember> read_staff(core::Reader& r, const YAML::Node& list,
                                    const std::string& path) {
  std::vector<StaffMember> out;
  if (!list || !list.IsSequence()) {
    r.problem(path, "must be a list of people");
    return out;
  }
  for (size_t i = 0; i < list.size(); ++i) {
    core::Section person(r, list[i], path + "[" + std::to_string(i) + "]");
    if (!person.present()) continue;
    StaffMember s;
    person.get("name", s.name, true);
    person.get("phone", s.phone, true);
    person.get("role", s.role, true);
    person.get("language", s.language);
    if (s.language != "zh" && s.language != "en") person.problem("language", "must be zh or en");
    out.push_back(std::move(s));
  }
  return out;
}


// tickets.closing: who closes, what closes by itself, reopening, and the register's classes
// (each class given replaces its default; a class left out is not used).
void read_closing(core::Section&& c, ClosingRules& closing) {
  if (c.has("by_department")) {
    std::string by;
    c.get("by_department", by);
    if (by == "request") closing.by_department = DepartmentClose::request;
    else if (by == "refuse") closing.by_department = DepartmentClose::refuse;
    else c.problem("by_department", "must be request or refuse");
  }
  if (c.has("after")) {
    std::string after;
    c.get("after", after);
    if (after == "survey") closing.after = AutoClose::survey;
    else if (after == "revisit") closing.after = AutoClose::revisit;
    else if (after == "none") closing.after = AutoClose::none;
    else c.problem("after", "must be survey, revisit or none");
  }
  c.get("when_no_answer", closing.when_no_answer);
  c.get("reopen_days", closing.reopen_days);
  if (closing.reopen_days < 0) c.problem("reopen_days", "must not be negative");
  if (!c.has("classes")) return;
  auto classes = c.section("classes");
  std::vector<ClassGroup> groups;
  for (const auto name : kClassNames) {
    const std::string key(name);
    if (!classes.has(key.c_str())) continue;
    auto g = classes.section(key.c_str());
    ClassGroup group{key, {key, key}, false, {}};
    for (const auto& d : ClosingRules::default_classes())
      if (d.name == key) group.label = d.label;
    g.text("label", group.label);
    g.get("required", group.required);
    const auto values = g.node("values");
    const auto path = g.path("values");
    if (!values || !values.IsSequence() || values.size() == 0) {
      g.problem("values", "must be a list of {id, zh, en, reason}");
      continue;
    }
    auto& reader = g.reader();
    for (const auto& v : values) {
      if (!reader.expect_map(v, path, {"id", "zh", "en", "reason"})) continue;
      ClassValue value;
      reader.get(v, path, "id", value.id, true);
      reader.get(v, path, "zh", value.label.zh, true);
      reader.get(v, path, "en", value.label.en, true);
      reader.get(v, path, "reason", value.needs_reason);
      if (group.find(value.id)) reader.problem(path, "repeats the id " + value.id);
      group.values.push_back(std::move(value));
    }
    groups.push_back(std::move(group));
  }
  closing.classes = std::move(groups);
}


// tickets.acceptance: the reasons not to accept a complaint (a list replaces the defaults) and
// the legal words that hold one for the desk's decision.
void read_acceptance(core::Section&& a, AcceptanceRules& acceptance) {
  a.list("legal_words", acceptance.legal_words);
  a.get("legal_hold", acceptance.legal_hold);
  a.get("legal_department", acceptance.legal_department);
  a.get("decide_within_hours", acceptance.decide_within_hours);
  if (acceptance.decide_within_hours < 1) a.problem("decide_within_hours", "must be at least 1");
  const auto reasons = a.node("reasons");
  if (!reasons) return;
  const auto path = a.path("reasons");
  auto& reader = a.reader();
  if (!reasons.IsSequence() || reasons.size() == 0) return reader.problem(path, "must be a list of {id, zh, en, where}");
  acceptance.reasons.clear();
  for (const auto& r : reasons) {
    if (!reader.expect_map(r, path, {"id", "zh", "en", "where"})) continue;
    DeclineReason reason;
    reader.get(r, path, "id", reason.id, true);
    reader.get(r, path, "zh", reason.label.zh, true);
    reader.get(r, path, "en", reason.label.en, true);
    reader.get_text(r, path, "where", reason.where);
    if (acceptance.find(reason.id)) reader.problem(path, "repeats the id " + reason.id);
    acceptance.reasons.push_back(std::move(reason));
  }
}

}  // namespace

void read_calendar_dir(core::Reader& r, const std::filesystem::path& dir,
                       BusinessCalendar& calendar) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  if (ec) return r.problem("tickets.calendar", "cannot read " + dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) read_calendar_year(r, f, calendar);
}

void read_tickets(core::Section s, const std::filesystem::path& base, TicketsSection into) {
  auto& t = into.rules;
  s.get("prefix", into.prefix);
  s.get("serial_digits", into.serial_digits);
  s.get("timezone", into.timezone);
  s.get("sign_for_hours", t.sign_for_hours);
  s.get("reply_days", t.reply_days);
  s.get("multi_department_reply_days", t.multi_department_reply_days);
  s.get("multi_department_limit_wins", t.multi_department_limit_wins);
  s.get("customer_notes_per_window", t.customer_notes_per_window);
  if (t.customer_notes_per_window < 1) s.problem("customer_notes_per_window", "must be at least 1");
  if (std::int64_t seconds = 0; s.has("customer_notes_window_s")) {
    s.get("customer_notes_window_s", seconds);
    if (seconds < 1) s.problem("customer_notes_window_s", "must be at least 1");
    t.customer_notes_window_ms = seconds * 1000;
  }
  s.get("audit_required", t.audit_required);
  s.get("notify_signed_for", t.notify_signed_for);
  s.get("transfer_restarts_clock", t.transfer_restarts_clock);
  s.get("extension_needs_head", t.extension_needs_head);
  s.get("assign_needs_head", t.assign_needs_head);
  s.list("dissatisfied_words", t.dissatisfied_words);
  s.list("thanks_words", t.thanks_words);
  if (s.has("survey")) {
    auto v = s.section("survey");
    auto& survey = t.survey;
    v.get("enabled", survey.enabled);
    v.get("delay_working_minutes", survey.delay_working_minutes);
    if (survey.delay_working_minutes < 0) v.problem("delay_working_minutes", "must not be negative");
    for (auto [key, into] : {std::pair{"reminder_after_hours", &survey.reminder_after_ms},
                             std::pair{"expiry_hours", &survey.expiry_ms}}) {
      if (!v.has(key)) continue;
      std::int64_t hours = 0;
      v.get(key, hours);
      if (hours < 1) v.problem(key, "must be at least 1");
      *into = hours * 3600 * 1000;
    }
    v.list("satisfied_words", survey.satisfied_words);
    v.list("basically_words", survey.basically_words);
    v.list("dissatisfied_words", survey.dissatisfied_words);
  }
  if (s.has("closing")) read_closing(s.section("closing"), t.closing);
  if (s.has("acceptance")) read_acceptance(s.section("acceptance"), t.acceptance);
  s.get("consultation_answer_hours", t.consultation_answer_hours);
  if (t.consultation_answer_hours < 1) s.problem("consultation_answer_hours", "must be at least 1");
  s.get("suggestion_days", t.suggestion_days);
  if (t.suggestion_days < 1) s.problem("suggestion_days", "must be at least 1");
  if (s.has("revisit")) {
    auto r = s.section("revisit");
    auto& revisit = t.revisit;
    r.get("enabled", revisit.enabled);
    r.get("within_days", revisit.within_days);
    if (revisit.within_days < 1) r.problem("within_days", "must be at least 1");
    r.get("working_days", revisit.working_days);
    if (const auto levels = r.node("headquarters_levels"); levels) {
      if (!levels.IsSequence()) r.problem("headquarters_levels", "must be a list of levels (1-4)");
      else
        for (const auto& l : levels) revisit.headquarters_levels.push_back(l.as<int>(0));
    }
    if (r.has("digest_at")) {
      std::string at;
      r.get("digest_at", at);
      int h = -1, m = -1;
      if (at.empty()) revisit.digest_minute = -1;
      else if (std::sscanf(at.c_str(), "%d:%d", &h, &m) == 2 && h >= 0 && h < 24 && m >= 0 && m < 60)
        revisit.digest_minute = h * 60 + m;
      else
        r.problem("digest_at", "must be HH:MM, or \"\" for no digest");
    }
    r.get("unreached_to_call_list", revisit.unreached_to_call_list);
    if (revisit.unreached_to_call_list < 1) r.problem("unreached_to_call_list", "must be at least 1");
    r.list("unreached_words", revisit.unreached_words);
    r.list("solved_words", revisit.solved_words);
    r.list("unsolved_words", revisit.unsolved_words);
  }
  s.get("full_phone_to_responsible", t.full_phone_to_responsible);
  if (s.has("notify")) {
    auto notify = s.section("notify");
    notify.get("channel", t.notify.channel, true);
    notify.get("account", t.notify.account);
  }
  if (s.has("reply_by")) {
    std::string by;
    s.get("reply_by", by);
    if (by == "holder")
      t.reply_by = ReplyBy::holder;
    else if (by == "holder_or_head")
      t.reply_by = ReplyBy::holder_or_head;
    else if (by == "department")
      t.reply_by = ReplyBy::department;
    else
      s.problem("reply_by", "must be holder, holder_or_head or department");
  }
  s.texts("texts", kDeskTextKeys, t.texts);
  if (s.has("calendar")) {
    std::string dir;
    s.get("calendar", dir);
    read_calendar_dir(s.reader(), relative_to(base, dir), t.calendar);
  }
  read_dates(s, "holidays", t.calendar.holidays);  // one-off days of the organisation
  read_dates(s, "makeup_workdays", t.calendar.makeup_workdays);
  for (auto [key, into_map, unit] :
       {std::tuple{"reply_days_by_level", &t.reply_days_by_level, "days"},
        std::tuple{"sign_for_hours_by_level", &t.sign_for_hours_by_level, "hours"}}) {
    const auto levels = s.node(key);
    if (!levels) continue;
    if (!levels.IsMap()) {
      s.problem(key, std::string("must map levels to ") + unit);
    } else {
      into_map->clear();
      for (const auto& kv : levels) (*into_map)[kv.first.as<int>(0)] = kv.second.as<int>(0);
    }
  }
  read_grading(s.section("grading"), t.grading);
  read_working_time(s, t.calendar);
  t.calendar.timezone = into.timezone;
  if (into.serial_digits < 3 || into.serial_digits > 8)
    s.problem("serial_digits", "must be between 3 and 8");
  std::unique_ptr<icu::TimeZone> tz(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(into.timezone)));
  icu::UnicodeString id;
  if (!tz || tz->getID(id) == UNICODE_STRING_SIMPLE("Etc/Unknown"))
    s.problem("timezone", "unknown time zone '" + into.timezone + "'");
  std::string departments;
  s.get("departments", departments);
  if (departments.empty()) return;
  try {
    t.directory_seed = load_directory(relative_to(base, departments));
  } catch (const core::ConfigError& e) {
    for (const auto& p : e.problems()) s.reader().problems().push_back(p);
  }
}

Directory load_directory(const std::filesystem::path& file) {
  core::Reader r(file.string());
  Directory d;
  YAML::Node yaml;
  try {
    yaml = YAML::LoadFile(file.string());
  } catch (const YAML::Exception& e) {
    throw core::ConfigError({file.string() + ": " + e.what()});
  }
  {
    core::Section root(r, yaml, "");
    root.get("default_department", d.default_department, true);
    d.duty_managers = read_staff(r, root.node("duty_managers"), "duty_managers");
    if (root.has("on_duty")) d.on_duty = read_staff(r, root.node("on_duty"), "on_duty");
    const auto deps = root.node("departments");
    for (size_t i = 0; deps && deps.IsSequence() && i < deps.size(); ++i) {
      const auto where = "departments[" + std::to_string(i) + "]";
      core::Section department(r, deps[i], where);
      if (!department.present()) continue;
      Department dep;
      department.get("id", dep.id, true);
      department.get("name", dep.name, true);
      department.get("name_en", dep.name_en);
      dep.staff = read_staff(r, department.node("staff"), where + ".staff");
      d.departments.push_back(std::move(dep));
    }
    const auto rules = root.node("routing");
    for (size_t i = 0; rules && rules.IsSequence() && i < rules.size(); ++i) {
      core::Section item(r, rules[i], "routing[" + std::to_string(i) + "]");
      if (!item.present()) continue;
      RoutingRule rule;
      item.get("category", rule.category, true);
      item.list("keywords", rule.keywords);
      item.get("department", rule.department, true);
      item.list("cooperating", rule.cooperating);
      d.routing.push_back(std::move(rule));
    }
  }
  for (const auto& p : d.problems()) r.problem("(directory)", p);
  if (!r.problems().empty()) throw core::ConfigError(std::move(r.problems()));
  return d;
}

}  // namespace ombud::tickets

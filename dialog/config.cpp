#include "dialog/config.hpp"

#include <algorithm>
#include <utility>

namespace ombud::dialog {
namespace {

using TextMember = core::LocalizedText Texts::*;
constexpr std::pair<const char*, TextMember> kTexts[] = {
    {"invalid_choice", &Texts::invalid_choice},
    {"invalid_text", &Texts::invalid_text},
    {"ask_phone", &Texts::ask_phone},
    {"invalid_phone", &Texts::invalid_phone},
    {"invalid_yes_no", &Texts::invalid_yes_no},
    {"optional_hint", &Texts::optional_hint},
    {"offer_human", &Texts::offer_human},
    {"resume_question", &Texts::resume_question},
    {"resumed", &Texts::resumed},
    {"noted", &Texts::noted},
    {"cancelled", &Texts::cancelled},
    {"handoff", &Texts::handoff},
    {"waiting", &Texts::waiting},
    {"help", &Texts::help},
    {"no_back", &Texts::no_back},
    {"change_which", &Texts::change_which},
    {"ticket_created", &Texts::ticket_created},
    {"anonymous_recorded", &Texts::anonymous_recorded},
    {"anonymous_record_only", &Texts::anonymous_record_only},
    {"consultation_recorded", &Texts::consultation_recorded},
    {"suggestion_recorded", &Texts::suggestion_recorded},
    {"status_found", &Texts::status_found},
    {"status_not_found", &Texts::status_not_found},
    {"status_usage", &Texts::status_usage},
    {"empty_value", &Texts::empty_value},
    {"anonymous_name", &Texts::anonymous_name},
    {"yes", &Texts::yes},
    {"no", &Texts::no},
};

using ListMember = std::vector<std::string> Commands::*;
constexpr std::pair<const char*, ListMember> kCommands[] = {
    {"cancel", &Commands::cancel},   {"back", &Commands::back},
    {"restart", &Commands::restart}, {"human", &Commands::human},
    {"help", &Commands::help},       {"status", &Commands::status},
    {"english", &Commands::english}, {"chinese", &Commands::chinese},
    {"skip", &Commands::skip},       {"anonymous", &Commands::anonymous},
};

void read_classifier(core::Section s, Classifier& c) {
  s.list("complaint_words", c.complaint_words);
  s.list("consultation_words", c.consultation_words);
  s.list("suggestion_words", c.suggestion_words);
  s.get("category_slot", c.category_slot);
  s.get("description_slot", c.description_slot);
  const auto cats = s.node("categories");
  if (!cats) return;
  if (!cats.IsMap()) return s.problem("categories", "must map categories to keywords");
  auto& r = s.reader();
  for (const auto& kv : cats) {
    const auto value = kv.first.as<std::string>();
    r.get_list(cats, s.path("categories"), value.c_str(), c.categories[value]);
  }
}

void read_faq(core::Reader& r, const YAML::Node& n, const std::string& path,
              std::vector<FaqEntry>& faq) {
  if (!n) return;
  if (!n.IsSequence()) return r.problem(path, "must be a list");
  for (size_t i = 0; i < n.size(); ++i) {
    core::Section item(r, n[i], path + "[" + std::to_string(i) + "]");
    FaqEntry e;
    item.list("keywords", e.keywords);
    item.text("answer", e.answer);
    faq.push_back(std::move(e));
  }
}

}  // namespace

void read_settings(core::Section s, const std::filesystem::path& base, Settings& d) {
  std::string flows;
  s.get("flows", flows, true);
  s.get("entry_flow", d.entry_flow);
  s.get("complaint_flow", d.complaint_flow);
  s.get("consultation_flow", d.consultation_flow);
  s.get("suggestion_flow", d.suggestion_flow);
  s.get("idle_timeout_s", d.idle_timeout);
  s.get("resume_after_s", d.resume_after);
  s.get("max_retries", d.max_retries);
  if (s.has("remember_language_days")) {
    int days = 90;
    s.get("remember_language_days", days);
    d.remember_language = std::chrono::hours(24) * std::max(days, 1);
  }
  s.get("sms_segments", d.sms.segments);
  std::string anonymous = "accept";
  s.get("anonymous", anonymous);
  if (anonymous != "accept" && anonymous != "record_only")
    s.problem("anonymous", "must be accept or record_only");
  d.anonymous_record_only = anonymous == "record_only";
  {
    auto commands = s.section("commands");
    for (const auto& [name, member] : kCommands) commands.list(name, d.commands.*member);
  }
  read_classifier(s.section("classifier"), d.classifier);
  read_faq(s.reader(), s.node("faq"), s.path("faq"), d.faq);
  s.texts("texts", kTexts, d.texts);
  if (flows.empty()) return;
  const auto dir =
      std::filesystem::path(flows).is_relative() ? base / flows : std::filesystem::path(flows);
  d.flows = FlowSet::load(dir, s.reader().problems());
  d.validate(s.reader().problems(), s.reader().file() + ": dialog");
}

}  // namespace ombud::dialog

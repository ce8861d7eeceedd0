#include "dialog/settings.hpp"

#include "core/text.hpp"

namespace ombud::dialog {

using core::is_plain_ascii;
using core::utf16_units;

// Each prompt with its numbered options must fit the SMS limit by itself (placeholders, whose
// values vary, are not counted: a long summary is split at sentence ends when sent).
void Settings::check_prompt_lengths(std::vector<std::string>& problems) const {
  for (const auto& [id, flow] : flows.flows()) {
    for (const auto& [sid, step] : flow.steps) {
      for (auto language : {Language::zh, Language::en}) {
        std::string text = step.ask.in(language);
        for (size_t open = text.find('{'); open != std::string::npos; open = text.find('{')) {
          const auto close = text.find('}', open);
          if (close == std::string::npos) break;
          text.erase(open, close - open + 1);
        }
        for (const auto& o : step.options)
          text += "\n" + std::to_string(o.number) + " " + o.label.in(language);
        const bool gsm = is_plain_ascii(text);
        const std::size_t limit =
            static_cast<std::size_t>(sms.segments) * (gsm ? sms.gsm_chars : sms.ucs2_chars);
        const std::size_t length = gsm ? text.size() : utf16_units(text);
        if (length > limit)
          problems.push_back(flow.file.string() + ": steps." + sid + ".ask." + to_string(language) +
                             ": the prompt with its options is " + std::to_string(length) +
                             " characters, more than " + std::to_string(sms.segments) +
                             " SMS segments (" + std::to_string(limit) + ")");
      }
    }
  }
}

void Settings::validate(std::vector<std::string>& problems, const std::string& where) const {
  flows.validate(problems);
  for (const auto& [key, id] :
       {std::pair<const char*, const std::string&>{"entry_flow", entry_flow},
        {"complaint_flow", complaint_flow},
        {"consultation_flow", consultation_flow},
        {"suggestion_flow", suggestion_flow}})
    if (!flows.flow(id)) problems.push_back(where + "." + key + ": no flow named '" + id + "'");
  for (const auto& [value, words] : classifier.categories)
    if (words.empty())
      problems.push_back(where + ".classifier.categories." + value + ": needs keywords");
  for (size_t i = 0; i < faq.size(); ++i) {
    const auto w = where + ".faq[" + std::to_string(i) + "]";
    if (faq[i].keywords.empty()) problems.push_back(w + ".keywords: needs at least one");
    if (faq[i].answer.zh.empty() || faq[i].answer.en.empty())
      problems.push_back(w + ".answer: needs zh and en");
  }
  check_prompt_lengths(problems);
  if (max_retries < 1) problems.push_back(where + ".max_retries: must be at least 1");
  if (sms.segments < 1) problems.push_back(where + ".sms_segments: must be at least 1");
}

}  // namespace ombud::dialog

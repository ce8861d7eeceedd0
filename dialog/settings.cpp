#include "dialog/settings.hpp"

namespace ombud::dialog {

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
  if (max_retries < 1) problems.push_back(where + ".max_retries: must be at least 1");
  if (sms.segments < 1) problems.push_back(where + ".sms_segments: must be at least 1");
}

}  // namespace ombud::dialog

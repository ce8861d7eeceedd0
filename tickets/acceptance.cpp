#include "tickets/acceptance.hpp"

#include "core/text.hpp"

namespace ombud::tickets {

const DeclineReason* AcceptanceRules::find(std::string_view id) const {
  for (const auto& r : reasons)
    if (r.id == id) return &r;
  return nullptr;
}

std::vector<DeclineReason> AcceptanceRules::default_reasons() {
  return {
      {"in_arbitration",
       {"已进入仲裁或诉讼程序", "the matter is already in arbitration or before a court"},
       {"请按仲裁或诉讼程序办理，我们将配合有关机关。",
        "Please pursue it there; we will cooperate with the authorities."}},
      {"outside_remit",
       {"不属于本公司受理范围", "it is not a matter for us"},
       {"建议您向有关主管部门或消费者协会（12315）反映。",
        "You may turn to the competent authority or the consumer association (12315)."}},
      {"no_concrete_demand",
       {"没有明确的投诉对象和具体要求", "there is no concrete object or demand"},
       {"如需投诉，请写明投诉对象、事实和具体要求后重新提交。",
        "To complain, please write again with whom or what it concerns, the facts and what you ask for."}},
  };
}

std::string legal_word(std::string_view text, const AcceptanceRules& rules) {
  const auto folded = core::normalize(text);
  for (const auto& word : rules.legal_words)
    if (core::find_word(folded, core::normalize(word)) != std::string::npos) return word;
  return {};
}

namespace {
// Spaces and the punctuation between a reason and the note, in either width.
void skip_separators(std::string_view& s) {
  for (;;) {
    bool skipped = false;
    for (std::string_view sep : {" ", ":", ",", ";", "，", "：", "；", "、", "　"})
      if (s.starts_with(sep)) {
        s.remove_prefix(sep.size());
        skipped = true;
      }
    if (!skipped) return;
  }
}
}  // namespace

ReadDecline read_decline(std::string_view written, const AcceptanceRules& rules) {
  ReadDecline out;
  auto s = written;
  skip_separators(s);
  // By its number in the list the desk was sent ("不予受理 1 已在法院起诉").
  std::size_t digits = 0;
  while (digits < s.size() && digits < 3 && s[digits] >= '0' && s[digits] <= '9') ++digits;
  if (digits > 0 && (digits == s.size() || !(s[digits] >= 'a' && s[digits] <= 'z'))) {
    const auto index = std::stoul(std::string(s.substr(0, digits)));
    if (index >= 1 && index <= rules.reasons.size()) {
      out.reason = &rules.reasons[index - 1];
      s.remove_prefix(digits);
    }
  }
  std::size_t best = 0;
  for (const auto& r : out.reason ? std::vector<DeclineReason>{} : rules.reasons)
    for (const auto* name : {&r.id, &r.label.zh, &r.label.en}) {
      if (name->empty() || name->size() <= best || s.size() < name->size()) continue;
      if (s.size() > name->size() && (static_cast<unsigned char>(s[name->size()]) & 0xC0) == 0x80) continue;
      if (core::normalize(s.substr(0, name->size())) != core::normalize(*name)) continue;
      out.reason = rules.find(r.id);
      best = name->size();
    }
  s.remove_prefix(best);
  skip_separators(s);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  out.note = std::string(s);
  return out;
}

}  // namespace ombud::tickets

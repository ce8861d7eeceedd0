#pragma once
// Whether a complaint is accepted (受理) at all: the reasons the desk may refuse one (不予受理,
// e.g. already in arbitration or before a court, outside the organisation's remit, no concrete
// object or demand) and where the customer should go instead; and the words that signal a
// legal route (仲裁, 法院, 起诉), which hold a complaint for the desk's decision — and tell the
// legal department — instead of accepting it as a major complaint by itself. Pure: the desk
// decides (desk/acceptance.cpp), the configuration fills these (tickets.acceptance).

#include "core/language.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ombud::tickets {

/// One reason to refuse a complaint: its label, and where the customer should go instead.
struct DeclineReason {
  std::string id;
  core::LocalizedText label;
  core::LocalizedText where;  ///< "" in a language: nothing to add
};

struct AcceptanceRules {
  std::vector<DeclineReason> reasons = default_reasons();
  /// Words that hold a complaint for the desk's decision (found as words: "sue" is not in
  /// "issue"), in any case or width.
  std::vector<std::string> legal_words{"仲裁", "法院", "起诉", "诉讼", "打官司", "arbitration",
                                       "court", "sue", "lawsuit"};
  bool legal_hold = true;        ///< false: legal words are only graded
  std::string legal_department;  ///< a department told of such complaints (知会法律事务部)
  int decide_within_hours = 4;   ///< working hours for the desk's decision; then the duty managers

  const DeclineReason* find(std::string_view id) const;
  static std::vector<DeclineReason> default_reasons();
};

/// The first legal word in `text` as configured ("" when none).
std::string legal_word(std::string_view text, const AcceptanceRules& rules);

/// An SMS's words after "不予受理": the reason by its number in the list (1, 2, …), its id or
/// its label (the longest it starts with: "已进入仲裁或诉讼程序", "in_arbitration"), and what
/// follows as the desk's note.
struct ReadDecline {
  const DeclineReason* reason = nullptr;
  std::string note;
};
ReadDecline read_decline(std::string_view written, const AcceptanceRules& rules);

}  // namespace ombud::tickets

#include "tickets/revisit.hpp"

#include "core/text.hpp"

namespace ombud::tickets {

namespace {
bool says(const std::string& folded, const std::vector<std::string>& words) {
  for (const auto& w : words)
    if (core::find_word(folded, core::normalize(w)) != std::string::npos) return true;
  return false;
}
}  // namespace

RevisitOutcome read_revisit(std::string_view written, const RevisitRules& rules, const SurveyRules& words) {
  RevisitOutcome out;
  out.remarks = std::string(written);
  while (!out.remarks.empty() && out.remarks.back() == ' ') out.remarks.pop_back();
  const auto folded = core::normalize(written);
  if (says(folded, rules.unreached_words)) {
    out.reached = false;
    return out;
  }
  // "没解决" holds "解决": not solved is read first.
  if (says(folded, rules.unsolved_words))
    out.solved = "no";
  else if (says(folded, rules.solved_words))
    out.solved = "yes";
  out.rating = understand_answer(written, words).rating;  // ("已解决" alone reads as satisfied)
  return out;
}

}  // namespace ombud::tickets

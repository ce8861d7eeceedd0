// What people send by SMS about a ticket: a staff SMS parses to a command or to none; what the
// desk writes after a verb (the register's classes, a reason not to accept, a revisit's outcome)
// is read into values of its lists, the rest kept as written; a customer's answer to the
// satisfaction survey gives a rating or none, its comment always the end of what they wrote
// (as normalized), never more.
#include "core/text.hpp"
#include "tickets/acceptance.hpp"
#include "tickets/closing.hpp"
#include "tickets/commands.hpp"
#include "tickets/revisit.hpp"
#include "tickets/survey.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ombud::tickets;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  parse_staff_command(text);
  static const SurveyRules rules;
  const auto answer = understand_answer(text, rules);
  if (!ombud::core::normalize(text).ends_with(answer.comment)) std::abort();
  if (!answer.rating && !answer.comment.empty()) std::abort();

  static const ClosingRules closing = [] {
    ClosingRules r;
    r.classes.push_back({"cause", {"投诉类别", "cause"}, false,
                         {{"ours", {"一类", "ours"}}, {"developer", {"二类", "developer"}}}});
    return r;
  }();
  const auto classes = read_classes(text, closing);
  for (const auto name : kClassNames) {  // every class read is one of its values
    const auto& value = class_value(classes, name);
    const auto* group = closing.group(name);
    if (!value.empty() && (group == nullptr || group->find(value) == nullptr)) std::abort();
  }
  if (!text.ends_with(classes.reason) && !classes.reason.empty() &&
      text.find(classes.reason) == std::string_view::npos)
    std::abort();  // the reason is what was written
  (void)check_classes(classes, closing);
  (void)class_labels(classes, closing, ombud::core::Language::zh);

  static const AcceptanceRules acceptance;
  const auto decline = read_decline(text, acceptance);
  if (decline.reason && acceptance.find(decline.reason->id) != decline.reason) std::abort();
  if (!decline.note.empty() && text.find(decline.note) == std::string_view::npos) std::abort();
  (void)legal_word(text, acceptance);

  static const RevisitRules revisit;
  const auto outcome = read_revisit(text, revisit, rules);
  if (!outcome.reached && (outcome.rating || !outcome.solved.empty())) std::abort();
  if (outcome.solved != "" && outcome.solved != "yes" && outcome.solved != "no") std::abort();
  return 0;
}

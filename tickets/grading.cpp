#include "tickets/grading.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>

namespace ombud::tickets {
namespace {

std::string folded(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  const auto* nfkc = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) return text;
  std::string out;
  nfkc->normalize(icu::UnicodeString::fromUTF8(text), status).toUTF8String(out);
  return U_SUCCESS(status) ? out : text;
}

}  // namespace

std::vector<KeywordRule> GradingPolicy::default_keyword_rules() {
  return {
      {1,
       {"媒体", "曝光", "记者", "电视台", "微博", "media", "journalist", "newspaper"},
       "media exposure or the threat of it"},
      {1,
       {"起诉", "法院", "律师", "仲裁", "12315", "消协", "消费者协会", "工商局", "sue", "court",
        "lawyer", "regulator"},
       "lawsuit or regulator"},
      {1, {"受伤", "住院", "骨折", "流血", "injured", "injury", "hospital"}, "personal injury"},
      {2, {"答应过", "承诺过", "说好的", "promised"}, "staff promised something"},
      {2,
       {"多次反映", "反映多次", "一直没人管", "again and again", "many times"},
       "raised repeatedly"},
      {4, {"态度", "服务差", "rude", "attitude"}, "service attitude"},
  };
}

Grade grade(const GradingInput& in, const GradingPolicy& p) {
  std::vector<std::pair<int, std::string>> hits;
  const auto text = folded(in.text);
  for (const auto& rule : p.keyword_rules)
    for (const auto& k : rule.keywords)
      if (text.find(folded(k)) != std::string::npos) {
        hits.emplace_back(rule.level, rule.reason + " (" + k + ")");
        break;
      }
  if (in.departments >= p.departments_level1)
    hits.emplace_back(1, std::to_string(in.departments) + " departments involved");
  else if (in.departments >= p.departments_level2)
    hits.emplace_back(2, std::to_string(in.departments) + " departments involved");
  if (in.similar_customers + 1 >= p.similar_customers_level2)
    hits.emplace_back(2, std::to_string(in.similar_customers + 1) +
                             " customers with the same complaint this month");
  if (in.repeats >= p.repeat_level3) hits.emplace_back(3, "a repeat complaint");
  if (!in.resolved && in.open_for_ms >= p.unresolved_level1_ms)
    hits.emplace_back(1, "unresolved after a month");
  else if (!in.resolved && in.open_for_ms >= p.unresolved_level2_ms)
    hits.emplace_back(2, "unresolved after half a month");
  std::stable_sort(hits.begin(), hits.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  Grade g;
  if (!hits.empty()) g.level = hits.front().first;
  for (auto& [level, reason] : hits) g.reasons.push_back(std::move(reason));
  return g;
}

}  // namespace ombud::tickets

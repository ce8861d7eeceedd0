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
       {"媒体曝光或扬言曝光", "media exposure or the threat of it"}},
      {1,
       // (仲裁, 法院, 起诉 hold a complaint for the desk's decision: tickets.acceptance)
       {"律师", "12315", "消协", "消费者协会", "工商局", "市场监管", "lawyer", "regulator"},
       {"律师或向监管部门投诉", "a lawyer or a regulator"}},
      {1, {"受伤", "住院", "骨折", "流血", "injured", "injury", "hospital"}, {"人身伤害", "personal injury"}},
      {2, {"答应过", "承诺过", "说好的", "promised"}, {"工作人员有过承诺", "staff promised something"}},
      {2,
       {"多次反映", "反映多次", "一直没人管", "again and again", "many times"},
       {"多次反映", "raised repeatedly"}},
      {4, {"态度", "服务差", "rude", "attitude"}, {"服务态度", "service attitude"}},
  };
}

Grade grade(const GradingInput& in, const GradingPolicy& p) {
  using Kind = GradeReason::Kind;
  std::vector<GradeReason> hits;
  const auto text = folded(in.text);
  for (const auto& rule : p.keyword_rules)
    for (const auto& k : rule.keywords)
      if (text.find(folded(k)) != std::string::npos) {
        hits.push_back({Kind::keyword, rule.level, 0, rule.reason, k});
        break;
      }
  if (in.departments >= p.departments_level1)
    hits.push_back({Kind::departments, 1, in.departments});
  else if (in.departments >= p.departments_level2)
    hits.push_back({Kind::departments, 2, in.departments});
  if (in.similar_customers + 1 >= p.similar_customers_level2)
    hits.push_back({Kind::similar_customers, 2, in.similar_customers + 1});
  if (in.collective_customers > 0)
    hits.push_back({Kind::collective, p.collective_level, in.collective_customers});
  if (in.repeats >= p.repeat_level3) hits.push_back({Kind::repeat, 3, in.repeats});
  if (!in.resolved && in.open_for_ms >= p.unresolved_level1_ms)
    hits.push_back({Kind::unresolved_month, 1});
  else if (!in.resolved && in.open_for_ms >= p.unresolved_level2_ms)
    hits.push_back({Kind::unresolved_half_month, 2});
  std::stable_sort(hits.begin(), hits.end(),
                   [](const auto& a, const auto& b) { return a.level < b.level; });
  Grade g;
  if (!hits.empty()) g.level = hits.front().level;
  g.reasons = std::move(hits);
  return g;
}

}  // namespace ombud::tickets

#pragma once
// Severity grading (DOMAIN.md "Severity grading"): keyword and condition rules, the most severe
// level any rule gives wins. Level 1 is the most severe, 4 the default. Pure.

#include "core/language.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ombud::tickets {

struct KeywordRule {
  int level = 4;
  std::vector<std::string> keywords;  ///< matched case- and width-insensitively
  core::LocalizedText reason;       ///< as staff read it
};

struct GradingPolicy {
  std::vector<KeywordRule> keyword_rules = default_keyword_rules();
  int departments_level1 = 3;  ///< involves this many departments or more → level 1
  int departments_level2 = 2;
  int similar_customers_level2 = 3;  ///< different customers, same matter, within a month
  int repeat_level3 = 1;             ///< a second complaint after handling → level 3
  int collective_level = 1;  ///< a collective complaint (an incident: 五户或五户以上) → 重大
  std::int64_t unresolved_level2_ms = 15LL * 24 * 3600 * 1000;  ///< half a month
  std::int64_t unresolved_level1_ms = 30LL * 24 * 3600 * 1000;  ///< a month

  static std::vector<KeywordRule> default_keyword_rules();
};

/// What a grade is computed from; recomputed when any of it changes.
struct GradingInput {
  std::string text;  ///< everything the customer wrote
  int departments = 1;
  int repeats = 0;            ///< earlier complaints of this customer about this matter
  int similar_customers = 0;  ///< other customers with the same matter this month
  std::int64_t open_for_ms = 0;
  bool resolved = false;
  int collective_customers = 0;  ///< customers in the incident this complaint belongs to, if any
};

/// Why a grade is what it is: a keyword rule (its reason and the word found) or a condition
/// (with its count); rendered for people in their language by whoever tells them.
struct GradeReason {
  enum class Kind { keyword, departments, similar_customers, repeat, collective, unresolved_month,
                    unresolved_half_month };
  Kind kind = Kind::keyword;
  int level = 4;
  int count = 0;                ///< departments, customers
  core::LocalizedText reason;  ///< a keyword rule's
  std::string keyword;
};

struct Grade {
  int level = 4;
  std::vector<GradeReason> reasons;  ///< every rule that matched, most severe first
};

Grade grade(const GradingInput& input, const GradingPolicy& policy = {});

}  // namespace ombud::tickets

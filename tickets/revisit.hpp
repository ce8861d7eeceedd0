#pragma once
// The revisit (回访, seed: within 3 days of the result, by phone or visit, the customer's
// opinion and the effect checked): which complaints get one and by when, and what the desk
// writes about it by SMS. Pure: the desk schedules, records and escalates (desk/revisit.cpp),
// the configuration fills these (tickets.revisit).

#include "tickets/survey.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ombud::tickets {

struct RevisitRules {
  bool enabled = true;
  int within_days = 3;        ///< the limit after the result reached the customer
  bool working_days = false;  ///< counted in working days (else calendar days)
  /// Levels that headquarters revisits as well (seed line 89: 重大、重要投诉); marked on the task.
  std::vector<int> headquarters_levels;
  /// When the desk on duty gets the day's revisits by SMS on working days: minutes after local
  /// midnight (tickets.revisit.digest_at "09:00"); -1 for none.
  int digest_minute = 9 * 60;
  int unreached_to_call_list = 2;  ///< not reached this many times: on the outbound call list
  /// What the desk writes for a customer it could not reach.
  std::vector<std::string> unreached_words{"未接通", "没接通", "无人接听", "没人接", "打不通", "关机",
                                           "停机", "空号", "unreached", "not reached", "no answer"};
  std::vector<std::string> solved_words{"已解决", "解决了", "已修好", "已恢复", "solved", "fixed"};
  std::vector<std::string> unsolved_words{"未解决", "没解决", "没有解决", "还没解决", "仍未解决",
                                          "not solved", "unsolved", "not fixed"};
};

/// What a revisit found, as the desk writes it: "满意 已解决 客户确认网络恢复", "未接通",
/// "不满意 没解决 仍然断网", "basically, solved".
struct RevisitOutcome {
  bool reached = true;
  std::optional<Rating> rating;  ///< the customer's opinion (the survey's words and digits)
  std::string solved;            ///< "yes", "no", or "" when not said
  std::string remarks;           ///< what was written, as written
};
RevisitOutcome read_revisit(std::string_view written, const RevisitRules& rules, const SurveyRules& words);

}  // namespace ombud::tickets

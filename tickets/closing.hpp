#pragma once
// Closing a complaint (结案 / 归档): who may close it, what closes it by itself, how long the
// desk may reopen it, and the register's outcome classes the organisation uses (有效/无效,
// 责任/无责任/协助处理, the property procedures' 一类/二类/三类 causes). Pure: the desk closes
// (desk/staff.cpp), the configuration fills these (tickets.closing).

#include "core/language.hpp"
#include "tickets/work_order.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ombud::tickets {

/// One value of a class ("invalid": 无效 / invalid), and whether the desk must say why.
struct ClassValue {
  std::string id;
  core::LocalizedText label;
  bool needs_reason = false;
};

/// One of the register's classifications: validity, responsibility or cause.
struct ClassGroup {
  std::string name;  ///< validity | responsibility | cause (CloseClasses' members)
  core::LocalizedText label;
  bool required = false;
  std::vector<ClassValue> values;

  const ClassValue* find(std::string_view id) const;
};

/// What a department's own "结案" does: the seed has only the desk close.
enum class DepartmentClose {
  request,  ///< the desk is asked to close it (the ticket shows the request)
  refuse,   ///< refused, with the explanation that the desk closes
};

/// What closes a complaint by itself, without the desk: none, or the customer's opinion.
enum class AutoClose {
  none,
  survey,   ///< a satisfied or basically satisfied survey answer
  revisit,  ///< a revisit that found the customer satisfied (not built yet: as none)
};

struct ClosingRules {
  DepartmentClose by_department = DepartmentClose::request;
  AutoClose after = AutoClose::survey;
  bool when_no_answer = false;  ///< a survey that expired unanswered closes it too
  int reopen_days = 30;         ///< the desk may reopen a closed ticket this many days after
  /// The classes in the order they are named; defaults: validity and responsibility, both
  /// required, invalid needing a reason.
  std::vector<ClassGroup> classes = default_classes();

  const ClassGroup* group(std::string_view name) const;
  static std::vector<ClassGroup> default_classes();
};

/// The classes' names CloseClasses holds, in order.
inline constexpr std::string_view kClassNames[] = {"validity", "responsibility", "cause"};

/// The value of class `name` in `classes` ("" when not given).
const std::string& class_value(const CloseClasses& classes, std::string_view name);
std::string& class_value(CloseClasses& classes, std::string_view name);

/// What is wrong with the classes the desk gave.
struct ClassProblem {
  enum class Kind { missing, unknown, needs_reason } kind = Kind::missing;
  const ClassGroup* group = nullptr;
  std::string value;  ///< the unknown value, or the one that needs a reason
};

/// Every required class given, every value one of its class's, a reason where a value needs
/// one; nullopt when they fit.
std::optional<ClassProblem> check_classes(const CloseClasses& classes, const ClosingRules& rules);

/// An SMS's words after "结案" read as classes: each word that is a value's label (in either
/// language) or id gives its class; what follows the last of them is the reason. "有效 责任",
/// "无效 无责任 客户误解资费", "valid, assisting".
CloseClasses read_classes(std::string_view written, const ClosingRules& rules);

/// The classes as people read them: "有效、责任" / "valid, at fault".
std::string class_labels(const CloseClasses& classes, const ClosingRules& rules,
                         core::Language language);
/// A class's choices: "有效/无效".
std::string class_choices(const ClassGroup& group, core::Language language);

}  // namespace ombud::tickets

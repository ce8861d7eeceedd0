#pragma once
// Who handles what: departments and their staff, the duty managers, and the routing rules
// (category and optional keywords → lead department, cooperating departments). Kept in Redis
// as one JSON document, replaced as a whole, every change recorded. Pure.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ombud::tickets {

struct StaffMember {
  std::string name;
  std::string phone;  ///< E.164; messages from it are staff commands
  std::string role;   ///< responsible | backup | head
  std::string language = "zh";  ///< zh | en: what ombud's messages to them are written in
};

struct Department {
  std::string id;
  std::string name;     ///< as people read it (Chinese)
  std::vector<StaffMember> staff;
  std::string name_en;  ///< for English readers; empty: `name`

  /// The name in `language` ("zh" or "en").
  const std::string& label(std::string_view language) const {
    return language == "en" && !name_en.empty() ? name_en : name;
  }

  /// The first staff member with `role`, or nullptr.
  const StaffMember* with_role(std::string_view role) const;
};

struct RoutingRule {
  std::string category;
  std::vector<std::string> keywords;  ///< all optional; any one must appear when given
  std::string department;
  std::vector<std::string> cooperating;
};

struct Route {
  const Department* lead = nullptr;
  std::vector<std::string> cooperating;
};

struct Directory {
  std::vector<Department> departments;
  std::vector<StaffMember> duty_managers;
  /// Who answers customers asking for a person (转人工) by SMS, until the agent console does;
  /// none listed: the default department's responsible person.
  std::vector<StaffMember> on_duty;
  std::vector<RoutingRule> routing;
  std::string default_department;  ///< the desk's own queue, for what no rule matches

  const Department* find(std::string_view id) const;
  /// The department a staff phone belongs to, and the member; nullptr when not staff. On-duty
  /// staff outside every department belong to the default department.
  std::pair<const Department*, const StaffMember*> staff(std::string_view phone) const;
  /// Who is told of a customer asking for a person (on_duty, or the default department's
  /// responsible person).
  std::vector<const StaffMember*> desk_on_duty() const;
  /// The desk: the default department's staff and those on duty (who close tickets by SMS).
  bool desk_member(std::string_view phone) const;
  /// The first rule whose category matches and whose keywords (if any) appear in `text`.
  Route route(std::string_view category, std::string_view text) const;

  /// Every inconsistency: unknown departments in routing, duplicate ids or phones, …
  std::vector<std::string> problems() const;

  std::string to_json() const;
  static std::optional<Directory> from_json(std::string_view json);
};

}  // namespace ombud::tickets

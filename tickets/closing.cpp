#include "tickets/closing.hpp"

#include "core/text.hpp"

#include <utility>

namespace ombud::tickets {

const ClassValue* ClassGroup::find(std::string_view id) const {
  for (const auto& v : values)
    if (v.id == id) return &v;
  return nullptr;
}

const ClassGroup* ClosingRules::group(std::string_view name) const {
  for (const auto& g : classes)
    if (g.name == name) return &g;
  return nullptr;
}

std::vector<ClassGroup> ClosingRules::default_classes() {
  return {
      {"validity", {"有效性", "validity"}, true,
       {{"valid", {"有效", "valid"}, false}, {"invalid", {"无效", "invalid"}, true}}},
      {"responsibility", {"责任", "responsibility"}, true,
       {{"responsible", {"责任", "at fault"}, false},
        {"not_responsible", {"无责任", "not at fault"}, false},
        {"assisting", {"协助处理", "assisted"}, false}}},
  };
}

const std::string& class_value(const CloseClasses& classes, std::string_view name) {
  if (name == "validity") return classes.validity;
  if (name == "responsibility") return classes.responsibility;
  return classes.cause;
}

std::string& class_value(CloseClasses& classes, std::string_view name) {
  return const_cast<std::string&>(class_value(std::as_const(classes), name));
}

std::optional<ClassProblem> check_classes(const CloseClasses& classes, const ClosingRules& rules) {
  for (const auto name : kClassNames) {
    const auto& value = class_value(classes, name);
    const auto* group = rules.group(name);
    if (group == nullptr) {
      if (!value.empty()) return ClassProblem{ClassProblem::Kind::unknown, nullptr, value};
      continue;
    }
    if (value.empty()) {
      if (group->required) return ClassProblem{ClassProblem::Kind::missing, group, ""};
      continue;
    }
    const auto* v = group->find(value);
    if (v == nullptr) return ClassProblem{ClassProblem::Kind::unknown, group, value};
    if (v->needs_reason && classes.reason.find_first_not_of(" \t\r\n") == std::string::npos)
      return ClassProblem{ClassProblem::Kind::needs_reason, group, value};
  }
  return std::nullopt;
}

namespace {

bool separator_at(std::string_view s, std::size_t& size) {
  for (std::string_view sep : {" ", "\t", "\n", "\r", ",", ";", "/", "、", "，", "；", "　", "：", ":"})
    if (s.starts_with(sep)) {
      size = sep.size();
      return true;
    }
  return false;
}

}  // namespace

CloseClasses read_classes(std::string_view written, const ClosingRules& rules) {
  CloseClasses out;
  std::string_view s = written;
  for (;;) {
    std::size_t sep = 0;
    while (!s.empty() && separator_at(s, sep)) s.remove_prefix(sep);
    if (s.empty()) break;
    // The longest label or id the text starts with ("无责任" before "责任"); a Latin one ends
    // the word ("valid" is not "validated").
    const ClassGroup* group = nullptr;
    const ClassValue* value = nullptr;
    std::size_t best = 0;
    for (const auto& g : rules.classes)
      for (const auto& v : g.values)
        for (const auto* name : {&v.label.zh, &v.label.en, &v.id}) {
          if (name->empty() || name->size() <= best || s.size() < name->size()) continue;
          if (s.size() > name->size() && (static_cast<unsigned char>(s[name->size()]) & 0xC0) == 0x80)
            continue;  // (not cut inside a character)
          const auto head = core::normalize(s.substr(0, name->size()));
          if (head != core::normalize(*name)) continue;
          const bool latin = !(static_cast<unsigned char>(name->back()) & 0x80);
          std::size_t ignored = 0;
          if (latin && s.size() > name->size() && !separator_at(s.substr(name->size()), ignored)) continue;
          group = &g, value = &v, best = name->size();
        }
    if (value == nullptr) break;
    class_value(out, group->name) = value->id;
    s.remove_prefix(best);
  }
  out.reason = std::string(s);
  while (!out.reason.empty() && (out.reason.back() == ' ' || out.reason.back() == '\n'))
    out.reason.pop_back();
  return out;
}

std::string class_labels(const CloseClasses& classes, const ClosingRules& rules,
                         core::Language language) {
  std::string out;
  for (const auto name : kClassNames) {
    const auto& id = class_value(classes, name);
    if (id.empty()) continue;
    const auto* group = rules.group(name);
    const auto* value = group ? group->find(id) : nullptr;
    out += (out.empty() ? "" : language == core::Language::zh ? "、" : ", ");
    out += value ? value->label.in(language) : id;
  }
  return out;
}

std::string class_choices(const ClassGroup& group, core::Language language) {
  std::string out;
  for (const auto& v : group.values) out += (out.empty() ? "" : "/") + v.label.in(language);
  return out;
}

}  // namespace ombud::tickets

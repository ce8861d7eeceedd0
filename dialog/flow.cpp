#include "dialog/flow.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <deque>
#include <set>

namespace ombud::dialog {
namespace {

// Collects problems as "file: steps.<step>.<key>: what".
class FlowReader {
 public:
  FlowReader(std::filesystem::path file, std::vector<std::string>& problems)
      : file_(std::move(file)), problems_(problems) {}

  void problem(const std::string& where, const std::string& what) {
    problems_.push_back(file_.string() + ": " + where + ": " + what);
  }

  bool only_keys(const YAML::Node& n, const std::string& where,
                 std::initializer_list<std::string_view> known) {
    if (!n.IsMap()) {
      problem(where, "must be a mapping");
      return false;
    }
    for (const auto& kv : n) {
      const auto key = kv.first.as<std::string>();
      if (std::find(known.begin(), known.end(), key) == known.end())
        problem(where + "." + key, "unknown key");
    }
    return true;
  }

  std::string scalar(const YAML::Node& n, const std::string& where) {
    if (!n || !n.IsScalar()) {
      problem(where, "must be a single value");
      return {};
    }
    return n.as<std::string>();
  }

  // {zh: …, en: …}: both languages are required.
  LocalizedText text(const YAML::Node& n, const std::string& where, bool required) {
    LocalizedText t;
    if (!n) {
      if (required) problem(where, "is required");
      return t;
    }
    if (!only_keys(n, where, {"zh", "en"})) return t;
    if (n["zh"])
      t.zh = scalar(n["zh"], where + ".zh");
    else
      problem(where, "the prompt is missing in Chinese (zh)");
    if (n["en"])
      t.en = scalar(n["en"], where + ".en");
    else
      problem(where, "the prompt is missing in English (en)");
    return t;
  }

  void options(const YAML::Node& list, const std::string& where, Step& step) {
    if (!list.IsSequence() || list.size() == 0) {
      problem(where, "must be a list of options");
      return;
    }
    std::set<int> numbers;
    for (size_t i = 0; i < list.size(); ++i) {
      const auto w = where + "[" + std::to_string(i) + "]";
      const auto& n = list[i];
      if (!only_keys(n, w, {"number", "value", "zh", "en", "synonyms"})) continue;
      Option o;
      o.number = n["number"] ? n["number"].as<int>(0) : static_cast<int>(i + 1);
      if (o.number <= 0) problem(w + ".number", "must be a positive number");
      if (!numbers.insert(o.number).second)
        problem(w + ".number", "duplicate option number " + std::to_string(o.number));
      o.value = n["value"] ? scalar(n["value"], w + ".value") : std::to_string(o.number);
      if (n["zh"])
        o.label.zh = scalar(n["zh"], w + ".zh");
      else
        problem(w, "the option is missing in Chinese (zh)");
      if (n["en"])
        o.label.en = scalar(n["en"], w + ".en");
      else
        problem(w, "the option is missing in English (en)");
      if (const auto& syn = n["synonyms"]; syn) {
        if (!syn.IsSequence())
          problem(w + ".synonyms", "must be a list");
        else
          for (const auto& s : syn) o.synonyms.push_back(s.as<std::string>());
      }
      step.options.push_back(std::move(o));
    }
  }

  void input(const YAML::Node& n, const std::string& where, Step& step) {
    int kinds = 0;
    if (const auto& c = n["choice"]) {
      ++kinds;
      step.kind = InputKind::choice;
      options(c, where + ".choice", step);
    }
    if (const auto& t = n["text"]) {
      ++kinds;
      step.kind = InputKind::text;
      if (t.IsMap() && only_keys(t, where + ".text", {"min", "max"})) {
        step.min_length = t["min"] ? t["min"].as<std::size_t>(1) : 1;
        step.max_length = t["max"] ? t["max"].as<std::size_t>(500) : 500;
        if (step.min_length > step.max_length) problem(where + ".text", "min is above max");
      }
    }
    if (const auto& p = n["phone"]) {
      ++kinds;
      step.kind = InputKind::phone;
      if (p.IsMap() && only_keys(p, where + ".phone", {"prefill"}) && p["prefill"]) {
        const auto v = scalar(p["prefill"], where + ".phone.prefill");
        if (v == "sender")
          step.prefill_sender = true;
        else
          problem(where + ".phone.prefill", "must be 'sender'");
      }
    }
    if (n["yes_no"]) {
      ++kinds;
      step.kind = InputKind::yes_no;
    }
    if (n["confirm"]) {
      ++kinds;
      step.kind = InputKind::confirm;
    }
    if (kinds != 1)
      problem(where, "needs exactly one input kind: choice, text, phone, yes_no or confirm");
  }

  void routing(const YAML::Node& n, const std::string& where, Step& step) {
    if (n["next"]) step.next = scalar(n["next"], where + ".next");
    if (const auto& b = n["branches"]) {
      if (!b.IsSequence()) problem(where + ".branches", "must be a list");
      for (size_t i = 0; b.IsSequence() && i < b.size(); ++i) {
        const auto w = where + ".branches[" + std::to_string(i) + "]";
        if (!only_keys(b[i], w, {"slot", "equals", "next"})) continue;
        step.branches.push_back({scalar(b[i]["slot"], w + ".slot"),
                                 scalar(b[i]["equals"], w + ".equals"),
                                 scalar(b[i]["next"], w + ".next")});
      }
    }
    if (n["action"]) {
      const auto a = scalar(n["action"], where + ".action");
      if (a == "create_ticket")
        step.action = ActionKind::create_ticket;
      else if (a == "answer_consultation")
        step.action = ActionKind::answer_consultation;
      else if (a == "record_suggestion")
        step.action = ActionKind::record_suggestion;
      else if (a == "handoff")
        step.action = ActionKind::handoff;
      else if (a == "query_status")
        step.action = ActionKind::query_status;
      else
        problem(where + ".action", "unknown action '" + a + "'");
    }
    if (step.next.empty() && step.branches.empty() && !n["action"])
      problem(where, "has no next step and no action");
  }

  Step step(const std::string& id, const YAML::Node& n) {
    const auto where = "steps." + id;
    Step s;
    s.id = id;
    if (!only_keys(n, where,
                   {"ask", "choice", "text", "phone", "yes_no", "confirm", "slot", "label",
                    "optional", "next", "branches", "action"}))
      return s;
    s.ask = text(n["ask"], where + ".ask", true);
    input(n, where, s);
    if (n["slot"]) s.slot = scalar(n["slot"], where + ".slot");
    if (s.kind != InputKind::confirm && s.slot.empty()) problem(where, "needs a slot");
    if (n["label"]) s.label = text(n["label"], where + ".label", true);
    s.optional = n["optional"] && n["optional"].as<bool>(false);
    routing(n, where, s);
    return s;
  }

 private:
  std::filesystem::path file_;
  std::vector<std::string>& problems_;
};

std::pair<std::string, std::string> split_target(const std::string& target) {
  const auto colon = target.find(':');
  if (colon == std::string::npos) return {"", target};
  return {target.substr(0, colon), target.substr(colon + 1)};
}

}  // namespace

const Step* Flow::find(const std::string& id) const {
  auto it = steps.find(id);
  return it == steps.end() ? nullptr : &it->second;
}

FlowSet FlowSet::load(const std::filesystem::path& dir, std::vector<std::string>& problems) {
  FlowSet set;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    problems.push_back(dir.string() + ": is not a directory of flows");
    return set;
  }
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    FlowReader r(file, problems);
    YAML::Node root;
    try {
      root = YAML::LoadFile(file.string());
    } catch (const YAML::Exception& e) {
      r.problem("(file)", e.what());
      continue;
    }
    if (!r.only_keys(root, "(top level)", {"type", "start", "steps"})) continue;
    Flow flow;
    flow.id = file.stem().string();
    flow.file = file;
    flow.type = r.scalar(root["type"], "type");
    if (flow.type != "complaint" && flow.type != "consultation" && flow.type != "suggestion" &&
        flow.type != "menu")
      r.problem("type", "must be complaint, consultation, suggestion or menu");
    flow.start = r.scalar(root["start"], "start");
    const auto& steps = root["steps"];
    if (!steps || !steps.IsMap() || steps.size() == 0) {
      r.problem("steps", "must map step names to steps");
      continue;
    }
    for (const auto& kv : steps) {
      const auto id = kv.first.as<std::string>();
      flow.order.push_back(id);
      flow.steps.emplace(id, r.step(id, kv.second));
    }
    set.flows_.emplace(flow.id, std::move(flow));
  }
  return set;
}

const Flow* FlowSet::flow(const std::string& id) const {
  auto it = flows_.find(id);
  return it == flows_.end() ? nullptr : &it->second;
}

StepRef FlowSet::resolve(const Flow& from, const std::string& target) const {
  auto [flow_id, step_id] = split_target(target);
  const Flow* f = flow_id.empty() ? &from : flow(flow_id);
  if (f == nullptr) return {};
  if (step_id.empty()) step_id = f->start;
  return {f, f->find(step_id)};
}

StepRef FlowSet::start(const std::string& flow_id) const {
  const Flow* f = flow(flow_id);
  return f ? StepRef{f, f->find(f->start)} : StepRef{};
}

void FlowSet::validate(std::vector<std::string>& problems) const {
  std::set<std::pair<std::string, std::string>> reached;  // (flow, step)
  std::deque<StepRef> frontier;
  for (const auto& [id, f] : flows_) {
    const auto where = f.file.string() + ": ";
    if (!f.find(f.start)) {
      problems.push_back(where + "start: no step named '" + f.start + "'");
      continue;
    }
    // Each flow is entered at its start (from a menu, a pre-filled first message or an agent).
    frontier.push_back({&f, f.find(f.start)});
    for (const auto& [sid, s] : f.steps) {
      // Named captures: clang 15 cannot capture structured bindings.
      auto check = [&, &flow = f, &step_id = sid](const std::string& target,
                                                  const std::string& key) {
        if (!resolve(flow, target))
          problems.push_back(where + "steps." + step_id + "." + key + ": unknown next step '" +
                             target + "'");
      };
      if (!s.next.empty()) check(s.next, "next");
      for (size_t i = 0; i < s.branches.size(); ++i)
        check(s.branches[i].next, "branches[" + std::to_string(i) + "].next");
    }
  }
  while (!frontier.empty()) {
    auto ref = frontier.front();
    frontier.pop_front();
    if (!reached.insert({ref.flow->id, ref.step->id}).second) continue;
    std::vector<std::string> targets;
    if (!ref.step->next.empty()) targets.push_back(ref.step->next);
    for (const auto& b : ref.step->branches) targets.push_back(b.next);
    for (const auto& t : targets)
      if (auto next = resolve(*ref.flow, t)) frontier.push_back(next);
  }
  for (const auto& [id, f] : flows_)
    for (const auto& sid : f.order)
      if (!reached.contains({id, sid}))
        problems.push_back(f.file.string() + ": steps." + sid + ": unreachable step");
}

}  // namespace ombud::dialog

#pragma once
// Intake flows as configuration: named steps that ask, accept one kind of input, fill a slot
// and name the next step, ending in an action. Loaded from config/flows/<org>/*.yaml.

#include "core/language.hpp"
#include "core/sms.hpp"

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace ombud::dialog {

// The shared vocabulary the dialog speaks in.
using core::Language;
using core::LocalizedText;
using core::SmsLimits;

enum class InputKind {
  choice,   ///< numbered options with synonyms
  text,     ///< free text, min/max length in characters
  phone,    ///< a phone number; may propose the sender's number
  yes_no,   ///< 1/是/yes or 2/否/no
  confirm,  ///< a summary of the slots: 1 confirm, 2 change an item
};

enum class ActionKind {
  none,
  create_ticket,        ///< a complaint work order
  answer_consultation,  ///< the FAQ if it knows, else a consultation due within 24 h
  record_suggestion,
  handoff,       ///< wait for a human agent
  query_status,  ///< the slot just filled holds a ticket number to look up
};

struct Option {
  int number = 0;
  std::string value;  ///< what the slot receives
  LocalizedText label;
  std::vector<std::string> synonyms;  ///< matched case-insensitively inside the answer
};

/// "When slot `slot` holds `equals`, go to `next`".
struct Branch {
  std::string slot;
  std::string equals;
  std::string next;
};

struct Step {
  std::string id;
  LocalizedText ask;  ///< may name slots as {slot} and {summary} (confirm) or {sender} (phone)
  InputKind kind = InputKind::text;
  std::vector<Option> options;  ///< choice
  std::size_t min_length = 1;   ///< text, in characters
  std::size_t max_length = 500;
  bool optional = false;         ///< "skip"/"跳过" leaves the slot empty
  std::string slot;              ///< where the answer goes (none for confirm)
  LocalizedText label;           ///< the slot's name in a summary ("问题描述" / "Description")
  bool prefill_sender = false;   ///< phone: propose the number the customer writes from
  std::vector<Branch> branches;  ///< tried in order before `next`
  std::string next;              ///< "step" in this flow, or "flow:" / "flow:step" in another
  ActionKind action = ActionKind::none;  ///< when there is no next
};

struct Flow {
  std::string id;  ///< the file name without .yaml
  std::filesystem::path file;
  std::string type;  ///< complaint | consultation | suggestion | menu: what the flow produces
  std::string start;
  std::map<std::string, Step> steps;
  std::vector<std::string> order;  ///< step ids as written (summaries list slots in this order)

  const Step* find(const std::string& step) const;
};

/// A reference to one step of one flow.
struct StepRef {
  const Flow* flow = nullptr;
  const Step* step = nullptr;
  explicit operator bool() const { return step != nullptr; }
};

/// All flows of an organisation.
class FlowSet {
 public:
  /// Loads every *.yaml in `dir`. Problems (with file, step and key) are appended to
  /// `problems`; a flow with problems is still loaded as far as it could be read.
  static FlowSet load(const std::filesystem::path& dir, std::vector<std::string>& problems);

  /// Checks references across the set: unknown next steps, unreachable steps, prompts
  /// missing in a language, duplicate option numbers, unknown actions were caught at load.
  void validate(std::vector<std::string>& problems) const;

  const Flow* flow(const std::string& id) const;
  /// Resolves `target` ("step", "flow:" or "flow:step") as seen from `from`.
  StepRef resolve(const Flow& from, const std::string& target) const;
  StepRef start(const std::string& flow_id) const;
  const std::map<std::string, Flow>& flows() const { return flows_; }

 private:
  std::map<std::string, Flow> flows_;
};

}  // namespace ombud::dialog

#pragma once
// The staff commands, one row each: how people name them (the console's action and the audit
// log's word, the verbs of an SMS), what a request carries, which permission allows it, and
// what a refusal calls it. Everything that reads a command from outside — an SMS, a console
// request, the OpenAPI document — goes through this table; what a command does is the work
// order's `apply` and the desk's consequences of it.
//
// Adding a command: a struct in the `Command` variant (work_order.hpp), its row here, its case
// in `apply` and in the desk's consequences, and its texts (desk/texts.hpp).

#include "tickets/desk/texts.hpp"
#include "tickets/work_order.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ombud::tickets {

/// What a command's argument holds.
enum class ArgKind { text, integer, boolean };

/// One argument: a console body's field (the OpenAPI document says the same), and what the
/// words of an SMS fill in.
struct ArgSpec {
  std::string_view name;
  ArgKind kind = ArgKind::text;
  bool required = false;  ///< by the console (an SMS may leave it out: the desk says what is missing)
  std::vector<std::string_view> choices = {};  ///< a text that must be one of these
  std::string_view description = {};
  std::optional<std::int64_t> min = {}, max = {};  ///< an integer's bounds
};

using ArgValue = std::variant<std::string, std::int64_t, bool>;
/// The arguments of one command as read (checked against its specs).
using Args = std::map<std::string, ArgValue, std::less<>>;

/// The text / integer / flag `name` holds ("", 0, false when absent or of another kind).
std::string arg_text(const Args& args, std::string_view name);
std::int64_t arg_integer(const Args& args, std::string_view name);
bool arg_flag(const Args& args, std::string_view name);

/// How the words after an SMS verb fill the command's arguments (its specs, in order).
enum class SmsShape {
  none,             ///< nothing: whatever follows ("签收了") changes nothing
  text,             ///< all of it is the first argument
  whom_and_reason,  ///< the first word is the first argument, the rest the second
  days_and_reason,  ///< a count of days (3, 3天, 三天) the first, the rest the second
  written,          ///< all of it is "written", read by the desk (classes, a reason)
  verdict_and_reason,  ///< the verb says yes or no (采纳 / 不采纳), the rest is the second argument
};

/// An argument that does not fit, in English for the console's error body.
struct ArgProblem {
  std::string field;
  std::string message;
};

struct CommandRow {
  std::string_view name;      ///< the console's action (/tickets/{number}/<name>), the audit log's
  std::string_view summary;   ///< for the OpenAPI document
  std::size_t alternative;    ///< its index in `Command`
  std::string_view permission;  ///< the console permission that allows it; "": not a staff action
  std::vector<ArgSpec> args;
  std::vector<std::string_view> sms_words;  ///< its verbs by SMS (Chinese, English, synonyms)
  SmsShape sms_shape = SmsShape::none;
  core::LocalizedText DeskTexts::* label = nullptr;  ///< what a refusal calls it ("签收")
  /// The command from arguments already checked against `args` (kinds, choices, bounds);
  /// what spans arguments is checked here.
  std::variant<Command, ArgProblem> (*make)(const Args&) = nullptr;

  /// A staff action (by the console, maybe by SMS), not the system's own step.
  bool staff() const noexcept { return !permission.empty(); }
};

/// Every command, in the order of `Command`'s alternatives.
const std::vector<CommandRow>& command_table();
/// The row of a command.
const CommandRow& command_row(const Command& command);
/// A command's name as the console's action routes and the audit log spell it ("sign-for").
std::string_view command_name(const Command& command);
/// The staff action named `name` ("sign-for"), or null.
const CommandRow* find_command(std::string_view name);

/// A staff SMS read as a command, with its ticket number (empty when the SMS names none).
struct StaffCommand {
  std::string number;
  Command command;
};
/// Reads a staff SMS: "[number] <verb> [arguments]" with the verbs of the table, e.g.
/// "T2611300001 签收", "回复 已更换光猫", "转 计费结算部 属于计费问题", "延期 三天 等配件".
/// Written as people type on a phone: no space after the number, full-width spaces and
/// letters, a colon after the verb, Chinese numerals, the number after the verb.
std::optional<StaffCommand> parse_staff_command(std::string_view text);

}  // namespace ombud::tickets

// The table of staff commands, and reading a staff member's SMS with it.
#include "tickets/commands.hpp"

#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <initializer_list>

namespace ombud::tickets {

std::string arg_text(const Args& args, std::string_view name) {
  auto it = args.find(name);
  const auto* s = it == args.end() ? nullptr : std::get_if<std::string>(&it->second);
  return s ? *s : std::string();
}

std::int64_t arg_integer(const Args& args, std::string_view name) {
  auto it = args.find(name);
  const auto* n = it == args.end() ? nullptr : std::get_if<std::int64_t>(&it->second);
  return n ? *n : 0;
}

bool arg_flag(const Args& args, std::string_view name) {
  auto it = args.find(name);
  const auto* b = it == args.end() ? nullptr : std::get_if<bool>(&it->second);
  return b && *b;
}

namespace {

template <typename C>
std::size_t alternative() {
  return Command(C{}).index();
}

using Made = std::variant<Command, ArgProblem>;

// Texts a person writes; the console checks their length.
ArgSpec text_arg(std::string_view name, bool required, std::string_view description) {
  return {name, ArgKind::text, required, {}, description};
}
ArgSpec days_arg(bool required, std::string_view description) {
  return {"days", ArgKind::integer, required, {}, description, 1, 60};
}

// The register's classes: their values are the configuration's (tickets.closing.classes), so
// the desk checks them, not the table.
std::vector<ArgSpec> class_args() {
  return {text_arg("validity", false, "e.g. valid | invalid (有效/无效)"),
          text_arg("responsibility", false, "e.g. responsible | not_responsible | assisting"),
          text_arg("cause", false, "where the organisation uses causes (一类/二类/三类)"),
          text_arg("reason", false, "required with a value that needs one (invalid)")};
}
CloseClasses classes_of(const Args& a) {
  return {arg_text(a, "validity"), arg_text(a, "responsibility"), arg_text(a, "cause"),
          arg_text(a, "reason")};
}

std::vector<CommandRow> make_table() {
  using T = DeskTexts;
  std::vector<CommandRow> rows{
      {"dispatch", "", alternative<Dispatch>(), "", {}, {}, SmsShape::none, nullptr,
       [](const Args&) -> Made { return Dispatch{}; }},
      {"sign-for", "sign for (签收)", alternative<SignFor>(), "tickets.work", {},
       {"签收", "sign"}, SmsShape::none, &T::action_sign_for,
       [](const Args&) -> Made { return SignFor{}; }},
      {"reply", "answer with the result (回复)", alternative<Reply>(), "tickets.work",
       {text_arg("result", true, "the result for the customer")},
       {"回复", "答复", "reply"}, SmsShape::text, &T::action_reply,
       [](const Args& a) -> Made { return Reply{arg_text(a, "result")}; }},
      {"audit", "approve an answer for the customer, or send it back (审核)", alternative<Audit>(),
       "tickets.audit",
       {{"approved", ArgKind::boolean, true},
        text_arg("comment", false, "required when sent back")},
       {}, SmsShape::none, &T::action_audit,
       [](const Args& a) -> Made {
         const bool approved = arg_flag(a, "approved");
         const auto comment = arg_text(a, "comment");
         if (!approved && comment.find_first_not_of(" \t\n") == std::string::npos)
           return ArgProblem{"comment", "comment is required to send an answer back"};
         return Audit{approved, comment};
       }},
      {"send-result", "", alternative<SendResult>(), "", {}, {}, SmsShape::none, nullptr,
       [](const Args&) -> Made { return SendResult{}; }},
      {"close",
       "close after the result (结案), with the register's classes (tickets.closing.classes: by "
       "default validity and responsibility, both required; a reason for invalid). Only the "
       "desk closes: a department's 结案 by SMS asks the desk",
       alternative<Close>(), "tickets.close", class_args(), {"结案", "结束", "close", "end"},
       SmsShape::written, &T::action_close,
       [](const Args& a) -> Made { return Close{classes_of(a), arg_text(a, "written")}; }},
      {"transfer", "pass to another department (转派)", alternative<Transfer>(), "tickets.transfer",
       {text_arg("department", true, "its id or name"), text_arg("reason", true, "why")},
       {"转派", "转", "transfer"}, SmsShape::whom_and_reason, &T::action_transfer,
       [](const Args& a) -> Made {
         return Transfer{arg_text(a, "department"), "", arg_text(a, "reason")};
       }},
      {"reopen", "reopen (重新处理)", alternative<Reopen>(), "tickets.close",
       {text_arg("reason", true, "why")}, {}, SmsShape::none, &T::action_reopen,
       [](const Args& a) -> Made { return Reopen{arg_text(a, "reason")}; }},
      {"escalate", "", alternative<Escalate>(), "", {}, {}, SmsShape::none, nullptr,
       [](const Args&) -> Made { return Escalate{}; }},
      {"merge", "merge a duplicate into the ticket it repeats; its customer is told",
       alternative<Merge>(), "tickets.close", {text_arg("into", true, "the original's number")},
       {}, SmsShape::none, &T::action_merge,
       [](const Args& a) -> Made { return Merge{arg_text(a, "into")}; }},
      {"assign",
       "give it to another person of its department (改派; they sign for it anew): directly by "
       "the head or the desk, a request for the head's approval from the department's staff",
       alternative<Assign>(), "tickets.work",
       {text_arg("to", true, "their name or phone, as in the directory"),
        text_arg("reason", false, "why")},
       {"改派", "assign"}, SmsShape::whom_and_reason, &T::action_assign,
       [](const Args& a) -> Made { return Assign{arg_text(a, "to"), arg_text(a, "reason")}; }},
      {"note", "a follow-up note (跟进)", alternative<Note>(), "tickets.work",
       {text_arg("text", true, "the note")}, {"跟进", "备注", "note"}, SmsShape::text,
       &T::action_note, [](const Args& a) -> Made { return Note{arg_text(a, "text")}; }},
      {"follow-up", "a tracking record (跟踪记录): appointment, not yet solved, solved in N days, dissatisfied", alternative<FollowUp>(), "tickets.work",
       {{"outcome", ArgKind::text, true,
         {"appointment", "not_yet_solved", "solved_in_days", "dissatisfied"}},
        days_arg(false, "with solved_in_days"),
        {"text", ArgKind::text, false}},
       {}, SmsShape::none, &T::action_follow_up,
       [](const Args& a) -> Made {
         const auto days = arg_integer(a, "days");
         if (arg_text(a, "outcome") == "solved_in_days" && (days < 1 || days > 60))
           return ArgProblem{"days", "days (1-60) is required when solved_in_days"};
         return FollowUp{arg_text(a, "outcome"), static_cast<int>(days), arg_text(a, "text")};
       }},
      {"extend",
       "extend the reply limit (延期; a request for the head where extensions need approval)",
       alternative<Extend>(), "tickets.work",
       {days_arg(true, "working days"), {"reason", ArgKind::text, false}},
       {"延期", "extend"}, SmsShape::days_and_reason, &T::action_extend,
       [](const Args& a) -> Made {
         return Extend{static_cast<int>(arg_integer(a, "days")), arg_text(a, "reason")};
       }},
      {"appoint", "an appointment, told to the customer (预约)", alternative<Appoint>(),
       "tickets.work", {text_arg("text", true, "when and what")}, {"预约", "appoint"},
       SmsShape::text, &T::action_appoint,
       [](const Args& a) -> Made { return Appoint{arg_text(a, "text")}; }},
      {"classify", "give or correct the classes of a closed ticket (分类归档), e.g. one the survey closed",
       alternative<Classify>(), "tickets.close", class_args(), {"分类", "classify"},
       SmsShape::written, &T::action_classify,
       [](const Args& a) -> Made { return Classify{classes_of(a), arg_text(a, "written")}; }},
      {"revisit",
       "a revisit's outcome (回访): reached or not, the customer's opinion, solved or not, remarks. "
       "Dissatisfied or not solved: verified again; not reached twice: on the outbound call list",
       alternative<Revisit>(), "tickets.revisit",
       {{"reached", ArgKind::boolean, true},
        {"rating", ArgKind::text, false, {"satisfied", "basically", "dissatisfied"}, "required when reached"},
        {"solved", ArgKind::text, false, {"yes", "no"}},
        text_arg("remarks", false, "what the customer said")},
       {"回访", "revisit"}, SmsShape::written, &T::action_revisit,
       [](const Args& a) -> Made {
         const bool reached = arg_flag(a, "reached");
         if (reached && arg_text(a, "rating").empty() && arg_text(a, "written").empty())
           return ArgProblem{"rating", "rating is required when the customer was reached"};
         return Revisit{reached || !arg_text(a, "written").empty(), arg_text(a, "rating"), arg_text(a, "solved"),
                        arg_text(a, "remarks"), arg_text(a, "written")};
       }},
      {"adopt",
       "the head's decision on a customer's suggestion (采纳 / 不采纳, a reason required for not "
       "adopting it); the customer is told",
       alternative<Adopt>(), "tickets.approve",
       {{"adopted", ArgKind::boolean, true}, text_arg("reason", false, "required when not adopted")},
       {"采纳", "不采纳", "adopt", "not adopt"}, SmsShape::verdict_and_reason, &T::action_adopt,
       [](const Args& a) -> Made {
         const bool adopted = arg_flag(a, "adopted");
         if (!adopted && arg_text(a, "reason").find_first_not_of(" \t\n") == std::string::npos)
           return ArgProblem{"reason", "reason is required when a suggestion is not adopted"};
         return Adopt{adopted, arg_text(a, "reason")};
       }},
      {"accept",
       "accept a complaint held for the desk's decision (受理; one that mentions arbitration or "
       "a court): it is dispatched as any other",
       alternative<Accept>(), "tickets.close", {}, {"受理", "accept"}, SmsShape::none,
       &T::action_accept, [](const Args&) -> Made { return Accept{}; }},
      {"decline",
       "do not accept it (不予受理), with a reason of tickets.acceptance.reasons; the customer is "
       "told the reason and where to go instead, the ticket is closed as not accepted",
       alternative<Decline>(), "tickets.close",
       {text_arg("reason", true, "a reason's id (tickets.acceptance.reasons)"),
        text_arg("note", false, "the desk's note")},
       {"不予受理", "decline"}, SmsShape::written, &T::action_decline,
       [](const Args& a) -> Made {
         return Decline{arg_text(a, "reason"), arg_text(a, "note"), arg_text(a, "written")};
       }},
      {"approve", "approve the request waiting: an extension or a change of handler (批准)",
       alternative<Approve>(), "tickets.approve", {}, {"批准", "同意", "approve"},
       SmsShape::none, &T::action_approve, [](const Args&) -> Made { return Approve{}; }},
      {"reject", "reject the request waiting (驳回)", alternative<Reject>(), "tickets.approve",
       {text_arg("reason", true, "why")}, {"驳回", "不同意", "reject"}, SmsShape::text,
       &T::action_reject, [](const Args& a) -> Made { return Reject{arg_text(a, "reason")}; }},
  };
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.alternative < b.alternative; });
  return rows;
}


// A staff SMS with full-width forms folded to ASCII (Ｔ２６…→T26…, the ideographic space and
// full-width colon and comma too), and for each byte of it where it came from in the original,
// so that the structure is read from the folded text and what the person wrote is kept as
// they wrote it.
struct Folded {
  std::string text;
  std::vector<std::size_t> origin;  ///< origin[i]: the original offset of text[i]; one past too

  std::string original(std::string_view raw, std::string_view part) const {
    const auto from = static_cast<std::size_t>(part.data() - text.data());
    return std::string(raw.substr(origin[from], origin[from + part.size()] - origin[from]));
  }
};

Folded fold_width(std::string_view raw) {
  Folded f;
  const auto* s = reinterpret_cast<const uint8_t*>(raw.data());
  const auto length = static_cast<int32_t>(raw.size());
  for (int32_t i = 0; i < length;) {
    const auto start = static_cast<std::size_t>(i);
    UChar32 c;
    U8_NEXT(s, i, length, c);
    const auto end = static_cast<std::size_t>(i);
    if (c == 0x3000) c = ' ';
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    if (c >= 0 && c < 0x80) {
      f.text.push_back(static_cast<char>(c));
      f.origin.push_back(start);
    } else {
      for (auto k = start; k < end; ++k) {
        f.text.push_back(raw[k]);
        f.origin.push_back(start);
      }
    }
  }
  f.origin.push_back(raw.size());
  return f;
}

bool ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool ascii_digit(char c) { return c >= '0' && c <= '9'; }

// Spaces and the punctuation people put between the parts of a command.
void skip_separators(std::string_view& s) {
  for (;;) {
    if (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' ||
                       s.front() == '\r' || s.front() == ':' || s.front() == ',')) {
      s.remove_prefix(1);
    } else if (s.starts_with("、") || s.starts_with("。")) {
      s.remove_prefix(3);
    } else {
      return;
    }
  }
}

std::string_view trimmed(std::string_view s) {
  skip_separators(s);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

// A ticket number at the start of `s`: one to four letters and at least six digits.
std::string take_number(std::string_view& s) {
  size_t letters = 0;
  while (letters < s.size() && ascii_alpha(s[letters])) ++letters;
  size_t end = letters;
  while (end < s.size() && ascii_digit(s[end])) ++end;
  if (letters < 1 || letters > 4 || end - letters < 6) return {};
  std::string number(s.substr(0, end));
  for (auto& c : number) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  s.remove_prefix(end);
  return number;
}

// A count of days written with digits or Chinese numerals (三, 两, 十, 十五, 二十), with an
// optional unit; 0 when there is none.
int take_days(std::string_view& s) {
  static constexpr std::pair<std::string_view, int> kDigits[] = {
      {"零", 0}, {"一", 1}, {"二", 2}, {"两", 2}, {"三", 3}, {"四", 4},
      {"五", 5}, {"六", 6}, {"七", 7}, {"八", 8}, {"九", 9}};
  int value = 0;
  bool any = false;
  while (!s.empty() && ascii_digit(s.front()) && value < 1000) {
    value = value * 10 + (s.front() - '0');
    s.remove_prefix(1);
    any = true;
  }
  if (!any) {  // Chinese: [digit]十[digit] or one digit
    int tens = 0, units = 0;
    auto digit = [&](int& into) {
      for (const auto& [word, v] : kDigits)
        if (s.starts_with(word)) {
          into = v;
          s.remove_prefix(word.size());
          return true;
        }
      return false;
    };
    const bool lead = digit(units);
    if (s.starts_with("十")) {
      s.remove_prefix(std::string_view("十").size());
      tens = lead ? units : 1;
      units = 0;
      digit(units);
      any = true;
    } else {
      any = lead;
    }
    value = tens * 10 + units;
  }
  if (!any) return 0;
  skip_separators(s);
  for (std::string_view unit : {"个工作日", "工作日", "working days", "working day", "天", "日",
                                "days", "day", "d"})
    if (s.size() >= unit.size() &&
        std::equal(unit.begin(), unit.end(), s.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        }) &&
        (unit.front() & 0x80 || unit.size() == s.size() || !ascii_alpha(s[unit.size()]))) {
      s.remove_prefix(unit.size());
      break;
    }
  return value;
}

// The verb at the start of `s` (longer words first: "转派" before "转", "不同意" before
// "同意"), consumed (into `verb`); null when none.
const CommandRow* take_verb(std::string_view& s, std::string_view& verb) {
  const CommandRow* best = nullptr;
  size_t best_size = 0;
  for (const auto& row : command_table())
    for (const auto word : row.sms_words) {
      if (word.size() <= best_size || s.size() < word.size()) continue;
      const bool same = std::equal(word.begin(), word.end(), s.begin(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
      });
      // An English verb is a whole word ("signal" is not "sign"); a Chinese one needs no space.
      const bool whole =
          (word.front() & 0x80) || s.size() == word.size() || !ascii_alpha(s[word.size()]);
      if (same && whole) best = &row, best_size = word.size();
    }
  if (best) {
    verb = s.substr(0, best_size);
    s.remove_prefix(best_size);
  }
  return best;
}

}  // namespace

const std::vector<CommandRow>& command_table() {
  static const std::vector<CommandRow> table = make_table();
  return table;
}

const CommandRow& command_row(const Command& command) {
  return command_table()[command.index()];
}

const CommandRow* find_command(std::string_view name) {
  for (const auto& row : command_table())
    if (row.staff() && row.name == name) return &row;
  return nullptr;
}

std::string_view command_name(const Command& command) {
  return command_row(command).name;
}

std::optional<StaffCommand> parse_staff_command(std::string_view raw) {
  const auto folded = fold_width(raw);
  std::string_view s = trimmed(folded.text);
  StaffCommand out;
  out.number = take_number(s);
  skip_separators(s);
  std::string_view verb;
  const auto* row = take_verb(s, verb);
  if (row == nullptr) return std::nullopt;
  skip_separators(s);
  if (out.number.empty()) {  // "签收 T2611300001"
    out.number = take_number(s);
    skip_separators(s);
  }
  s = trimmed(s);
  Args args;
  auto arg = [&](std::size_t i) { return std::string(row->args.at(i).name); };
  switch (row->sms_shape) {
    case SmsShape::none:
      break;
    case SmsShape::text:
      args[arg(0)] = folded.original(raw, s);  // as written
      break;
    case SmsShape::whom_and_reason: {  // (the desk also reads a department glued to its reason)
      const auto space = s.find(' ');
      const auto whom = s.substr(0, space);
      auto reason = s.substr(space == std::string_view::npos ? s.size() : space);  // in `s`
      reason = trimmed(reason);
      args[arg(0)] = folded.original(raw, whom);
      args[arg(1)] = folded.original(raw, reason);
      break;
    }
    case SmsShape::verdict_and_reason:  // 采纳 / 不采纳
      args[arg(0)] = !(verb.starts_with("不") || verb.starts_with("not") || verb.starts_with("NOT") ||
                       verb.starts_with("Not"));
      args[arg(1)] = folded.original(raw, s);
      break;
    case SmsShape::written:  // read by the desk against its configured classes
      args["written"] = folded.original(raw, s);
      break;
    case SmsShape::days_and_reason: {
      args[arg(0)] = std::int64_t{take_days(s)};
      args[arg(1)] = folded.original(raw, trimmed(s));
      break;
    }
  }
  auto made = row->make(args);
  if (std::holds_alternative<ArgProblem>(made)) return std::nullopt;
  out.command = std::move(std::get<Command>(made));
  return out;
}

}  // namespace ombud::tickets

// Reading a staff member's SMS command (parse_staff_command, declared in work_order.hpp).
#include "tickets/work_order.hpp"

#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <initializer_list>

namespace ombud::tickets {

namespace {

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

enum class Verb { sign, reply, transfer, extend, note, appoint, assign, approve, reject, close };

// The verbs and their synonyms; longer words are tried first ("转派" before "转").
constexpr std::pair<std::string_view, Verb> kVerbs[] = {
    {"签收", Verb::sign},      {"sign", Verb::sign},         {"回复", Verb::reply},
    {"答复", Verb::reply},     {"reply", Verb::reply},       {"转派", Verb::transfer},
    {"transfer", Verb::transfer}, {"转", Verb::transfer},    {"延期", Verb::extend},
    {"extend", Verb::extend},  {"跟进", Verb::note},         {"备注", Verb::note},
    {"note", Verb::note},      {"预约", Verb::appoint},      {"appoint", Verb::appoint},
    {"批准", Verb::approve},   {"同意", Verb::approve},      {"approve", Verb::approve},
    {"驳回", Verb::reject},    {"不同意", Verb::reject},     {"reject", Verb::reject},
    {"结束", Verb::close},     {"结案", Verb::close},        {"close", Verb::close},
    {"end", Verb::close},      {"改派", Verb::assign},       {"assign", Verb::assign},
};

std::optional<Verb> take_verb(std::string_view& s) {
  std::optional<Verb> best;
  size_t best_size = 0;
  for (const auto& [word, verb] : kVerbs) {
    if (word.size() <= best_size || s.size() < word.size()) continue;
    const bool same = std::equal(word.begin(), word.end(), s.begin(), [](char a, char b) {
      return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
    // An English verb is a whole word ("signal" is not "sign"); a Chinese one needs no space.
    const bool whole = (word.front() & 0x80) || s.size() == word.size() || !ascii_alpha(s[word.size()]);
    if (same && whole) best = verb, best_size = word.size();
  }
  if (best) s.remove_prefix(best_size);
  return best;
}

}  // namespace

std::optional<StaffCommand> parse_staff_command(std::string_view raw) {
  const auto folded = fold_width(raw);
  std::string_view s = trimmed(folded.text);
  StaffCommand out;
  out.number = take_number(s);
  skip_separators(s);
  const auto verb = take_verb(s);
  if (!verb) return std::nullopt;
  skip_separators(s);
  if (out.number.empty()) {  // "签收 T2611300001"
    out.number = take_number(s);
    skip_separators(s);
  }
  s = trimmed(s);
  const std::string rest = folded.original(raw, s);  // as written
  switch (*verb) {
    case Verb::sign:  // anything after it ("签收了") changes nothing
      out.command = SignFor{};
      break;
    case Verb::reply:
      out.command = Reply{rest};
      break;
    case Verb::transfer:  // the department, then the reason (the desk also reads them glued)
    case Verb::assign: {  // the person (name or phone), then the reason
      const auto space = s.find(' ');
      const auto whom = s.substr(0, space);
      auto reason = s.substr(space == std::string_view::npos ? s.size() : space);  // in `s`
      reason = trimmed(reason);
      if (*verb == Verb::assign)
        out.command = Assign{folded.original(raw, whom), folded.original(raw, reason)};
      else
        out.command = Transfer{folded.original(raw, whom), "", folded.original(raw, reason)};
      break;
    }
    case Verb::extend: {
      const int days = take_days(s);
      out.command = Extend{days, folded.original(raw, trimmed(s))};
      break;
    }
    case Verb::note:
      out.command = Note{rest};
      break;
    case Verb::appoint:
      out.command = Appoint{rest};
      break;
    case Verb::approve:
      out.command = Approve{};
      break;
    case Verb::reject:
      out.command = Reject{rest};
      break;
    case Verb::close:
      out.command = Close{};
      break;
  }
  return out;
}


}  // namespace ombud::tickets

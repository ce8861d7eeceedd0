#include "dialog/conversation.hpp"

#include "core/sms.hpp"
#include "core/text.hpp"

#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <utility>

namespace ombud::dialog::detail {

using core::char_count;
using core::fill_in;
using core::normalize;

bool equals_any(const std::string& norm, const std::vector<std::string>& words) {
  return std::any_of(words.begin(), words.end(),
                     [&](const auto& w) { return !w.empty() && norm == normalize(w); });
}

bool contains_any(const std::string& norm, const std::vector<std::string>& words) {
  return std::any_of(words.begin(), words.end(), [&](const auto& w) {
    const auto n = normalize(w);
    return !n.empty() && norm.find(n) != std::string::npos;
  });
}

const std::vector<std::string> kYes{"1",    "是",  "是的", "对", "好",      "好的",    "确认",
                                    "继续", "yes", "y",    "ok", "confirm", "continue"};
const std::vector<std::string> kNo{"2", "否", "不", "不是", "不用", "修改", "no", "n", "change"};

// A phone number as customers type it: spaces, dashes and brackets dropped; a Chinese mobile
// number gets +86. Empty when it is not a phone number.
std::string parse_phone(const std::string& norm) {
  std::string digits;
  for (char c : norm) {
    if (std::isdigit(static_cast<unsigned char>(c)) || (c == '+' && digits.empty()))
      digits += c;
    else if (c != ' ' && c != '-' && c != '(' && c != ')')
      return {};
  }
  const bool plus = !digits.empty() && digits[0] == '+';
  const std::string bare = plus ? digits.substr(1) : digits;
  if (bare.size() == 11 && bare[0] == '1' && bare[1] >= '3') return "+86" + bare;
  if (bare.size() == 13 && bare.starts_with("861")) return "+" + bare;
  if (plus && bare.size() >= 8 && bare.size() <= 15) return digits;
  return {};
}

// The first run of letters+digits with at least 6 digits: a ticket number ("t2611290001").
std::string find_ticket_number(const std::string& norm) {
  for (size_t i = 0; i < norm.size();) {
    size_t j = i;
    while (j < norm.size() && std::isalpha(static_cast<unsigned char>(norm[j]))) ++j;
    size_t k = j;
    while (k < norm.size() && std::isdigit(static_cast<unsigned char>(norm[k]))) ++k;
    if (k - j >= 6) {
      std::string out = norm.substr(i, k - i);
      for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return out;
    }
    i = k > i ? k : i + 1;
  }
  return {};
}

Turn Conversation::run() {
  const auto idle = std::chrono::duration_cast<std::chrono::milliseconds>(cfg_.idle_timeout);
  const auto resume = std::chrono::duration_cast<std::chrono::milliseconds>(cfg_.resume_after);
  const bool open = s_.state != Session::State::none;
  const bool expired = open && in_.now_ms - s_.updated_ms > idle.count();
  const bool gap = open && !expired && in_.now_ms - s_.updated_ms >= resume.count();
  if (!open || expired) start_fresh();
  s_.updated_ms = in_.now_ms;
  log(true, in_.text);

  if (!command()) {
    switch (s_.state) {
      case Session::State::none:
        begin();
        break;
      case Session::State::active:
        answer(gap);
        break;
      case Session::State::choosing_change:
        choose_change();
        break;
      case Session::State::resume_prompt:
        resume_or_restart();
        break;
      case Session::State::waiting_human:
        say(cfg_.texts.waiting);
        break;
    }
  }
  return finish();
}

// A new conversation speaks the language of this message, or the one the customer used
// last when this message has no letters in it ("1", a phone number).
void Conversation::start_fresh() {
  const auto language = detect_language(in_.text, s_.language);
  s_ = Session{};
  s_.language = language;
  s_.started_ms = in_.now_ms;
  s_.updated_ms = in_.now_ms;  // a restart mid-run must not look idle since 1970
}

// A first message: pre-fill what it says, ask only what is missing.
void Conversation::begin() {
  const auto& c = cfg_.classifier;
  std::string flow = cfg_.entry_flow;
  if (contains_any(norm_, c.complaint_words) || category_of(norm_))
    flow = cfg_.complaint_flow;
  else if (contains_any(norm_, c.suggestion_words))
    flow = cfg_.suggestion_flow;
  else if (contains_any(norm_, c.consultation_words))
    flow = cfg_.consultation_flow;
  auto ref = cfg_.flows.start(flow);
  if (!ref) ref = cfg_.flows.start(cfg_.entry_flow);
  if (!ref) return;
  if (flow != cfg_.entry_flow && prefill(*ref.flow) && flow == cfg_.complaint_flow)
    say(cfg_.texts.noted);
  enter(ref, /*skip_filled=*/true);
}

std::optional<std::string> Conversation::category_of(const std::string& norm) const {
  for (const auto& [value, words] : cfg_.classifier.categories)
    if (contains_any(norm, words)) return value;
  return std::nullopt;
}

// True when the message filled a slot.
bool Conversation::prefill(const Flow& flow) {
  const auto before = s_.slots.size();
  if (auto category = category_of(norm_)) s_.slots[cfg_.classifier.category_slot] = *category;
  // The first free-text step takes the message itself when it says enough.
  for (const auto& id : flow.order) {
    const Step& step = flow.steps.at(id);
    if (step.kind != InputKind::text) continue;
    const auto n = char_count(text_);
    if (n >= step.min_length && n <= step.max_length) s_.slots[step.slot] = text_;
    break;
  }
  return s_.slots.size() > before;
}

// Answers the open question.
void Conversation::answer(bool after_gap) {
  const StepRef here = current();
  if (!here) return restart();
  const Step& step = *here.step;
  auto value = accept(step);
  if (!value) {
    if (after_gap) {
      s_.state = Session::State::resume_prompt;
      return say(cfg_.texts.resume_question);
    }
    return refuse(step);
  }
  s_.retries = 0;
  if (step.kind == InputKind::confirm) {
    if (*value == "confirm") return perform(*here.flow, step);
    s_.state = Session::State::choosing_change;
    return say_text(fill_in(cfg_.texts.change_which.in(s_.language), "items", items(*here.flow)));
  }
  s_.slots[step.slot] = *value;
  if (step.slot == cfg_.name_slot) {  // anonymity is chosen, not a skipped name
    if (equals_any(norm_, cfg_.commands.anonymous)) {
      s_.slots[step.slot].clear();
      s_.slots[kAnonymousSlot] = "yes";
    } else {
      s_.slots.erase(kAnonymousSlot);
    }
  }
  advance(here);
}

void Conversation::refuse(const Step& step) {
  ++s_.retries;
  const auto& t = cfg_.texts;
  switch (step.kind) {
    case InputKind::choice:
    case InputKind::confirm:
      say(t.invalid_choice);
      break;
    case InputKind::text:
      say_text(
          fill_in(fill_in(t.invalid_text.in(s_.language), "min", std::to_string(step.min_length)),
                  "max", std::to_string(step.max_length)));
      break;
    case InputKind::phone:
      say(t.invalid_phone);
      break;
    case InputKind::yes_no:
      say(t.invalid_yes_no);
      break;
  }
  if (s_.retries >= cfg_.max_retries) say(t.offer_human);
  ask(current());
}

void Conversation::advance(StepRef from) {
  s_.history.push_back(from.flow->id + ":" + from.step->id);
  if (!s_.return_to.empty()) {
    auto target = cfg_.flows.resolve(*from.flow, std::exchange(s_.return_to, {}));
    return enter(target, /*skip_filled=*/false);
  }
  for (const auto& b : from.step->branches) {
    auto it = s_.slots.find(b.slot);
    if (it != s_.slots.end() && it->second == b.equals)
      return enter(cfg_.flows.resolve(*from.flow, b.next), /*skip_filled=*/true);
  }
  if (!from.step->next.empty())
    return enter(cfg_.flows.resolve(*from.flow, from.step->next), /*skip_filled=*/true);
  perform(*from.flow, *from.step);
}

// Opens `ref` as the question; with skip_filled, steps whose slot is already known (from a
// pre-filled first message) are passed over.
void Conversation::enter(StepRef ref, bool skip_filled) {
  for (int i = 0; ref && skip_filled && i < kMaxAutoAdvance; ++i) {
    const Step& st = *ref.step;
    if (st.kind == InputKind::confirm || st.slot.empty() || !s_.slots.contains(st.slot)) break;
    s_.history.push_back(ref.flow->id + ":" + st.id);
    StepRef next;
    for (const auto& b : st.branches)
      if (s_.slots[b.slot] == b.equals) next = cfg_.flows.resolve(*ref.flow, b.next);
    if (!next && !st.next.empty()) next = cfg_.flows.resolve(*ref.flow, st.next);
    if (!next) return perform(*ref.flow, st);
    ref = next;
  }
  if (!ref) return restart();
  s_.state = Session::State::active;
  s_.flow = ref.flow->id;
  s_.step = ref.step->id;
  s_.retries = 0;
  ask(ref);
}

void Conversation::perform(const Flow& flow, const Step& step) {
  const auto& t = cfg_.texts;
  switch (step.action) {
    case ActionKind::create_ticket: {
      auto draft = ticket(flow.type);
      say(!draft.anonymous ? t.ticket_created
          : draft.record_only ? t.anonymous_record_only
                              : t.anonymous_recorded);
      actions_.push_back({Action::Kind::create_ticket, std::move(draft), {}});
      return end();
    }
    case ActionKind::answer_consultation: {
      std::string asked;
      for (const auto& [slot, value] : s_.slots) asked += normalize(value) + "\n";
      for (const auto& faq : cfg_.faq)
        if (contains_any(asked, faq.keywords)) {
          say(faq.answer);
          return end();
        }
      say(t.consultation_recorded);
      actions_.push_back({Action::Kind::create_ticket, ticket("consultation"), {}});
      return end();
    }
    case ActionKind::record_suggestion:
      say(t.suggestion_recorded);
      actions_.push_back({Action::Kind::create_ticket, ticket("suggestion"), {}});
      return end();
    case ActionKind::handoff:
      return hand_off();
    case ActionKind::query_status: {
      const auto number = find_ticket_number(normalize(s_.slots[step.slot]));
      if (number.empty())
        say(t.status_usage);
      else
        actions_.push_back({Action::Kind::query_status, {}, number});
      return end();
    }
    case ActionKind::none:
      return end();
  }
}

TicketDraft Conversation::ticket(const std::string& type) {
  TicketDraft d;
  d.type = type;
  d.slots = s_.slots;
  auto slot = [&](const std::string& name) {
    auto it = s_.slots.find(name);
    return it == s_.slots.end() ? std::string() : it->second;
  };
  d.category = slot(cfg_.classifier.category_slot);
  if (d.category.empty() && type != "complaint") {  // a question or suggestion: what it is about
    std::string said;
    for (const auto& [name, value] : s_.slots) said += normalize(value) + "\n";
    if (auto category = category_of(said)) d.category = *category;
  }
  d.phone = slot(cfg_.phone_slot);
  if (d.phone.empty() && !parse_phone(in_.from).empty()) d.phone = in_.from;
  d.name = slot(cfg_.name_slot);
  d.anonymous = type == "complaint" && slot(kAnonymousSlot) == "yes";
  d.record_only = d.anonymous && cfg_.anonymous_record_only;
  d.language = s_.language;
  d.transcript = s_.transcript;
  return d;
}

void Conversation::end() {
  s_.state = Session::State::none;
  s_.flow.clear();
  s_.step.clear();
}

void Conversation::hand_off() {
  s_.state = Session::State::waiting_human;
  actions_.push_back({Action::Kind::handoff, ticket("handoff"), {}});
  say(cfg_.texts.handoff);
}

void Conversation::restart() {
  const auto language = s_.language;
  start_fresh();
  s_.language = language;
  enter(cfg_.flows.start(cfg_.entry_flow), /*skip_filled=*/false);
}

void Conversation::choose_change() {
  const StepRef here = current();
  if (!here) return restart();
  const auto changeable = slot_steps(*here.flow);
  int n = 0;
  if (norm_.size() <= 2 && std::all_of(norm_.begin(), norm_.end(), ::isdigit) && !norm_.empty())
    n = std::stoi(norm_);
  if (n < 1 || n > static_cast<int>(changeable.size())) {
    say(cfg_.texts.invalid_choice);
    return say_text(fill_in(cfg_.texts.change_which.in(s_.language), "items", items(*here.flow)));
  }
  s_.return_to = here.step->id;
  enter({here.flow, changeable[static_cast<size_t>(n - 1)]}, /*skip_filled=*/false);
}

void Conversation::resume_or_restart() {
  if (equals_any(norm_, kYes)) {
    say(cfg_.texts.resumed);
    s_.state = Session::State::active;
    return ask(current());
  }
  if (equals_any(norm_, kNo) || equals_any(norm_, cfg_.commands.restart)) return restart();
  say(cfg_.texts.resume_question);
}

bool Conversation::command() {
  const auto& c = cfg_.commands;
  if (equals_any(norm_, c.english) || equals_any(norm_, c.chinese)) {
    s_.language = equals_any(norm_, c.english) ? Language::en : Language::zh;
    if (s_.state == Session::State::none)
      begin_menu();
    else if (s_.state == Session::State::active)
      ask(current());
    else if (s_.state == Session::State::waiting_human)
      say(cfg_.texts.waiting);
    else if (s_.state == Session::State::resume_prompt)
      say(cfg_.texts.resume_question);
    else
      choose_change();
    return true;
  }
  if (equals_any(norm_, c.cancel)) {
    end();
    s_.slots.clear();
    say(cfg_.texts.cancelled);
    return true;
  }
  if (equals_any(norm_, c.restart)) {
    restart();
    return true;
  }
  if (equals_any(norm_, c.human)) {
    hand_off();
    return true;
  }
  if (equals_any(norm_, c.help)) {
    say(cfg_.texts.help);
    if (s_.state == Session::State::active)
      ask(current());
    else if (s_.state == Session::State::none)
      begin_menu();
    return true;
  }
  if (equals_any(norm_, c.back)) {
    go_back();
    return true;
  }
  for (const auto& word : c.status) {
    const auto w = normalize(word);
    if (!w.empty() && norm_.starts_with(w)) {
      const auto number = find_ticket_number(norm_.substr(w.size()));
      if (number.empty())
        say(cfg_.texts.status_usage);
      else
        actions_.push_back({Action::Kind::query_status, {}, number});
      if (s_.state == Session::State::none && s_.transcript.size() <= 1) s_.transcript.clear();
      return true;
    }
  }
  return false;
}

void Conversation::go_back() {
  if (s_.state != Session::State::active || s_.history.empty()) {
    say(cfg_.texts.no_back);
    if (s_.state == Session::State::active)
      ask(current());
    else if (s_.state == Session::State::none)
      begin_menu();
    return;
  }
  const auto previous = s_.history.back();
  s_.history.pop_back();
  const auto colon = previous.find(':');
  const Flow* flow = cfg_.flows.flow(previous.substr(0, colon));
  const StepRef ref{flow, flow ? flow->find(previous.substr(colon + 1)) : nullptr};
  if (!ref) return restart();
  s_.return_to.clear();
  s_.state = Session::State::active;
  s_.flow = ref.flow->id;
  s_.step = ref.step->id;
  s_.retries = 0;
  ask(ref);
}
}  // namespace ombud::dialog::detail

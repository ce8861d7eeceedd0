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

std::optional<std::string> Conversation::accept(const Step& step) const {
  if (step.optional && equals_any(norm_, cfg_.commands.skip)) return std::string();
  switch (step.kind) {
    case InputKind::choice: {
      for (const auto& o : step.options)
        if (norm_ == std::to_string(o.number)) return o.value;
      for (const auto& o : step.options)
        if (norm_ == normalize(o.label.zh) || norm_ == normalize(o.label.en) ||
            contains_any(norm_, o.synonyms))
          return o.value;
      return std::nullopt;
    }
    case InputKind::text: {
      const auto n = char_count(text_);
      if (n < step.min_length || n > step.max_length) return std::nullopt;
      return text_;
    }
    case InputKind::phone: {
      if (step.prefill_sender && equals_any(norm_, kYes) && !parse_phone(in_.from).empty())
        return in_.from;
      auto phone = parse_phone(norm_);
      if (phone.empty()) return std::nullopt;
      return phone;
    }
    case InputKind::yes_no:
      if (equals_any(norm_, kYes)) return std::string("yes");
      if (equals_any(norm_, kNo)) return std::string("no");
      return std::nullopt;
    case InputKind::confirm:
      if (equals_any(norm_, kYes)) return std::string("confirm");
      if (equals_any(norm_, kNo)) return std::string("change");
      return std::nullopt;
  }
  return std::nullopt;
}

StepRef Conversation::current() const {
  const Flow* f = cfg_.flows.flow(s_.flow);
  return f ? StepRef{f, f->find(s_.step)} : StepRef{};
}

void Conversation::ask(StepRef ref) {
  if (!ref) return;
  const Step& st = *ref.step;
  // A sender who is not a phone number (a chat user) is asked for one, not offered their
  // chat address as a number to call.
  const bool sender_is_phone = !parse_phone(in_.from).empty();
  std::string text = st.kind == InputKind::phone && st.prefill_sender && !sender_is_phone
                         ? cfg_.texts.ask_phone.in(s_.language)
                         : st.ask.in(s_.language);
  text = fill_in(std::move(text), "sender", in_.from);
  if (st.kind == InputKind::confirm)
    text = fill_in(std::move(text), "summary", summary(*ref.flow));
  for (const auto& [slot, value] : s_.slots) text = fill_in(std::move(text), slot, value);
  if (st.kind == InputKind::choice) {
    std::string options;
    for (const auto& o : st.options) {
      if (!options.empty()) options += "\n";
      options += std::to_string(o.number) + " " + o.label.in(s_.language);
    }
    text = text.find("{options}") != std::string::npos
               ? fill_in(std::move(text), "options", "\n" + options)
               : text + "\n" + options;
  }
  if (st.optional) text += cfg_.texts.optional_hint.in(s_.language);
  say_text(std::move(text));
}

std::vector<const Step*> Conversation::slot_steps(const Flow& flow) const {
  std::vector<const Step*> out;
  for (const auto& id : flow.order) {
    const Step& st = flow.steps.at(id);
    if (st.kind != InputKind::confirm && !st.slot.empty()) out.push_back(&st);
  }
  return out;
}

std::string Conversation::shown_value(const Step& st) const {
  auto it = s_.slots.find(st.slot);
  const std::string value = it == s_.slots.end() ? std::string() : it->second;
  if (value.empty())
    return (st.slot == cfg_.name_slot && s_.slots.contains(kAnonymousSlot)
                ? cfg_.texts.anonymous_name
                : cfg_.texts.empty_value)
        .in(s_.language);
  for (const auto& o : st.options)
    if (o.value == value) return o.label.in(s_.language);
  if (st.kind == InputKind::yes_no)
    return (value == "yes" ? cfg_.texts.yes : cfg_.texts.no).in(s_.language);
  return value;
}

std::string Conversation::label(const Step& st) const {
  const auto& l = st.label.in(s_.language);
  return l.empty() ? st.slot : l;
}

std::string Conversation::summary(const Flow& flow) const {
  std::string out;
  for (const Step* st : slot_steps(flow)) {
    if (!out.empty()) out += "\n";
    out += label(*st) + (s_.language == Language::zh ? "：" : ": ") + shown_value(*st);
  }
  return out;
}

std::string Conversation::items(const Flow& flow) const {
  std::string out;
  int n = 0;
  for (const Step* st : slot_steps(flow)) {
    if (!out.empty()) out += "\n";
    out += std::to_string(++n) + " " + label(*st);
  }
  return out;
}

void Conversation::say(const LocalizedText& text) {
  say_text(fill_in(text.in(s_.language), "example", cfg_.ticket_prefix + "2611290001"));
}

void Conversation::log(bool from_customer, const std::string& text) {
  s_.transcript.push_back({in_.now_ms, from_customer, text});
  if (s_.transcript.size() > kMaxTranscript)
    s_.transcript.erase(
        s_.transcript.begin(),
        s_.transcript.begin() + static_cast<long>(s_.transcript.size() - kMaxTranscript));
}

Turn Conversation::finish() {
  Turn turn;
  if (!said_.empty()) {
    std::string all;
    for (const auto& part : said_) all += (all.empty() ? "" : "\n") + part;
    log(false, all);
    turn.replies = engine_.split_for_sms(all);
  }
  turn.session = std::move(s_);
  turn.actions = std::move(actions_);
  return turn;
}
}  // namespace ombud::dialog::detail

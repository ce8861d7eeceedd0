#pragma once
// One call of Engine::step (internal to dialog/): the session being changed and what is said
// and done. The conversation's shape is in conversation.cpp, what it says in
// conversation_replies.cpp.

#include "core/text.hpp"
#include "dialog/engine.hpp"

#include <cctype>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace ombud::dialog::detail {

inline constexpr std::size_t kMaxTranscript = 200;
inline constexpr int kMaxAutoAdvance = 64;
/// Set when the customer answered the name question with an anonymity word (not a skip).
inline constexpr const char* kAnonymousSlot = "anonymous";

/// True when `norm` is one of `words` (normalised), or contains one.
bool equals_any(const std::string& norm, const std::vector<std::string>& words);
bool contains_any(const std::string& norm, const std::vector<std::string>& words);
/// Yes and no as customers write them.
extern const std::vector<std::string> kYes;
extern const std::vector<std::string> kNo;
/// A phone number as customers type it: spaces, dashes and brackets dropped; a Chinese mobile
/// number gets +86. Empty when it is not a phone number.
std::string parse_phone(const std::string& norm);
/// The first run of letters+digits with at least 6 digits: a ticket number ("t2611290001").
std::string find_ticket_number(const std::string& norm);

class Conversation {
 public:
  Conversation(const Settings& settings, const Engine& engine, Session session, const Inbound& in)
      : cfg_(settings),
        engine_(engine),
        s_(std::move(session)),
        in_(in),
        norm_(core::normalize(in.text)) {
    text_ = in.text;
    while (!text_.empty() && std::isspace(static_cast<unsigned char>(text_.back())))
      text_.pop_back();
    size_t lead = 0;
    while (lead < text_.size() && std::isspace(static_cast<unsigned char>(text_[lead]))) ++lead;
    text_.erase(0, lead);
  }

  Turn run();

 private:
  // --- the conversation's shape ---------------------------------------------------------

  // A new conversation speaks the language of this message, or the one the customer used
  // last when this message has no letters in it ("1", a phone number).
  void start_fresh();

  // A first message: pre-fill what it says, ask only what is missing.
  void begin();

  std::optional<std::string> category_of(const std::string& norm) const;

  // True when the message filled a slot.
  bool prefill(const Flow& flow);

  // Answers the open question.
  void answer(bool after_gap);

  void refuse(const Step& step);

  void advance(StepRef from);

  // Opens `ref` as the question; with skip_filled, steps whose slot is already known (from a
  // pre-filled first message) are passed over.
  void enter(StepRef ref, bool skip_filled);

  void perform(const Flow& flow, const Step& step);

  TicketDraft ticket(const std::string& type);

  void end();

  void hand_off();

  void restart();

  void choose_change();

  void resume_or_restart();

  // --- global commands ------------------------------------------------------------------

  bool command();

  void begin_menu() { enter(cfg_.flows.start(cfg_.entry_flow), /*skip_filled=*/false); }

  void go_back();

  // --- answers ----------------------------------------------------------------------------

  std::optional<std::string> accept(const Step& step) const;

  // --- what is said ---------------------------------------------------------------------

  StepRef current() const;

  void ask(StepRef ref);

  std::vector<const Step*> slot_steps(const Flow& flow) const;

  std::string shown_value(const Step& st) const;

  std::string label(const Step& st) const;

  std::string summary(const Flow& flow) const;

  std::string items(const Flow& flow) const;

  void say(const LocalizedText& text);
  void say_text(std::string text) { said_.push_back(std::move(text)); }

  void log(bool from_customer, const std::string& text);

  Turn finish();

  const Settings& cfg_;
  const Engine& engine_;
  Session s_;
  const Inbound& in_;
  const std::string norm_;
  std::string text_;
  std::vector<std::string> said_;
  std::vector<Action> actions_;
};

}  // namespace ombud::dialog::detail

#pragma once
// One customer's conversation: where it stands, what has been said. Stored in Redis as JSON.

#include "core/language.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ombud::dialog {

using core::Language;

struct TranscriptLine {
  std::int64_t at_ms = 0;
  bool from_customer = true;
  std::string text;
};

struct Session {
  enum class State {
    none,             ///< no conversation (fresh, finished or cancelled)
    active,           ///< a question is open: flow/step
    choosing_change,  ///< at a summary, the customer chose to change an item
    resume_prompt,    ///< asked "continue or start over?" after a gap
    waiting_human,    ///< handed off; the bot only confirms the wait
  };

  State state = State::none;
  Language language = Language::zh;
  std::string flow;  ///< the open question
  std::string step;
  std::map<std::string, std::string> slots;
  std::vector<std::string> history;  ///< "flow:step" answered before, for "back"
  std::string return_to;             ///< after changing one item, back to this summary step
  int retries = 0;                   ///< failed answers to the open question
  std::int64_t started_ms = 0;
  std::int64_t updated_ms = 0;
  std::vector<TranscriptLine> transcript;
};

std::string to_json(const Session& session);
/// nullopt for text that is not a stored session (then the conversation starts afresh).
std::optional<Session> session_from_json(std::string_view json);

}  // namespace ombud::dialog

namespace boost::json {
class array;
}

namespace ombud::dialog {
/// The transcript as a JSON array of {at, by: customer|ombud, text}; tickets keep it.
boost::json::array transcript_json(const std::vector<TranscriptLine>& lines);
}  // namespace ombud::dialog

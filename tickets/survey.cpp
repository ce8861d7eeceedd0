#include "tickets/survey.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

namespace ombud::tickets {

std::string_view to_string(Rating rating) noexcept {
  switch (rating) {
    case Rating::satisfied:
      return "satisfied";
    case Rating::basically:
      return "basically";
    case Rating::dissatisfied:
      return "dissatisfied";
  }
  return "satisfied";
}

std::optional<Rating> rating_from(std::string_view name) noexcept {
  for (auto r : {Rating::satisfied, Rating::basically, Rating::dissatisfied})
    if (name == to_string(r)) return r;
  return std::nullopt;
}

namespace {

using core::find_word;

bool separator_at(const std::string& text, std::size_t at) {
  static const std::string_view kSeparators[] = {" ", ",", ".", "!", "?", ";", ":", "-", "~",
                                                 "，", "。", "！", "？", "；", "：", "、"};
  for (auto sep : kSeparators)
    if (std::string_view(text).substr(at).starts_with(sep)) return true;
  return false;
}

// What follows a rating at the start, set off by punctuation ("不满意，还是没网" → "还是没网"; after
// a digit a space will do: "3 还是没网"); otherwise the whole text is the comment ("还是没网",
// "terrible service").
std::string comment_of(const std::string& text, std::size_t start, std::size_t end, bool digit) {
  const bool set_off = end >= text.size() || (separator_at(text, end) && (digit || text[end] != ' ')) ||
                       (text[end] == ' ' && end + 1 < text.size() && separator_at(text, end + 1) && text[end + 1] != ' ');
  if (start != 0 || !set_off) return text;
  std::size_t at = end;
  while (at < text.size() && separator_at(text, at)) {
    std::size_t step = 1;
    while (at + step < text.size() && (static_cast<unsigned char>(text[at + step]) & 0xC0) == 0x80) ++step;
    at += step;
  }
  return text.substr(at);
}

struct Match {
  Rating rating;
  std::size_t start, end;
};

}  // namespace

SurveyAnswer understand_answer(std::string_view text, const SurveyRules& rules) {
  const auto t = core::normalize(text);
  SurveyAnswer out;
  if (t.empty()) return out;
  // A digit of the survey's numbering, alone or before a comment ("3 还是没网").
  if (t[0] >= '1' && t[0] <= '3' && (t.size() == 1 || separator_at(t, 1) || (static_cast<unsigned char>(t[1]) & 0x80))) {
    out.rating = t[0] == '1' ? Rating::satisfied : t[0] == '2' ? Rating::basically : Rating::dissatisfied;
    out.comment = comment_of(t, 0, 1, true);
    return out;
  }
  std::vector<Match> found;
  for (auto [rating, words] : {std::pair{Rating::dissatisfied, &rules.dissatisfied_words},
                               std::pair{Rating::basically, &rules.basically_words},
                               std::pair{Rating::satisfied, &rules.satisfied_words}})
    for (const auto& w : *words) {
      const auto word = core::normalize(w);
      if (word.empty()) continue;
      if (const auto at = find_word(t, word); at != std::string::npos)
        found.push_back({rating, at, at + word.size()});
    }
  // A word inside a longer one says less than the longer one: "满意" in "不满意", "bad" in
  // "not bad".
  std::vector<Match> kept;
  for (const auto& m : found) {
    const bool inside = std::any_of(found.begin(), found.end(), [&m](const Match& o) {
      return o.start <= m.start && m.end <= o.end && (o.end - o.start) > (m.end - m.start);
    });
    if (!inside) kept.push_back(m);
  }
  if (kept.empty()) return out;
  // Any dissatisfaction wins ("谢谢，但还是没网" carries a complaint); else the first rating.
  const Match* pick = nullptr;
  for (const auto& m : kept)
    if (m.rating == Rating::dissatisfied && (!pick || m.start < pick->start)) pick = &m;
  if (!pick)
    for (const auto& m : kept)
      if (!pick || m.start < pick->start) pick = &m;
  out.rating = pick->rating;
  // The rating's words run on through any that overlap them ("很不满" + "不满意").
  auto end = pick->end;
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& m : kept)
      if (m.start < end && m.end > end) end = m.end, grew = true;
  }
  out.comment = comment_of(t, pick->start, end, false);
  return out;
}

}  // namespace ombud::tickets

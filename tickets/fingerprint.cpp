#include "tickets/fingerprint.hpp"

#include "core/stable_hash.hpp"
#include "core/text.hpp"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <set>

namespace ombud::tickets {
namespace {

// Words that say nothing about the matter.
const std::set<std::string> kStopWords{
    "的", "了", "我", "我们", "你", "你们", "他", "她", "是", "在", "都", "也", "就", "还", "又",
    "很", "吗", "呢", "吧", "啊", "和", "与", "被", "把", "给", "这", "那", "这个", "那个", "一直",
    "已经", "现在", "今天", "请", "要", "有", "没有", "不", "家", "里", "个",
    // Where, not what: a shared address alone does not make the same matter.
    "号", "楼", "栋", "层", "单元", "室", "号楼", "小区", "the", "a", "an", "my", "our", "is",
    "are", "was", "has", "have", "been", "for", "of", "to", "in", "on", "and", "it", "i", "we",
    "you", "please", "not"};

icu::UnicodeString normalized(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const auto* nfkc = icu::Normalizer2::getNFKCCasefoldInstance(status);
  auto in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (U_FAILURE(status)) return in;
  auto out = nfkc->normalize(in, status);
  return U_SUCCESS(status) ? out : in;
}

}  // namespace

Fingerprint fingerprint(std::string_view text) {
  const auto u = normalized(text);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
  std::set<std::uint64_t> features;
  if (U_FAILURE(status)) return {};
  words->setText(u);
  for (int32_t start = words->first(), end = words->next(); end != icu::BreakIterator::DONE;
       start = end, end = words->next()) {
    const auto kind = words->getRuleStatus();
    if (kind == UBRK_WORD_NONE || (kind >= UBRK_WORD_NUMBER && kind < UBRK_WORD_NUMBER_LIMIT))
      continue;  // spaces, punctuation and bare numbers
    std::string word;
    u.tempSubStringBetween(start, end).toUTF8String(word);
    if (!kStopWords.contains(word)) features.insert(core::stable_hash(word));
    // Single Han characters too: "断网" and "没网" share "网".
    for (int32_t i = start; i < end;) {
      const UChar32 c = u.char32At(i);
      i += U16_LENGTH(c);
      if (u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) {
        std::string ch;
        icu::UnicodeString(c).toUTF8String(ch);
        if (!kStopWords.contains(ch)) features.insert(core::stable_hash(ch));
      }
    }
  }
  return {std::vector<std::uint64_t>(features.begin(), features.end())};
}

double similarity(const Fingerprint& a, const Fingerprint& b) {
  if (a.features.empty() || b.features.empty()) return 0;
  std::size_t shared = 0;
  auto i = a.features.begin();
  auto j = b.features.begin();
  while (i != a.features.end() && j != b.features.end()) {
    if (*i < *j)
      ++i;
    else if (*j < *i)
      ++j;
    else {
      ++shared;
      ++i;
      ++j;
    }
  }
  return static_cast<double>(shared) /
         static_cast<double>(std::min(a.features.size(), b.features.size()));
}

std::string Fingerprint::serialize() const {
  std::string out;
  char buf[20];
  for (auto f : features) {
    if (!out.empty()) out += ',';
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, f, 16);
    out.append(buf, end);
  }
  return out;
}

Fingerprint Fingerprint::parse(std::string_view text) {
  Fingerprint f;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto item = text.substr(0, comma);
    std::uint64_t v = 0;
    if (std::from_chars(item.data(), item.data() + item.size(), v, 16).ec == std::errc())
      f.features.push_back(v);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  std::sort(f.features.begin(), f.features.end());
  return f;
}

}  // namespace ombud::tickets

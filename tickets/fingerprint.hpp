#pragma once
// Recognising the same matter told by different customers in other words: text normalised with
// ICU (NFKC, full/half width, case), split into words (ICU's dictionary word breaks for Chinese)
// and single characters, stop words removed; two texts are the same matter when enough of the
// shorter one's features appear in the other (overlap coefficient). Pure.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ombud::tickets {

/// The sorted, unique feature hashes of a text. Cheap to store (as text) and compare.
struct Fingerprint {
  std::vector<std::uint64_t> features;

  std::string serialize() const;
  static Fingerprint parse(std::string_view text);
};

Fingerprint fingerprint(std::string_view utf8_text);

/// |A ∩ B| / min(|A|, |B|): 1 for the same matter, 0 for nothing shared.
double similarity(const Fingerprint& a, const Fingerprint& b);

/// The default threshold above which two complaints are taken to be about the same matter.
inline constexpr double kSameMatter = 0.4;

}  // namespace ombud::tickets

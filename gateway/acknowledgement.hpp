#pragma once
// The processing step until the intake dialog exists: opt-out keywords, then an
// acknowledgement in the customer's language. Pure: values in, effects out.

#include "gateway/config.hpp"
#include "store/inbox.hpp"

namespace ombud::gateway {

class Acknowledgement {
 public:
  Acknowledgement(const RepliesConfig& replies, store::Keys keys);

  /// What handling `entry` changes. `opted_out` says whether the sender is opted out now.
  /// STOP sets the opt-out and START clears it, each confirmed unless the provider already
  /// answered (it reported the keyword itself); an opted-out customer gets nothing else.
  store::InboxEffects process(const store::InboxEntry& entry, bool opted_out) const;

 private:
  const RepliesConfig& replies_;
  store::Keys keys_;
};

}  // namespace ombud::gateway

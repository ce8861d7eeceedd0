#pragma once
// The key schema. Every key sits under one hash tag, `{prefix}`, so that each Lua script's
// keys share a slot on Redis Cluster (at the price of putting ombud's data on one shard).

#include <string>
#include <string_view>

namespace ombud::store {

class Keys {
 public:
  explicit Keys(std::string_view prefix) : base_("{" + std::string(prefix) + "}:") {}

  /// Seen provider message ids (SET NX EX).
  std::string dedup(std::string_view channel, std::string_view account,
                    std::string_view provider_id) const {
    return cat("dedup:", channel, ":", account, ":", provider_id);
  }
  std::string inbox(int partition) const { return cat("inbox:", std::to_string(partition)); }
  std::string inbox_lease(int partition) const {
    return cat("inbox-lease:", std::to_string(partition));
  }
  std::string outbox() const { return cat("outbox"); }
  std::string outbox_retry() const { return cat("outbox:retry"); }
  std::string outbox_dead() const { return cat("outbox:dead"); }
  std::string out_message_prefix() const { return cat("out:"); }
  std::string out_message(std::string_view id) const { return cat("out:", id); }
  /// Provider message id → our outbound message id, for delivery callbacks.
  std::string provider_message(std::string_view channel, std::string_view provider_id) const {
    return cat("provider-msg:", channel, ":", provider_id);
  }
  /// Present while the customer has opted out (STOP) of messages from this account.
  std::string opt_out(std::string_view channel, std::string_view account,
                      std::string_view address) const {
    return cat("optout:", channel, ":", account, ":", address);
  }

 private:
  template <typename... Parts>
  std::string cat(const Parts&... parts) const {
    std::string out = base_;
    (out.append(parts), ...);
    return out;
  }

  std::string base_;
};

}  // namespace ombud::store

#pragma once
// Appending effects to a script's KEYS and ARGV in the shapes inbox_commit.lua and
// sla_commit.lua and ticket_action.lua read (lib/apply.lua): shared so their callers cannot
// drift apart.

#include "store/inbox.hpp"
#include "store/keys.hpp"
#include "store/redis_client.hpp"

#include <string>
#include <vector>

namespace ombud::store::detail {

/// Per HSET: its key, then ARGV nfields and the pairs.
inline void append_hset(const std::vector<HashWrite>& writes, RedisClient::Argv& keys,
                        RedisClient::Argv& args) {
  for (const auto& h : writes) {
    keys.push_back(h.key);
    args.push_back(std::to_string(h.fields.size()));
    for (const auto& [f, v] : h.fields) args.insert(args.end(), {f, v});
  }
}

/// Per ZADD: its key, then ARGV score and member.
inline void append_zadd(const std::vector<ScoredMember>& members, RedisClient::Argv& keys,
                        RedisClient::Argv& args) {
  for (const auto& z : members) {
    keys.push_back(z.key);
    args.insert(args.end(), {std::to_string(z.score), z.member});
  }
}

/// Per ZREM: its key, then ARGV member.
inline void append_zrem(const std::vector<ScoredMember>& members, RedisClient::Argv& keys,
                        RedisClient::Argv& args) {
  for (const auto& z : members) {
    keys.push_back(z.key);
    args.push_back(z.member);
  }
}

/// Per SET: its key, then ARGV value and lifetime (s, 0 = none).
inline void append_set(const std::vector<KeyWrite>& writes, RedisClient::Argv& keys,
                       RedisClient::Argv& args) {
  for (const auto& w : writes) {
    keys.push_back(w.key);
    args.insert(args.end(), {w.value, std::to_string(w.ttl.count())});
  }
}

/// Per outbound message: its hash key, then ARGV id, nfields and the pairs of a queued
/// message (plus `in_reply_to` when given).
inline void append_outbound(const Keys& k, const std::vector<core::OutboundMessage>& messages,
                            const std::string& in_reply_to, RedisClient::Argv& keys,
                            RedisClient::Argv& args) {
  for (const auto& m : messages) {
    keys.push_back(k.out_message(m.id));
    args.insert(args.end(), {m.id, in_reply_to.empty() ? "7" : "8", "channel", m.channel, "account",
                             m.account, "to", m.to, "text", m.text, "kind", to_string(m.kind),
                             "status", "queued", "attempts", "0"});
    if (!in_reply_to.empty()) args.insert(args.end(), {"in_reply_to", in_reply_to});
  }
}

}  // namespace ombud::store::detail

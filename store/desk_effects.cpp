#include "store/desk_effects.hpp"

namespace ombud::store {

namespace {
std::string member_of(const tickets::WatchEntry& entry) {
  return entry.number + "|" + std::string(tickets::to_string(entry.kind));
}
}  // namespace

void add_effects(const Keys& keys, tickets::Effects e, InboxEffects& into) {
  for (auto& t : e.tickets)  // (a decision that changed nothing of a ticket writes nothing)
    if (!t.fields.empty()) into.hset.push_back({keys.ticket(t.number), std::move(t.fields)});
  for (const auto& w : e.watch) into.zadd.push_back({keys.sla(), w.at_ms, member_of(w)});
  for (auto& l : e.lists)
    (l.add ? into.zadd : into.zrem).push_back({keys.staff_open(l.phone), l.at_ms, std::move(l.number)});
  for (auto& q : e.queue)
    (q.add ? into.zadd : into.zrem).push_back({keys.handoff_queue(), q.at_ms, std::move(q.number)});
  for (auto& i : e.incidents) {
    into.zadd.push_back({keys.incidents(), i.at_ms, i.id});
    into.hset.push_back({keys.incident(i.id), std::move(i.fields)});
  }
  for (auto& r : e.recent)
    into.zadd.push_back({keys.recent_complaints(r.category), r.at_ms, std::move(r.number)});
  for (auto& m : e.remember)
    into.set.push_back({keys.session(m.customer_key), std::move(m.session), m.ttl});
  for (auto& o : e.outbound) into.outbound.push_back(std::move(o));
  if (e.audit) into.audit = std::move(e.audit);
}

SlaEffects sla_effects(const Keys& keys, const std::string& number, tickets::WatchOutcome outcome) {
  SlaEffects out;
  out.due_ms = std::move(outcome.due_ms);
  // A watch entry's outcome changes tickets, incidents and the watch, and sends messages.
  InboxEffects writes;
  add_effects(keys, std::move(outcome.effects), writes);
  out.hset = std::move(writes.hset);
  out.zadd = std::move(writes.zadd);
  out.outbound = std::move(writes.outbound);
  if (outcome.delay)
    out.delay = SlaEffects::Delay{outcome.delay->ticket, outcome.delay->department,
                                  outcome.delay->kind, outcome.delay->due_ms};
  if (!outcome.announce_once.empty())
    out.guard_key = keys.incident(outcome.announce_once) + ":announced";
  if (outcome.unchanged_version)
    out.unchanged = ReadVersion{number, *outcome.unchanged_version};
  return out;
}

std::optional<tickets::WatchEntry> watch_entry(const std::string& member) {
  const auto bar = member.find('|');
  if (bar == std::string::npos) return std::nullopt;
  const auto kind = tickets::watch_kind(std::string_view(member).substr(bar + 1));
  if (!kind) return std::nullopt;
  return tickets::WatchEntry{member.substr(0, bar), *kind, 0};
}

}  // namespace ombud::store

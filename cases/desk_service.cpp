#include "cases/desk_service.hpp"

#include "store/desk_effects.hpp"

namespace ombud::cases {

namespace asio = boost::asio;

DeskService::DeskService(store::RedisClient& redis, store::Keys keys,
                         const tickets::TicketDesk& desk, const core::Clock& clock,
                         std::chrono::seconds idempotency_ttl)
    : tickets_(redis, keys), keys_(std::move(keys)), desk_(desk), clock_(clock), idempotency_ttl_(idempotency_ttl) {}

asio::awaitable<Outcome> DeskService::async_apply(std::string number, Actor actor, Request request,
                                                  Guard guard, Accept accept, Decide decide) {
  using Kind = Outcome::Kind;
  const bool idempotent = !guard.idempotency_key.empty();
  if (idempotent) {  // the same request again: its first answer
    auto seen = co_await tickets_.async_remembered(actor.account, guard.idempotency_key);
    if (!seen) co_return Outcome{Kind::unavailable};
    if (*seen) {
      if (!(*seen)->request.empty() && (*seen)->request != guard.request_hash)
        co_return Outcome{Kind::key_reused};
      co_return Outcome{Kind::repeated, (*seen)->version, (*seen)->confirmation};
    }
  }
  for (int attempt = 1;; ++attempt) {
    auto loaded = co_await tickets_.async_get(number);
    if (!loaded) co_return Outcome{Kind::unavailable};
    if (!*loaded) co_return Outcome{Kind::not_found};
    const auto ticket = tickets::ticket_from(**loaded);
    if (!accept(ticket)) co_return Outcome{Kind::not_found};
    const auto current = tickets::version_of(ticket);
    if (!guard.expected_version.empty() && guard.expected_version != current)
      co_return Outcome{Kind::conflict, current};
    store::TicketAction action;
    std::vector<tickets::Notice> notices;
    const auto now = clock_.now_ms();
    tickets::Effects effects;
    const auto result = decide(ticket, now, effects, notices);
    if (!result.done) co_return Outcome{Kind::refused, current, result.text};
    store::add_effects(keys_, std::move(effects), action.effects);
    action.number = number;
    action.idempotency_account = actor.account;
    action.idempotency_key = guard.idempotency_key;
    action.request = guard.request_hash;
    action.idempotency_ttl = idempotency_ttl_;
    action.confirmation = result.text;
    action.now_ms = now;
    action.expected_version = current;
    action.effects.audit = store::AuditLine{now, actor.account, actor.staff.name, actor.role,
                                            actor.source, request.action, number, current,
                                            request.body};
    auto& outbound = action.effects.outbound;
    const auto id = "desk-" + number + "-" + current + "-";
    for (auto& n : notices)
      for (auto& text : desk_.sms_parts(n.text))
        outbound.push_back(desk_.addressed(n.to, id + std::to_string(outbound.size()),
                                           std::move(text), /*by_staff=*/true));
    const auto queued = outbound.size();
    auto stored = co_await tickets_.async_act(std::move(action));
    if (!stored) co_return Outcome{Kind::unavailable};
    switch (stored->kind) {
      case store::ActionOutcome::Kind::no_ticket:
        co_return Outcome{Kind::not_found};
      case store::ActionOutcome::Kind::changed_since_read:
        if (guard.expected_version.empty() && attempt < 3) continue;
        co_return Outcome{Kind::conflict, stored->version};
      case store::ActionOutcome::Kind::repeated:
        co_return Outcome{Kind::repeated, stored->version, stored->confirmation};
      case store::ActionOutcome::Kind::key_reused:
        co_return Outcome{Kind::key_reused};
      case store::ActionOutcome::Kind::applied:
        break;
    }
    co_return Outcome{Kind::applied, stored->version, result.text, queued};
  }
}

}  // namespace ombud::cases

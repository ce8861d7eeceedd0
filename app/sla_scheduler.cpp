#include "app/sla_scheduler.hpp"
#include "store/desk_effects.hpp"

#include "core/background.hpp"
#include "store/directory_repository.hpp"
#include "store/sla_repository.hpp"
#include "store/ticket_repository.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace ombud::app {

using core::Background;
using core::owned_by;
using core::spawn_logged;

namespace asio = boost::asio;
using std::chrono::milliseconds;

struct SlaScheduler::Impl : std::enable_shared_from_this<Impl> {
  Impl(asio::any_io_executor ex, store::RedisClient& r, store::Keys k, const tickets::TicketDesk& d,
       const core::Clock& c, Metrics& m)
      : executor(std::move(ex)),
        redis(r),
        keys(k),
        sla(r, k),
        tickets(r, k),
        directories(r, k),
        desk(d),
        clock(c),
        metrics(m) {}

  asio::any_io_executor executor;
  store::RedisClient& redis;
  store::Keys keys;
  store::SlaRepository sla;
  store::TicketRepository tickets;
  store::DirectoryRepository directories;
  const tickets::TicketDesk& desk;
  const core::Clock& clock;
  Metrics& metrics;
  Background background{executor, "SLA scheduler"};

  // The day's revisits for a desk phone: the revisits' list, soonest due first (at most 200 read).
  asio::awaitable<std::optional<tickets::WatchOutcome>> async_digest(const tickets::Directory& directory,
                                                                     const std::string& phone, std::int64_t now) {
    auto listed = co_await tickets.async_staff_open(std::string(tickets::kRevisitList));
    if (!listed) co_return std::nullopt;
    std::vector<tickets::Ticket> read;
    for (std::size_t i = 0; i < listed->size() && i < 200; ++i) {
      auto fields = co_await tickets.async_get((*listed)[i]);
      if (!fields) co_return std::nullopt;
      if (*fields) read.push_back(tickets::ticket_from(**fields));
    }
    co_return desk.revisit_digest(directory, phone, read, now);
  }

  // One round: returns how many entries were claimed.
  asio::awaitable<std::size_t> async_round() {
    const auto now = clock.now_ms();
    auto claimed = co_await sla.async_claim(now, 50, std::chrono::seconds(60));
    if (!claimed || claimed->empty()) co_return 0;
    auto stored = co_await directories.async_get();
    if (!stored) co_return 0;  // the claims come due again after their lease
    tickets::Directory directory;
    if (*stored)
      if (auto parsed = tickets::Directory::from_json((*stored)->json))
        directory = std::move(*parsed);
    for (const auto& entry : *claimed) {
      const auto watched = store::watch_entry(entry.member);
      if (!watched) {  // a kind this version does not know: taken off the watch
        co_await sla.async_commit(entry, store::SlaEffects{}, now);
        continue;
      }
      const auto& number = watched->number;
      if (watched->kind == tickets::WatchKind::revisit_digest) {  // "number" is a desk phone
        auto digest = co_await async_digest(directory, number, now);
        if (!digest) continue;  // Redis trouble: the claim comes due again after its lease
        co_await sla.async_commit(entry, store::sla_effects(keys, number, std::move(*digest)), now);
        continue;
      }
      auto ticket = co_await tickets.async_get(number);
      if (!ticket) continue;
      std::optional<tickets::WatchOutcome> outcome;
      if (!*ticket) {
        outcome = tickets::WatchOutcome{};  // the ticket is gone: just take the entry off
      } else if (watched->kind == tickets::WatchKind::analyze) {
        // The same category's complaints of the last month: repeats and the same matter.
        const auto read = tickets::ticket_from(**ticket);
        auto recent = co_await tickets.async_recent_complaints(
            read.category, now - tickets::TicketDesk::kAnalysisWindowMs);
        if (!recent) continue;
        std::vector<tickets::Ticket> others;
        others.reserve(recent->size());
        for (const auto& fields : *recent) others.push_back(tickets::ticket_from(fields));
        outcome = desk.analyze(directory, number, read, others, now);
      } else {
        const auto read = tickets::ticket_from(**ticket);
        bool opted_out = false;  // (asked only before a survey goes out)
        if (watched->kind == tickets::WatchKind::survey_send) {
          auto stopped = co_await tickets.async_opted_out(read.channel, read.account, read.address);
          if (!stopped) continue;  // Redis trouble: the claim comes due again after its lease
          opted_out = *stopped;
        }
        outcome = desk.sla_event(directory, number, watched->kind, read, now, opted_out);
      }
      if (!outcome) continue;
      const auto effects = store::sla_effects(keys, number, std::move(*outcome));
      auto applied = co_await sla.async_commit(entry, effects, now);
      if (applied && *applied) {
        metrics.outbound_queued += static_cast<long long>(effects.outbound.size());
        if (effects.delay) ++metrics.sla_overdue;
      }
    }
    co_return claimed->size();
  }

  asio::awaitable<void> async_run() {
    while (!background.stopping()) {
      const std::size_t claimed = co_await async_round();
      if (claimed == 0) co_await background.async_pause(milliseconds(200));
    }
  }
};

SlaScheduler::SlaScheduler(asio::any_io_executor executor, store::RedisClient& redis,
                           store::Keys keys, const tickets::TicketDesk& desk, const core::Clock& clock,
                           Metrics& metrics)
    : impl_(std::make_shared<Impl>(std::move(executor), redis, std::move(keys), desk, clock,
                                   metrics)) {}

SlaScheduler::~SlaScheduler() {
  stop();
}

void SlaScheduler::start() {
  impl_->background.spawn(owned_by(impl_, impl_->async_run()));
}

void SlaScheduler::stop() {
  impl_->background.stop();
}

int SlaScheduler::running() const noexcept {
  return impl_->background.running();
}

}  // namespace ombud::app

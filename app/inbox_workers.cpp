#include "app/inbox_workers.hpp"

#include "core/background.hpp"
#include "store/directory_repository.hpp"
#include "store/errors.hpp"
#include "core/text.hpp"
#include "store/ticket_repository.hpp"

#include "core/log_throttle.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <set>

namespace ombud::app {

using core::Background;
using core::owned_by;
using core::spawn_logged;

namespace asio = boost::asio;
using Steady = std::chrono::steady_clock;
using std::chrono::milliseconds;

struct InboxWorkers::Impl : std::enable_shared_from_this<Impl> {
  Impl(asio::any_io_executor ex, const Config& c, store::Inbox& i, store::RedisClient& r,
       const MessageProcessor& p, Metrics& m, store::Liveness& l)
      : executor(std::move(ex)),
        config(c),
        inbox(i),
        redis(r),
        tickets(r, i.keys()),
        processor(p),
        metrics(m),
        liveness(l),
        process_name(l.self()) {}

  asio::any_io_executor executor;
  const Config& config;
  store::Inbox& inbox;
  store::RedisClient& redis;
  store::TicketRepository tickets;
  store::DirectoryRepository directories{redis, inbox.keys()};
  std::shared_ptr<const tickets::Directory> directory;
  long long directory_version = -1;
  const MessageProcessor& processor;
  Metrics& metrics;
  store::Liveness& liveness;
  std::string process_name;
  Background background{executor, "inbox worker"};

  // One worker's partitions: those it holds, and those whose pending entries it must claim
  // and finish before reading anything new (just taken over, or a commit failed).
  struct Worker {
    std::string name;
    std::set<int> owned;
    std::set<int> recovering;
    Steady::time_point next_lease_check{};
    Steady::time_point next_recheck{};
  };

  // Every partition held is read again from its pending entries, whoever they were
  // delivered to: a read on a connection ombud gave up on (Redis stalled past the deadline)
  // may still have delivered entries when Redis resumed, and only this finds them.
  void recheck_all(Worker& w) {
    w.recovering.insert(w.owned.begin(), w.owned.end());
    w.next_recheck = Steady::now() + config.inbox.recheck;
  }

  milliseconds renew_every() const { return config.inbox.lease / 3; }

  asio::awaitable<void> async_maintain_leases(Worker& w, int index) {
    for (auto it = w.owned.begin(); it != w.owned.end();) {
      auto held = co_await inbox.async_lease(*it, w.name, config.inbox.lease);
      if (held && !held->held()) {
        spdlog::warn("inbox: {} lost partition {}", w.name, *it);
        w.recovering.erase(*it);
        it = w.owned.erase(it);
      } else {
        ++it;
      }
    }
    const int partitions = inbox.partitions();
    const int cap = (partitions + config.inbox.workers - 1) / config.inbox.workers;
    for (int k = 0; k < partitions && static_cast<int>(w.owned.size()) < cap; ++k) {
      const int p = (index * cap + k) % partitions;  // start at this worker's share
      if (w.owned.contains(p)) continue;
      auto held = co_await inbox.async_lease(p, w.name, config.inbox.lease);
      if (held && !held->held()) {
        // Held by a worker of a process that is gone (killed): taken over now, not after its
        // lease runs out, so that what it acknowledged is answered within seconds.
        auto gone = co_await liveness.async_gone(held->other);
        if (gone && *gone)
          held = co_await inbox.async_lease(p, w.name, config.inbox.lease, held->other);
      }
      if (!held) break;  // Redis trouble: try again next round
      if (held->held()) {
        w.owned.insert(p);
        w.recovering.insert(p);
      }
    }
    w.next_lease_check = Steady::now() + renew_every();
  }

  // Processes one entry and commits; false when the partition must be recovered first.
  // The directory of departments, reloaded when its version changes. Coroutines of one
  // shard share it; they all run on the shard's one thread.
  asio::awaitable<bool> async_refresh_directory(std::string version) {
    long long v = std::atoll(version.c_str());
    if (v == directory_version) co_return true;
    auto stored = co_await directories.async_get();
    if (!stored) co_return false;
    directory.reset();
    if (*stored) {
      if (auto parsed = tickets::Directory::from_json((*stored)->json))
        directory = std::make_shared<const tickets::Directory>(std::move(*parsed));
      v = (*stored)->version;
    }
    directory_version = v;
    co_return true;
  }

  // The most recent ticket of the contact a message came from, for what it writes while the
  // ticket is open. A ticket stored before tickets were keyed by contact is found under the
  // address alone, and taken only if it is this contact's.
  asio::awaitable<std::optional<std::optional<tickets::Ticket>>> async_latest_ticket(
      std::string channel, std::string account, std::string from) {
    std::vector<std::string> owners;  // (no braced list of strings in a coroutine: GCC 12)
    owners.push_back(tickets::contact_key(channel, account, from));
    owners.push_back(from);
    for (const auto& owner : owners) {
      auto latest = co_await tickets.async_customer_tickets(owner, 1);
      if (!latest) co_return std::nullopt;
      if (latest->empty()) continue;
      auto ticket = co_await tickets.async_get(latest->front());
      if (!ticket) co_return std::nullopt;
      if (!*ticket) continue;
      auto read = tickets::ticket_from(**ticket);
      if (tickets::owned_by(read, channel, account, from)) co_return std::optional<tickets::Ticket>(std::move(read));
    }
    co_return std::optional<tickets::Ticket>();
  }

  // A staff member's SMS: load the work order it is about, then let the desk decide.
  asio::awaitable<std::optional<MessageProcessor::Outcome>> async_staff(
      const store::InboxEntry& entry) {
    const auto& m = entry.message;
    auto number = tickets::TicketDesk::named_ticket(m.text);
    auto listed = co_await tickets.async_staff_open(m.from);
    if (!listed) co_return std::nullopt;
    auto open = std::move(*listed);
    if (number.empty() && open.size() == 1) number = open.front();
    std::optional<tickets::Ticket> ticket;
    if (!number.empty()) {
      auto loaded = co_await tickets.async_get(number);
      if (!loaded) co_return std::nullopt;
      if (*loaded) ticket = tickets::ticket_from(**loaded);
    }
    auto out = processor.process_staff(entry, *directory, ticket, open);
    out.effects.unchanged = as_read(ticket);
    co_return out;
  }

  // The ticket a decision is made on, as read: the commit stores the decision only if the
  // ticket is still so.
  std::optional<store::ReadVersion> as_read(const std::optional<tickets::Ticket>& ticket) const {
    if (!ticket || ticket->number.empty()) return std::nullopt;
    return store::ReadVersion{ticket->number, tickets::version_of(*ticket)};
  }

  enum class Handled { done, failed, again };

  // An entry is decided on the tickets as read; when one changed before the commit (a console
  // action, the SLA watch, another process), it is decided again on fresh data, so that no
  // write undoes another made in between. False when it must be retried later.
  asio::awaitable<bool> async_handle(Worker& w, const store::InboxEntry& entry) {
    for (int attempt = 0; attempt < 10; ++attempt) {
      const auto handled = co_await async_handle_once(w, entry);
      if (handled != Handled::again) co_return handled == Handled::done;
      ++metrics.inbox_decided_again;
    }
    co_return false;
  }

  asio::awaitable<Handled> async_handle_once(Worker& w, const store::InboxEntry& entry) {
    const auto& m = entry.message;
    auto state = co_await inbox.async_sender_state(m);
    if (!state) co_return Handled::failed;
    if (processor.is_automatic(m)) co_return co_await async_commit(w, entry, {});
    const bool fresh = co_await async_refresh_directory(state->directory_version);
    if (!fresh) co_return Handled::failed;
    MessageProcessor::Outcome outcome;
    if (m.channel == core::kDeskChannel) {  // registered by the desk (console): no dialog, no limits
      auto registration = processor.process_registration(entry, directory.get());
      co_return co_await async_commit(w, entry, std::move(registration));
    }
    // Staff are known by their phone: only a channel whose addresses are phone numbers can
    // carry a member of staff's command.
    const auto* channel = config.channels.find(m.channel);
    const bool by_phone = channel != nullptr && channel->capabilities().phone_addresses;
    if (by_phone && directory && directory->staff(m.from).first != nullptr) {
      auto staff = co_await async_staff(entry);
      if (!staff) co_return Handled::failed;
      outcome = std::move(*staff);
    } else {
      std::optional<std::string_view> session;
      if (state->session) session = *state->session;
      auto latest = co_await async_latest_ticket(m.channel, m.account, m.from);
      if (!latest) co_return Handled::failed;
      outcome =
          processor.process(entry, state->opted_out, session, directory.get(), *latest);
      outcome.effects.unchanged = as_read(*latest);
    }
    if (outcome.status_query) {
      auto ticket = co_await tickets.async_get(*outcome.status_query);
      if (!ticket) co_return Handled::failed;
      std::optional<tickets::Ticket> read;
      if (*ticket) read = tickets::ticket_from(**ticket);
      processor.answer_status(outcome, entry, read);
    }
    std::optional<std::string_view> budget;
    if (state->reply_budget) budget = *state->reply_budget;
    processor.limit_replies(outcome, entry, budget);
    co_return co_await async_commit(w, entry, std::move(outcome));
  }

  // Stores what processing `entry` changed, acknowledging it.
  asio::awaitable<Handled> async_commit(Worker& w, const store::InboxEntry& entry,
                                        MessageProcessor::Outcome outcome) {
    auto committed = co_await inbox.async_commit(entry, w.name, outcome.effects);
    if (!committed) co_return Handled::failed;
    switch (committed->outcome) {
      case store::CommitResult::Outcome::applied:
        ++metrics.inbox_processed;
        metrics.outbound_queued += static_cast<long long>(outcome.effects.outbound.size());
        if (!committed->ticket_number.empty()) ++metrics.tickets_created;
        if (outcome.calendar_uncovered) {
          ++metrics.calendar_uncovered;
          static core::LogThrottle throttle(std::chrono::minutes(1));
          if (throttle.pass())
            spdlog::warn("calendar: {} is due in a year without its published holidays "
                         "(tickets.calendar); its date may fall on a holiday",
                         committed->ticket_number);
        }
        break;
      case store::CommitResult::Outcome::already_committed:
        break;
      case store::CommitResult::Outcome::changed_since_read:
        co_return Handled::again;
      case store::CommitResult::Outcome::lease_lost:
        spdlog::warn("inbox: {} lost partition {} mid-batch", w.name, entry.partition);
        w.owned.erase(entry.partition);
        w.recovering.erase(entry.partition);
        co_return Handled::failed;
    }
    co_return Handled::done;
  }

  // An entry whose processing threw (a bug, or stored data it cannot read) is parked with the
  // reason and acknowledged, so that the worker and the customer's later messages go on.
  asio::awaitable<bool> async_park(Worker& w, const store::InboxEntry& entry, std::string why) {
    const auto& m = entry.message;
    const std::string id = std::to_string(entry.partition) + "-" + entry.id;
    spdlog::error("inbox: entry {} ({} {}) cannot be processed, parked: {}", id, m.channel,
                  core::log_safe(m.provider_id), core::log_safe(why));
    auto committed = co_await inbox.async_park(entry, w.name, std::move(why));
    if (!committed || committed->outcome == store::CommitResult::Outcome::lease_lost)
      co_return false;
    if (committed->outcome == store::CommitResult::Outcome::applied) ++metrics.inbox_parked;
    co_return true;
  }

  // One entry, with any exception turned into parking it.
  asio::awaitable<bool> async_handle_or_park(Worker& w, const store::InboxEntry& entry) {
    std::string failure;
    try {
      co_return co_await async_handle(w, entry);
    } catch (const std::exception& e) {
      failure = e.what();
    }
    co_return co_await async_park(w, entry, std::move(failure));
  }

  // Handles entries in order; after a failure in a partition, its later entries wait for
  // recovery so that nothing overtakes the failed one.
  asio::awaitable<void> async_handle_all(Worker& w, const std::vector<store::InboxEntry>& entries) {
    std::set<int> failed;
    for (const auto& e : entries) {
      if (failed.contains(e.partition) || !w.owned.contains(e.partition)) continue;
      const bool handled = co_await async_handle_or_park(w, e);
      if (!handled) {
        // Never silently: Redis failed or the lease was lost; the entry stays pending and is
        // processed after the partition is recovered.
        static core::LogThrottle throttle;
        if (auto suppressed = throttle.pass())
          spdlog::warn("inbox: {} could not process entry {}-{} (Redis unavailable or lease "
                       "lost); it stays pending and is retried{}",
                       w.name, e.partition, e.id,
                       *suppressed ? fmt::format(" ({} more like it)", *suppressed) : "");
        failed.insert(e.partition);
        if (w.owned.contains(e.partition)) w.recovering.insert(e.partition);
      }
    }
  }

  asio::awaitable<void> async_recover(Worker& w) {
    for (int p : std::set<int>(w.recovering)) {
      auto pending = co_await inbox.async_claim_pending(p, w.name, config.inbox.batch);
      if (!pending) co_return;
      w.recovering.erase(p);
      co_await async_handle_all(w, *pending);
    }
  }

  asio::awaitable<void> async_run(int index) {
    Worker w{process_name + "-in" + std::to_string(index)};
    store::RedisClient blocking(executor, redis.options());  // for XREADGROUP BLOCK alone
    blocking.start();
    const auto unblock = background.on_stop([&blocking] { blocking.stop(); });
    bool groups_ready = false;
    while (!background.stopping()) {
      if (!groups_ready) {
        auto ensured = co_await inbox.async_ensure_groups();
        groups_ready = static_cast<bool>(ensured);
      }
      if (!groups_ready || Steady::now() >= w.next_lease_check)
        co_await async_maintain_leases(w, index);
      if (!groups_ready || w.owned.empty()) {
        co_await background.async_pause(groups_ready ? renew_every() : milliseconds(200));
        continue;
      }
      if (Steady::now() >= w.next_recheck) recheck_all(w);
      if (!w.recovering.empty()) {
        co_await async_recover(w);
        if (!w.recovering.empty()) co_await background.async_pause(milliseconds(100));
        continue;
      }
      auto wait = std::chrono::duration_cast<milliseconds>(w.next_lease_check - Steady::now());
      wait = std::clamp(wait, milliseconds(1), milliseconds(1000));
      auto entries = co_await inbox.async_read(blocking, {w.owned.begin(), w.owned.end()}, w.name,
                                               config.inbox.batch, wait);
      if (!entries) {  // the read may still deliver entries to this consumer: look again
        recheck_all(w);
        co_await background.async_pause(milliseconds(100));
        continue;
      }
      co_await async_handle_all(w, *entries);
    }
    for (int p : w.owned) co_await inbox.async_release(p, w.name);
    blocking.stop();
  }
};

InboxWorkers::InboxWorkers(asio::any_io_executor executor, const Config& config,
                           store::Inbox& inbox, store::RedisClient& redis,
                           const MessageProcessor& processor, Metrics& metrics,
                           store::Liveness& liveness)
    : impl_(std::make_shared<Impl>(std::move(executor), config, inbox, redis, processor, metrics,
                                   liveness)) {}

InboxWorkers::~InboxWorkers() {
  stop();
}

void InboxWorkers::start(int shard, int shards) {
  for (int i = shard; i < impl_->config.inbox.workers; i += shards) {
    impl_->background.spawn(owned_by(impl_, impl_->async_run(i)));
  }
}

void InboxWorkers::stop() {
  impl_->background.stop();
}

int InboxWorkers::running() const noexcept {
  return impl_->background.running();
}

}  // namespace ombud::app

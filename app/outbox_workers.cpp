#include "app/outbox_workers.hpp"

#include "channels/channel.hpp"
#include "core/clock.hpp"
#include "core/background.hpp"
#include "core/text.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/channel.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <deque>
#include <random>
#include <unordered_map>
#include <unordered_set>

namespace ombud::app {

using core::Background;
using core::owned_by;
using core::spawn_logged;

namespace asio = boost::asio;
using Steady = std::chrono::steady_clock;
using std::chrono::milliseconds;
using store::Settlement;

std::chrono::milliseconds retry_delay(int attempt, milliseconds initial, milliseconds max,
                                      double random01) {
  double base = static_cast<double>(initial.count());
  for (int i = 1; i < attempt && base < static_cast<double>(max.count()); ++i) base *= 2;
  base = std::min(base, static_cast<double>(max.count()));
  return milliseconds(static_cast<long long>(base / 2 + base / 2 * random01));
}

struct OutboxWorkers::Impl {
  Impl(asio::any_io_executor ex, const Config& c, store::Outbox& o, store::RedisClient& r,
       Metrics& m, const core::Clock& k, store::Liveness& l)
      : executor(std::move(ex)),
        config(c),
        outbox(o),
        redis(r),
        metrics(m),
        clock(k),
        liveness(l),
        process_name(l.self()) {}

  asio::any_io_executor executor;
  const Config& config;
  store::Outbox& outbox;
  store::RedisClient& redis;
  Metrics& metrics;
  const core::Clock& clock;
  store::Liveness& liveness;
  std::string process_name;
  Background background{executor, "outbox worker"};

  // A wait that a stop does not cut short: for work already under way (settling an outcome
  // the provider has acted on, senders finishing their sends).
  asio::awaitable<void> async_wait_for(milliseconds d) {
    asio::steady_timer t(executor, d);
    co_await t.async_wait(asio::as_tuple(asio::use_awaitable));
  }

  // Settling must not be lost to a Redis blip: the provider has already acted.
  asio::awaitable<void> async_settle(const store::OutboxItem& item, Settlement s) {
    for (int attempt = 0; attempt < 20; ++attempt) {
      const auto settled = co_await outbox.async_settle(item, s, clock.now_ms());
      if (settled) co_return;
      co_await async_wait_for(milliseconds(100 * (attempt + 1)));
    }
    spdlog::error("outbox: could not record the outcome of {}; it stays pending", item.message.id);
  }

  // One sender per configured channel, for one coroutine.
  using Senders = std::unordered_map<std::string, std::unique_ptr<channels::Sender>>;

  Senders make_senders() const {
    Senders senders;
    for (const auto& channel : config.channels.all())
      senders.emplace(std::string(channel->name()),
                      channel->make_sender(executor, config.outbox.send_timeout));
    return senders;
  }

  asio::awaitable<Settlement> async_attempt(channels::Sender& sender, const store::OutboxItem& item,
                                            long long attempt) {
    auto result = co_await sender.async_send(item.message);
    switch (result.kind) {
      case channels::SendResult::Kind::accepted:
        co_return Settlement{Settlement::Outcome::sent, std::move(result.provider_id)};
      case channels::SendResult::Kind::permanent:
        co_return Settlement{Settlement::Outcome::failed, {}, std::move(result.error)};
      case channels::SendResult::Kind::transient:
        co_return later(Settlement::Outcome::retry, attempt, std::move(result.error));
      case channels::SendResult::Kind::uncertain:
        break;
    }
    co_return later(Settlement::Outcome::uncertain, attempt, std::move(result.error));
  }

  // Another attempt later (retry or uncertain), or the dead letter once attempts run out. An
  // uncertain message is never sent blind: it is failed with the doubt stated.
  Settlement later(Settlement::Outcome outcome, long long attempt, std::string error) const {
    if (attempt >= config.outbox.max_attempts) {
      const bool unknown = outcome == Settlement::Outcome::uncertain;
      return Settlement{Settlement::Outcome::failed,
                        {},
                        "gave up after " + std::to_string(attempt) + " attempts" +
                            (unknown ? " (the provider may have sent it)" : "") + ": " + error};
    }
    thread_local std::mt19937_64 rng{std::random_device{}()};
    const auto delay =
        retry_delay(static_cast<int>(attempt), config.outbox.backoff_initial,
                    config.outbox.backoff_max, std::uniform_real_distribution<double>(0, 1)(rng));
    return Settlement{outcome, {}, std::move(error), clock.now_ms() + delay.count()};
  }

  // The previous attempt got no answer: is the message at the provider already? A listed
  // message with our recipient and text, created since that attempt, whose id none of our
  // messages has yet, is taken to be it. nullopt: the provider could not be asked.
  asio::awaitable<std::optional<std::optional<std::string>>> async_find_sent(
      channels::Sender& sender, const store::OutboxItem& item, std::int64_t since_ms) {
    const auto& m = item.message;
    auto found = co_await sender.async_find(m, since_ms - config.outbox.send_timeout.count());
    if (!found) co_return std::nullopt;
    for (const auto& candidate : *found) {
      auto known = co_await outbox.async_is_known_provider_id(m.channel, candidate.sid);
      if (!known) co_return std::nullopt;
      if (!*known) co_return std::optional<std::string>(candidate.sid);
    }
    co_return std::optional<std::string>();
  }

  asio::awaitable<void> async_deliver(Senders& senders, store::OutboxItem item) {
    const auto& m = item.message;
    const auto found_sender = senders.find(m.channel);
    if (found_sender == senders.end()) {  // a channel taken out of the configuration
      co_await async_settle(item, {Settlement::Outcome::failed, {}, "no such channel: " + m.channel});
      count(Settlement::Outcome::failed);
      co_return;
    }
    auto& sender = *found_sender->second;
    if (m.kind == core::OutboundKind::reply || m.kind == core::OutboundKind::staff_reply) {
      auto opted_out = co_await outbox.async_is_opted_out(m);
      if (!opted_out) co_return;  // Redis trouble: stays pending, retaken later
      if (*opted_out) {
        co_await async_settle(item, {Settlement::Outcome::failed, {}, "recipient opted out"});
        count(Settlement::Outcome::failed);
        co_return;
      }
    }
    auto attempt = co_await outbox.async_begin(m.id, clock.now_ms());
    if (!attempt) co_return;
    if (attempt->number <= 0) {  // already settled by someone else, or gone: just acknowledge
      co_await outbox.async_ack(item);
      co_return;
    }
    if (m.kind == core::OutboundKind::staff_reply && attempt->number == 1) {
      auto sent = co_await outbox.async_count_staff_send(m, config.limits.reply_window);
      if (sent && *sent > config.limits.staff_sends_per_customer) {
        // Built before the co_await: GCC 12 mishandles temporaries inside one.
        std::string who = m.channel + ":" + m.account + ":" + m.to;
        co_await outbox.async_flag(std::move(who), clock.now_ms());
        Settlement capped{Settlement::Outcome::failed, {},
                          "more than " + std::to_string(config.limits.staff_sends_per_customer) +
                              " messages from staff to this customer in the window"};
        co_await async_settle(item, std::move(capped));
        count(Settlement::Outcome::failed);
        co_return;
      }
    }
    Settlement settlement;
    if (attempt->after_unknown_outcome) {
      auto found = co_await async_find_sent(sender, item, attempt->previous_ms);
      if (!found)
        settlement = later(Settlement::Outcome::uncertain, attempt->number,
                           "the provider could not be asked whether it has the message");
      else if (*found)
        settlement = Settlement{Settlement::Outcome::sent, std::move(**found)};
      else
        settlement = co_await async_attempt(sender, item, attempt->number);
    } else {
      settlement = co_await async_attempt(sender, item, attempt->number);
    }
    if (settlement.outcome == Settlement::Outcome::failed)
      spdlog::warn("outbox: {} to {} failed: {}", m.id, core::masked(m.to),
                   core::log_safe(settlement.error));
    const auto outcome = settlement.outcome;
    co_await async_settle(item, std::move(settlement));
    count(outcome);  // after the outcome is stored, so that the metrics never run ahead of Redis
  }

  void count(Settlement::Outcome outcome) {
    switch (outcome) {
      case Settlement::Outcome::sent:
        ++metrics.outbound_sent;
        break;
      case Settlement::Outcome::retry:
      case Settlement::Outcome::uncertain:
        ++metrics.outbound_retried;
        break;
      case Settlement::Outcome::failed:
        ++metrics.outbound_failed;
        break;
    }
  }

  // What one worker holds: each recipient's messages in order, and the recipients ready to be
  // served next (each at most once, round-robin). A recipient with a message in flight is not
  // ready: its next message waits for that one, so its messages leave in order, while every
  // other recipient's go on through the other senders. A busy recipient (a department's phone
  // during a burst) holds up only itself.
  struct Held {
    explicit Held(asio::any_io_executor ex, std::size_t capacity) : ready(ex, capacity) {}
    std::unordered_map<std::string, std::deque<store::OutboxItem>> pending;
    std::unordered_set<std::string> in_flight;
    std::unordered_set<std::string> entries;  // stream entry ids held: a re-claim adds nothing
    std::size_t count = 0;
    asio::experimental::channel<void(boost::system::error_code, std::string)> ready;

    void add(store::OutboxItem item) {
      if (!entries.insert(item.entry_id).second) return;
      const auto to = item.message.to;
      auto& queue = pending[to];
      queue.push_back(std::move(item));
      ++count;
      if (queue.size() == 1 && !in_flight.contains(to))
        ready.try_send(boost::system::error_code{}, to);
    }
  };

  // One sender: a connection to the provider, serving whichever recipient is ready.
  asio::awaitable<void> async_sender(std::shared_ptr<Held> held) {
    auto senders = make_senders();
    for (;;) {
      auto [ec, to] = co_await held->ready.async_receive(asio::as_tuple(asio::use_awaitable));
      if (ec) co_return;  // closed: the worker is stopping
      auto found = held->pending.find(to);
      if (found == held->pending.end() || found->second.empty()) continue;
      auto& queue = found->second;
      auto item = std::move(queue.front());
      queue.pop_front();
      held->in_flight.insert(to);
      const auto entry_id = item.entry_id;
      co_await async_deliver(senders, std::move(item));
      held->in_flight.erase(to);
      held->entries.erase(entry_id);
      --held->count;
      if (auto it = held->pending.find(to); it != held->pending.end()) {
        if (it->second.empty())
          held->pending.erase(it);
        else
          held->ready.try_send(boost::system::error_code{}, to);  // to the back: round-robin
      }
    }
  }

  asio::awaitable<void> async_run(int index) {
    const std::string name = process_name + "-out" + std::to_string(index);
    const auto senders = static_cast<std::size_t>(std::max(1, config.outbox.concurrency));
    const std::size_t batch = senders;
    const std::size_t bound = 4 * senders;  // messages this worker holds before reading more
    // Every held recipient is ready at most once: the channel never refuses one.
    auto held = std::make_shared<Held>(executor, bound + batch + senders);
    int running = 0;
    for (std::size_t i = 0; i < senders; ++i) {
      ++running;
      spawn_logged(executor, async_sender(held), "outbox sender", [&running] { --running; });
    }
    store::RedisClient blocking(executor, redis.options());
    blocking.start();
    const auto unblock = background.on_stop([&blocking] { blocking.stop(); });
    bool group_ready = false;
    auto next_claim = Steady::now();
    auto next_takeover = Steady::now();
    auto next_own = Steady::now() + kRecheckOwnEvery;
    std::string cursor = "0-0";
    std::string own_after;  // reading this worker's own unsettled entries, from after this id
    while (!background.stopping()) {
      if (held->count >= bound) {  // the senders are behind: hold no more
        co_await background.async_pause(milliseconds(2));
        continue;
      }
      if (!group_ready &&
          !(group_ready = static_cast<bool>(co_await outbox.async_ensure_group()))) {
        co_await background.async_pause(milliseconds(200));
        continue;
      }
      const int room = static_cast<int>(std::min(batch, bound - held->count));
      std::vector<store::OutboxItem> items;
      if (Steady::now() >= next_takeover) {
        auto taken = co_await async_take_over(name, room);
        // A gone sender's entries, as fast as the senders take them; then a look each second.
        if (taken.empty()) next_takeover = Steady::now() + kTakeoverEvery;
        items = std::move(taken);
      }
      if (items.empty() && (!own_after.empty() || Steady::now() >= next_own)) {
        // What was delivered to this worker and is neither held nor settled: a read whose
        // answer was lost when Redis died, a settle that gave up. Held ones are not added twice.
        // (A named value, not a conditional in the co_await: GCC 12 frees such a temporary
        // twice in a coroutine.)
        std::string after = own_after.empty() ? std::string("0") : own_after;
        auto own = co_await outbox.async_read_pending(name, room, std::move(after));
        if (own && !own->empty()) {
          own_after = own->back().entry_id;
          std::erase_if(*own, [&](const auto& i) { return held->entries.contains(i.entry_id); });
          items = std::move(*own);
        } else {
          own_after.clear();
          next_own = Steady::now() + kRecheckOwnEvery;
        }
      }
      if (items.empty() && Steady::now() >= next_claim) {
        auto stale = co_await outbox.async_claim_stale(name, config.outbox.claim_idle, room, cursor);
        if (stale) items = std::move(*stale);
        // The whole stream is scanned, a batch at a time, before the next round waits.
        if (!stale || (items.empty() && cursor == "0-0"))
          next_claim = Steady::now() + config.outbox.claim_idle / 2;
      }
      if (items.empty()) {
        auto read =
            co_await outbox.async_read(blocking, name, static_cast<int>(batch), milliseconds(1000));
        if (!read) {  // the read may still have delivered entries: look at ours at once
          next_own = Steady::now();
          co_await background.async_pause(milliseconds(100));
          continue;
        }
        items = std::move(*read);
      }
      for (auto& item : items) held->add(std::move(item));
    }
    // Stopping: what is held stays pending in the stream and is taken over as soon as this
    // process is seen gone (by its successor at once, by another process when its heartbeat
    // ends).
    held->ready.close();
    while (running > 0) co_await async_wait_for(milliseconds(10));
    blocking.stop();
  }

  static constexpr milliseconds kTakeoverEvery{1000};
  static constexpr milliseconds kRecheckOwnEvery{5000};

  // Up to `room` entries held by senders whose process is gone (killed, or without a
  // heartbeat), now rather than after claim_idle; consumers that are gone and hold nothing
  // are removed from the group.
  asio::awaitable<std::vector<store::OutboxItem>> async_take_over(std::string name, int room) {
    auto consumers = co_await outbox.async_consumers();
    if (!consumers) co_return std::vector<store::OutboxItem>{};
    for (const auto& c : *consumers) {
      auto gone = co_await liveness.async_gone(c.name);
      if (!gone || !*gone) continue;
      if (c.pending == 0) {
        co_await outbox.async_forget(c.name);
        continue;
      }
      auto taken = co_await outbox.async_claim_from(c.name, name, room);
      if (taken && !taken->empty()) {
        spdlog::info("outbox: {} took over {} unsettled messages of {}, whose process is gone",
                     name, taken->size(), c.name);
        co_return std::move(*taken);
      }
    }
    co_return std::vector<store::OutboxItem>{};
  }

  // Moves due retries back onto the stream. Several processes may run this; the script is atomic.
  asio::awaitable<void> async_promote() {
    while (!background.stopping()) {
      auto moved = co_await outbox.async_promote_due(clock.now_ms(), 100);
      if (!moved || *moved < 100) co_await background.async_pause(milliseconds(100));
    }
  }

};

OutboxWorkers::OutboxWorkers(asio::any_io_executor executor, const Config& config,
                             store::Outbox& outbox, store::RedisClient& redis, Metrics& metrics,
                             const core::Clock& clock, store::Liveness& liveness)
    : impl_(std::make_shared<Impl>(std::move(executor), config, outbox, redis, metrics, clock,
                                   liveness)) {}

OutboxWorkers::~OutboxWorkers() {
  stop();
}

void OutboxWorkers::start(int shard, int shards) {
  if (impl_->config.outbox.workers == 0) return;
  for (int i = shard; i < impl_->config.outbox.workers; i += shards)
    impl_->background.spawn(owned_by(impl_, impl_->async_run(i)));
  if (shard == 0) impl_->background.spawn(owned_by(impl_, impl_->async_promote()));
}

void OutboxWorkers::stop() {
  impl_->background.stop();
}

int OutboxWorkers::running() const noexcept {
  return impl_->background.running();
}

}  // namespace ombud::app

#include "store/inbox.hpp"

#include "store/detail/completion.hpp"
#include "store/detail/script_args.hpp"
#include "store/detail/streams.hpp"
#include "store/errors.hpp"
#include "store/lua_sources.hpp"
#include "store/script.hpp"
#include "core/stable_hash.hpp"
#include "core/text.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <charconv>
#include <deque>

namespace ombud::store {

namespace asio = boost::asio;
using boost::system::error_code;
using boost::system::result;

namespace {

const Script kIngest(lua::ingest);
const Script kLeaseAcquire(lua::lease_acquire);
const Script kLeaseRelease(lua::lease_release);
const Script kCommit(lua::inbox_commit);

InboxEntry to_inbox_entry(const detail::StreamEntry& e, int partition) {
  InboxEntry out;
  out.partition = partition;
  out.id = e.id;
  auto& m = out.message;
  m.channel = e.field("channel");
  m.account = e.field("account");
  m.provider_id = e.field("provider_id");
  m.from = e.field("from");
  m.to = e.field("to");
  m.text = e.field("text");
  m.opt_out_type = e.field("opt_out_type");
  m.raw_text = e.field("raw_text");
  auto ms = e.field("received_ms");
  std::from_chars(ms.data(), ms.data() + ms.size(), m.received_ms);
  return out;
}

}  // namespace

Inbox::Inbox(RedisClient& redis, Keys keys, InboxOptions options)
    : redis_(redis),
      keys_(std::move(keys)),
      options_(std::move(options)),
      batcher_(std::make_shared<IngestBatcher>(redis_, keys_, *this)) {}

int Inbox::partition_of(const core::InboundMessage& message) const {
  return static_cast<int>(core::stable_hash(message.customer_key()) %
                          static_cast<std::uint64_t>(options_.partitions));
}

// Group commit for async_ingest: at most one ingest script in flight; what arrives meanwhile
// waits and goes in the next call. Runs on its own strand.
class Inbox::IngestBatcher : public std::enable_shared_from_this<IngestBatcher> {
 public:
  using Handler = asio::any_completion_handler<void(error_code, IngestResult)>;
  static constexpr std::size_t kMaxBatch = 128;

  IngestBatcher(RedisClient& redis, const Keys& keys, const Inbox& inbox)
      : redis_(redis),
        keys_(keys),
        inbox_(inbox),
        strand_(asio::make_strand(redis.get_executor())) {}

  void submit(core::InboundMessage message, Handler handler) {
    asio::dispatch(strand_, [self = shared_from_this(), m = std::move(message),
                             h = std::move(handler)]() mutable {
      self->queue_.push_back({std::move(m), std::move(h),
                              std::chrono::steady_clock::now() +
                                  self->redis_.options().command_timeout});
      if (!self->in_flight_) self->flush();
    });
  }

 private:
  struct Pending {
    core::InboundMessage message;
    Handler handler;
    std::chrono::steady_clock::time_point deadline;
  };

  // A webhook waits at most the command timeout in all (queued behind a batch included): what
  // is past its deadline when its turn comes is answered "timed out" without being sent.
  void flush() {
    const auto now = std::chrono::steady_clock::now();
    while (!queue_.empty() && queue_.front().deadline <= now) {
      detail::complete(queue_.front().handler, make_error_code(StoreError::timed_out),
                       IngestResult::duplicate);
      queue_.pop_front();
    }
    if (queue_.empty()) return;
    const auto n = std::min(queue_.size(), kMaxBatch);
    std::vector<Pending> batch(std::make_move_iterator(queue_.begin()),
                               std::make_move_iterator(queue_.begin() + static_cast<long>(n)));
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<long>(n));
    in_flight_ = true;
    asio::co_spawn(strand_, run(std::move(batch)), [self = shared_from_this()](std::exception_ptr) {
      self->in_flight_ = false;
      if (!self->queue_.empty()) self->flush();
    });
  }

  asio::awaitable<void> run(std::vector<Pending> batch) {
    constexpr int kPairs = 9;
    RedisClient::Argv keys,
        args{std::to_string(inbox_.options_.dedup_ttl.count()), std::to_string(2 * kPairs)};
    keys.reserve(2 * batch.size());
    args.reserve(2 + 2 * kPairs * batch.size());
    for (const auto& p : batch) {
      const auto& m = p.message;
      keys.push_back(keys_.dedup(m.channel, m.account, m.provider_id));
      keys.push_back(keys_.inbox(inbox_.partition_of(m)));
      // Whole strings, never c_str(): a value may hold a NUL byte.
      args.insert(args.end(), {"channel", m.channel, "account", m.account, "provider_id",
                               m.provider_id, "from", m.from, "to", m.to, "text", m.text,
                               "opt_out_type", m.opt_out_type, "raw_text", m.raw_text,
                               "received_ms", std::to_string(m.received_ms)});
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        batch.front().deadline - std::chrono::steady_clock::now());
    auto reply = co_await kIngest.async_run(redis_, std::move(keys), std::move(args),
                                            std::max(left, std::chrono::milliseconds(1)));
    for (size_t i = 0; i < batch.size(); ++i) {
      if (!reply) {
        detail::complete(batch[i].handler, reply.error(), IngestResult::duplicate);
      } else if (!reply->is_array() || i >= reply->elements.size()) {
        detail::complete(batch[i].handler, make_error_code(StoreError::protocol),
                         IngestResult::duplicate);
      } else {
        detail::complete(
            batch[i].handler, error_code{},
            reply->elements[i].integer == 1 ? IngestResult::accepted : IngestResult::duplicate);
      }
    }
  }

  RedisClient& redis_;
  const Keys& keys_;
  const Inbox& inbox_;
  asio::strand<asio::any_io_executor> strand_;
  std::deque<Pending> queue_;
  bool in_flight_ = false;
};

asio::awaitable<result<IngestResult>> Inbox::async_ingest(const core::InboundMessage& message) {
  auto token = asio::as_tuple(asio::use_awaitable);
  auto [ec, outcome] =
      co_await asio::async_initiate<decltype(token), void(error_code, IngestResult)>(
          [](auto handler, std::shared_ptr<IngestBatcher> batcher, core::InboundMessage m) {
            batcher->submit(std::move(m), IngestBatcher::Handler(std::move(handler)));
          },
          token, batcher_, message);
  if (ec) co_return ec;
  co_return outcome;
}

asio::awaitable<result<void>> Inbox::async_ensure_groups() {
  for (int p = 0; p < options_.partitions; ++p) {
    auto reply = co_await redis_.async_command(
        command("XGROUP", "CREATE", keys_.inbox(p), options_.group, "0", "MKSTREAM"));
    if (!reply) co_return reply.error();
    if (reply->is_error() && !detail::is_busygroup(*reply)) co_return StoreError::server_error;
  }
  co_return result<void>{};
}

asio::awaitable<result<Inbox::LeaseHolder>> Inbox::async_lease(int partition, std::string owner,
                                                               std::chrono::milliseconds ttl,
                                                               std::string gone) {
  auto reply = co_await kLeaseAcquire.async_run(
      redis_, command(keys_.inbox_lease(partition)),
      command(std::move(owner), std::to_string(ttl.count()), std::move(gone)));
  if (!reply) co_return reply.error();
  if (reply->is_error()) co_return StoreError::server_error;
  if (reply->type == Reply::Type::integer && reply->integer == 1) co_return LeaseHolder{};
  co_return LeaseHolder{reply->str.empty() ? std::string("?") : reply->str};
}

asio::awaitable<result<void>> Inbox::async_release(int partition, std::string owner) {
  auto reply = co_await kLeaseRelease.async_run(redis_, command(keys_.inbox_lease(partition)),
                                                command(std::move(owner)));
  if (!reply) co_return reply.error();
  co_return result<void>{};
}

asio::awaitable<result<std::vector<InboxEntry>>> Inbox::async_claim_pending(int partition,
                                                                            std::string consumer,
                                                                            int count) {
  std::vector<InboxEntry> out;
  std::string cursor = "0-0";
  do {
    auto reply = co_await redis_.async_command(command("XAUTOCLAIM", keys_.inbox(partition),
                                                       options_.group, consumer, "0", cursor,
                                                       "COUNT", std::to_string(count)));
    if (!reply) co_return reply.error();
    if (reply->is_error()) co_return StoreError::server_error;
    for (const auto& e : detail::parse_xautoclaim(*reply, cursor))
      out.push_back(to_inbox_entry(e, partition));
  } while (cursor != "0-0");
  co_return out;
}

asio::awaitable<result<std::vector<InboxEntry>>> Inbox::async_read(
    RedisClient& blocking, std::vector<int> partitions, std::string consumer, int count,
    std::chrono::milliseconds block) {
  RedisClient::Argv argv{"XREADGROUP",   "GROUP",
                         options_.group, std::move(consumer),
                         "COUNT",        std::to_string(count),
                         "BLOCK",        std::to_string(block.count()),
                         "STREAMS"};
  for (int p : partitions) argv.push_back(keys_.inbox(p));
  for (size_t i = 0; i < partitions.size(); ++i) argv.push_back(">");
  auto reply =
      co_await blocking.async_command(std::move(argv), block + blocking.options().command_timeout);
  if (!reply) co_return reply.error();
  if (reply->is_error()) co_return StoreError::server_error;
  std::vector<InboxEntry> out;
  for (const auto& e : detail::parse_xreadgroup(*reply)) {
    for (int p : partitions)
      if (e.stream == keys_.inbox(p)) out.push_back(to_inbox_entry(e, p));
  }
  co_return out;
}

asio::awaitable<result<CommitResult>> Inbox::async_park(const InboxEntry& entry,
                                                        std::string owner, std::string why) {
  const auto& m = entry.message;
  const std::string id = std::to_string(entry.partition) + "-" + entry.id;
  InboxEffects parked;
  parked.hset.push_back({keys_.inbox_parked_entry(id),
                         {{"channel", m.channel},
                          {"account", m.account},
                          {"provider_id", m.provider_id},
                          {"from", m.from},
                          {"text", m.text},
                          {"received_ms", std::to_string(m.received_ms)},
                          {"reason", std::move(why)}}});
  parked.zadd.push_back({keys_.inbox_parked(), m.received_ms, id});
  co_return co_await async_commit(entry, std::move(owner), parked);
}

asio::awaitable<result<CommitResult>> Inbox::async_commit(const InboxEntry& entry,
                                                          std::string owner,
                                                          InboxEffects effects) {
  // The sender's state, under its keys; the raw message kept for the record (no expiry).
  const auto& m = entry.message;
  auto& sender = effects.sender;
  if (sender.opted_out_at)
    effects.set.push_back({keys_.opt_out(m.channel, m.account, m.from), std::to_string(*sender.opted_out_at)});
  if (sender.opted_in) effects.del.push_back(keys_.opt_out(m.channel, m.account, m.from));
  if (sender.session)
    effects.set.push_back({keys_.session(m.customer_key()), std::move(sender.session->value), sender.session->ttl});
  if (sender.reply_budget)
    effects.set.push_back({keys_.reply_budget(m.customer_key()), std::move(sender.reply_budget->value),
                           sender.reply_budget->ttl});
  if (sender.flagged_at) effects.zadd.push_back({keys_.flagged_senders(), *sender.flagged_at, m.customer_key()});
  if (!m.raw_text.empty())
    effects.set.push_back({keys_.inbound_raw(m.channel, m.account, m.provider_id), m.raw_text});
  const auto& t = effects.ticket;
  const std::string date = t ? t->date_code : std::string("-");
  RedisClient::Argv keys{keys_.inbox_lease(entry.partition),
                         keys_.inbox(entry.partition),
                         keys_.outbox(),
                         keys_.ticket_serial(date),
                         keys_.customer_tickets(t ? t->owner : std::string("-")),
                         keys_.open_tickets(),
                         effects.unchanged ? keys_.ticket(effects.unchanged->ticket) : keys_.open_tickets(),
                         keys_.audit_log()};
  const auto audit = effects.audit ? effects.audit->fields() : decltype(effects.audit->fields()){};
  RedisClient::Argv args{std::move(owner),
                         options_.group,
                         entry.id,
                         std::to_string(effects.set.size()),
                         std::to_string(effects.del.size()),
                         std::to_string(effects.outbound.size()),
                         t ? "1" : "0",
                         t ? t->prefix : "",
                         date,
                         std::to_string(t ? t->serial_digits : 4),
                         keys_.ticket_prefix(),
                         t && t->open ? "1" : "0",
                         std::to_string(t ? t->created_ms : 0),
                         std::to_string(t ? t->fields.size() : 0),
                         std::to_string(effects.hset.size()),
                         std::to_string(effects.zadd.size()),
                         std::to_string(effects.zrem.size()),
                         effects.unchanged ? "1" : "0",
                         effects.unchanged ? effects.unchanged->version : "",
                         std::to_string(audit.size())};
  for (const auto& [name, value] : audit) args.insert(args.end(), {name, value});
  if (t)
    for (const auto& [name, value] : t->fields) args.insert(args.end(), {name, value});
  detail::append_set(effects.set, keys, args);
  for (const auto& key : effects.del) keys.push_back(key);
  detail::append_outbound(keys_, effects.outbound, entry.message.provider_id, keys, args);
  detail::append_hset(effects.hset, keys, args);
  detail::append_zadd(effects.zadd, keys, args);
  detail::append_zrem(effects.zrem, keys, args);
  auto reply = co_await kCommit.async_run(redis_, std::move(keys), std::move(args));
  if (!reply) co_return reply.error();
  if (!reply->is_array() || reply->elements.size() != 2) co_return StoreError::protocol;
  CommitResult out;
  switch (reply->elements[0].integer) {
    case 1:
      out.outcome = CommitResult::Outcome::applied;
      break;
    case 0:
      out.outcome = CommitResult::Outcome::already_committed;
      break;
    case 2:
      out.outcome = CommitResult::Outcome::changed_since_read;
      break;
    default:
      out.outcome = CommitResult::Outcome::lease_lost;
      break;
  }
  out.ticket_number = reply->elements[1].str;
  co_return out;
}

asio::awaitable<result<Inbox::SenderState>> Inbox::async_sender_state(
    const core::InboundMessage& m) {
  auto state = co_await redis_.async_command(
      command("MGET", keys_.opt_out(m.channel, m.account, m.from), keys_.session(m.customer_key()),
              keys_.directory_version(), keys_.reply_budget(m.customer_key())));
  if (!state) co_return state.error();
  if (state->elements.size() != 4) co_return make_error_code(StoreError::protocol);
  auto text = [&](std::size_t i) -> std::optional<std::string> {
    if (auto s = state->elements[i].as_string()) return std::string(*s);
    return std::nullopt;
  };
  co_return SenderState{!state->elements[0].is_nil(), text(1), text(2).value_or(""), text(3)};
}

asio::awaitable<result<long long>> Inbox::async_lag() {
  long long total = 0;
  for (int p = 0; p < options_.partitions; ++p) {
    auto reply = co_await redis_.async_command(command("XINFO", "GROUPS", keys_.inbox(p)));
    if (!reply) co_return reply.error();
    if (!reply->is_array()) continue;
    for (const auto& group : reply->elements) {
      for (size_t i = 0; i + 1 < group.elements.size(); i += 2) {
        if (group.elements[i].str == "lag") total += group.elements[i + 1].integer;
      }
    }
  }
  co_return total;
}

}  // namespace ombud::store

#pragma once
// The live feed of ticket changes: one reader per io thread follows the events stream in
// Redis (written by every script that changes a ticket) and hands each change to the
// console's server-sent-event subscribers on that thread. A subscriber that comes back with
// Last-Event-ID first gets what it missed from the stream, then the live changes, each once.

#include "core/background.hpp"
#include "store/event_log.hpp"
#include "store/keys.hpp"
#include "store/redis_client.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <cstdint>
#include <deque>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ombud::console {

/// One change, as the stream has it.
struct TicketEvent {
  std::string id;  ///< the stream entry id ("ms-seq"): the SSE id
  std::string ticket, department, state, type, version, level;
  std::string last;  ///< the ticket's latest timeline line (JSON), if any
  /// The SSE frame: "id: …\nevent: ticket\ndata: {…}\n\n".
  std::string frame() const;
};

/// Orders stream ids ("1764500000000-3"); a malformed id sorts first.
bool id_before(std::string_view a, std::string_view b);

class EventHub {
 public:
  /// Uses a Redis connection of its own (its read blocks).
  EventHub(boost::asio::any_io_executor executor, const store::RedisOptions& options,
           store::Keys keys);
  ~EventHub();

  void start();
  /// Ends the follow loop and every subscription; callable from any thread.
  void stop();

  /// A subscriber's queue: live events arrive here until it is dropped.
  class Subscription {
   public:
    explicit Subscription(boost::asio::any_io_executor executor) : wake_(executor) {}
    /// The next events, waiting up to `idle` for some; empty after `idle` (send a keepalive)
    /// or when closed. `closed()` tells which.
    boost::asio::awaitable<std::vector<TicketEvent>> async_next(std::chrono::milliseconds idle);
    bool closed() const { return closed_; }

   private:
    friend class EventHub;
    void push(const TicketEvent& event);
    void close();
    std::deque<TicketEvent> queue_;
    boost::asio::steady_timer wake_;
    bool closed_ = false;
  };

  std::shared_ptr<Subscription> subscribe();
  void unsubscribe(const std::shared_ptr<Subscription>& subscription);
  std::size_t subscribers() const { return subscribers_.size(); }

  /// The events after `after_id` (exclusive), oldest first, at most `limit`; `missed` is set
  /// when events after it were already trimmed from the stream (the client should reload).
  struct Backlog {
    std::vector<TicketEvent> events;
    bool missed = false;
  };
  boost::asio::awaitable<boost::system::result<Backlog>> async_since(store::RedisClient& redis,
                                                                     std::string after_id,
                                                                     int limit);

  /// A queue holds at most this many events; a subscriber that falls further behind is
  /// closed (it resumes with Last-Event-ID).
  static constexpr std::size_t kQueueLimit = 10000;

 private:
  boost::asio::awaitable<void> async_follow();

  store::RedisClient redis_;
  store::EventLog log_;
  std::list<std::shared_ptr<Subscription>> subscribers_;
  boost::asio::steady_timer pause_;  ///< (its executor is the hub's io thread)
  core::Background background_;
  std::atomic<bool> stopping_{false};
  bool stopped_ = false;  ///< on the io thread
};

/// The stream's entries as events.
std::vector<TicketEvent> events_from(const std::vector<store::ChangeEntry>& entries);

}  // namespace ombud::console

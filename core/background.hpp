#pragma once
// The one lifecycle of every background worker (inbox, outbox, SLA watch, and the ones to
// come): coroutines started on an executor and counted while they run, and a stop that every
// loop sees at once — stopping() turns true and every pause in progress ends early.

#include <spdlog/spdlog.h>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>

#include <atomic>
#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <utility>

namespace ombud::core {

/// Runs `work` on `executor`; when it ends, calls `on_exit()` and, if it ended by an
/// exception (a bug), logs it as critical under `what`.
template <typename OnExit>
void spawn_logged(boost::asio::any_io_executor executor, boost::asio::awaitable<void> work,
                  std::string what, OnExit on_exit) {
  boost::asio::co_spawn(
      std::move(executor), std::move(work),
      [what = std::move(what), on_exit = std::move(on_exit)](std::exception_ptr e) mutable {
        on_exit();
        if (!e) return;
        try {
          std::rethrow_exception(e);
        } catch (const std::exception& ex) {
          spdlog::critical("{} ended by a bug: {}", what, ex.what());
        }
      });
}

/// `work`, with `owner` kept alive until it ends (a worker's loop uses its worker).
template <typename Owner>
boost::asio::awaitable<void> owned_by(std::shared_ptr<Owner> owner,
                                      boost::asio::awaitable<void> work) {
  co_await std::move(work);
}

/// The loops of one kind of worker on one executor (a shard's io thread). A loop runs while
/// !stopping() and waits with async_pause(); what it is doing when stop() comes (a commit, a
/// send) it finishes.
class Background {
 public:
  /// `kind` names the loops in logs ("inbox worker").
  Background(boost::asio::any_io_executor executor, std::string kind);

  /// Starts `work`; counted in running() until it ends, logged if it ends by a bug.
  void spawn(boost::asio::awaitable<void> work);
  /// Every loop stops at its next check; pauses in progress end now. Thread-safe, idempotent.
  void stop();
  bool stopping() const noexcept;
  /// Loops still running.
  int running() const noexcept;
  /// Waits `duration`, or less when stop() comes first. On the executor only.
  boost::asio::awaitable<void> async_pause(std::chrono::milliseconds duration);

  /// While it lives, stop() calls `cancel` (on the executor): a loop blocked in a read that
  /// a pause cannot end (a blocking stream read holding its own connection) ends at once.
  class StopHook {
   public:
    StopHook(std::shared_ptr<void> state, std::uint64_t id) : state_(std::move(state)), id_(id) {}
    StopHook(StopHook&&) = delete;
    ~StopHook();

   private:
    std::shared_ptr<void> state_;
    std::uint64_t id_;
  };
  /// On the executor only; `cancel` runs at once when stop() came already.
  [[nodiscard]] StopHook on_stop(std::function<void()> cancel);

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace ombud::core

#pragma once
// Starting long-running coroutines whose failure must be seen.

#include <spdlog/spdlog.h>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>

#include <exception>
#include <string>
#include <utility>

namespace ombud::app {

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

}  // namespace ombud::app

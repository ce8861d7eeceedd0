#include "core/background.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <stdexcept>

namespace ombud::app {

using core::Background;
using core::owned_by;
using core::spawn_logged;
namespace {

TEST(Background, AStopEndsEveryLoopAtOnceEvenInAPause) {
  boost::asio::io_context io;
  Background loops(io.get_executor(), "test loop");
  int rounds = 0;
  auto loop = [&]() -> boost::asio::awaitable<void> {
    while (!loops.stopping()) {
      ++rounds;
      co_await loops.async_pause(std::chrono::hours(1));
    }
  };
  loops.spawn(loop());
  loops.spawn(loop());
  io.run_for(std::chrono::milliseconds(50));
  EXPECT_EQ(loops.running(), 2);
  EXPECT_EQ(rounds, 2);
  loops.stop();
  loops.stop();  // idempotent
  io.run_for(std::chrono::seconds(5));  // an hour's pause would keep them running
  EXPECT_EQ(loops.running(), 0);
  EXPECT_EQ(rounds, 2);
}

TEST(Background, ALoopEndedByABugIsCountedOut) {
  boost::asio::io_context io;
  Background loops(io.get_executor(), "test loop");
  loops.spawn([]() -> boost::asio::awaitable<void> {
    throw std::logic_error("a bug");
    co_return;
  }());
  io.run();
  EXPECT_EQ(loops.running(), 0);
}

}  // namespace
}  // namespace ombud::app

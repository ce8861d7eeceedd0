#include "core/background.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <map>
#include <set>

namespace ombud::core {

namespace asio = boost::asio;

struct Background::State {
  asio::any_io_executor executor;
  std::string kind;
  std::atomic<bool> stopping{false};
  std::atomic<int> running{0};
  std::set<asio::steady_timer*> pauses;  ///< on the executor only
  std::map<std::uint64_t, std::function<void()>> hooks;  ///< on the executor only
  std::uint64_t next_hook = 0;
};

Background::Background(asio::any_io_executor executor, std::string kind)
    : state_(std::make_shared<State>()) {
  state_->executor = std::move(executor);
  state_->kind = std::move(kind);
}

void Background::spawn(asio::awaitable<void> work) {
  ++state_->running;
  spawn_logged(state_->executor, std::move(work), state_->kind,
               [state = state_] { --state->running; });
}

void Background::stop() {
  if (state_->stopping.exchange(true)) return;
  asio::post(state_->executor, [state = state_] {
    for (auto* pause : state->pauses) pause->cancel();
    auto hooks = std::move(state->hooks);
    state->hooks.clear();
    for (auto& [id, cancel] : hooks) cancel();
  });
}

bool Background::stopping() const noexcept {
  return state_->stopping;
}

int Background::running() const noexcept {
  return state_->running;
}

asio::awaitable<void> Background::async_pause(std::chrono::milliseconds duration) {
  auto state = state_;
  if (state->stopping) co_return;
  asio::steady_timer timer(state->executor, duration);
  state->pauses.insert(&timer);
  co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  state->pauses.erase(&timer);
}

Background::StopHook Background::on_stop(std::function<void()> cancel) {
  const auto id = state_->next_hook++;
  if (state_->stopping)
    cancel();
  else
    state_->hooks.emplace(id, std::move(cancel));
  return StopHook(state_, id);
}

Background::StopHook::~StopHook() {
  static_cast<State*>(state_.get())->hooks.erase(id_);
}

}  // namespace ombud::core

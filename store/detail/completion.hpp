#pragma once
// Completing a type-erased handler on its own executor, never inline.

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/execution.hpp>
#include <boost/asio/prefer.hpp>

#include <utility>

namespace ombud::store::detail {

/// Resumes whoever waits on `handler` with `args`, on the handler's executor and never inside
/// the caller (a hiredis callback or a strand handler must not run the awaiting coroutine).
template <typename... Sig, typename... Args>
void complete(boost::asio::any_completion_handler<Sig...>& handler, Args&&... args) {
  auto ex = boost::asio::prefer(boost::asio::get_associated_executor(handler),
                                boost::asio::execution::blocking.never);
  ex.execute([h = std::move(handler), ... a = std::forward<Args>(args)]() mutable {
    std::move(h)(std::move(a)...);
  });
}

}  // namespace ombud::store::detail

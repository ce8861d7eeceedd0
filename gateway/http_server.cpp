#include "gateway/http_server.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <mutex>
#include <set>

namespace ombud::gateway {

namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::ip::tcp;
using boost::system::error_code;

namespace {
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

// The response for a request the parser refused, or nullopt when the peer just went away.
std::optional<Response> parse_failure(const error_code& ec) {
  if (ec == http::error::body_limit)
    return error_response(ApiError::payload_too_large, "request body too large", 11, false);
  if (ec == http::error::header_limit)
    return error_response(ApiError::header_too_large, "request header too large", 11, false);
  if (ec.category() == error_code(http::error::end_of_stream).category() &&
      ec != http::error::end_of_stream && ec != http::error::partial_message)
    return error_response(ApiError::bad_request, "malformed HTTP request", 11, false);
  return std::nullopt;
}
}  // namespace

struct HttpServer::Impl : std::enable_shared_from_this<Impl> {
  // One connection: its stream lives here so stop() can reach it on the connection's strand.
  struct Connection {
    beast::tcp_stream stream;
    bool busy = false;
  };

  Impl(asio::io_context& io, ServerConfig c, const Router& r, Metrics& m)
      : io(io), config(std::move(c)), router(r), metrics(m), acceptor(asio::make_strand(io)) {}

  asio::io_context& io;
  ServerConfig config;
  const Router& router;
  Metrics& metrics;
  tcp::acceptor acceptor;
  mutable std::mutex mutex;
  std::set<std::shared_ptr<Connection>> connections;
  std::atomic<bool> stopping{false};

  asio::awaitable<void> async_accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(io), kTuple);
      if (ec) {
        if (stopping || ec == asio::error::operation_aborted) co_return;
        spdlog::warn("http: accept failed: {}", ec.message());
        continue;
      }
      auto conn = std::make_shared<Connection>(Connection{beast::tcp_stream(std::move(socket))});
      {
        std::lock_guard lock(mutex);
        connections.insert(conn);
      }
      asio::co_spawn(conn->stream.get_executor(), async_session(conn),
                     [self = shared_from_this(), conn](std::exception_ptr e) {
                       if (e) {
                         try {
                           std::rethrow_exception(e);
                         } catch (const std::exception& ex) {
                           spdlog::error("http: connection ended by a bug: {}", ex.what());
                         }
                       }
                       std::lock_guard lock(self->mutex);
                       self->connections.erase(conn);
                     });
    }
  }

  // After refusing a request whose body we did not read, stop sending and drain what the
  // client is still sending (briefly): closing with unread data makes the kernel send a reset,
  // which can destroy our error response before the client reads it.
  static asio::awaitable<void> async_linger(beast::tcp_stream& stream) {
    error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.expires_after(std::chrono::seconds(1));
    std::array<char, 16 * 1024> sink;
    for (std::size_t drained = 0; drained < (4u << 20);) {
      auto [ec, n] = co_await stream.async_read_some(asio::buffer(sink), kTuple);
      if (ec) break;
      drained += n;
    }
  }

  asio::awaitable<void> async_session(std::shared_ptr<Connection> conn) {
    beast::flat_buffer buffer;
    auto& stream = conn->stream;
    while (!stopping) {
      http::request_parser<http::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(config.max_header_bytes));
      parser.body_limit(config.max_body_bytes);
      stream.expires_after(config.read_timeout);
      auto [ec, _] = co_await http::async_read(stream, buffer, parser, kTuple);
      if (ec) {
        if (auto refusal = parse_failure(ec)) {
          metrics.record_request("unparsed", refusal->result_int(), {});
          stream.expires_after(config.read_timeout);
          co_await http::async_write(stream, *refusal, kTuple);
          co_await async_linger(stream);
        }
        break;
      }
      conn->busy = true;
      ++metrics.requests_in_flight;
      const auto started = std::chrono::steady_clock::now();
      auto request = parser.release();
      const bool keep_alive = request.keep_alive();
      std::string route;
      Response response = co_await router.async_dispatch(std::move(request), route);
      response.keep_alive(keep_alive && !stopping);
      metrics.record_request(route, response.result_int(),
                             std::chrono::steady_clock::now() - started);
      stream.expires_after(config.read_timeout);
      auto [wec, __] = co_await http::async_write(stream, response, kTuple);
      conn->busy = false;
      --metrics.requests_in_flight;
      if (wec || !response.keep_alive()) break;
    }
    error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.socket().close(ignored);
  }
};

HttpServer::HttpServer(asio::io_context& io, ServerConfig config, const Router& router,
                       Metrics& metrics)
    : impl_(std::make_shared<Impl>(io, std::move(config), router, metrics)) {}

HttpServer::~HttpServer() {
  stop();
}

void HttpServer::start(bool reuse_port) {
  auto& a = impl_->acceptor;
  tcp::endpoint ep(asio::ip::make_address(impl_->config.host), impl_->config.port);
  a.open(ep.protocol());
  a.set_option(asio::socket_base::reuse_address(true));
  if (reuse_port)
    a.set_option(asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>(true));
  a.bind(ep);
  a.listen(asio::socket_base::max_listen_connections);
  asio::co_spawn(a.get_executor(), impl_->async_accept_loop(), [](std::exception_ptr e) {
    if (e) spdlog::error("http: accept loop ended by a bug");
  });
}

unsigned short HttpServer::port() const {
  return impl_->acceptor.local_endpoint().port();
}

void HttpServer::stop() {
  if (impl_->stopping.exchange(true)) return;
  asio::post(impl_->acceptor.get_executor(), [impl = impl_] {
    error_code ignored;
    impl->acceptor.close(ignored);
  });
  std::lock_guard lock(impl_->mutex);
  for (const auto& conn : impl_->connections) {
    asio::post(conn->stream.get_executor(), [conn] {
      error_code ignored;  // the connection may have closed meanwhile
      if (!conn->busy) conn->stream.socket().cancel(ignored);  // idle in read: end it now
    });
  }
}

std::size_t HttpServer::connections() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->connections.size();
}

}  // namespace ombud::gateway

#include "http/server.hpp"

#include "core/log_throttle.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <mutex>
#include <set>

namespace ombud::http {

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

// RFC 9112 §6.1: a request whose transfer coding we cannot undo, or whose framing is
// ambiguous, is answered 400 and the connection closed: reading its body as a next request
// is how requests are smuggled. Only "chunked" alone is understood.
bool ambiguous_framing(const http::request_parser<http::string_body>& parser) {
  const auto& h = parser.get();
  const auto te = h.find(http::field::transfer_encoding);
  if (te == h.end()) return false;
  if (h.find(http::field::content_length) != h.end()) return true;
  std::string value(te->value());
  std::erase_if(value, [](char c) { return c == ' ' || c == '\t'; });
  for (auto& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return value != "chunked" || h.count(http::field::transfer_encoding) > 1;
}

bool expects_continue(const http::request_parser<http::string_body>& parser) {
  return beast::iequals(parser.get()[http::field::expect], "100-continue");
}

// How long to wait before accepting again after `ec`: running out of descriptors or memory
// does not end by retrying at once.
std::chrono::milliseconds accept_backoff(const error_code& ec, std::chrono::milliseconds last) {
  if (ec == asio::error::no_descriptors || ec == asio::error::no_buffer_space ||
      ec == asio::error::no_memory || ec.value() == ENFILE)
    return std::clamp(last * 2, std::chrono::milliseconds(50), std::chrono::milliseconds(1000));
  return std::chrono::milliseconds(10);
}

constexpr std::string_view kBusyResponse =
    "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 1\r\n"
    "Connection: close\r\nContent-Length: 78\r\n\r\n"
    R"({"error":{"code":"unavailable","message":"too many connections, retry later"}})";
}  // namespace

struct HttpServer::Impl : std::enable_shared_from_this<Impl> {
  // One connection: its stream lives here so stop() can reach it on the connection's strand.
  struct Connection {
    beast::tcp_stream stream;
    bool busy = false;
  };

  Impl(asio::io_context& io, ServerConfig c, const Router& r, RequestMeter& m)
      : io(io),
        config(std::move(c)),
        router(r),
        metrics(m),
        acceptor(asio::make_strand(io)) {}

  asio::io_context& io;
  ServerConfig config;
  const Router& router;
  RequestMeter& metrics;
  tcp::acceptor acceptor;
  bool per_route_limits = false;  ///< some route takes another body size (set at start)
  mutable std::mutex mutex;
  std::set<std::shared_ptr<Connection>> connections;
  std::atomic<bool> stopping{false};
  /// Connections over the cap being answered 503 (each for at most a second).
  static constexpr int kMaxRefusing = 64;
  std::atomic<int> refusing{0};

  asio::awaitable<void> async_accept_loop() {
    static core::LogThrottle throttle;
    std::chrono::milliseconds backoff{0};
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(io), kTuple);
      if (ec) {
        if (stopping || ec == asio::error::operation_aborted) co_return;
        backoff = accept_backoff(ec, backoff);
        if (auto suppressed = throttle.pass())
          spdlog::warn("http: accept failed: {}; waiting {} ms ({} more since the last line)",
                       ec.message(), backoff.count(), *suppressed);
        asio::steady_timer pause(acceptor.get_executor(), backoff);
        co_await pause.async_wait(kTuple);
        continue;
      }
      backoff = std::chrono::milliseconds(0);
      if (connections_open() >= config.max_connections) {
        // Told so while few are being told; in a flood, closed at once (every cost bounded).
        if (refusing.fetch_add(1) >= kMaxRefusing) {
          refusing.fetch_sub(1);
          error_code ignored;
          socket.close(ignored);
          continue;
        }
        asio::co_spawn(socket.get_executor(), async_refuse_busy(std::move(socket)),
                       [self = shared_from_this()](std::exception_ptr) { self->refusing.fetch_sub(1); });
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

  std::size_t connections_open() {
    std::lock_guard lock(mutex);
    return connections.size();
  }

  // Over the connection cap: a short 503 and close, without reading the request.
  static asio::awaitable<void> async_refuse_busy(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    stream.expires_after(std::chrono::seconds(1));
    co_await asio::async_write(stream, asio::buffer(kBusyResponse), kTuple);
    error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
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

  // The header, then (after "100 Continue" when the client asked for it) the body.
  // The header first, then the body under the route's own limit (the parser starts with the
  // largest limit of any route, so that no header is refused for a body another route takes).
  asio::awaitable<error_code> async_read_request(beast::tcp_stream& stream,
                                                 beast::flat_buffer& buffer,
                                                 http::request_parser<http::string_body>& parser) {
    auto [ec, _] = co_await http::async_read_header(stream, buffer, parser, kTuple);
    if (ec) co_return ec;
    if (ambiguous_framing(parser)) co_return http::error::bad_transfer_encoding;
    if (per_route_limits) {
      const auto limit = router.body_limit(parser.get().method(), parser.get().target())
                             .value_or(config.max_body_bytes);
      if (const auto length = parser.content_length(); length && *length > limit)
        co_return http::error::body_limit;
      parser.body_limit(limit);
    }
    if (expects_continue(parser) && !parser.is_done()) {
      http::response<http::empty_body> go_on{http::status::continue_, parser.get().version()};
      auto [wec, __] = co_await http::async_write(stream, go_on, kTuple);
      if (wec) co_return wec;
    }
    auto [rec, ___] = co_await http::async_read(stream, buffer, parser, kTuple);
    co_return rec;
  }

  // Chunks of one streamed reply, each written within the read timeout; none once stopping.
  // The head (200 text/event-stream, chunked) goes with the first chunk, so that a handler can
  // still refuse the request with an ordinary response (401, 403) before it streams.
  class ChunkedStream final : public EventStream {
   public:
    ChunkedStream(beast::tcp_stream& stream, const std::atomic<bool>& stopping,
                  std::chrono::milliseconds timeout, unsigned version)
        : stream_(stream), stopping_(stopping), timeout_(timeout), version_(version) {}

    asio::awaitable<bool> async_send(std::string data) override {
      if (stopping_ || failed_ || refused_) co_return false;
      if (!opened_) {
        opened_ = true;
        http::response<http::empty_body> head{http::status::ok, version_};
        head.set(http::field::content_type, "text/event-stream");
        head.set(http::field::cache_control, "no-cache");
        head.keep_alive(false);
        head.chunked(true);
        http::response_serializer<http::empty_body> serializer{head};
        stream_.expires_after(timeout_);
        auto [ec, _] = co_await http::async_write_header(stream_, serializer, kTuple);
        failed_ = static_cast<bool>(ec);
        if (failed_) co_return false;
      }
      if (data.empty()) co_return true;  // an empty chunk would end the reply
      stream_.expires_after(timeout_);
      auto [ec, _] = co_await asio::async_write(
          stream_, http::make_chunk(asio::buffer(data)), kTuple);
      failed_ = static_cast<bool>(ec);
      co_return !failed_;
    }

    asio::awaitable<void> async_refuse(Response response) override {
      if (opened_ || refused_) co_return;
      refused_ = true;
      status_ = response.result_int();
      response.keep_alive(false);
      stream_.expires_after(timeout_);
      co_await http::async_write(stream_, response, kTuple);
    }

    // After the handler: the last chunk of an opened stream (an empty one is opened first).
    asio::awaitable<void> async_finish() {
      if (refused_ || failed_) co_return;
      if (!opened_) {
        const bool opened = co_await async_send(std::string());  // (no co_await in an if)
        if (!opened) co_return;
      }
      stream_.expires_after(timeout_);
      co_await asio::async_write(stream_, http::make_chunk_last(), kTuple);
    }
    bool refused() const { return refused_; }
    int status() const { return status_; }

   private:
    beast::tcp_stream& stream_;
    const std::atomic<bool>& stopping_;
    std::chrono::milliseconds timeout_;
    unsigned version_;
    bool opened_ = false;
    bool refused_ = false;
    bool failed_ = false;
    int status_ = 200;
  };

  // A streaming route: whatever the handler sends, then the last chunk when it returns (the
  // connection closes after it). Returns the status the client saw.
  asio::awaitable<int> async_stream(beast::tcp_stream& stream, const StreamHandler& handler,
                                    Request request, RouteParams params) {
    ChunkedStream chunks(stream, stopping, config.read_timeout, request.version());
    co_await handler(std::move(request), std::move(params), chunks);
    co_await chunks.async_finish();
    co_return chunks.status();
  }

  asio::awaitable<void> async_session(std::shared_ptr<Connection> conn) {
    beast::flat_buffer buffer;
    auto& stream = conn->stream;
    error_code peer_ec;
    const auto peer = stream.socket().remote_endpoint(peer_ec).address().to_string();
    while (!stopping) {
      http::request_parser<http::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(config.max_header_bytes));
      parser.body_limit(per_route_limits
                            ? std::max(config.max_body_bytes, router.largest_body_limit())
                            : config.max_body_bytes);
      stream.expires_after(config.read_timeout);
      auto ec = co_await async_read_request(stream, buffer, parser);
      if (ec == http::error::bad_transfer_encoding) {
        auto refusal = error_response(ApiError::bad_request, "unsupported or ambiguous framing",
                                      11, false);
        metrics.record_request("unparsed", refusal.result_int(), {});
        co_await http::async_write(stream, refusal, kTuple);
        co_await async_linger(stream);
        break;
      }
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
      metrics.request_started();
      const auto started = std::chrono::steady_clock::now();
      auto request = parser.release();
      const bool keep_alive = request.keep_alive();
      auto match = router.match(request);
      match.params.insert_or_assign(std::string(kPeerParam), peer);
      if (match.stream) {  // the connection belongs to the stream until it ends
        const int status =
            co_await async_stream(stream, *match.stream, std::move(request), std::move(match.params));
        metrics.record_request(match.pattern, status, {});
        metrics.request_finished();
        break;
      }
      Response response;  // (GCC 12 miscompiles a co_await inside ?:)
      if (match.response)
        response = std::move(*match.response);
      else
        response = co_await (*match.handler)(std::move(request), std::move(match.params));
      response.keep_alive(keep_alive && !stopping);
      metrics.record_request(match.pattern, response.result_int(),
                             std::chrono::steady_clock::now() - started);
      stream.expires_after(config.read_timeout);
      auto [wec, __] = co_await http::async_write(stream, response, kTuple);
      conn->busy = false;
      metrics.request_finished();
      if (wec || !response.keep_alive()) break;
    }
    error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.socket().close(ignored);
  }
};

HttpServer::HttpServer(asio::io_context& io, ServerConfig config, const Router& router,
                       RequestMeter& metrics)
    : impl_(std::make_shared<Impl>(io, std::move(config), router, metrics)) {}

HttpServer::~HttpServer() {
  stop();
}

void HttpServer::start(bool reuse_port) {
  impl_->per_route_limits = impl_->router.has_limits_other_than(impl_->config.max_body_bytes);
  auto& a = impl_->acceptor;
  tcp::endpoint ep(asio::ip::make_address(impl_->config.host), impl_->config.port);
  a.open(ep.protocol());
  a.set_option(asio::socket_base::reuse_address(true));
  if (reuse_port)
    a.set_option(asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>(true));
  a.bind(ep);
  a.listen(asio::socket_base::max_listen_connections);
  // The handler holds the server until the loop has ended: a stop completes the pending accept
  // later, possibly after the HttpServer object itself is gone.
  asio::co_spawn(a.get_executor(), impl_->async_accept_loop(),
                 [impl = impl_](std::exception_ptr e) {
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

}  // namespace ombud::http

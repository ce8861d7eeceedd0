#include "store/redis_client.hpp"

#include "store/detail/completion.hpp"
#include "store/detail/hiredis_reply.hpp"
#include "store/errors.hpp"

#include <hiredis/async.h>
#include <hiredis/hiredis.h>
#include <spdlog/spdlog.h>
#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/url/parse.hpp>

#include <atomic>
#include <deque>
#include <optional>

namespace ombud::store {

namespace asio = boost::asio;
using boost::system::error_code;
using Clock = std::chrono::steady_clock;
using Handler = asio::any_completion_handler<void(error_code, Reply)>;
using detail::complete;
using detail::to_reply;

namespace detail {

Reply to_reply(const redisReply* r) {
  Reply out;
  switch (r->type) {
    case REDIS_REPLY_STRING:
      out.type = Reply::Type::string;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_STATUS:
      out.type = Reply::Type::status;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_ERROR:
      out.type = Reply::Type::error;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_INTEGER:
      out.type = Reply::Type::integer;
      out.integer = r->integer;
      break;
    case REDIS_REPLY_ARRAY:
      out.type = Reply::Type::array;
      out.elements.reserve(r->elements);
      for (size_t i = 0; i < r->elements; ++i) out.elements.push_back(to_reply(r->element[i]));
      break;
    default:
      out.type = Reply::Type::nil;
  }
  return out;
}

}  // namespace detail

namespace {}  // namespace

// Everything below runs on `strand`: hiredis is not thread-safe, and its hooks, callbacks and
// our bookkeeping all touch the same context.
struct RedisClient::Impl : std::enable_shared_from_this<Impl> {
  struct Op {
    Handler handler;  // empty once completed
    Clock::time_point deadline;
  };

  Impl(asio::any_io_executor ex, RedisOptions o)
      : strand(asio::make_strand(ex)),
        options(std::move(o)),
        watchdog(strand),
        reconnect_timer(strand),
        backoff(options.reconnect_min) {}

  // The last reference can go while the context is still open: stop() posted to an io_context
  // that no longer runs (the process is exiting). The context is freed here then, its
  // waiting operations destroyed rather than completed: nobody is left to resume.
  ~Impl() {
    stopped = true;
    pending.clear();
    if (ac) redisAsyncFree(ac);
  }

  asio::strand<asio::any_io_executor> strand;
  RedisOptions options;
  asio::steady_timer watchdog;
  asio::steady_timer reconnect_timer;
  std::chrono::milliseconds backoff;

  redisAsyncContext* ac = nullptr;  // the live context, or null between connections
  std::optional<asio::posix::stream_descriptor> socket;
  std::uint64_t generation = 0;  // bumped per context so stale waits do nothing
  bool want_read = false, want_write = false, read_armed = false, write_armed = false;
  bool flush_posted = false;
  bool watchdog_armed = false;
  Clock::time_point connect_deadline{};
  std::deque<Op> pending;  // in send order; hiredis answers in the same order
  std::atomic<bool> is_connected{false};
  bool stopped = false;

  // --- connection lifecycle -----------------------------------------------------------------

  void connect() {
    if (stopped || ac) return;
    const auto& ep = options.endpoint;
    redisAsyncContext* c = ep.unix_path.empty() ? redisAsyncConnect(ep.host.c_str(), ep.port)
                                                : redisAsyncConnectUnix(ep.unix_path.c_str());
    if (c == nullptr || c->err) {
      spdlog::warn("redis: connect to {} failed: {}", ep.describe(), c ? c->errstr : "oom");
      if (c) redisAsyncFree(c);
      schedule_reconnect();
      return;
    }
    ac = c;
    ++generation;
    want_read = want_write = read_armed = write_armed = flush_posted = false;
    socket.emplace(strand, c->c.fd);
    c->ev.data = this;
    c->ev.addRead = [](void* p) { static_cast<Impl*>(p)->add_read(); };
    c->ev.delRead = [](void* p) { static_cast<Impl*>(p)->want_read = false; };
    c->ev.addWrite = [](void* p) { static_cast<Impl*>(p)->add_write(); };
    c->ev.delWrite = [](void* p) { static_cast<Impl*>(p)->want_write = false; };
    c->ev.cleanup = [](void* p) { static_cast<Impl*>(p)->on_cleanup(); };
    redisAsyncSetConnectCallback(c, &Impl::on_connect);
    connect_deadline = Clock::now() + options.connect_timeout;
    if (!ep.password.empty()) send_internal({"AUTH", ep.password});
    if (ep.db != 0) send_internal({"SELECT", std::to_string(ep.db)});
    arm_watchdog();
  }

  static void on_connect(const redisAsyncContext* c, int status) noexcept {
    auto* self = static_cast<Impl*>(c->ev.data);
    if (status != REDIS_OK) {
      spdlog::warn("redis: cannot connect to {}: {}", self->options.endpoint.describe(),
                   c->errstr ? c->errstr : "error");
      return;  // hiredis frees the context next; on_cleanup schedules the reconnect
    }
    self->is_connected = true;
    self->backoff = self->options.reconnect_min;
    spdlog::info("redis: connected to {}", self->options.endpoint.describe());
  }

  // hiredis is freeing the context (error, EOF or our own free) and will close the fd.
  void on_cleanup() noexcept {
    if (socket) {
      socket->release();  // hiredis owns the fd; release() also cancels our waits
      socket.reset();
    }
    ac = nullptr;
    ++generation;
    if (is_connected.exchange(false) && !stopped)
      spdlog::warn("redis: connection to {} lost", options.endpoint.describe());
    if (!stopped)  // never from the destructor, where shared_from_this() cannot be had
      asio::post(strand, [self = shared_from_this()] { self->schedule_reconnect(); });
  }

  void schedule_reconnect() {
    if (stopped || ac) return;
    reconnect_timer.expires_after(backoff);
    backoff = std::min(backoff * 2, options.reconnect_max);
    reconnect_timer.async_wait([self = shared_from_this()](error_code ec) {
      if (!ec) self->connect();
    });
  }

  // --- the reactor hooks ----------------------------------------------------------------------

  void add_read() {
    want_read = true;
    if (read_armed || !socket) return;
    read_armed = true;
    socket->async_wait(asio::posix::descriptor_base::wait_read,
                       [self = shared_from_this(), gen = generation](error_code ec) {
                         if (gen != self->generation) return;
                         self->read_armed = false;
                         if (ec || !self->want_read) return;
                         redisAsyncHandleRead(self->ac);
                         if (gen == self->generation && self->want_read) self->add_read();
                       });
  }

  // Once connected, writes are flushed from a handler posted to the strand rather than after a
  // writability wait: every command queued before it runs goes out in one write(2), and the
  // socket is almost always writable. Only a full socket buffer falls back to waiting.
  void add_write() {
    want_write = true;
    if (!is_connected) return arm_write_wait();  // hiredis learns of the connect this way
    if (flush_posted || write_armed) return;
    flush_posted = true;
    asio::post(strand, [self = shared_from_this(), gen = generation] {
      if (gen != self->generation) return;
      self->flush_posted = false;
      if (!self->want_write) return;
      redisAsyncHandleWrite(self->ac);
      if (gen == self->generation && self->want_write) self->arm_write_wait();
    });
  }

  void arm_write_wait() {
    if (write_armed || !socket) return;
    write_armed = true;
    socket->async_wait(asio::posix::descriptor_base::wait_write,
                       [self = shared_from_this(), gen = generation](error_code ec) {
                         if (gen != self->generation) return;
                         self->write_armed = false;
                         if (ec || !self->want_write) return;
                         redisAsyncHandleWrite(self->ac);
                         if (gen == self->generation && self->want_write) self->add_write();
                       });
  }

  // --- commands -------------------------------------------------------------------------------

  static void on_reply(redisAsyncContext* c, void* r, void*) noexcept {
    auto* self = static_cast<Impl*>(c->ev.data);
    if (self->pending.empty()) return;
    Op op = std::move(self->pending.front());
    self->pending.pop_front();
    if (!op.handler) return;  // already failed by the watchdog
    if (r == nullptr) {
      complete(op.handler, make_error_code(StoreError::connection_lost), Reply{});
    } else {
      complete(op.handler, error_code{}, to_reply(static_cast<redisReply*>(r)));
    }
  }

  void submit(Argv argv, std::chrono::milliseconds timeout, Handler handler) {
    if (!ac) {
      complete(handler, make_error_code(StoreError::not_connected), Reply{});
      return;
    }
    std::vector<const char*> ptrs;
    std::vector<size_t> lens;
    ptrs.reserve(argv.size());
    lens.reserve(argv.size());
    for (const auto& a : argv) {
      ptrs.push_back(a.data());
      lens.push_back(a.size());
    }
    if (redisAsyncCommandArgv(ac, &Impl::on_reply, nullptr, static_cast<int>(argv.size()),
                              ptrs.data(), lens.data()) != REDIS_OK) {
      complete(handler, make_error_code(StoreError::not_connected), Reply{});
      return;
    }
    pending.push_back(Op{std::move(handler), Clock::now() + timeout});
    arm_watchdog();
  }

  void send_internal(Argv argv) {
    auto handler = [cmd = argv.front()](error_code ec, Reply reply) {
      if (ec || reply.is_error())
        spdlog::error("redis: {} failed: {}", cmd, ec ? ec.message() : reply.str);
    };
    submit(std::move(argv), options.connect_timeout + options.command_timeout,
           Handler(asio::bind_executor(strand, std::move(handler))));
  }

  // --- deadlines ------------------------------------------------------------------------------

  std::optional<Clock::time_point> next_deadline() const {
    std::optional<Clock::time_point> next;
    for (const auto& op : pending) {
      if (op.handler) {
        next = op.deadline;
        break;
      }
    }
    if (ac && !is_connected && (!next || connect_deadline < *next)) next = connect_deadline;
    return next;
  }

  void arm_watchdog() {
    if (watchdog_armed) return;
    auto next = next_deadline();
    if (!next) return;
    watchdog_armed = true;
    watchdog.expires_at(*next);
    watchdog.async_wait([self = shared_from_this()](error_code) {
      self->watchdog_armed = false;
      self->check_deadlines();
    });
  }

  // Replies come in order, so one overdue command means the connection is stuck: fail
  // everything in flight and replace the connection.
  void check_deadlines() {
    const auto now = Clock::now();
    auto next = next_deadline();
    if (next && *next <= now) {
      spdlog::warn("redis: {} did not answer in time; reconnecting", options.endpoint.describe());
      drop_connection(StoreError::timed_out);
      return;
    }
    arm_watchdog();
  }

  void drop_connection(StoreError why) {
    for (auto& op : pending)
      if (op.handler) complete(op.handler, make_error_code(why), Reply{});
    if (ac) redisAsyncFree(ac);  // runs on_reply(null) for each op, then on_cleanup
    pending.clear();
  }

  void stop() {
    stopped = true;
    reconnect_timer.cancel();
    watchdog.cancel();
    drop_connection(StoreError::connection_lost);
  }
};

RedisClient::RedisClient(asio::any_io_executor executor, RedisOptions options)
    : impl_(std::make_shared<Impl>(std::move(executor), std::move(options))) {}

RedisClient::~RedisClient() {
  stop();
}

void RedisClient::start() {
  asio::dispatch(impl_->strand, [impl = impl_] { impl->connect(); });
}

void RedisClient::stop() {
  asio::dispatch(impl_->strand, [impl = impl_] { impl->stop(); });
}

bool RedisClient::connected() const noexcept {
  return impl_->is_connected;
}
const RedisOptions& RedisClient::options() const noexcept {
  return impl_->options;
}

asio::any_io_executor RedisClient::get_executor() const noexcept {
  return impl_->strand.get_inner_executor();
}

asio::awaitable<bool> RedisClient::async_ping() {
  auto pong = co_await async_command(command("PING"));
  co_return pong && !pong->is_error();
}

asio::awaitable<boost::system::result<Reply>> RedisClient::async_command(Argv argv) {
  return async_command(std::move(argv), impl_->options.command_timeout);
}

asio::awaitable<boost::system::result<Reply>> RedisClient::async_command(
    Argv argv, std::chrono::milliseconds timeout) {
  auto initiation = [](auto handler, std::shared_ptr<Impl> impl, Argv argv,
                       std::chrono::milliseconds timeout) {
    asio::dispatch(impl->strand, [impl, argv = std::move(argv), timeout,
                                  h = Handler(std::move(handler))]() mutable {
      impl->submit(std::move(argv), timeout, std::move(h));
    });
  };
  auto token = asio::as_tuple(asio::use_awaitable);
  auto [ec, reply] = co_await asio::async_initiate<decltype(token), void(error_code, Reply)>(
      initiation, token, impl_, std::move(argv), timeout);
  if (ec) co_return ec;
  co_return std::move(reply);
}

boost::system::result<RedisEndpoint> RedisEndpoint::parse(std::string_view text) {
  auto url = boost::urls::parse_uri(text);
  if (!url) return url.error();
  RedisEndpoint ep;
  if (url->scheme() == "unix") {
    ep.unix_path = std::string(url->path());
    for (auto p : url->params())
      if (p.key == "db") ep.db = std::stoi(std::string(p.value));
  } else if (url->scheme() == "redis") {
    ep.host = std::string(url->host());
    if (url->has_port()) ep.port = url->port_number();
    if (url->has_password()) ep.password = std::string(url->password());
    auto path = std::string(url->path());
    if (path.size() > 1) ep.db = std::stoi(path.substr(1));
  } else {
    return boost::system::errc::make_error_code(boost::system::errc::invalid_argument);
  }
  if (ep.unix_path.empty() && ep.host.empty())
    return boost::system::errc::make_error_code(boost::system::errc::invalid_argument);
  return ep;
}

std::string RedisEndpoint::describe() const {
  if (!unix_path.empty()) return "unix:" + unix_path;
  return host + ":" + std::to_string(port);
}

}  // namespace ombud::store

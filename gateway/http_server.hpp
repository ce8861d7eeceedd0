#pragma once
// The Beast HTTP/1.1 server: keep-alive, header and body limits, read timeouts, graceful stop.

#include "gateway/config.hpp"
#include "gateway/metrics.hpp"
#include "gateway/router.hpp"

#include <boost/asio/io_context.hpp>

#include <memory>

namespace ombud::gateway {

class HttpServer {
 public:
  /// `router` and `metrics` must outlive the server.
  HttpServer(boost::asio::io_context& io, ServerConfig config, const Router& router,
             Metrics& metrics);
  ~HttpServer();

  /// Binds and starts accepting; throws std::system_error when the address is taken. With
  /// `reuse_port`, several servers (one per io thread) share the port and the kernel spreads
  /// the connections among them (SO_REUSEPORT).
  void start(bool reuse_port = false);
  /// The bound port (useful with port 0).
  unsigned short port() const;
  /// Stops accepting, closes idle connections, and lets requests in flight finish; each of
  /// those connections closes after its response. Thread-safe.
  void stop();
  /// Connections still open.
  std::size_t connections() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace ombud::gateway

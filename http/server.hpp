#pragma once
// The Beast HTTP/1.1 server: keep-alive, header and body limits, read timeouts, graceful stop.

#include "core/config_reader.hpp"
#include "http/router.hpp"

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace ombud::http {

struct ServerConfig {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  std::string public_base_url;  ///< how providers reach us (TLS proxy in front), no trailing '/'
  int threads = 0;              ///< io threads, each with its own io_context; 0: one per core
  std::size_t max_body_bytes = 64 * 1024;  ///< for routes that set no limit of their own
  std::size_t max_header_bytes = 8 * 1024;
  std::chrono::milliseconds read_timeout{10000};
  std::chrono::milliseconds shutdown_grace{5000};
  /// Open connections, all io threads together; past it a new connection gets 503 and is
  /// closed. Kept below the file-descriptor limit at start-up.
  std::size_t max_connections = 10000;
  /// When set, GET /metrics needs "Authorization: Bearer <token>" (else 401).
  std::string metrics_token;
};

/// Reads server: (public_base_url required).
void read_server_config(core::Section section, ServerConfig& config);

/// Where the server reports what it answers (the process metrics).
class RequestMeter {
 public:
  virtual ~RequestMeter() = default;
  virtual void request_started() = 0;
  virtual void request_finished() = 0;
  /// One answered request under its route pattern ("unparsed" for one refused while reading).
  virtual void record_request(std::string_view route, unsigned status,
                              std::chrono::nanoseconds latency) = 0;
};

class HttpServer {
 public:
  /// `router` and `meter` must outlive the server.
  HttpServer(boost::asio::io_context& io, ServerConfig config, const Router& router,
             RequestMeter& meter);
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

}  // namespace ombud::http

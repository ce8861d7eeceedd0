#include "tests/support/http_client.hpp"

#include <sys/socket.h>
#include <sys/time.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

namespace ombud::test {

namespace asio = boost::asio;
namespace http = boost::beast::http;

HttpResult send_raw(unsigned short port, const std::string& raw) {
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  boost::system::error_code ec;
  socket.connect({asio::ip::make_address("127.0.0.1"), port}, ec);
  if (ec) return {};
  asio::write(socket, asio::buffer(raw), ec);
  boost::beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(16 << 20);
  http::read(socket, buffer, parser, ec);
  if (ec) return {};
  HttpResult out;
  auto res = parser.release();
  out.status = res.result_int();
  for (const auto& field : res) out.headers[std::string(field.name_string())] = field.value();
  out.body = res.body();
  return out;
}

std::string send_raw_read_all(unsigned short port, const std::string& raw,
                              std::chrono::milliseconds timeout) {
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  boost::system::error_code ec;
  socket.connect({asio::ip::make_address("127.0.0.1"), port}, ec);
  if (ec) return {};
  timeval tv{static_cast<time_t>(timeout.count() / 1000),
             static_cast<suseconds_t>(timeout.count() % 1000 * 1000)};
  setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  asio::write(socket, asio::buffer(raw), ec);
  std::string out;
  char chunk[4096];
  for (;;) {
    const auto n = ::recv(socket.native_handle(), chunk, sizeof chunk, 0);
    if (n <= 0) break;
    out.append(chunk, static_cast<std::size_t>(n));
  }
  return out;
}

HttpResult request(unsigned short port, const std::string& method, const std::string& target,
                   const std::string& body,
                   const std::vector<std::pair<std::string, std::string>>& headers) {
  std::string raw = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const auto& [k, v] : headers) raw += k + ": " + v + "\r\n";
  raw += "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n";
  raw += body;
  return send_raw(port, raw);
}

HttpResult post_webhook(unsigned short port, const demo::SignedWebhook& hook) {
  return request(port, "POST", hook.target, hook.body,
                 {{"Content-Type", "application/x-www-form-urlencoded"},
                  {"X-Twilio-Signature", hook.signature},
                  {"User-Agent", "TwilioProxy/1.1"}});
}

}  // namespace ombud::test

#include "channels/common/http_client.hpp"

#include "channels/common/base64.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

#include <optional>

namespace ombud::channels {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using boost::system::error_code;
using boost::system::result;

namespace {
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
}

struct HttpClient::Impl {
  Impl(asio::any_io_executor ex, std::chrono::milliseconds t)
      : executor(std::move(ex)), timeout(t) {}

  // Loading the system's CA certificates costs milliseconds of CPU, so it happens once per
  // process, on first use of https (plain-http clients, like the tests' and benchmarks', never
  // pay). An ssl::context is safe to share between streams on any thread.
  static asio::ssl::context& tls() {
    static asio::ssl::context context = [] {
      asio::ssl::context c(asio::ssl::context::tls_client);
      c.set_default_verify_paths();
      c.set_verify_mode(asio::ssl::verify_peer);
      return c;
    }();
    return context;
  }

  asio::any_io_executor executor;
  std::chrono::milliseconds timeout;
  std::string origin;  // scheme://host:port of the open connection
  std::optional<beast::tcp_stream> plain;
  std::optional<beast::ssl_stream<beast::tcp_stream>> secure;
  beast::flat_buffer buffer;
  bool may_have_arrived = false;

  beast::tcp_stream& tcp() { return secure ? beast::get_lowest_layer(*secure) : *plain; }

  void close() {
    if (plain || secure) {
      error_code ignored;
      tcp().socket().close(ignored);
    }
    plain.reset();
    secure.reset();
    origin.clear();
    buffer.clear();
  }

  asio::awaitable<error_code> connect(bool https, std::string host, std::string port) {
    close();
    asio::ip::tcp::resolver resolver(executor);
    auto [ec, endpoints] = co_await resolver.async_resolve(host, port, kTuple);
    if (ec) co_return ec;
    if (https) {
      secure.emplace(executor, tls());
      if (!SSL_set_tlsext_host_name(secure->native_handle(), host.c_str()))
        co_return error_code(static_cast<int>(::ERR_get_error()), asio::error::get_ssl_category());
      secure->set_verify_callback(asio::ssl::host_name_verification(host));
    } else {
      plain.emplace(executor);
    }
    tcp().expires_after(timeout);
    auto [cec, _] = co_await tcp().async_connect(endpoints, kTuple);
    if (cec) co_return cec;
    if (https) {
      auto [hec] = co_await secure->async_handshake(asio::ssl::stream_base::client, kTuple);
      if (hec) co_return hec;
    }
    co_return error_code{};
  }

  template <typename Stream>
  asio::awaitable<result<HttpResponse>> exchange(Stream& stream,
                                                 http::request<http::string_body>& req) {
    tcp().expires_after(timeout);
    may_have_arrived = true;
    auto [wec, _] = co_await http::async_write(stream, req, kTuple);
    if (wec) co_return wec;
    http::response_parser<http::string_body> parser;
    parser.body_limit(1 << 20);
    auto [rec, __] = co_await http::async_read(stream, buffer, parser, kTuple);
    if (rec) co_return rec;
    auto res = parser.release();
    if (!res.keep_alive()) close();
    co_return HttpResponse{res.result_int(), std::move(res.body())};
  }
};

HttpClient::HttpClient(asio::any_io_executor executor, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>(std::move(executor), timeout)) {}

HttpClient::~HttpClient() = default;

asio::awaitable<result<HttpResponse>> HttpClient::async_request(HttpRequest request) {
  auto url = boost::urls::parse_uri(request.url);
  if (!url) co_return url.error();
  const bool https = url->scheme() == "https";
  std::string host(url->host());
  std::string port = url->has_port() ? std::string(url->port()) : (https ? "443" : "80");
  std::string origin = std::string(url->scheme()) + "://" + host + ":" + port;
  std::string target(url->encoded_target());
  if (target.empty()) target = "/";

  http::request<http::string_body> req{http::string_to_verb(request.method), target, 11};
  req.set(http::field::host, url->has_port() ? host + ":" + port : host);
  req.set(http::field::user_agent, "ombud/0.1");
  for (auto& [k, v] : request.headers) req.set(k, v);
  req.body() = std::move(request.body);
  req.keep_alive(true);
  req.prepare_payload();

  impl_->may_have_arrived = false;
  for (int attempt = 0; attempt < 2; ++attempt) {
    const bool reused = impl_->origin == origin;
    if (!reused) {
      const auto ec = co_await impl_->connect(https, host, port);
      if (ec) {
        impl_->close();
        co_return ec;
      }
      impl_->origin = origin;
    }
    result<HttpResponse> res = error_code{};
    if (https)
      res = co_await impl_->exchange(*impl_->secure, req);  // no co_await in ?: (GCC 12)
    else
      res = co_await impl_->exchange(*impl_->plain, req);
    if (res) co_return res;
    impl_->close();
    const auto ec = res.error();
    const bool stale = ec == http::error::end_of_stream || ec == asio::error::connection_reset ||
                       ec == asio::error::broken_pipe;
    if (!(reused && stale)) co_return ec;  // only a dead kept-alive connection is retried
  }
  co_return error_code(asio::error::connection_aborted);
}

bool HttpClient::may_have_arrived() const noexcept {
  return impl_->may_have_arrived;
}

std::string basic_auth(std::string_view user, std::string_view password) {
  return "Basic " + detail::base64(std::string(user) + ":" + std::string(password));
}

}  // namespace ombud::channels

#pragma once
// A small HTTP/1.1 client for provider APIs: http:// and https:// (OpenSSL, peer verified),
// one kept-alive connection per client, a deadline per request.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/system/result.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ombud::channels {

struct HttpResponse {
  unsigned status = 0;
  std::string body;
};

struct HttpRequest {
  std::string method = "POST";
  std::string url;  ///< absolute: http(s)://host[:port]/path?query
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

/// Not thread-safe: one request at a time per client (an outbox worker owns one).
class HttpClient {
 public:
  explicit HttpClient(boost::asio::any_io_executor executor,
                      std::chrono::milliseconds timeout = std::chrono::seconds(10));
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  /// Sends the request and reads the whole response. Network failures and timeouts are
  /// errors; any HTTP status is a response. A kept-alive connection the server has closed is
  /// replaced and the request sent once more.
  boost::asio::awaitable<boost::system::result<HttpResponse>> async_request(HttpRequest request);

  /// After async_request failed: true when the request may have reached the server (its
  /// writing had begun), false when it certainly did not (no connection could be made).
  bool may_have_arrived() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// "Basic base64(user:password)".
std::string basic_auth(std::string_view user, std::string_view password);

}  // namespace ombud::channels

#pragma once
// A blocking HTTP client for tests: sends exactly the bytes given and reads one response.

#include "tools/demo/simulated_customer.hpp"

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace ombud::test {

struct HttpResult {
  unsigned status = 0;  ///< 0: no response (connection refused or closed)
  std::map<std::string, std::string> headers;
  std::string body;
};

/// Sends `raw` (a whole HTTP/1.1 request) to 127.0.0.1:port and reads the response.
HttpResult send_raw(unsigned short port, const std::string& raw);

/// Sends `raw` and returns every byte the server wrote until it closed the connection (or
/// `timeout` passed): for checking that nothing more than one response came back.
std::string send_raw_read_all(unsigned short port, const std::string& raw,
                              std::chrono::milliseconds timeout = std::chrono::seconds(3));

/// A request with Content-Length and Connection: close computed here.
HttpResult request(unsigned short port, const std::string& method, const std::string& target,
                   const std::string& body = "",
                   const std::vector<std::pair<std::string, std::string>>& headers = {});

/// POSTs a signed Twilio webhook as Twilio sends it.
HttpResult post_webhook(unsigned short port, const demo::SignedWebhook& hook);

}  // namespace ombud::test

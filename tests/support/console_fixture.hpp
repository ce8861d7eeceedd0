#pragma once
// The agent console through real HTTP: a ConsoleTest makes accounts with `ombud agents add`
// and calls the API with their tokens; an SseClient reads the live feed over a plain socket.

#include "gateway/offline.hpp"
#include "tests/support/desk_fixture.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <sstream>

namespace ombud::test {

namespace json = boost::json;

// Reads a server-sent-event stream over a plain socket: what arrived until `events` events
// came or `timeout` passed.
class SseClient {
 public:
  SseClient(unsigned short port, const std::string& token, const std::string& last_id = "") {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval tv{0, 100 * 1000};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return;
    std::string req = "GET /api/v1/events HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer " + token + "\r\n";
    if (!last_id.empty()) req += "Last-Event-ID: " + last_id + "\r\n";
    req += "\r\n";
    [[maybe_unused]] auto n = ::write(fd_, req.data(), req.size());
  }
  ~SseClient() { close(); }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  /// Reads until the stream holds `events` events named `ticket` or `timeout` passes; with
  /// `events` 0, for the whole `timeout`.
  const std::string& read_until(std::size_t events, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while ((events == 0 || count("event: ticket") < events) && std::chrono::steady_clock::now() < deadline) {
      char buf[4096];
      const auto n = ::read(fd_, buf, sizeof buf);
      if (n > 0) text_.append(buf, static_cast<std::size_t>(n));
      if (n == 0) break;
    }
    return text_;
  }
  std::size_t count(const std::string& what) const {
    std::size_t n = 0;
    for (auto at = text_.find(what); at != std::string::npos; at = text_.find(what, at + 1)) ++n;
    return n;
  }
  /// The id of the last event read.
  std::string last_id() const {
    const auto at = text_.rfind("id: ");
    return at == std::string::npos ? "" : text_.substr(at + 4, text_.find('\n', at) - at - 4);
  }
  const std::string& text() const { return text_; }

 private:
  int fd_ = -1;
  std::string text_;
};

class ConsoleTest : public DeskTest {
 protected:
  std::string extra_ticket_settings() const override { return tickets_extra_; }

  /// Makes an account with `ombud agents add` and returns its token.
  std::string agent(const std::string& role, const std::string& department = "",
                    const std::string& phone = "", const std::string& name = "李工") {
    std::ostringstream out;
    gateway::AgentCommand c{"add", "", name, role, department, phone};
    EXPECT_EQ(gateway::run_agents(app_->config(), c, out), 0);
    const auto text = out.str();
    const auto at = text.find("omb_");
    return at == std::string::npos ? "" : text.substr(at, 68);
  }

  HttpResult call(const std::string& token, const std::string& method, const std::string& target,
                  const std::string& body = "",
                  std::vector<std::pair<std::string, std::string>> headers = {}) {
    headers.emplace_back("Authorization", "Bearer " + token);
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    return request(app_->port(), method, target, body, headers);
  }

  json::value body(const HttpResult& r) {
    boost::system::error_code ec;
    auto v = json::parse(r.body, ec);
    EXPECT_FALSE(ec) << r.status << " " << r.body;
    return v;
  }

  /// A complaint, once its analysis (which grades it, a moment later) is stored too.
  std::string complained() {
    const auto number = complain();
    EXPECT_TRUE(analysed(number)) << number;
    return number;
  }

  /// A customer who wrote `text` and asked for a person, on a working day when the desk is
  /// open; the conversation's number once it waits alone in the queue of the desk's account
  /// desk_ (陈主管, on duty).
  std::string asked_for_a_person(const std::string& text) {
    set_clock(1796608800000);  // Monday 2026-12-07 10:00 in Shanghai
    desk_ = agent("desk", "", "+8613700000010");
    write(kAsking, text);
    write(kAsking, "转人工");
    auto queue = call(desk_, "GET", "/api/v1/handoffs");
    EXPECT_EQ(queue.status, 200u) << queue.body;
    const auto waiting = body(queue).at("handoffs").as_array();
    EXPECT_EQ(waiting.size(), 1u) << queue.body;
    return waiting.size() == 1 ? std::string(waiting[0].at("number").as_string()) : "";
  }
  inline static const std::string kAsking = "+8613800138333";

  std::string tickets_extra_;
  std::string desk_;
};

}  // namespace ombud::test

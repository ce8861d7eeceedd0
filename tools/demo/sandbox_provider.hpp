#pragma once
// A stand-in for Twilio's Messages API on loopback: `ombud demo` sends its SMS here and prints
// them, and the tests use it as the far side of the wire, recording exactly what arrives.
// It creates messages (POST Messages.json) and lists them newest first (GET Messages.json
// with To and From filters), as the real API does.

#include "channels/common/form.hpp"

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ombud::demo {

/// One create-message request as the provider received it.
struct SandboxRequest {
  std::string account_sid;    ///< from the URL path
  std::string authorization;  ///< the Authorization header
  channels::FormParams form;  ///< the decoded body (To, From, Body, StatusCallback, …)
  std::string field(std::string_view name) const {
    return std::string(channels::form_value(form, name));
  }
};

/// The provider's answer: HTTP status and JSON body.
struct SandboxAnswer {
  unsigned status = 201;
  std::string body;  ///< empty: a Twilio-like message resource with a fresh sid
  /// How long the provider takes to answer (a hanging provider: longer than the sender's
  /// timeout). The message counts as received, and is listed, at once.
  std::chrono::milliseconds delay{0};
};

class SandboxProvider {
 public:
  using Responder = std::function<SandboxAnswer(const SandboxRequest&, std::size_t index)>;

  /// Listens on 127.0.0.1 (port 0: any free port) on `io`, which the caller runs.
  explicit SandboxProvider(boost::asio::io_context& io, unsigned short port = 0);
  ~SandboxProvider();

  /// http://127.0.0.1:PORT — the api_base to configure.
  std::string api_base() const;
  /// Decides each answer (default: 201 with a new sid). Set before traffic arrives.
  void set_responder(Responder responder);
  /// Called for every request received, on an io thread.
  void on_request(std::function<void(const SandboxRequest&)> callback);

  /// Every create-message request received so far, in arrival order.
  std::vector<SandboxRequest> received() const;
  /// How many times the message list (GET Messages.json) was asked for.
  std::size_t lookups() const;
  /// Blocks until at least `n` requests arrived or `timeout` passed; returns the count.
  std::size_t wait_for(std::size_t n, std::chrono::milliseconds timeout) const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace ombud::demo

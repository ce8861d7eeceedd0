#pragma once
// The far side of the generic channel: a system that receives ombud's replies on its
// reply_url, records each with whether its signature was right, and answers 200.

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace ombud::test {

class GenericReceiver {
 public:
  struct Reply {
    std::string id, to, text;
    bool signature_valid = false;
  };

  /// Listens on 127.0.0.1 on `io` (which the caller runs), checking signatures with `secret`.
  GenericReceiver(boost::asio::io_context& io, std::string secret);
  ~GenericReceiver();

  /// http://127.0.0.1:PORT/replies
  std::string url() const;
  std::vector<Reply> received() const;
  /// Every text sent to `to`, joined with "|".
  std::string texts_to(const std::string& to) const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace ombud::test

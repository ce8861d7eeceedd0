#include "core/process_name.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <random>

namespace ombud::core {

namespace {

std::string host_name() {
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  return host;
}

}  // namespace

std::string new_process_name() {
  std::random_device rd;
  return host_name() + "-" + std::to_string(getpid()) + "-" + std::to_string(rd() % 100000);
}

std::string_view process_of(std::string_view worker) {
  const auto dash = worker.rfind('-');
  if (dash == std::string_view::npos) return worker;
  const auto suffix = worker.substr(dash + 1);
  // A worker suffix starts with a letter ("in3", "out0"); a nonce is all digits.
  if (suffix.empty() || (suffix.front() >= '0' && suffix.front() <= '9')) return worker;
  return worker.substr(0, dash);
}

bool known_gone_locally(std::string_view process, std::string_view self) {
  if (process == self) return false;
  const auto nonce_dash = process.rfind('-');
  if (nonce_dash == std::string_view::npos || nonce_dash == 0) return false;
  const auto pid_dash = process.rfind('-', nonce_dash - 1);
  if (pid_dash == std::string_view::npos) return false;
  if (process.substr(0, pid_dash) != host_name()) return false;
  const auto pid_text = process.substr(pid_dash + 1, nonce_dash - pid_dash - 1);
  int pid = 0;
  const auto [end, ec] = std::from_chars(pid_text.data(), pid_text.data() + pid_text.size(), pid);
  if (ec != std::errc{} || end != pid_text.data() + pid_text.size() || pid <= 0) return false;
  if (pid == getpid()) return true;  // our pid under another name: our predecessor
  return kill(pid, 0) != 0 && errno == ESRCH;
}

}  // namespace ombud::core

#include "store/embedded_redis.hpp"

#include <sys/stat.h>

#include <hiredis/hiredis.h>
#include <netinet/in.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace ombud::store {

namespace {

std::string log_tail(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::ostringstream out;
  for (size_t i = lines.size() > 10 ? lines.size() - 10 : 0; i < lines.size(); ++i)
    out << "\n  " << lines[i];
  return out.str();
}

bool answers_ping(const RedisEndpoint& ep) {
  timeval tv{0, 200000};
  redisContext* c = ep.unix_path.empty() ? redisConnectWithTimeout(ep.host.c_str(), ep.port, tv)
                                         : redisConnectUnixWithTimeout(ep.unix_path.c_str(), tv);
  bool ok = false;
  if (c && !c->err) {
    auto* r = static_cast<redisReply*>(redisCommand(c, "PING"));
    ok = r && r->type == REDIS_REPLY_STATUS;  // not "LOADING": the AOF is read
    if (r) freeReplyObject(r);
  }
  if (c) redisFree(c);
  return ok;
}

}  // namespace

EmbeddedRedis::EmbeddedRedis(EmbeddedRedisOptions options) : options_(std::move(options)) {
  // The AOF and the log hold customers' phone numbers and words: the directory is the owner's
  // alone (0700) and redis-server creates its files 0600 (umask 077 in the child).
  std::filesystem::create_directories(options_.dir);
  std::filesystem::permissions(options_.dir, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace);
  spawn();
  wait_until_ready();
}

EmbeddedRedis::~EmbeddedRedis() {
  stop();
}

void EmbeddedRedis::spawn() {
  std::filesystem::remove(socket_path());
  std::vector<std::string> args{options_.executable,
                                "--port",
                                std::to_string(options_.tcp_port),
                                "--bind",
                                "127.0.0.1",
                                "--unixsocket",
                                socket_path().string(),
                                "--unixsocketperm",
                                "700",
                                "--dir",
                                options_.dir.string(),
                                "--logfile",
                                (options_.dir / "redis.log").string(),
                                "--daemonize",
                                "no",
                                "--save",
                                "",
                                "--appendonly",
                                options_.append_only ? "yes" : "no",
                                "--appendfsync",
                                "everysec"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  const pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(1);
    umask(077);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  pid_ = pid;
}

void EmbeddedRedis::wait_until_ready() {
  const auto deadline = std::chrono::steady_clock::now() + options_.start_timeout;
  const auto ep = endpoint();
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error(
          (WIFEXITED(status) && WEXITSTATUS(status) == 127
               ? "cannot run " + options_.executable + " (install redis-server)"
               : "redis-server exited at start; its log:" + log_tail(options_.dir / "redis.log")));
    }
    if (answers_ping(ep)) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  stop();
  throw std::runtime_error("redis-server did not answer within the start timeout; its log:" +
                           log_tail(options_.dir / "redis.log"));
}

void EmbeddedRedis::stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

void EmbeddedRedis::restart() {
  stop();
  spawn();
  wait_until_ready();
}

RedisEndpoint EmbeddedRedis::endpoint() const {
  RedisEndpoint ep;
  if (options_.tcp_port != 0) {
    ep.host = "127.0.0.1";
    ep.port = options_.tcp_port;
  } else {
    ep.unix_path = socket_path().string();
  }
  return ep;
}

int pick_free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    if (fd >= 0) close(fd);
    throw std::runtime_error("cannot find a free port");
  }
  close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace ombud::store

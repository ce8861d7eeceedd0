// The fault run: signed inbound SMS at a steady rate while `ombud serve` is killed with
// SIGKILL and restarted at random moments (KILLS times) and its Redis is paused (SIGSTOP) and
// resumed (PAUSES times). Every webhook is posted again after anything but a 200, as a
// provider does. Each message comes from a customer of its own, so its replies are exactly the
// messages the provider receives for that number. At the end:
//   acknowledged  webhooks answered 200
//   answered      acknowledged messages with at least one reply at the provider
//   duplicated    customers who received any reply text more than once
// and it exits non-zero unless every acknowledged message was answered, once.
//
//   ombud_bench_soak OMBUD_BINARY SOURCE_DIR [SECONDS=40] [KILLS=20] [PAUSES=3] [RATE=200]

#include "channels/twilio/channel.hpp"
#include "gateway/config.hpp"
#include "tools/demo/sandbox_provider.hpp"
#include "tools/demo/simulated_customer.hpp"
#include "store/embedded_redis.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <thread>

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using namespace ombud;
using namespace std::chrono_literals;

namespace {

// One blocking POST; the status, or 0 when no answer came (ombud down).
unsigned post(unsigned short port, const demo::SignedWebhook& hook) {
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  boost::system::error_code ec;
  socket.connect({asio::ip::make_address("127.0.0.1"), port}, ec);
  if (ec) return 0;
  http::request<http::string_body> req{http::verb::post, hook.target, 11};
  req.set(http::field::host, "127.0.0.1");
  req.set(http::field::content_type, "application/x-www-form-urlencoded");
  req.set("X-Twilio-Signature", hook.signature);
  req.body() = hook.body;
  req.prepare_payload();
  http::write(socket, req, ec);
  if (ec) return 0;
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(socket, buffer, res, ec);
  return ec ? 0 : res.result_int();
}

class Ombud {
 public:
  Ombud(std::string binary, std::string config) : binary_(std::move(binary)), config_(config) {}
  ~Ombud() { kill_now(); }
  void start() {
    pid_ = fork();
    if (pid_ == 0) {
      execl(binary_.c_str(), binary_.c_str(), "serve", "--config", config_.c_str(), nullptr);
      _exit(127);
    }
  }
  void kill_now() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  void stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  std::string binary_, config_;
  pid_t pid_ = -1;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: ombud_bench_soak OMBUD_BINARY SOURCE_DIR [SECONDS] [KILLS] [PAUSES] "
                 "[RATE]\n";
    return 2;
  }
  const std::string binary = argv[1], source = argv[2];
  const int seconds = argc > 3 ? std::atoi(argv[3]) : 40;
  const int kills = argc > 4 ? std::atoi(argv[4]) : 20;
  const int pauses = argc > 5 ? std::atoi(argv[5]) : 3;
  const int rate = argc > 6 ? std::atoi(argv[6]) : 200;
  const auto dir = std::filesystem::temp_directory_path() /
                   ("ombud-soak-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);

  store::EmbeddedRedis redis({.dir = dir / "redis", .tcp_port = store::pick_free_port()});
  asio::io_context provider_io;
  demo::SandboxProvider provider(provider_io);
  auto guard = asio::make_work_guard(provider_io);
  std::thread provider_thread([&] { provider_io.run(); });

  const auto port = static_cast<unsigned short>(store::pick_free_port());
  const auto config_file = dir / "ombud.yaml";
  {
    std::ofstream out(config_file);
    out << "organisation: soak\ndata_dir: " << (dir / "data").string()
        << "\nlog_level: error\nserver:\n  host: 127.0.0.1\n  port: " << port
        << "\n  public_base_url: https://ombud.test\n  threads: 2\nredis:\n  url: "
           "redis://127.0.0.1:"
        << redis.endpoint().port
        << "\ninbox:\n  lease_ms: 3000\n  recheck_ms: 1000\noutbox:\n  claim_idle_ms: 3000\n"
           "  backoff_initial_ms: 200\n  backoff_max_ms: 2000\n  max_attempts: 20\n"
           "limits:\n  replies_per_sender: 1000\n"
           "channels:\n  twilio:\n    - id: main\n      account_sid: ACsoak\n"
           "      auth_token: soak-token\n      from: \"+8610086000\"\n      api_base: "
        << provider.api_base() << "\ndialog:\n  flows: " << source
        << "/config/flows/telecom\n";
  }
  const auto config = gateway::load_config(config_file);
  Ombud ombud(binary, config_file.string());
  ombud.start();

  std::mutex mutex;
  std::map<std::string, std::string> acknowledged;  // customer → sid
  std::atomic<bool> sending{true};
  std::atomic<int> next{0};
  std::vector<std::thread> clients;
  const auto end = Clock::now() + std::chrono::seconds(seconds);
  for (int t = 0; t < 8; ++t)
    clients.emplace_back([&] {
      const auto gap = std::chrono::microseconds(8'000'000 / rate);
      for (auto at = Clock::now(); Clock::now() < end; at += gap) {
        std::this_thread::sleep_until(at);
        char from[32];
        std::snprintf(from, sizeof from, "+86139%08d", next++);
        const auto sid = demo::random_message_sid();
        const auto hook =
            demo::twilio_inbound_webhook(config, channels::twilio::find_in(config.channels)->twilio_accounts().front(), from, "你好", sid);
        const auto deadline = Clock::now() + 60s;  // a provider retries for longer still
        while (Clock::now() < deadline) {
          if (post(port, hook) == 200) {
            std::lock_guard lock(mutex);
            acknowledged[from] = sid;
            break;
          }
          std::this_thread::sleep_for(200ms);
        }
      }
    });

  // The chaos: kills and pauses at random moments over the run.
  std::mt19937 rng(std::random_device{}());
  std::vector<std::pair<double, char>> events;
  std::uniform_real_distribution<double> when(1.0, seconds - 1.0);
  for (int i = 0; i < kills; ++i) events.emplace_back(when(rng), 'k');
  for (int i = 0; i < pauses; ++i) events.emplace_back(when(rng), 'p');
  std::sort(events.begin(), events.end());
  const auto start = Clock::now();
  for (const auto& [at, kind] : events) {
    std::this_thread::sleep_until(start + std::chrono::duration<double>(at));
    if (kind == 'k') {
      ombud.kill_now();
      ombud.start();
    } else {
      kill(redis.pid(), SIGSTOP);
      std::this_thread::sleep_for(2s);
      kill(redis.pid(), SIGCONT);
    }
  }
  for (auto& c : clients) c.join();

  // Quiet: wait until the provider has received nothing new for 10 s (at most 3 minutes).
  auto last_count = provider.received().size();
  auto last_change = Clock::now();
  const auto give_up = Clock::now() + 180s;
  while (Clock::now() - last_change < 10s && Clock::now() < give_up) {
    std::this_thread::sleep_for(500ms);
    const auto n = provider.received().size();
    if (n != last_count) last_count = n, last_change = Clock::now();
  }
  ombud.stop();

  std::map<std::string, std::map<std::string, int>> replies;  // customer → text → times
  for (const auto& r : provider.received()) ++replies[r.field("To")][r.field("Body")];
  long long answered = 0, duplicated = 0, lost = 0;
  for (const auto& [customer, sid] : acknowledged) {
    auto it = replies.find(customer);
    if (it == replies.end()) {
      ++lost;
      continue;
    }
    ++answered;
    for (const auto& [text, times] : it->second)
      if (times > 1) {
        ++duplicated;
        break;
      }
  }
  std::cout << "soak: " << seconds << " s, " << kills << " kills -9, " << pauses
            << " Redis pauses of 2 s; " << next.load() << " messages sent, "
            << acknowledged.size() << " acknowledged, " << answered << " answered, " << lost
            << " unanswered, " << duplicated << " with a reply sent twice\n";
  provider_io.stop();
  provider_thread.join();
  std::filesystem::remove_all(dir);
  return lost == 0 && duplicated == 0 && !acknowledged.empty() ? 0 : 1;
}

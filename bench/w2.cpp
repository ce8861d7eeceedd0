// Workload W2: N simulated SMS customers complete the complaint dialog at the same time.
// Each customer sends a message, waits for ombud's reply to reach the (sandbox) provider, and
// answers it, six times, ending in a ticket. Reports messages per second and the time from a
// webhook being posted to its reply being handed to the provider (p50, p99).
//
//   ombud_bench_w2 CONFIG OMBUD_PORT SANDBOX_PORT CUSTOMERS
// CONFIG is the file `ombud serve` runs with; its twilio api_base must be
// http://127.0.0.1:SANDBOX_PORT.

#include "channels/common/http_client.hpp"
#include "channels/twilio/channel.hpp"
#include "gateway/config.hpp"
#include "tools/demo/sandbox_provider.hpp"
#include "tools/demo/simulated_customer.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <algorithm>
#include <condition_variable>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using namespace ombud;

namespace {

const std::vector<std::string> kScript{
    "我家宽带三天没网了，要求赔偿", "本周一开始，在家里", "尽快修好并减免月租", "张三", "1", "1"};

// Replies as they reach the provider, for one customer (each waits on its own condition
// variable: one shared one would wake every customer for every reply).
struct Inbox {
  std::mutex mutex;
  std::condition_variable arrived;
  int count = 0;
  Clock::time_point last;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: ombud_bench_w2 CONFIG OMBUD_PORT SANDBOX_PORT CUSTOMERS\n";
    return 2;
  }
  const auto config = gateway::load_config(argv[1]);
  const auto port = std::string(argv[2]);
  const int customers = std::atoi(argv[4]);

  asio::io_context io;
  auto guard = asio::make_work_guard(io);
  std::vector<std::thread> pool;
  for (int i = 0; i < 2; ++i) pool.emplace_back([&io] { io.run(); });
  demo::SandboxProvider sandbox(io, static_cast<unsigned short>(std::atoi(argv[3])));
  auto phone_of = [](int index) { return "+86137" + std::to_string(10000000 + index); };
  std::map<std::string, std::unique_ptr<Inbox>> inboxes;  // filled before any traffic
  for (int i = 0; i < customers; ++i) inboxes[phone_of(i)] = std::make_unique<Inbox>();
  sandbox.on_request([&](const demo::SandboxRequest& r) {
    auto it = inboxes.find(r.field("To"));
    if (it == inboxes.end()) return;
    auto& box = *it->second;
    std::lock_guard lock(box.mutex);
    ++box.count;
    box.last = Clock::now();
    box.arrived.notify_one();
  });

  std::mutex latency_mutex;
  std::vector<double> latencies_ms;
  std::atomic<int> failures{0};
  auto customer = [&](int index) {
    const std::string phone = phone_of(index);
    auto& box = *inboxes.at(phone);
    channels::HttpClient http(io.get_executor());
    for (size_t step = 0; step < kScript.size(); ++step) {
      auto hook = demo::twilio_inbound_webhook(config, channels::twilio::find_in(config.channels)->twilio_accounts().front(), phone,
                                                  kScript[step], demo::random_message_sid());
      const auto sent = Clock::now();
      channels::HttpRequest req{"POST",
                                "http://127.0.0.1:" + port + hook.target,
                                {{"Content-Type", "application/x-www-form-urlencoded"},
                                 {"X-Twilio-Signature", hook.signature}},
                                hook.body};
      auto res = asio::co_spawn(io, http.async_request(std::move(req)), asio::use_future).get();
      if (!res || res->status != 200) {
        ++failures;
        return;
      }
      std::unique_lock lock(box.mutex);
      if (!box.arrived.wait_for(lock, std::chrono::seconds(30),
                                [&] { return box.count >= static_cast<int>(step) + 1; })) {
        ++failures;
        return;
      }
      const double ms = std::chrono::duration<double, std::milli>(box.last - sent).count();
      lock.unlock();
      std::lock_guard l(latency_mutex);
      latencies_ms.push_back(ms);
    }
  };

  const auto start = Clock::now();
  std::vector<std::thread> people;
  for (int i = 0; i < customers; ++i) people.emplace_back(customer, i);
  for (auto& p : people) p.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();

  guard.reset();
  io.stop();
  for (auto& t : pool) t.join();
  std::sort(latencies_ms.begin(), latencies_ms.end());
  auto pct = [&](double p) {
    return latencies_ms.empty()
               ? 0.0
               : latencies_ms[std::min(latencies_ms.size() - 1,
                                       static_cast<size_t>(p * latencies_ms.size()))];
  };
  std::printf(
      "W2 customers=%d messages=%zu seconds=%.2f msg_per_s=%.0f p50_ms=%.1f p99_ms=%.1f "
      "failures=%d\n",
      customers, latencies_ms.size(), seconds, latencies_ms.size() / seconds, pct(0.50), pct(0.99),
      failures.load());
  return failures == 0 ? 0 : 1;
}

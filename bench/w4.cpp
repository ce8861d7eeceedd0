// Workload W4: the agent console under load. Seeds TICKETS tickets into the Redis of a running
// `ombud serve` (through the same Lua library that indexes real ones), then
//  * CLIENTS concurrent clients alternate listing one department's open tickets (a page of 50)
//    and fetching one of its tickets with its timeline, for SECONDS: latency p50/p99 of each;
//  * SUBSCRIBERS clients hold the live feed (GET /api/v1/events) open while a desk account
//    acts on a ticket twenty times: the time from sending the action to each subscriber
//    reading its event, p50/p99.
//
//   ombud_bench_w4 CONFIG OMBUD_PORT TICKETS CLIENTS SECONDS SUBSCRIBERS
// CONFIG is the file `ombud serve` runs with (console.requests_per_minute set high).

#include "channels/common/http_client.hpp"
#include "gateway/config.hpp"
#include "gateway/offline.hpp"
#include "store/agent_repository.hpp"
#include "store/script.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/asio/write.hpp>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using namespace ombud;

namespace {

std::string number_of(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "B%08d", i);
  return buf;
}

double pct(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * v.size()))];
}

// The real indexing code (store/lua/lib/ticket_changed.lua) and a loop that stores tickets.
std::string seeding_script() {
  std::ifstream in(OMBUD_SOURCE_DIR "/store/lua/lib/ticket_changed.lua");
  std::stringstream lib;
  lib << in.rdbuf();
  return store::expanded(lib.str()) + R"(
local prefix, now = ARGV[1], ARGV[2]
local i = 3
while i <= #ARGV do
  local key = prefix .. ARGV[i]
  redis.call('HSET', key, 'number', ARGV[i], 'type', 'complaint', 'department', ARGV[i + 1],
             'department_name', ARGV[i + 1], 'state', ARGV[i + 2], 'created_ms', ARGV[i + 3],
             'updated_ms', ARGV[i + 3], 'due_ms', ARGV[i + 4], 'level', ARGV[i + 5],
             'category', 'broadband', 'channel', 'twilio', 'name', '张三', 'phone', '+8613800138000',
             'address', '+8613800138000', 'language', 'zh', 'slots', ARGV[i + 6],
             'timeline', ARGV[i + 7], 'responsible', '+8613700000001')
  ticket_changed(key, now)
  i = i + 8
end
return 1
)";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 7) {
    std::cerr << "usage: ombud_bench_w4 CONFIG OMBUD_PORT TICKETS CLIENTS SECONDS SUBSCRIBERS\n";
    return 2;
  }
  const auto config = gateway::load_config(argv[1]);
  const std::string port = argv[2];
  const int tickets = std::atoi(argv[3]);
  const int clients = std::atoi(argv[4]);
  const int seconds = std::atoi(argv[5]);
  const int subscribers = std::atoi(argv[6]);
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);

  // Departments as the configuration has them; every fifth ticket still needs work.
  std::vector<std::string> departments;
  if (config.tickets.directory_seed)
    for (const auto& d : config.tickets.directory_seed->departments) departments.push_back(d.id);
  if (departments.empty()) departments = {"network", "billing", "service"};
  const auto department = departments.front();
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
  const std::string timeline =
      R"([{"at":1,"by":"customer","via":"sms","what":"registered","text":""},)"
      R"({"at":2,"by":"system","via":"system","what":"dispatched","text":"network"},)"
      R"({"at":3,"by":"+8613700000001","via":"sms","what":"signed_for","text":""},)"
      R"({"at":4,"by":"+8613700000001","via":"console","what":"noted","text":"已联系客户，约定明天上门"}])";
  const std::string slots = R"({"description":"我家宽带三天没网了，要求赔偿","when":"本周一","demand":"尽快修好"})";
  std::vector<std::string> open_of_department;
  const auto started_seeding = Clock::now();
  const auto script = seeding_script();
  gateway::with_redis<bool>(config, [&](store::RedisClient& redis) -> asio::awaitable<bool> {
    const store::Keys keys(config.redis.prefix);
    for (int from = 0; from < tickets; from += 500) {
      auto argv = store::command("EVAL", script, "0", keys.ticket(""), std::to_string(now));
      for (int i = from; i < std::min(tickets, from + 500); ++i) {
        const auto& d = departments[static_cast<size_t>(i) % departments.size()];
        const bool open = i % 5 == 0;
        if (open && d == department) open_of_department.push_back(number_of(i));
        // (No braced lists in a coroutine: GCC 12.)
        argv.push_back(number_of(i));
        argv.push_back(d);
        argv.push_back(open ? (i % 10 == 0 ? "dispatched" : "signed_for") : "closed");
        argv.push_back(std::to_string(now - (tickets - i) * 1000LL));
        argv.push_back(std::to_string(now + 86400000LL));
        argv.push_back(std::to_string(2 + i % 3));
        argv.push_back(slots);
        argv.push_back(timeline);
      }
      auto r = co_await redis.async_command(std::move(argv), std::chrono::seconds(30));
      if (!r || r->is_error()) throw std::runtime_error("seeding failed: " + (r ? r->str : r.error().message()));
    }
    co_return true;
  }, std::chrono::seconds(600));
  const double seeding_s = std::chrono::duration<double>(Clock::now() - started_seeding).count();
  std::string agent_token, desk_token;
  gateway::with_redis<bool>(config, [&](store::RedisClient& redis) -> asio::awaitable<bool> {
    store::AgentRepository agents(redis, store::Keys(config.redis.prefix));
    store::AgentAccount agent;
    agent.name = "bench agent";
    agent.role = "agent";
    agent.department = department;
    store::AgentAccount desk;
    desk.name = "bench desk";
    desk.role = "desk";
    auto a = co_await agents.async_add(agent);
    auto d = co_await agents.async_add(desk);
    if (!a || !d) throw std::runtime_error("cannot add accounts");
    agent_token = *a;
    desk_token = *d;
    co_return true;
  });

  asio::io_context io;
  auto guard = asio::make_work_guard(io);
  std::vector<std::thread> pool;
  for (int i = 0; i < 2; ++i) pool.emplace_back([&io] { io.run(); });
  const std::string base = "http://127.0.0.1:" + port;
  const std::vector<std::pair<std::string, std::string>> agent_auth{{"Authorization", "Bearer " + agent_token}};

  // Listing and fetching.
  std::mutex m;
  std::vector<double> list_ms, get_ms;
  std::atomic<int> failures{0};
  const auto deadline = Clock::now() + std::chrono::seconds(seconds);
  std::vector<std::future<void>> done;
  for (int c = 0; c < clients; ++c)
    done.push_back(asio::co_spawn(io, [&, c]() -> asio::awaitable<void> {
      channels::HttpClient http(co_await asio::this_coro::executor);
      std::mt19937 random(static_cast<unsigned>(c));
      std::vector<double> lists, gets;
      while (Clock::now() < deadline) {
        auto t0 = Clock::now();
        channels::HttpRequest list{"GET", base + "/api/v1/tickets?state=open&limit=50", agent_auth, ""};
        auto r = co_await http.async_request(std::move(list));
        if (!r || r->status != 200 || r->body.find("\"number\"") == std::string::npos) ++failures;
        lists.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        const auto& n = open_of_department[random() % open_of_department.size()];
        t0 = Clock::now();
        channels::HttpRequest one{"GET", base + "/api/v1/tickets/" + n, agent_auth, ""};
        r = co_await http.async_request(std::move(one));
        if (!r || r->status != 200 || r->body.find("timeline") == std::string::npos) ++failures;
        gets.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      }
      std::lock_guard lock(m);
      list_ms.insert(list_ms.end(), lists.begin(), lists.end());
      get_ms.insert(get_ms.end(), gets.begin(), gets.end());
    }, asio::use_future));
  for (auto& f : done) f.get();
  const double requests = static_cast<double>(list_ms.size() + get_ms.size());

  // The live feed: SUBSCRIBERS open streams, twenty actions, the time each event takes.
  std::vector<double> sse_ms;
  std::atomic<int> opened{0};
  std::mutex probe_mutex;
  std::string probe_ticket;
  Clock::time_point probe_sent;
  std::atomic<bool> stop{false};
  std::vector<std::shared_ptr<asio::ip::tcp::socket>> sockets;
  for (int s = 0; s < subscribers; ++s) {
    auto socket = std::make_shared<asio::ip::tcp::socket>(io);
    sockets.push_back(socket);
    asio::co_spawn(io, [&, socket]() -> asio::awaitable<void> {
      asio::ip::tcp::endpoint to(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(std::stoi(port)));
      co_await socket->async_connect(to, asio::use_awaitable);
      const std::string request = "GET /api/v1/events HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer " + desk_token + "\r\n\r\n";
      co_await asio::async_write(*socket, asio::buffer(request), asio::use_awaitable);
      std::string text;
      char buf[8192];
      bool counted = false;
      std::string seen;
      while (!stop) {
        const auto n = co_await socket->async_read_some(asio::buffer(buf), asio::use_awaitable);
        text.append(buf, n);
        if (!counted && text.find(": ombud events") != std::string::npos) {
          counted = true;
          ++opened;
        }
        std::string ticket;
        Clock::time_point sent;
        {
          std::lock_guard lock(probe_mutex);
          ticket = probe_ticket;
          sent = probe_sent;
        }
        if (!ticket.empty() && ticket != seen && text.find("\"ticket\":\"" + ticket + "\"") != std::string::npos) {
          seen = ticket;
          const double ms = std::chrono::duration<double, std::milli>(Clock::now() - sent).count();
          std::lock_guard lock(m);
          sse_ms.push_back(ms);
        }
        if (text.size() > 65536) text.erase(0, text.size() - 4096);
      }
    }, [](std::exception_ptr) {});  // (a subscriber's read ends with the stream: expected)
  }
  const auto wait_open = Clock::now() + std::chrono::seconds(30);
  while (opened < subscribers && Clock::now() < wait_open) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const int open_streams = opened;
  channels::HttpClient desk(io.get_executor());
  for (int probe = 0; probe < 20; ++probe) {
    const auto& n = open_of_department[static_cast<size_t>(probe) % open_of_department.size()];
    {
      std::lock_guard lock(probe_mutex);
      probe_ticket = n;
      probe_sent = Clock::now();
    }
    auto r = asio::co_spawn(io, desk.async_request({"POST", base + "/api/v1/tickets/" + n + "/note",
                                                    {{"Authorization", "Bearer " + desk_token},
                                                     {"Content-Type", "application/json"}},
                                                    R"({"text":"压测"})"}),
                            asio::use_future).get();
    if (!r || r->status != 200) ++failures;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  stop = true;
  const auto received = sse_ms.size();
  for (auto& s : sockets) asio::post(io, [s] { boost::system::error_code ec; s->close(ec); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  guard.reset();
  io.stop();
  for (auto& t : pool) t.join();
  std::printf(
      "W4 tickets=%d seed_s=%.1f clients=%d req_per_s=%.0f list_p50_ms=%.2f list_p99_ms=%.2f "
      "get_p50_ms=%.2f get_p99_ms=%.2f subscribers=%d events=%zu sse_p50_ms=%.1f sse_p99_ms=%.1f "
      "failures=%d\n",
      tickets, seeding_s, clients, requests / seconds, pct(list_ms, 0.5), pct(list_ms, 0.99),
      pct(get_ms, 0.5), pct(get_ms, 0.99), open_streams, received, pct(sse_ms, 0.5), pct(sse_ms, 0.99),
      failures.load());
  return failures == 0 && received == static_cast<size_t>(20 * subscribers) ? 0 : 1;
}

#include "tools/demo/demo.hpp"

#include "core/clock.hpp"

#include "channels/common/http_client.hpp"
#include "app/app.hpp"
#include "channels/twilio/channel.hpp"
#include "tools/demo/sandbox_provider.hpp"
#include "tools/demo/simulated_customer.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/use_future.hpp>

#include <cstdlib>
#include <iostream>
#include <mutex>
#include <thread>

namespace ombud::demo {

using app::App;
using app::Config;
using app::Metrics;

namespace asio = boost::asio;

namespace {

constexpr std::string_view kCustomer = "+8613800138000";

// All work the gateway took on is done: every message processed, every reply settled.
bool idle(const Metrics& m) {
  return m.inbox_processed == m.inbound_accepted &&
         m.outbound_sent + m.outbound_failed >= m.outbound_queued;
}

}  // namespace

int run_demo(Config config, std::istream& in, std::ostream& out) {
  char tmpl[] = "/tmp/ombud-demo-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) throw std::runtime_error("cannot create a temporary directory");
  const std::filesystem::path data_dir(tmpl);
  config.data_dir = data_dir;
  config.redis.url.reset();  // the embedded redis-server
  config.server.port = 0;
  config.log_level = "warn";  // keep the conversation readable

  asio::io_context client_io;
  auto guard = asio::make_work_guard(client_io);
  std::thread client_thread([&] { client_io.run(); });
  std::mutex print;
  {
    SandboxProvider sandbox(client_io);
    sandbox.on_request([&](const SandboxRequest& r) {
      std::lock_guard lock(print);
      out << "  ombud → " << r.field("To") << ": " << r.field("Body") << std::endl;
    });
    const auto* twilio = channels::twilio::find_in(config.channels);
    if (twilio == nullptr) {
      out << "ombud demo: the configuration has no Twilio account to play the customer on."
          << std::endl;
      return 1;
    }
    config.channels.replace(twilio->with_api_base(sandbox.api_base()));
    const auto account = channels::twilio::find_in(config.channels)->twilio_accounts().front();

    // The demo's clock: "/later 3d" (or 5h, 30m) moves it on, so that what comes due later (a
    // warning, an escalation, the satisfaction survey) can be played without waiting.
    auto clock = std::make_shared<core::ManualClock>(core::unix_ms());
    App app(config, clock);
    app.start();
    out << "ombud demo: " << config.organisation << ". You are the customer " << kCustomer
        << ", texting " << account.from
        << ".\nType a message and press Enter; Ctrl-D ends. To write as someone else (a member "
           "of staff),\nstart the line with their number: @+8613700000001 T2611300001 签收\n"
           "To let time pass (a survey, a warning, an escalation): /later 3d   (or 5h, 30m)"
        << std::endl;

    channels::HttpClient http(client_io.get_executor());
    const auto base = "http://127.0.0.1:" + std::to_string(app.port());
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      if (line.starts_with("/later ")) {
        const auto amount = std::atoll(line.c_str() + 7);
        const char unit = line.back();
        const std::int64_t minutes = unit == 'd' ? amount * 24 * 60 : unit == 'h' ? amount * 60 : amount;
        if (amount <= 0 || (unit != 'd' && unit != 'h' && unit != 'm')) {
          std::lock_guard lock(print);
          out << "  (write /later 3d, /later 5h or /later 30m)" << std::endl;
          continue;
        }
        clock->advance(std::chrono::minutes(minutes));
        std::lock_guard lock(print);
        out << "  (" << line.substr(7) << " later)" << std::endl;
        std::this_thread::sleep_for(std::chrono::seconds(2));  // what came due is sent meanwhile
        continue;
      }
      // "@+8613700000001 T2611300001 签收" writes from another phone (a member of staff).
      std::string from(kCustomer);
      if (line.front() == '@' && line.find(' ') != std::string::npos) {
        from = line.substr(1, line.find(' ') - 1);
        line = line.substr(line.find(' ') + 1);
      }
      auto hook = twilio_inbound_webhook(config, account, from, line, random_message_sid());
      channels::HttpRequest req{"POST",
                                base + hook.target,
                                {{"Content-Type", "application/x-www-form-urlencoded"},
                                 {"X-Twilio-Signature", hook.signature}},
                                hook.body};
      auto res =
          asio::co_spawn(client_io, http.async_request(std::move(req)), asio::use_future).get();
      if (!res || res->status != 200) {
        std::lock_guard lock(print);
        out << "  (the gateway refused the message: "
            << (res ? std::to_string(res->status) + " " + res->body : res.error().message()) << ")"
            << std::endl;
      }
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (!idle(app.metrics()) && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    app.stop();
  }
  guard.reset();
  client_io.stop();
  client_thread.join();
  std::filesystem::remove_all(data_dir);
  out << "ombud demo: goodbye." << std::endl;
  return 0;
}

}  // namespace ombud::demo

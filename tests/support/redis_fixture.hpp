#pragma once
// Test fixtures: a real redis-server on a free port, the sandbox provider, and an ombud App
// configured against both.

#include "app/app.hpp"
#include "channels/twilio/channel.hpp"
#include "gateway/config.hpp"
#include "tools/demo/sandbox_provider.hpp"
#include "store/embedded_redis.hpp"
#include "store/reply.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace ombud::test {

/// The first Twilio account of `config` (every test configuration has one).
inline const channels::TwilioAccount& twilio_account(const app::Config& config) {
  return channels::twilio::find_in(config.channels)->twilio_accounts().front();
}

/// A fresh temporary directory, removed with the object.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// A synchronous Redis connection for inspecting state (hiredis, blocking).
class RedisInspector {
 public:
  explicit RedisInspector(const store::RedisEndpoint& endpoint);
  ~RedisInspector();
  store::Reply run(const std::vector<std::string>& argv);
  long long integer(const std::vector<std::string>& argv) { return run(argv).integer; }
  std::string string(const std::vector<std::string>& argv) { return run(argv).str; }
  /// HGETALL as a map (empty for a missing key).
  std::map<std::string, std::string> hash(const std::string& key) {
    auto h = run({"HGETALL", key});
    std::map<std::string, std::string> out;
    for (size_t i = 0; i + 1 < h.elements.size(); i += 2)
      out[h.elements[i].str] = h.elements[i + 1].str;
    return out;
  }

 private:
  void* context_;
};

/// Starts redis-server on a free TCP port in a temp dir (fails the test with a clear
/// message if redis-server is missing); the sandbox provider on its own thread.
class GatewayTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  /// YAML for an ombud pointed at this test's Redis and sandbox. `extra` is appended at the
  /// top level (e.g. "inbox:\n  workers: 0\n").
  std::string config_yaml(const std::string& sections = "") const;
  /// Parses config_yaml(sections) and starts an App on a free port.
  void start_app(const std::string& sections = "");
  void stop_app();

  /// Waits until the app processed every accepted message and settled every queued reply.
  bool wait_idle(std::chrono::milliseconds timeout = std::chrono::seconds(10));

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(app_->port()); }
  const channels::TwilioAccount& account() const { return twilio_account(app_->config()); }

  /// More keys of the server: section, each line indented by two spaces.
  std::string server_extra_;
  /// More channels besides the fake Twilio: lines of the channels: section, indented by two.
  std::string channels_extra_;
  TempDir dir_;
  std::unique_ptr<store::EmbeddedRedis> redis_server_;
  std::unique_ptr<RedisInspector> redis_;
  boost::asio::io_context provider_io_;
  std::unique_ptr<demo::SandboxProvider> provider_;
  std::thread provider_thread_;
  std::unique_ptr<app::App> app_;
  /// Stamps received messages; tests move it to cross dialog timeouts.
  std::shared_ptr<core::ManualClock> clock_ =
      std::make_shared<core::ManualClock>(core::unix_ms());
};

/// Keys of this test's prefix (mirrors store::Keys).
inline std::string key(const std::string& suffix) {
  return "{ombud}:" + suffix;
}

}  // namespace ombud::test

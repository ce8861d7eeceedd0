#include "tests/support/redis_fixture.hpp"

#include "gateway/config.hpp"
#include "store/detail/hiredis_reply.hpp"

#include <hiredis/hiredis.h>
#include <boost/asio/executor_work_guard.hpp>

#include <cstdlib>

namespace ombud::test {

TempDir::TempDir() {
  char tmpl[] = "/tmp/ombud-test-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

RedisInspector::RedisInspector(const store::RedisEndpoint& ep)
    : context_(ep.unix_path.empty() ? redisConnect(ep.host.c_str(), ep.port)
                                    : redisConnectUnix(ep.unix_path.c_str())) {
  auto* c = static_cast<redisContext*>(context_);
  if (c == nullptr || c->err) throw std::runtime_error("cannot connect to the test redis");
}

RedisInspector::~RedisInspector() {
  redisFree(static_cast<redisContext*>(context_));
}

store::Reply RedisInspector::run(const std::vector<std::string>& argv) {
  std::vector<const char*> ptrs;
  std::vector<size_t> lens;
  for (const auto& a : argv) {
    ptrs.push_back(a.data());
    lens.push_back(a.size());
  }
  auto* r = static_cast<redisReply*>(redisCommandArgv(static_cast<redisContext*>(context_),
                                                      static_cast<int>(argv.size()), ptrs.data(),
                                                      lens.data()));
  if (r == nullptr) throw std::runtime_error("redis command failed");
  auto out = store::detail::to_reply(r);
  freeReplyObject(r);
  return out;
}

void GatewayTest::SetUp() {
  try {
    redis_server_ = std::make_unique<store::EmbeddedRedis>(store::EmbeddedRedisOptions{
        .dir = dir_.path() / "redis", .tcp_port = store::pick_free_port()});
  } catch (const std::exception& e) {
    FAIL() << "cannot start redis-server for the test (is the redis-server package "
              "installed?): "
           << e.what();
  }
  redis_ = std::make_unique<RedisInspector>(redis_server_->endpoint());
  provider_ = std::make_unique<demo::SandboxProvider>(provider_io_);
  provider_thread_ = std::thread([this] {
    auto guard = boost::asio::make_work_guard(provider_io_);
    provider_io_.run();
  });
}

void GatewayTest::TearDown() {
  stop_app();
  provider_.reset();
  provider_io_.stop();
  if (provider_thread_.joinable()) provider_thread_.join();
  redis_.reset();
  redis_server_.reset();
}

std::string GatewayTest::config_yaml(const std::string& sections) const {
  const auto ep = redis_server_->endpoint();
  return "organisation: test desk\n"
         "data_dir: " +
         (dir_.path() / "data").string() +
         "\n"
         "log_level: warn\n"
         "server:\n  host: 127.0.0.1\n  port: 0\n  public_base_url: https://ombud.test\n"
         "  threads: 2\n  shutdown_grace_ms: 3000\n" +
         server_extra_ +
         "redis:\n  url: redis://127.0.0.1:" +
         std::to_string(ep.port) +
         "\n"
         "channels:\n  twilio:\n    - id: main\n      account_sid: ACtest\n"
         "      auth_token: test-token\n      from: \"+8610086000\"\n"
         "      api_base: " +
         provider_->api_base() + "\n" + channels_extra_ +
         "dialog:\n  flows: " OMBUD_SOURCE_DIR
         "/config/flows/telecom\n"
         "  classifier:\n    complaint_words: [投诉, 没网, complain, down]\n"
         "    categories:\n      broadband: [宽带, broadband]\n" +
         sections;
}

void GatewayTest::start_app(const std::string& sections) {
  auto config = gateway::parse_config(config_yaml(sections), dir_.path() / "ombud.yaml");
  app_ = std::make_unique<app::App>(std::move(config), clock_);
  app_->start();
}

void GatewayTest::stop_app() {
  if (app_) app_->stop();
  app_.reset();
}

bool GatewayTest::wait_idle(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto& m = app_->metrics();
  while (std::chrono::steady_clock::now() < deadline) {
    if (m.inbox_processed == m.inbound_accepted &&
        m.outbound_sent + m.outbound_failed >= m.outbound_queued)
      return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

}  // namespace ombud::test

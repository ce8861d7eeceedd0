// Whole ombud processes: a crash between acknowledgement and processing, a crashed
// consumer's pending entries, and the embedded Redis.

#include "tools/demo/simulated_customer.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/redis_fixture.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <map>

namespace ombud::test {
namespace {

// `ombud serve --config FILE` as a child process.
class OmbudProcess {
 public:
  explicit OmbudProcess(const std::filesystem::path& config) {
    pid_ = fork();
    if (pid_ == 0) {
      execl(OMBUD_BINARY, OMBUD_BINARY, "serve", "--config", config.c_str(), nullptr);
      _exit(127);
    }
  }
  ~OmbudProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  /// Waits until GET /readyz answers 200.
  bool wait_ready(unsigned short port) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      if (request(port, "GET", "/readyz").status == 200) return true;
      int status;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }
  void kill_hard() { signal_and_wait(SIGKILL); }
  /// Sends `signo` and returns the exit status.
  int signal_and_wait(int signo) {
    kill(pid_, signo);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }

 private:
  pid_t pid_ = -1;
};

class ProcessTest : public GatewayTest {
 protected:
  // A config file for a child ombud on a free port; `sections` as in config_yaml().
  std::filesystem::path write_config(const std::string& sections, unsigned short port,
                                     bool embedded = false) {
    auto yaml = config_yaml(sections);
    yaml.replace(yaml.find("port: 0"), 7, "port: " + std::to_string(port));
    if (embedded) {
      auto at = yaml.find("redis:\n");
      yaml.erase(at, yaml.find('\n', yaml.find("url:", at)) + 1 - at);
    }
    auto file = dir_.path() / ("ombud-" + std::to_string(port) + ".yaml");
    std::ofstream(file) << yaml;
    return file;
  }

  app::Config parsed() { return gateway::parse_config(config_yaml(), "x.yaml"); }

  void expect_inbox_drained() {
    for (int p = 0; p < 16; ++p) {
      const auto stream = key("inbox:" + std::to_string(p));
      EXPECT_EQ(redis_->integer({"XLEN", stream}), 0) << stream;
      auto pending = redis_->run({"XPENDING", stream, "processors"});
      if (!pending.is_error()) {
        EXPECT_EQ(pending.elements[0].integer, 0) << stream;
      }
    }
  }
};

TEST_F(ProcessTest, KilledAfterTheAckTheMessageIsProcessedOnceAfterRestart) {
  const auto config = parsed();
  const auto port = static_cast<unsigned short>(store::pick_free_port());
  {
    OmbudProcess first(write_config("inbox:\n  workers: 0\n", port));  // acks, never processes
    ASSERT_TRUE(first.wait_ready(port));
    auto hook =
        demo::twilio_inbound_webhook(config, twilio_account(config), "+8613800138000",
                                        "我家宽带三天没网了", "SM00000000000000000000000000crash1");
    ASSERT_EQ(post_webhook(port, hook).status, 200u);
    first.kill_hard();
  }
  EXPECT_EQ(provider_->received().size(), 0u);
  OmbudProcess second(write_config("", port));
  ASSERT_TRUE(second.wait_ready(port));
  ASSERT_EQ(provider_->wait_for(1, std::chrono::seconds(15)), 1u);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  auto sent = [&] {
    auto keys = redis_->run({"KEYS", "{ombud}:out:*"});
    return keys.elements.size() == 1 &&
           redis_->string({"HGET", keys.elements[0].str, "status"}) == "sent";
  };
  while (!sent() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_TRUE(sent());
  expect_inbox_drained();
  EXPECT_EQ(provider_->received().size(), 1u);
  EXPECT_EQ(second.signal_and_wait(SIGTERM), 0);
}

// 50 customers write at once and the process is killed (SIGKILL) right after it acknowledged
// them, while the provider is slow, so that replies sit unsettled with its senders and its
// partitions are leased: the next process on the same Redis sees its predecessor gone (same
// host, pid not running), takes its leases and its senders' messages at once, and every
// customer is answered exactly once within 10 s of the restart. Three rounds.
TEST_F(ProcessTest, KilledAfterABurstEveryCustomerIsAnsweredOnceWithinSecondsOfTheRestart) {
  const auto config = parsed();
  provider_->set_responder([](const demo::SandboxRequest&, std::size_t) {
    return demo::SandboxAnswer{201, "", std::chrono::milliseconds(150)};
  });
  const auto port = static_cast<unsigned short>(store::pick_free_port());
  const auto file = write_config("", port);
  for (int round = 0; round < 3; ++round) {
    std::vector<std::string> customers;
    for (int i = 0; i < 50; ++i)
      customers.push_back("+86139" + std::to_string(10000000 + round * 100 + i));
    auto first = std::make_unique<OmbudProcess>(file);
    ASSERT_TRUE(first->wait_ready(port));
    std::vector<std::thread> writers;
    std::atomic<int> acknowledged{0};
    for (int t = 0; t < 10; ++t)
      writers.emplace_back([&, t] {
        for (int i = t; i < 50; i += 10) {
          auto hook = demo::twilio_inbound_webhook(
              config, twilio_account(config), customers[static_cast<size_t>(i)],
              "我家宽带三天没网了", "SM" + std::to_string(1000000000 + round * 100 + i) +
                                       "00000000000000000crash");
          if (post_webhook(port, hook).status == 200) ++acknowledged;
        }
      });
    for (auto& w : writers) w.join();
    ASSERT_EQ(acknowledged.load(), 50);
    first->kill_hard();
    first.reset();
    // The crash left work behind: replies unsettled with the dead senders, or messages not
    // yet processed.
    const auto sent_before = provider_->received().size();
    auto outbox_pending = redis_->run({"XPENDING", key("outbox"), "senders"});
    SCOPED_TRACE("round " + std::to_string(round) + ": answered before the kill " +
                 std::to_string(sent_before) + ", replies unsettled with dead senders " +
                 std::to_string(outbox_pending.is_error() ? -1 : outbox_pending.elements[0].integer));
    const auto restarted = std::chrono::steady_clock::now();
    OmbudProcess second(file);
    ASSERT_TRUE(second.wait_ready(port));
    auto answers = [&] {
      std::map<std::string, int> count;
      for (const auto& r : provider_->received()) ++count[r.field("To")];
      return count;
    };
    auto all_answered = [&] {
      auto count = answers();
      return std::all_of(customers.begin(), customers.end(),
                         [&](const auto& c) { return count.contains(c); });
    };
    while (!all_answered() &&
           std::chrono::steady_clock::now() - restarted < std::chrono::seconds(10))
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const auto count = answers();
    for (const auto& c : customers) EXPECT_EQ(count.contains(c) ? count.at(c) : 0, 1) << c;
    ASSERT_TRUE(all_answered()) << "round " << round;
    EXPECT_EQ(second.signal_and_wait(SIGTERM), 0);
    for (const auto& [to, n] : answers())
      if (std::find(customers.begin(), customers.end(), to) != customers.end())
        EXPECT_EQ(n, 1) << to << " answered twice";
  }
}

TEST_F(ProcessTest, EntriesLeftPendingByACrashedConsumerAreReclaimed) {
  start_app("inbox:\n  workers: 0\n");
  auto hook = demo::twilio_inbound_webhook(app_->config(), account(), "+8613800138000", "hello",
                                              "SM0000000000000000000000000reclaim");
  ASSERT_EQ(post_webhook(app_->port(), hook).status, 200u);
  stop_app();
  // Play the crashed process: it read the entry, held the partition's lease, and died.
  std::string stream;
  for (int p = 0; p < 16; ++p)
    if (redis_->integer({"XLEN", key("inbox:" + std::to_string(p))}) == 1)
      stream = key("inbox:" + std::to_string(p));
  ASSERT_FALSE(stream.empty());
  redis_->run({"XGROUP", "CREATE", stream, "processors", "0"});
  auto read = redis_->run(
      {"XREADGROUP", "GROUP", "processors", "dead-process", "COUNT", "10", "STREAMS", stream, ">"});
  ASSERT_TRUE(read.is_array());
  const auto partition = stream.substr(stream.rfind(':') + 1);
  redis_->run({"SET", key("inbox-lease:" + partition), "dead-process", "PX", "700"});

  start_app("inbox:\n  lease_ms: 300\n");
  ASSERT_EQ(provider_->wait_for(1, std::chrono::seconds(15)), 1u);
  // This app accepted nothing itself, so wait for its one send to be recorded.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (app_->metrics().outbound_sent < 1 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(app_->metrics().inbox_processed, 1);
  expect_inbox_drained();
  EXPECT_EQ(provider_->received().size(), 1u);
}

TEST_F(ProcessTest, WithoutRedisUrlServeRunsItsOwnRedisWithAofAndStopsIt) {
  const auto port = static_cast<unsigned short>(store::pick_free_port());
  OmbudProcess ombud(write_config("", port, /*embedded=*/true));
  ASSERT_TRUE(ombud.wait_ready(port));
  const auto socket = dir_.path() / "data" / "redis" / "redis.sock";
  ASSERT_TRUE(std::filesystem::exists(socket));
  pid_t redis_pid = 0;
  {
    store::RedisEndpoint ep;
    ep.unix_path = socket.string();
    RedisInspector embedded(ep);
    EXPECT_EQ(embedded.run({"CONFIG", "GET", "appendonly"}).elements[1].str, "yes");
    EXPECT_EQ(embedded.run({"CONFIG", "GET", "appendfsync"}).elements[1].str, "everysec");
    EXPECT_EQ(embedded.run({"CONFIG", "GET", "port"}).elements[1].str, "0");  // no TCP port
    auto info = embedded.string({"INFO", "server"});
    auto at = info.find("process_id:");
    ASSERT_NE(at, std::string::npos);
    redis_pid = std::stoi(info.substr(at + 11));
  }
  ASSERT_EQ(kill(redis_pid, 0), 0);
  // It takes and answers a message through the embedded store, too.
  const auto config = parsed();
  auto hook = demo::twilio_inbound_webhook(config, twilio_account(config), "+8613800138000",
                                              "hello", "SM000000000000000000000000000emb1");
  ASSERT_EQ(post_webhook(port, hook).status, 200u);
  ASSERT_EQ(provider_->wait_for(1, std::chrono::seconds(15)), 1u);

  const int status = ombud.signal_and_wait(SIGTERM);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_NE(kill(redis_pid, 0), 0);  // the redis-server is gone
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "data" / "redis" / "appendonlydir"));
  // Phone numbers are in there: nobody but the owner may read the directory or its files.
  namespace fs = std::filesystem;
  EXPECT_EQ(fs::status(dir_.path() / "data" / "redis").permissions(), fs::perms::owner_all);
  for (const auto& entry : fs::recursive_directory_iterator(dir_.path() / "data" / "redis")) {
    if (!entry.is_regular_file()) continue;
    EXPECT_EQ(entry.status().permissions() & (fs::perms::group_all | fs::perms::others_all),
              fs::perms::none)
        << entry.path();
  }
}

}  // namespace
}  // namespace ombud::test

namespace ombud::test {
namespace {

// `ombud check-config FILE`: exit 0 for the shipped samples, exit 2 with every problem named.
TEST(CheckConfig, ReportsEveryProblemWithFileStepAndKey) {
  auto run = [](const std::string& file) {
    const std::string cmd = std::string(OMBUD_BINARY) + " check-config " + file + " 2>&1";
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    char buf[4096];
    while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    const int status = pclose(p);
    return std::pair{WEXITSTATUS(status), out};
  };
  for (const char* sample : {"config/ombud.yaml", "config/property.yaml"}) {
    auto [code, out] = run(std::string(OMBUD_SOURCE_DIR) + "/" + sample);
    EXPECT_EQ(code, 0) << out;
  }
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "flows");
  std::ofstream(dir.path() / "flows" / "menu.yaml")
      << "type: menu\nstart: a\nsteps:\n  a:\n    ask: {zh: 问}\n    text: {}\n    slot: s\n"
         "    next: b\n";
  std::ofstream(dir.path() / "ombud.yaml")
      << "server: {public_base_url: https://x.test}\n"
         "channels: {twilio: [{id: main, account_sid: AC1, auth_token: t, from: '+1'}]}\n"
         "dialog: {flows: flows, complaint_flow: menu, consultation_flow: menu, "
         "suggestion_flow: menu}\n";
  auto [code, out] = run((dir.path() / "ombud.yaml").string());
  EXPECT_EQ(code, 2);
  const auto flow = (dir.path() / "flows" / "menu.yaml").string();
  EXPECT_NE(out.find(flow + ": steps.a.ask: the prompt is missing in English (en)"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find(flow + ": steps.a.next: unknown next step 'b'"), std::string::npos) << out;
}

}  // namespace
}  // namespace ombud::test

namespace ombud::test {
namespace {

// `ombud departments import`: the directory is replaced in the running ombud's Redis, the
// change logged with who, when, before and after, and the next message routes by it.
TEST_F(ProcessTest, DepartmentsImportReplacesTheDirectoryAndLogsTheChange) {
  start_app("tickets:\n  departments: " OMBUD_SOURCE_DIR "/config/departments.yaml\n");
  const auto config_file = dir_.path() / "import.yaml";
  std::ofstream(config_file) << config_yaml();
  const auto changed = dir_.path() / "departments.yaml";
  std::ofstream(changed) << "default_department: desk\nduty_managers: [{name: 王, phone: "
                            "'+8613700000100', role: head}]\n"
                            "departments:\n"
                            "  - {id: desk, name: 客户服务中心, staff: [{name: 陈, phone: "
                            "'+8613700000010', role: responsible}]}\n"
                            "  - {id: fibre, name: 宽带中心, staff: [{name: 钱, phone: "
                            "'+8613700000031', role: responsible}]}\n"
                            "routing: [{category: broadband, department: fibre}]\n";
  const std::string cmd = std::string(OMBUD_BINARY) + " departments import " + changed.string() +
                          " --config " + config_file.string() + " --by 张主管 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  char buf[512] = {};
  const auto n = fread(buf, 1, sizeof buf - 1, p);
  ASSERT_EQ(WEXITSTATUS(pclose(p)), 0) << std::string(buf, n);
  EXPECT_NE(std::string(buf, n).find("imported as version 2"), std::string::npos);
  auto log = redis_->run({"XRANGE", key("directory:changes"), "-", "+"});
  ASSERT_EQ(log.elements.size(), 2u);  // the seed, then the import
  std::map<std::string, std::string> change;
  const auto& kv = log.elements[1].elements[1].elements;
  for (size_t i = 0; i + 1 < kv.size(); i += 2) change[kv[i].str] = kv[i + 1].str;
  EXPECT_EQ(change["by"], "张主管");
  EXPECT_NE(change["before"].find("网络维护部"), std::string::npos);
  EXPECT_NE(change["after"].find("宽带中心"), std::string::npos);
  // Without a restart, a new broadband complaint goes to the new department.
  for (const char* text : {"我家宽带三天没网了，要求赔偿", "刚才", "修好", "张三", "1", "1"}) {
    auto hook = demo::twilio_inbound_webhook(app_->config(), account(), "+8613800138000", text,
                                                demo::random_message_sid());
    ASSERT_EQ(post_webhook(app_->port(), hook).status, 200u);
    ASSERT_TRUE(wait_idle());
  }
  bool notified = false;
  for (const auto& r : provider_->received())
    notified = notified || r.field("To") == "+8613700000031";
  EXPECT_TRUE(notified);
}

}  // namespace
}  // namespace ombud::test

namespace ombud::test {
namespace {

// Two real ombud processes on one Redis: a limit that passes is escalated once, whichever
// process's SLA loop sees it.
TEST_F(ProcessTest, TwoProcessesEscalateAnOverdueTicketOnce) {
  const std::string sections =
      "tickets:\n  departments: " OMBUD_SOURCE_DIR "/config/departments.yaml\n";
  const auto a_port = static_cast<unsigned short>(store::pick_free_port());
  const auto b_port = static_cast<unsigned short>(store::pick_free_port());
  OmbudProcess a(write_config(sections, a_port));
  OmbudProcess b(write_config(sections, b_port));
  ASSERT_TRUE(a.wait_ready(a_port));
  ASSERT_TRUE(b.wait_ready(b_port));
  const auto config = gateway::parse_config(config_yaml(sections), dir_.path() / "x.yaml");
  // (Waits, not timings: two sanitized processes share two cores with the other tests.)
  int i = 0;
  for (const char* text : {"我家宽带三天没网了，要求赔偿", "刚才", "修好", "张三", "1", "1"}) {
    auto hook = demo::twilio_inbound_webhook(config, twilio_account(config), "+8613800138000",
                                                text, demo::random_message_sid());
    // (Counted before posting: a reply may arrive before the webhook's answer does.)
    const auto replies = provider_->received().size();
    ASSERT_EQ(post_webhook(i++ % 2 ? b_port : a_port, hook).status, 200u);
    ASSERT_GT(provider_->wait_for(replies + 1, std::chrono::seconds(30)), replies);
  }
  std::string number;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (number.empty() && std::chrono::steady_clock::now() < deadline) {
    auto open = redis_->run({"ZRANGE", key("tickets:open"), "0", "-1"});
    if (!open.elements.empty()) number = open.elements[0].str;
    else std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_FALSE(number.empty());
  // Both limits passed an hour ago (the processes run on the real clock).
  const auto past = std::to_string(core::unix_ms() - 3600 * 1000);
  redis_->run({"HSET", key("ticket:" + number), "sign_due_ms", past, "due_ms", past});
  for (const char* kind : {"|sign_due", "|reply_due"})
    redis_->run({"ZADD", key("sla"), past, number + kind});
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (redis_->integer({"XLEN", key("delays")}) < 2 && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::this_thread::sleep_for(std::chrono::seconds(1));  // both loops run several more rounds
  EXPECT_EQ(redis_->integer({"XLEN", key("delays")}), 2);
  int alerts = 0;
  for (const auto& r : provider_->received())
    alerts += r.field("To") == "+8613700000003" &&
              r.field("Body").find("【超时】工单" + number) != std::string::npos;
  EXPECT_EQ(alerts, 2);  // the head: once for sign-for, once for reply
  EXPECT_EQ(a.signal_and_wait(SIGTERM), 0);
  EXPECT_EQ(b.signal_and_wait(SIGTERM), 0);
}

}  // namespace
}  // namespace ombud::test

namespace ombud::test {
namespace {

// Two real ombud processes on one Redis: the satisfaction survey is asked once, a late revisit
// is escalated once, and the customer's dissatisfied answer sends the ticket back once — whichever
// process's loops and workers see them.
TEST_F(ProcessTest, TwoProcessesAskTheSurveyAndEscalateALateRevisitOnce) {
  const std::string sections =
      "tickets:\n  departments: " OMBUD_SOURCE_DIR "/config/departments.yaml\n";
  const auto a_port = static_cast<unsigned short>(store::pick_free_port());
  const auto b_port = static_cast<unsigned short>(store::pick_free_port());
  OmbudProcess a(write_config(sections, a_port));
  OmbudProcess b(write_config(sections, b_port));
  ASSERT_TRUE(a.wait_ready(a_port));
  ASSERT_TRUE(b.wait_ready(b_port));
  const auto config = gateway::parse_config(config_yaml(sections), dir_.path() / "x.yaml");
  int i = 0;
  auto send = [&](const std::string& from, const std::string& text) {
    auto hook = demo::twilio_inbound_webhook(config, twilio_account(config), from, text, demo::random_message_sid());
    const auto replies = provider_->received().size();
    ASSERT_EQ(post_webhook(i++ % 2 ? b_port : a_port, hook).status, 200u);
    ASSERT_GT(provider_->wait_for(replies + 1, std::chrono::seconds(30)), replies);
  };
  const std::string customer = "+8613800138000", li = "+8613700000001";
  for (const char* text : {"我家宽带三天没网了，要求赔偿", "刚才", "修好", "张三", "1", "1"}) send(customer, text);
  std::string number;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (number.empty() && std::chrono::steady_clock::now() < deadline) {
    auto open = redis_->run({"ZRANGE", key("tickets:open"), "0", "-1"});
    if (!open.elements.empty()) number = open.elements[0].str;
    else std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_FALSE(number.empty());
  send(li, number + " 签收");
  send(li, number + " 回复 已更换光猫");
  auto wait_field = [&](const std::string& field, const std::string& value) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (redis_->hash(key("ticket:" + number))[field] != value && std::chrono::steady_clock::now() < until)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return redis_->hash(key("ticket:" + number))[field] == value;
  };
  ASSERT_TRUE(wait_field("survey_state", "scheduled"));
  // The survey and the revisit come due now (the processes run on the real clock).
  const auto past = std::to_string(core::unix_ms() - 60 * 1000);
  redis_->run({"HSET", key("ticket:" + number), "revisit_due_ms", past});
  redis_->run({"ZADD", key("sla"), past, number + "|survey_send"});
  redis_->run({"ZADD", key("sla"), past, number + "|revisit_due"});
  ASSERT_TRUE(wait_field("survey_state", "sent"));
  ASSERT_TRUE(wait_field("revisit_overdue", "1"));
  std::this_thread::sleep_for(std::chrono::seconds(1));  // both loops run several more rounds
  auto count = [&](const std::string& to, const std::string& part) {
    int n = 0;
    for (const auto& r : provider_->received())
      n += r.field("To") == to && r.field("Body").find(part) != std::string::npos;
    return n;
  };
  EXPECT_EQ(count(customer, "请您评价"), 1);
  EXPECT_EQ(count("+8613700000011", "【回访超时】" + number), 1);  // the desk's head
  EXPECT_EQ(count("+8613700000100", "【回访超时】" + number), 1);  // the duty manager
  send(customer, "3 还是没网");
  ASSERT_TRUE(wait_field("state", "signed_for"));
  std::this_thread::sleep_for(std::chrono::seconds(1));
  EXPECT_EQ(count(li, "【重新处理】" + number), 1);
  EXPECT_EQ(redis_->hash(key("ticket:" + number))["reopened"], "1");
  EXPECT_EQ(a.signal_and_wait(SIGTERM), 0);
  EXPECT_EQ(b.signal_and_wait(SIGTERM), 0);
}

}  // namespace
}  // namespace ombud::test

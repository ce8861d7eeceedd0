// The hiredis-on-Asio client against a real redis-server.

#include "store/redis_client.hpp"
#include "store/errors.hpp"
#include "store/inbox.hpp"
#include "store/lua_sources.hpp"
#include "store/script.hpp"
#include "tests/support/redis_fixture.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/use_future.hpp>

#include <signal.h>

namespace ombud::test {
namespace {

namespace asio = boost::asio;
using store::RedisClient;

class RedisClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<store::EmbeddedRedis>(
        store::EmbeddedRedisOptions{.dir = dir_.path(), .tcp_port = store::pick_free_port()});
    store::RedisOptions o;
    o.endpoint = server_->endpoint();
    o.command_timeout = std::chrono::milliseconds(300);
    o.reconnect_max = std::chrono::milliseconds(200);
    client_ = std::make_unique<RedisClient>(io_.get_executor(), o);
    client_->start();
    thread_ = std::thread([this] {
      auto guard = asio::make_work_guard(io_);
      io_.run();
    });
  }
  void TearDown() override {
    client_->stop();
    io_.stop();
    thread_.join();
  }

  boost::system::result<store::Reply> run(RedisClient::Argv argv) {
    return asio::co_spawn(io_, client_->async_command(std::move(argv)), asio::use_future).get();
  }

  TempDir dir_;
  std::unique_ptr<store::EmbeddedRedis> server_;
  asio::io_context io_;
  std::unique_ptr<RedisClient> client_;
  std::thread thread_;
};

TEST_F(RedisClientTest, RepliesOfEveryShape) {
  auto pong = run({"PING"});
  ASSERT_TRUE(pong);
  EXPECT_EQ(pong->as_string(), "PONG");
  EXPECT_EQ(run({"SET", "k", std::string("a\0b", 3)})->type, store::Reply::Type::status);
  EXPECT_EQ(run({"GET", "k"})->str, std::string("a\0b", 3));  // binary safe
  EXPECT_TRUE(run({"GET", "missing"})->is_nil());
  EXPECT_EQ(run({"INCRBY", "n", "41"})->integer, 41);
  EXPECT_TRUE(run({"NOSUCHCOMMAND"})->is_error());
  run({"RPUSH", "l", "x", "y"});
  auto list = run({"LRANGE", "l", "0", "-1"});
  ASSERT_EQ(list->elements.size(), 2u);
  EXPECT_EQ(list->elements[1].str, "y");
}

TEST_F(RedisClientTest, ConcurrentCommandsArePipelinedAndAnsweredInOrder) {
  std::vector<std::future<boost::system::result<store::Reply>>> futures;
  for (int i = 0; i < 500; ++i)
    futures.push_back(
        asio::co_spawn(io_, client_->async_command({"INCR", "counter"}), asio::use_future));
  long long last = 0;
  for (auto& f : futures) {
    auto r = f.get();
    ASSERT_TRUE(r);
    EXPECT_GT(r->integer, last);  // one connection, FIFO: each sees a larger count
    last = r->integer;
  }
  EXPECT_EQ(last, 500);
}

TEST_F(RedisClientTest, AStalledServerTimesOutAndTheClientRecovers) {
  ASSERT_TRUE(run({"PING"}));
  kill(server_->pid(), SIGSTOP);
  auto stalled = run({"PING"});
  ASSERT_FALSE(stalled);
  EXPECT_EQ(stalled.error(), store::StoreError::timed_out);
  EXPECT_TRUE(store::is_unavailable(stalled.error()));
  kill(server_->pid(), SIGCONT);
  boost::system::result<store::Reply> again = stalled.error();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!again && std::chrono::steady_clock::now() < deadline) again = run({"PING"});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->as_string(), "PONG");
}

TEST_F(RedisClientTest, ScriptsAreReloadedAfterTheServerForgetsThem) {
  const store::Script lease(store::lua::lease_acquire);
  auto run_script = [&] {
    return asio::co_spawn(io_, lease.async_run(*client_, {"lease"}, {"me", "10000"}),
                          asio::use_future)
        .get();
  };
  auto first = run_script();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->integer, 1);
  ASSERT_TRUE(run({"SCRIPT", "FLUSH"}));
  auto second = run_script();  // NOSCRIPT → SCRIPT LOAD → EVALSHA
  ASSERT_TRUE(second);
  EXPECT_EQ(second->integer, 1);
  EXPECT_EQ(run({"GET", "lease"})->str, "me");
}

TEST_F(RedisClientTest, ADownServerFailsFastAndIsReconnected) {
  ASSERT_TRUE(run({"SET", "kept", "1"}));
  server_->stop();
  auto down = run({"PING"});
  ASSERT_FALSE(down);
  EXPECT_TRUE(store::is_unavailable(down.error()));
  server_->restart();
  boost::system::result<store::Reply> up = down.error();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!up && std::chrono::steady_clock::now() < deadline) up = run({"GET", "kept"});
  ASSERT_TRUE(up);
  EXPECT_EQ(up->str, "1");  // the AOF kept it
}

// A decision is stored only on the ticket it was made on: a commit whose ticket changed since
// it was read stores nothing and leaves the entry pending (the worker decides again); on the
// ticket as it now is it applies, with its audit line; once committed, a stale retry is
// recognised as done.
TEST_F(RedisClientTest, AnInboxCommitDecidedOnAChangedTicketStoresNothingAndStaysPending) {
  store::Inbox inbox(*client_, store::Keys("t"), store::InboxOptions{.partitions = 1});
  auto await = [&](auto awaitable) { return asio::co_spawn(io_, std::move(awaitable), asio::use_future).get(); };
  ASSERT_TRUE(await(inbox.async_ensure_groups()));
  core::InboundMessage m{"twilio", "main", "SM1", "+8613800000001", "+10000000000", "T2611300001 签收"};
  ASSERT_TRUE(await(inbox.async_ingest(m)));
  ASSERT_TRUE(await(inbox.async_lease(0, "w1", std::chrono::seconds(30)))->held());
  auto read = await(inbox.async_read(*client_, {0}, "w1", 10, std::chrono::milliseconds(100)));
  ASSERT_TRUE(read);
  ASSERT_EQ(read->size(), 1u);
  const auto& entry = read->front();
  const std::string ticket = "{t}:ticket:T2611300001";
  ASSERT_TRUE(run({"HSET", ticket, "number", "T2611300001", "state", "dispatched", "version", "3"}));

  store::InboxEffects effects;
  effects.hset.push_back({ticket, {{"state", "signed_for"}}});
  effects.audit = store::AuditLine{1, "+8613800000001", "李工", "responsible", "sms", "sign-for",
                                   "T2611300001", "2", m.text};
  effects.unchanged = store::ReadVersion{"T2611300001", "2"};
  auto stale = await(inbox.async_commit(entry, "w1", effects));
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->outcome, store::CommitResult::Outcome::changed_since_read);
  EXPECT_EQ(run({"HGET", ticket, "state"})->str, "dispatched");
  EXPECT_EQ(run({"XLEN", "{t}:audit"})->integer, 0);
  EXPECT_EQ(run({"XPENDING", "{t}:inbox:0", "processors"})->elements.at(0).integer, 1);

  effects.unchanged->version = "3";
  effects.audit->before = "3";
  auto fresh = await(inbox.async_commit(entry, "w1", effects));
  ASSERT_TRUE(fresh);
  EXPECT_EQ(fresh->outcome, store::CommitResult::Outcome::applied);
  EXPECT_EQ(run({"HGET", ticket, "state"})->str, "signed_for");
  EXPECT_EQ(run({"HGET", ticket, "version"})->str, "4");
  auto audit = run({"XRANGE", "{t}:audit", "-", "+"});
  ASSERT_EQ(audit->elements.size(), 1u);
  std::map<std::string, std::string> line;
  const auto& f = audit->elements[0].elements[1].elements;
  for (size_t i = 0; i + 1 < f.size(); i += 2) line[f[i].str] = f[i + 1].str;
  EXPECT_EQ(line["source"], "sms");
  EXPECT_EQ(line["action"], "sign-for");
  EXPECT_EQ(line["before"], "3");
  EXPECT_EQ(line["body"], m.text);

  auto again = await(inbox.async_commit(entry, "w1", effects));  // version is 4 now
  ASSERT_TRUE(again);
  EXPECT_EQ(again->outcome, store::CommitResult::Outcome::already_committed);
  EXPECT_EQ(run({"XLEN", "{t}:audit"})->integer, 1);
}

}  // namespace
}  // namespace ombud::test

// Issue 17, the console: what an agent with an ordinary token could do that cost the desk or
// its customers (texts without bound, control characters, numbers shown, feeds held open).

#include "tests/support/console_fixture.hpp"

namespace ombud::test {
namespace {

class ConsoleLimitsTest : public ConsoleTest {
 protected:
  ConsoleLimitsTest() { tickets_extra_ = "limits:\n  staff_sends_per_customer: 3\n"; }

  // A complaint signed for by the network's responsible person through the console.
  std::pair<std::string, std::string> signed_ticket() {
    const auto token = agent("agent", "network", kNetwork, "王工");
    const auto number = complained();
    EXPECT_EQ(call(token, "POST", "/api/v1/tickets/" + number + "/sign-for").status, 200u);
    return {token, number};
  }
};

// Every text a member of staff writes becomes an SMS: past 4 segments it is refused, naming
// the field and the limit; control characters never reach the customer's phone; and what
// staff cause one customer to be sent is capped per window.
TEST_F(ConsoleLimitsTest, StaffTextsAreBoundedCleanedAndCappedPerCustomer) {
  const auto [token, number] = signed_ticket();
  const std::string long_text(4000, 'x');
  auto refused = call(token, "POST", "/api/v1/tickets/" + number + "/reply",
                      R"({"result":")" + long_text + R"("})");
  EXPECT_EQ(refused.status, 422u) << refused.body;
  EXPECT_NE(refused.body.find("result is too long: at most 4 SMS segments"), std::string::npos)
      << refused.body;
  std::string chinese;
  for (int i = 0; i < 300; ++i) chinese += "修";
  refused = call(token, "POST", "/api/v1/tickets/" + number + "/appoint",
                 R"({"text":")" + chinese + R"("})");
  EXPECT_EQ(refused.status, 422u) << refused.body;

  auto before = provider_->received().size();
  auto appointed = call(token, "POST", "/api/v1/tickets/" + number + "/appoint",
                        R"({"text":"\u001b[31m明天\u0007上午\u0000十点\r\n上门"})");
  ASSERT_EQ(appointed.status, 200u) << appointed.body;
  ASSERT_TRUE(sent_eventually(kCustomer, "明天上午十点\n上门", before)) << sent_to(kCustomer, before);
  for (const auto& r : provider_->received())
    for (char c : r.field("Body"))
      EXPECT_TRUE(c == '\n' || static_cast<unsigned char>(c) >= 0x20) << r.field("Body");

  // Staff caused 3 messages to the customer in the window (signed for, two appointments):
  // the next ones are not sent, and the customer is flagged for a person to look at.
  for (int i = 0; i < 4; ++i)
    ASSERT_EQ(call(token, "POST", "/api/v1/tickets/" + number + "/appoint",
                   R"({"text":"改约第)" + std::to_string(i) + R"(次"})")
                  .status,
              200u);
  ASSERT_TRUE(wait_idle());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  auto failed = [&] {
    int n = 0;
    for (const auto& k : redis_->run({"KEYS", key("out:desk-*")}).elements)
      n += redis_->string({"HGET", k.str, "status"}) == "failed";
    return n;
  };
  while (failed() < 3 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(failed(), 3);
  const auto sent = sent_to(kCustomer, before);
  EXPECT_NE(sent.find("改约第0次"), std::string::npos) << sent;
  EXPECT_EQ(sent.find("改约第1次"), std::string::npos) << sent;
  EXPECT_EQ(sent.find("改约第3次"), std::string::npos) << sent;
  EXPECT_EQ(redis_->run({"ZRANGE", key("flagged-senders"), "0", "-1"}).elements.size(), 1u);
}

// Numbers are shown only to whom they are for: the feed names the customer "customer" and
// masks numbers in what they wrote, the ticket's transcript masks a number the customer typed
// in any form, and a search cannot find, a digit at a time, a number the caller is shown
// masked, nor anything of an anonymous customer's.
TEST_F(ConsoleTest, NumbersDoNotLeakThroughTheFeedTheTranscriptOrTheSearch) {
  const auto colleague = agent("agent", "network", "", "赵工");
  for (const char* text : {"我家宽带三天没网了，要求赔偿", "本周一开始", "尽快修好", "张三",
                           "139 1234 5678", "1"})
    write(kCustomer, text);
  const auto confirmation = sent_to(kCustomer);
  const auto number = confirmation.substr(confirmation.rfind("编号T") + 6, 11);
  ASSERT_EQ(ticket(number)["phone"], "+8613912345678");

  SseClient feed(app_->port(), colleague);
  feed.read_until(0, std::chrono::milliseconds(300));
  write(kCustomer, "补充：也可以打我家里电话010-62345678");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (feed.text().find(R"("what":"note")") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline)
    feed.read_until(0, std::chrono::milliseconds(100));
  EXPECT_NE(feed.text().find(R"("by":"customer")"), std::string::npos) << feed.text();
  EXPECT_EQ(feed.text().find(kCustomer), std::string::npos) << feed.text();
  EXPECT_EQ(feed.text().find("62345678"), std::string::npos) << feed.text();

  auto seen = call(colleague, "GET", "/api/v1/tickets/" + number);
  ASSERT_EQ(seen.status, 200u) << seen.body;
  for (const char* form : {"139 1234 5678", "13912345678", "+8613912345678", "62345678"})
    EXPECT_EQ(seen.body.find(form), std::string::npos) << form << " in " << seen.body;

  auto search = call(colleague, "GET", "/api/v1/tickets?q=%2B861391");
  EXPECT_EQ(search.status, 403u) << search.body;
  search = call(colleague, "GET", "/api/v1/tickets?q=" + std::string("%E5%AE%BD%E5%B8%A6"));  // 宽带
  EXPECT_EQ(search.status, 200u) << search.body;
  EXPECT_NE(search.body.find(number), std::string::npos) << search.body;

  // The desk may search by number, but never finds an anonymous customer by theirs.
  const std::string hidden = "+8613800138444";
  for (const char* text : {"我家宽带三天没网了，要求赔偿", "本周一开始", "尽快修好", "匿名", "1"})
    write(hidden, text);
  const auto desk = agent("desk", "", "", "钱主管");
  search = call(desk, "GET", "/api/v1/tickets?q=13800138444");
  ASSERT_EQ(search.status, 200u) << search.body;
  EXPECT_EQ(body(search).at("tickets").as_array().size(), 0u) << search.body;
  search = call(desk, "GET", "/api/v1/tickets?q=1391234");
  ASSERT_EQ(search.status, 200u) << search.body;
  EXPECT_EQ(body(search).at("tickets").as_array().size(), 1u) << search.body;
}

class ConsoleSmallerTest : public ConsoleTest {
 protected:
  ConsoleSmallerTest() {
    tickets_extra_ = "console:\n  roles:\n    analyst: [tickets.read, incidents.read]\n";
  }
};

// Issue 17's smaller items, each as an attacker or a careless client would meet it.
TEST_F(ConsoleSmallerTest, KeysCursorsScopesTokensAndHeadersAreCheckedStrictly) {
  const auto token = agent("agent", "network", kNetwork, "王工");
  const auto number = complained();
  // The same Idempotency-Key with another body, or on another action: refused, nothing done.
  auto first = call(token, "POST", "/api/v1/tickets/" + number + "/sign-for", "",
                    {{"Idempotency-Key", "k-1"}});
  ASSERT_EQ(first.status, 200u) << first.body;
  auto other = call(token, "POST", "/api/v1/tickets/" + number + "/note", R"({"text":"已联系"})",
                    {{"Idempotency-Key", "k-1"}});
  EXPECT_EQ(other.status, 422u) << other.body;
  EXPECT_NE(other.body.find("reused with a different request"), std::string::npos) << other.body;
  auto noted = call(token, "POST", "/api/v1/tickets/" + number + "/note", R"({"text":"已联系"})",
                    {{"Idempotency-Key", "k-2"}});
  ASSERT_EQ(noted.status, 200u) << noted.body;
  auto changed = call(token, "POST", "/api/v1/tickets/" + number + "/note", R"({"text":"别的"})",
                      {{"Idempotency-Key", "k-2"}});
  EXPECT_EQ(changed.status, 422u) << changed.body;
  EXPECT_EQ(ticket(number)["timeline"].find("别的"), std::string::npos);
  auto again = call(token, "POST", "/api/v1/tickets/" + number + "/note", R"({"text":"已联系"})",
                    {{"Idempotency-Key", "k-2"}});
  EXPECT_EQ(again.status, 200u) << again.body;

  // Cursors the API never gave: 422, not 503.
  for (const char* cursor : {"e.0", "-.0", "1e.0", "inf.0", "nan.0", "1.5x"})
    EXPECT_EQ(call(token, "GET", std::string("/api/v1/tickets?cursor=") + cursor).status, 422u)
        << cursor;

  // Incidents follow department scope.
  redis_->run({"HSET", key("incident:" + number), "id", number, "category", "broadband",
               "summary", "x", "customers", "5", "tickets", number});
  redis_->run({"ZADD", key("incidents"), "1", number});
  const auto billing = agent("analyst", "billing", "", "孙分析");
  auto listed = call(billing, "GET", "/api/v1/incidents");
  ASSERT_EQ(listed.status, 200u) << listed.body;
  EXPECT_EQ(body(listed).at("incidents").as_array().size(), 0u) << listed.body;
  EXPECT_EQ(call(billing, "GET", "/api/v1/incidents/" + number).status, 404u);
  const auto network = agent("analyst", "network", "", "周分析");
  EXPECT_EQ(body(call(network, "GET", "/api/v1/incidents")).at("incidents").as_array().size(), 1u);

  // Two Authorization headers: 400.
  auto twice = request(app_->port(), "GET", "/api/v1/me", "",
                       {{"Authorization", "Bearer " + token}, {"Authorization", "Bearer x"}});
  EXPECT_EQ(twice.status, 400u) << twice.body;

  // A department id that could reach other keys is refused.
  const auto admin = agent("admin", "", "", "管理员");
  auto directory = call(admin, "GET", "/api/v1/departments");
  ASSERT_EQ(directory.status, 200u) << directory.body;
  auto doc = body(directory);
  auto& departments = doc.at("directory").at("departments").as_array();
  departments[0].as_object()["id"] = "x}:{ombud}:agent-token:*";
  auto saved = call(admin, "PUT", "/api/v1/departments", json::serialize(doc.at("directory")));
  EXPECT_EQ(saved.status, 422u) << saved.body;

  // Rotating a disabled account's token does not enable it.
  std::ostringstream out;
  const auto id = std::string(body(call(token, "GET", "/api/v1/me")).at("id").as_string());
  gateway::AgentCommand disable{"disable", id, "", "", "", ""};
  ASSERT_EQ(gateway::run_agents(app_->config(), disable, out), 0);
  gateway::AgentCommand rotate{"rotate", id, "", "", "", ""};
  ASSERT_EQ(gateway::run_agents(app_->config(), rotate, out), 0);
  const auto text = out.str();
  const auto fresh = text.substr(text.find("omb_"), 68);
  EXPECT_EQ(call(fresh, "GET", "/api/v1/me").status, 401u);

  // Unknown tokens from one address: 401 at first (20 in all, the rotated token's above
  // included; one more for each 3 s the loop takes), then 429 with Retry-After.
  int refused = 0, slowed = 0;
  for (int i = 0; i < 40; ++i) {
    const auto r = call("omb_" + std::string(64, static_cast<char>('a' + i % 6)), "GET", "/api/v1/me");
    refused += r.status == 401;
    slowed += r.status == 429 && r.headers.count("Retry-After") == 1;
  }
  EXPECT_GE(refused, 19);
  EXPECT_LE(refused, 22);
  EXPECT_EQ(refused + slowed, 40);
}

class FeedLimitsTest : public ConsoleTest {
 protected:
  FeedLimitsTest() { tickets_extra_ = "console:\n  keepalive_s: 1\n"; }
};

// Live feeds are capped per account, keep a quiet department's feed alive while another is
// busy, close when their account is disabled, and a client resuming from too far back is told
// to reload instead of being replayed everything.
TEST_F(FeedLimitsTest, FeedsAreCappedKeptAliveClosedWithTheirAccountAndResumedWithinBounds) {
  const auto billing = agent("agent", "billing", "", "孙工");
  std::vector<std::unique_ptr<SseClient>> feeds;
  for (int i = 0; i < 5; ++i) {
    feeds.push_back(std::make_unique<SseClient>(app_->port(), billing));
    feeds.back()->read_until(0, std::chrono::milliseconds(200));
    EXPECT_NE(feeds.back()->text().find("ombud events"), std::string::npos) << i;
  }
  SseClient sixth(app_->port(), billing);
  sixth.read_until(0, std::chrono::milliseconds(300));
  EXPECT_NE(sixth.text().find("HTTP/1.1 429"), std::string::npos) << sixth.text();
  feeds.resize(1);

  // The network department is busy for 3 s; billing's quiet feed still hears every second.
  const auto number = complained();
  auto& quiet = *feeds.front();
  const auto busy_until = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (std::chrono::steady_clock::now() < busy_until) {
    write(kCustomer, "补充说明：网络还是不通");
    quiet.read_until(0, std::chrono::milliseconds(300));
  }
  EXPECT_GE(quiet.count(": keepalive"), 2u) << quiet.text();
  EXPECT_EQ(quiet.text().find(number), std::string::npos);  // not billing's ticket

  // Disabled: the open feed is told and closed within seconds.
  std::ostringstream out;
  const auto id = std::string(body(call(billing, "GET", "/api/v1/me")).at("id").as_string());
  gateway::AgentCommand disable{"disable", id, "", "", "", ""};
  ASSERT_EQ(gateway::run_agents(app_->config(), disable, out), 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (quiet.text().find("event: closed") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline)
    quiet.read_until(0, std::chrono::milliseconds(200));
  EXPECT_NE(quiet.text().find("event: closed"), std::string::npos) << quiet.text();

  // Resuming from the beginning of time: reload, nothing replayed.
  const auto desk = agent("desk", "", "", "钱主管");
  SseClient ancient(app_->port(), desk, "0-1");
  ancient.read_until(0, std::chrono::milliseconds(500));
  EXPECT_NE(ancient.text().find("event: reset"), std::string::npos) << ancient.text();
  EXPECT_EQ(ancient.count("event: ticket"), 0u) << ancient.text();
}

}  // namespace
}  // namespace ombud::test

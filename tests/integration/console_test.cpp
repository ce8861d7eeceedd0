// The agent console API through real HTTP on loopback, a real Redis and the fake Twilio:
// accounts and tokens, the role × endpoint matrix, actions with their effects on the customer,
// If-Match, Idempotency-Key, the audit step, and the live feed with resume.

#include "tests/support/console_fixture.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <future>
#include <set>
#include <sstream>

namespace ombud::test {
namespace {


TEST_F(ConsoleTest, AnAgentSignsForAndRepliesAndTheCustomerHearsIt) {
  const auto token = agent("agent", "network", kNetwork, "王工");
  ASSERT_FALSE(token.empty());
  const auto number = complained();
  ASSERT_FALSE(number.empty());

  auto list = call(token, "GET", "/api/v1/tickets?state=open");
  ASSERT_EQ(list.status, 200u) << list.body;
  auto page = body(list);
  ASSERT_EQ(page.at("tickets").as_array().size(), 1u) << list.body;
  EXPECT_EQ(page.at("tickets").at(0).at("number").as_string(), number);
  EXPECT_EQ(page.at("tickets").at(0).at("department").at("name").as_string(), "网络维护部");

  auto one = call(token, "GET", "/api/v1/tickets/" + number);
  ASSERT_EQ(one.status, 200u) << one.body;
  const auto version = one.headers["ETag"];
  ASSERT_FALSE(version.empty());
  // The person it is with sees the number to call back (as their SMS gives it); another agent
  // of the department sees it masked, in the customer's answers too.
  EXPECT_EQ(body(one).at("customer").at("phone").as_string(), kCustomer);
  const auto colleague = call(agent("agent", "network", "", "赵工"), "GET", "/api/v1/tickets/" + number);
  EXPECT_EQ(body(colleague).at("customer").at("phone").as_string(), "+86138****8000");
  EXPECT_EQ(colleague.body.find(kCustomer), std::string::npos) << colleague.body;

  // Not signed for yet: refused in the console's words (no SMS syntax).
  auto early = call(token, "POST", "/api/v1/tickets/" + number + "/reply", R"({"result":"已处理"})");
  EXPECT_EQ(early.status, 409u) << early.body;
  EXPECT_NE(early.body.find("尚未签收，请先签收。"), std::string::npos) << early.body;

  auto before = provider_->received().size();
  auto signed_for = call(token, "POST", "/api/v1/tickets/" + number + "/sign-for", "", {{"If-Match", version}});
  ASSERT_EQ(signed_for.status, 200u) << signed_for.body;
  EXPECT_NE(body(signed_for).at("message").as_string().find("已签收：" + number), std::string::npos);
  EXPECT_EQ(signed_for.body.find("回复“"), std::string::npos) << signed_for.body;
  EXPECT_TRUE(sent_eventually(kCustomer, "已由网络维护部签收", before)) << sent_to(kCustomer, before);
  // The confirmation is the API's answer, not an SMS to the agent.
  EXPECT_EQ(sent_to(kNetwork, before).find("已签收"), std::string::npos);

  before = provider_->received().size();
  auto replied = call(token, "POST", "/api/v1/tickets/" + number + "/reply",
                      R"({"result":"已更换光猫，网络已恢复"})");
  ASSERT_EQ(replied.status, 200u) << replied.body;
  EXPECT_TRUE(sent_eventually(kCustomer, "处理结果：已更换光猫，网络已恢复", before)) << sent_to(kCustomer, before);
  auto t = ticket(number);
  EXPECT_EQ(t["state"], "result_sent");
  EXPECT_NE(t["timeline"].find(R"("by":")" + kNetwork + R"(","via":"console","what":"signed_for")"), std::string::npos)
      << t["timeline"];
  // The same person as by SMS, named in the timeline the console shows.
  auto shown = body(call(token, "GET", "/api/v1/tickets/" + number));
  bool named = false;
  for (const auto& line : shown.at("timeline").as_array())
    named = named || (line.at("what") == "replied" && line.at("by_name") == "李工");
  EXPECT_TRUE(named) << json::serialize(shown.at("timeline"));
  // The customer will be asked their opinion of the result.
  EXPECT_EQ(shown.at("survey").at("state"), "scheduled") << json::serialize(shown.at("survey"));
  EXPECT_EQ(shown.at("survey").at("round"), 1);
  // The same person goes on by SMS.
  before = provider_->received().size();
  write(kNetwork, number + " 备注 已电话回访客户");
  ASSERT_TRUE(sent_eventually(kNetwork, "已记录", before)) << sent_to(kNetwork, before);
  // Every action is in the audit log with the account, the time and the source, by the
  // console or by SMS.
  const auto audit = redis_->run({"XRANGE", key("audit"), "-", "+"});
  ASSERT_EQ(audit.elements.size(), 3u);
  auto line = [&](std::size_t i) {
    std::map<std::string, std::string> out;
    const auto& f = audit.elements[i].elements[1].elements;
    for (size_t j = 0; j + 1 < f.size(); j += 2) out[f[j].str] = f[j + 1].str;
    return out;
  };
  EXPECT_EQ(line(1)["action"], "reply");
  EXPECT_EQ(line(1)["source"], "api");
  EXPECT_EQ(line(1)["ticket"], number);
  EXPECT_EQ(line(1)["account"].rfind("agent-", 0), 0u);
  EXPECT_EQ(line(2)["action"], "note");
  EXPECT_EQ(line(2)["source"], "sms");
  EXPECT_EQ(line(2)["account"], kNetwork);
  EXPECT_EQ(line(2)["name"], "李工");  // as the directory names the person
  EXPECT_EQ(line(2)["ticket"], number);
  EXPECT_EQ(line(2)["before"], t["version"]);
  EXPECT_NE(line(2)["at_ms"], "");

  // Refused like the SMS command, in the person's words: 409.
  auto again = call(token, "POST", "/api/v1/tickets/" + number + "/sign-for");
  EXPECT_EQ(again.status, 409u) << again.body;
  EXPECT_NE(again.body.find("未执行"), std::string::npos) << again.body;
}

TEST_F(ConsoleTest, EveryRoleGetsWhatItsPermissionsAllowAndNothingElse) {
  const auto number = complained();
  ASSERT_FALSE(number.empty());
  const std::map<std::string, std::string> tokens{{"agent", agent("agent", "network")},
                                                  {"head", agent("head", "network")},
                                                  {"desk", agent("desk")},
                                                  {"manager", agent("manager")},
                                                  {"admin", agent("admin")}};
  const auto doc = body(request(app_->port(), "GET", "/api/v1/openapi.json"));
  const auto& settings = app_->config().console;
  int checked = 0;
  for (const auto& [path, item] : doc.at("paths").as_object()) {
    for (const auto& [method, op] : item.as_object()) {
      const auto* needs = op.as_object().if_contains("x-permission");
      if (needs == nullptr || path == "/api/v1/events") continue;  // events: below
      std::string target(path);
      if (auto at = target.find("{number}"); at != std::string::npos) target.replace(at, 8, number);
      if (auto at = target.find("{id}"); at != std::string::npos) target.replace(at, 4, number);
      for (const auto& [role, token] : tokens) {
        std::string verb(method);
        for (auto& c : verb) c = static_cast<char>(std::toupper(c));
        auto r = call(token, verb, target, verb == "GET" ? "" : "{}");
        const bool allowed = settings.allows(role, needs->as_string());
        if (allowed) {
          EXPECT_NE(r.status, 403u) << role << " " << verb << " " << target << ": " << r.body;
        } else {
          ASSERT_EQ(r.status, 403u) << role << " " << verb << " " << target << ": " << r.body;
          EXPECT_EQ(body(r).at("error").at("permission").as_string(), needs->as_string()) << r.body;
        }
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 5 * 35);
  for (const auto& [role, token] : tokens) {
    SseClient sse(app_->port(), token);
    sse.read_until(0, std::chrono::milliseconds(300));
    const bool allowed = settings.allows(role, "events.read");
    EXPECT_EQ(sse.text().starts_with("HTTP/1.1 200"), allowed) << role << ": " << sse.text();
  }
  // Another department's ticket does not exist for an agent; nor does its listing.
  const auto billing = agent("agent", "billing");
  EXPECT_EQ(call(billing, "GET", "/api/v1/tickets/" + number).status, 404u);
  EXPECT_EQ(call(billing, "POST", "/api/v1/tickets/" + number + "/sign-for").status, 404u);
  auto theirs = call(billing, "GET", "/api/v1/tickets?department=network");
  EXPECT_EQ(theirs.status, 403u);
  EXPECT_EQ(body(theirs).at("error").at("permission"), "tickets.read_all");
  EXPECT_EQ(body(call(billing, "GET", "/api/v1/tickets")).at("tickets").as_array().size(), 0u);
  // No token, an unknown one: 401.
  EXPECT_EQ(request(app_->port(), "GET", "/api/v1/me").status, 401u);
  EXPECT_EQ(call("omb_nothing", "GET", "/api/v1/me").status, 401u);
}

TEST_F(ConsoleTest, TheDocumentDescribesExactlyTheRoutesServed) {
  const auto doc = body(request(app_->port(), "GET", "/api/v1/openapi.json"));
  EXPECT_EQ(doc.at("openapi"), "3.1.0");
  std::set<std::string> documented, served;
  for (const auto& [path, item] : doc.at("paths").as_object())
    for (const auto& [method, op] : item.as_object()) {
      std::string verb(method);
      for (auto& c : verb) c = static_cast<char>(std::toupper(c));
      documented.insert(verb + " " + std::string(path));
    }
  for (const auto& r : app_->routes())
    if (r.find(" /api/v1/") != std::string::npos) served.insert(r);
  EXPECT_EQ(documented, served);
}

TEST_F(ConsoleTest, ADisabledOrRotatedTokenStopsWorkingAtOnce) {
  const auto token = agent("desk");
  ASSERT_EQ(call(token, "GET", "/api/v1/me").status, 200u);
  std::ostringstream out;
  ASSERT_EQ(gateway::run_agents(app_->config(), {"rotate", "agent-1"}, out), 0);
  const auto fresh = out.str().substr(out.str().find("omb_"), 68);
  EXPECT_EQ(call(token, "GET", "/api/v1/me").status, 401u);
  EXPECT_EQ(call(fresh, "GET", "/api/v1/me").status, 200u);
  ASSERT_EQ(gateway::run_agents(app_->config(), {"disable", "agent-1"}, out), 0);
  EXPECT_EQ(call(fresh, "GET", "/api/v1/me").status, 401u);
  // Only the hash of a token is stored.
  EXPECT_EQ(redis_->hash(key("agent:agent-1"))["token_hash"], "");
  EXPECT_EQ(redis_->run({"KEYS", "*" + fresh.substr(4) + "*"}).elements.size(), 0u);
}

TEST_F(ConsoleTest, BadRequestsAreRefusedNamingTheField) {
  const auto token = agent("desk");
  const auto number = complained();
  const auto path = "/api/v1/tickets/" + number;
  auto unknown = call(token, "POST", path + "/note", R"({"text":"x","colour":"red"})");
  EXPECT_EQ(unknown.status, 422u);
  EXPECT_EQ(body(unknown).at("error").at("field"), "colour");
  auto missing = call(token, "POST", path + "/extend", R"({"reason":"等配件"})");
  EXPECT_EQ(missing.status, 422u);
  EXPECT_EQ(body(missing).at("error").at("field"), "days");
  auto wrong = call(token, "POST", path + "/extend", R"({"days":"three"})");
  EXPECT_EQ(wrong.status, 422u);
  EXPECT_EQ(body(wrong).at("error").at("field"), "days");
  EXPECT_EQ(call(token, "POST", path + "/note", R"({"text":)").status, 400u);
  EXPECT_EQ(request(app_->port(), "POST", path + "/note", R"({"text":"x"})",
                    {{"Authorization", "Bearer " + token}, {"Content-Type", "text/plain"}})
                .status,
            415u);
  EXPECT_EQ(call(token, "GET", "/api/v1/tickets?colour=red").status, 422u);
  EXPECT_EQ(call(token, "GET", "/api/v1/tickets?cursor=nonsense").status, 422u);
  EXPECT_EQ(call(token, "GET", "/api/v1/tickets/T0000000000").status, 404u);
}

TEST_F(ConsoleTest, TwoAgentsActingOnTheSameVersionOneWinsOneIsTold) {
  const auto token = agent("desk");
  const auto number = complained();
  const auto version = call(token, "GET", "/api/v1/tickets/" + number).headers["ETag"];
  ASSERT_FALSE(version.empty());
  auto note = [&](const std::string& text) {
    return std::async(std::launch::async, [=, this] {
      return call(token, "POST", "/api/v1/tickets/" + number + "/note",
                  R"({"text":")" + text + R"("})", {{"If-Match", version}});
    });
  };
  auto a = note("第一条");
  auto b = note("第二条");
  const auto ra = a.get(), rb = b.get();
  std::multiset<unsigned> statuses{ra.status, rb.status};
  ASSERT_EQ(statuses, (std::multiset<unsigned>{200u, 409u})) << version << ra.body << rb.body;
  const auto& loser = ra.status == 409u ? ra : rb;
  EXPECT_EQ(body(loser).at("error").at("reason"), "version");
  const auto timeline = ticket(number)["timeline"];
  EXPECT_NE(timeline.find("第一条") == std::string::npos, timeline.find("第二条") == std::string::npos);
}

TEST_F(ConsoleTest, ARetriedPostWithTheSameIdempotencyKeyActsOnce) {
  const auto token = agent("desk");
  const auto number = complained();
  const std::vector<std::pair<std::string, std::string>> key{{"Idempotency-Key", "note-7f3a"}};
  auto first = call(token, "POST", "/api/v1/tickets/" + number + "/note", R"({"text":"已致电客户"})", key);
  auto second = call(token, "POST", "/api/v1/tickets/" + number + "/note", R"({"text":"已致电客户"})", key);
  ASSERT_EQ(first.status, 200u) << first.body;
  ASSERT_EQ(second.status, 200u) << second.body;
  EXPECT_EQ(first.body, second.body);
  const auto timeline = ticket(number)["timeline"];
  EXPECT_EQ(timeline.find("已致电客户"), timeline.rfind("已致电客户")) << timeline;
}

TEST_F(ConsoleTest, ATokenOverItsRateIsToldWhenToComeBack) {
  stop_app();
  start_app("console:\n  requests_per_minute: 10\ntickets:\n  departments: " OMBUD_SOURCE_DIR
            "/config/departments.yaml\n");
  const auto token = agent("desk");
  EXPECT_EQ(call(token, "GET", "/api/v1/me").status, 200u);
  auto over = call(token, "GET", "/api/v1/me");
  EXPECT_EQ(over.status, 429u);
  EXPECT_GE(std::stoi(over.headers["Retry-After"]), 1);
}

TEST_F(ConsoleTest, TheLiveFeedResumesWithoutLosingOrRepeatingAnEvent) {
  const auto token = agent("desk");
  const auto number = complained();
  std::string last;
  {
    SseClient sse(app_->port(), token);
    sse.read_until(0, std::chrono::milliseconds(300));
    ASSERT_EQ(call(token, "POST", "/api/v1/tickets/" + number + "/note", R"({"text":"一"})").status, 200u);
    sse.read_until(1);
    ASSERT_EQ(sse.count("event: ticket"), 1u) << sse.text();
    EXPECT_NE(sse.text().find("\"text\":\"一\""), std::string::npos) << sse.text();
    last = sse.last_id();
  }  // the connection drops
  ASSERT_EQ(call(token, "POST", "/api/v1/tickets/" + number + "/note", R"({"text":"二"})").status, 200u);
  ASSERT_EQ(call(token, "POST", "/api/v1/tickets/" + number + "/note", R"({"text":"三"})").status, 200u);
  SseClient resumed(app_->port(), token, last);
  resumed.read_until(2);
  ASSERT_EQ(call(token, "POST", "/api/v1/tickets/" + number + "/note", R"({"text":"四"})").status, 200u);
  resumed.read_until(3);
  resumed.read_until(0, std::chrono::milliseconds(300));  // nothing more comes
  const auto& text = resumed.text();
  EXPECT_EQ(resumed.count("event: ticket"), 3u) << text;
  EXPECT_EQ(text.find("\"text\":\"一\""), std::string::npos) << text;
  EXPECT_LT(text.find("\"text\":\"二\""), text.find("\"text\":\"三\"")) << text;
  EXPECT_LT(text.find("\"text\":\"三\""), text.find("\"text\":\"四\"")) << text;
  // A customer's SMS to their open ticket arrives on the feed too.
  write(kCustomer, "请尽快处理，谢谢配合");
  resumed.read_until(4);
  resumed.read_until(0, std::chrono::milliseconds(300));
  EXPECT_NE(resumed.text().find("请尽快处理"), std::string::npos) << resumed.text();
}

TEST_F(ConsoleTest, AHandoffIsTakenAndAnsweredInTheConsoleWhileTheCustomerWritesLive) {
  const auto number = asked_for_a_person("我的手机卡被停机了");
  ASSERT_FALSE(number.empty());
  const auto queue = call(desk_, "GET", "/api/v1/handoffs");
  EXPECT_NE(queue.body.find("我的手机卡被停机了"), std::string::npos) << queue.body;
  const auto& desk = desk_;
  const auto& customer = kAsking;
  // A work order's actions do not apply to a conversation.
  EXPECT_EQ(call(desk, "POST", "/api/v1/tickets/" + number + "/sign-for").status, 404u);

  SseClient sse(app_->port(), desk);
  sse.read_until(0, std::chrono::milliseconds(200));
  auto claimed = call(desk, "POST", "/api/v1/handoffs/" + number + "/claim");
  ASSERT_EQ(claimed.status, 200u) << claimed.body;
  EXPECT_EQ(body(call(desk, "GET", "/api/v1/handoffs")).at("handoffs").as_array().size(), 0u);
  // Someone else cannot take it over.
  const auto other = agent("desk");
  auto second = call(other, "POST", "/api/v1/handoffs/" + number + "/messages", R"({"text":"您好"})");
  EXPECT_EQ(second.status, 409u) << second.body;
  EXPECT_NE(second.body.find("已由其他客服接待"), std::string::npos) << second.body;

  auto before = provider_->received().size();
  auto wrote = call(desk, "POST", "/api/v1/handoffs/" + number + "/messages",
                    R"({"text":"您好，停机原因是欠费，缴费后即可恢复。"})");
  ASSERT_EQ(wrote.status, 200u) << wrote.body;
  EXPECT_TRUE(sent_eventually(customer, "缴费后即可恢复。（客服陈主管）", before)) << sent_to(customer, before);
  // The customer's next SMS reaches the console live (and, as before, the person by SMS).
  write(customer, "我已经缴费了，什么时候恢复？");
  sse.read_until(3);
  EXPECT_NE(sse.text().find("我已经缴费了，什么时候恢复？"), std::string::npos) << sse.text();
  // Handing the customer back to the bot: they are told, and their next message starts afresh.
  before = provider_->received().size();
  ASSERT_EQ(call(desk, "POST", "/api/v1/handoffs/" + number + "/close").status, 200u);
  EXPECT_TRUE(sent_eventually(customer, "人工服务已结束", before)) << sent_to(customer, before);
  EXPECT_EQ(ticket(number)["state"], "closed");
  EXPECT_NE(ticket(number)["timeline"].find(R"("via":"console","what":"staff_wrote")"), std::string::npos);
  // An agent without handoffs.work: 403.
  EXPECT_EQ(call(agent("agent", "network"), "GET", "/api/v1/handoffs").status, 403u);
}

TEST_F(ConsoleTest, AConversationTurnsIntoAComplaintOfTheResponsibleDepartment) {
  const auto number = asked_for_a_person("我的手机卡被停机了，可我上周刚充了两百元");
  ASSERT_FALSE(number.empty());
  const auto& desk = desk_;
  const auto& customer = kAsking;
  ASSERT_EQ(call(desk, "POST", "/api/v1/handoffs/" + number + "/claim").status, 200u);

  // A category the complaint flow does not have: 422 listing the ones it has.
  auto unknown = call(desk, "POST", "/api/v1/handoffs/" + number + "/register",
                      R"({"category":"weather","description":"停机"})");
  EXPECT_EQ(unknown.status, 422u) << unknown.body;
  EXPECT_NE(unknown.body.find("billing"), std::string::npos) << unknown.body;
  EXPECT_EQ(body(unknown).at("error").at("field"), "category");

  auto before = provider_->received().size();
  auto registered = call(desk, "POST", "/api/v1/handoffs/" + number + "/register",
                         R"({"category":"billing","description":"客户上周充值200元后仍被停机，要求核查扣费并恢复"})");
  ASSERT_EQ(registered.status, 200u) << registered.body;
  EXPECT_NE(body(registered).at("message").as_string().find("已登记为投诉并派至计费结算部：" + number),
            std::string::npos) << registered.body;
  // The customer learns the number, the department and the date of the answer; the billing
  // department's responsible person gets what they need to act, the number to sign for.
  EXPECT_TRUE(sent_eventually(customer, "已登记为投诉，编号" + number + "，由计费结算部处理", before))
      << sent_to(customer, before);
  EXPECT_TRUE(sent_eventually(kBilling, number, before)) << sent_to(kBilling, before);
  EXPECT_NE(sent_to(kBilling, before).find("要求核查扣费并恢复"), std::string::npos) << sent_to(kBilling, before);
  EXPECT_NE(sent_to(kBilling, before).find("电话" + kAsking), std::string::npos) << sent_to(kBilling, before);
  auto t = ticket(number);
  EXPECT_EQ(t["type"], "complaint");
  EXPECT_EQ(t["state"], "dispatched");
  EXPECT_EQ(t["department"], "billing");
  EXPECT_FALSE(t["due_ms"].empty());
  // The conversation stays on its timeline, followed by the registration.
  const auto conversation = t["timeline"].find("registered");
  EXPECT_NE(conversation, std::string::npos) << t["timeline"];
  EXPECT_LT(t["timeline"].find("claimed"), conversation) << t["timeline"];
  // Off the queue; a work order now: the department signs for it, by SMS as ever.
  EXPECT_EQ(body(call(desk, "GET", "/api/v1/handoffs")).at("handoffs").as_array().size(), 0u);
  before = provider_->received().size();
  write(kBilling, number + " 签收");
  EXPECT_TRUE(sent_eventually(customer, "已由计费结算部签收", before)) << sent_to(customer, before);
  // Analysed like any complaint (grading, repeats, incidents).
  EXPECT_TRUE(analysed(number));
  EXPECT_FALSE(ticket(number)["fingerprint"].empty());
  // It cannot be registered twice.
  EXPECT_EQ(call(desk, "POST", "/api/v1/handoffs/" + number + "/register",
                 R"({"category":"billing","description":"再次"})").status, 404u);
}

TEST_F(ConsoleTest, TicketsAndIncidentsStoredBeforeTheListingsAreListedAfterAnUpgrade) {
  const auto number = complained();
  // As a version without the listing indexes left them: a ticket and an incident in no list.
  redis_->run({"DEL", key("tickets:all"), key("tickets:department:network"), key("incidents"),
               key("indexes-built")});
  redis_->run({"HDEL", key("ticket:" + number), "indexed_department"});
  redis_->run({"HSET", key("incident:T2601050001"), "id", "T2601050001", "category", "broadband",
               "summary", "宽带断网", "customers", "6", "tickets", number, "updated_ms", "1767571200000"});
  redis_->run({"SET", key("incident:T2601050001:announced"), "1"});  // not an incident's hash
  stop_app();
  start_app("tickets:\n  departments: " OMBUD_SOURCE_DIR "/config/departments.yaml\n");
  const auto token = agent("manager");
  json::array tickets, incidents;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while ((tickets.empty() || incidents.empty()) && std::chrono::steady_clock::now() < deadline) {
    tickets = body(call(token, "GET", "/api/v1/tickets?department=network&state=open")).at("tickets").as_array();
    incidents = body(call(token, "GET", "/api/v1/incidents")).at("incidents").as_array();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(tickets.size(), 1u);
  EXPECT_EQ(tickets[0].at("number").as_string(), number);
  ASSERT_EQ(incidents.size(), 1u);
  EXPECT_EQ(incidents[0].at("id").as_string(), "T2601050001");
  EXPECT_FALSE(redis_->run({"GET", key("indexes-built")}).is_nil());  // once: not at every start
}

TEST_F(ConsoleTest, TheDeskSeesACustomersWholeHistoryThroughAnyOfTheirTickets) {
  const auto desk = agent("desk");
  const auto first = complained();
  write(kNetwork, first + " 签收");
  write(kNetwork, first + " 回复 已重启设备");
  clock_->advance(std::chrono::hours(24 * 3));
  const auto second = complained();  // the same customer, the same matter again: a repeat
  ASSERT_NE(first, second);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (ticket(second)["repeat_of"].empty() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  auto r = call(desk, "GET", "/api/v1/tickets/" + first + "/customer");
  ASSERT_EQ(r.status, 200u) << r.body;
  const auto c = body(r);
  EXPECT_EQ(c.at("name"), "张三");
  EXPECT_EQ(c.at("phone").as_string(), kCustomer);  // the desk calls customers back
  ASSERT_EQ(c.at("tickets").as_array().size(), 2u) << r.body;
  EXPECT_EQ(c.at("tickets").at(0).at("number").as_string(), second);  // newest first
  EXPECT_EQ(c.at("tickets").at(0).at("repeat_of").as_string(), first);
  EXPECT_EQ(c.at("repeats"), 1);
  EXPECT_EQ(c.at("contacts").as_array().size(), 1u);
  // An agent has no customers.read: 403 naming it.
  auto refused = call(agent("agent", "network"), "GET", "/api/v1/tickets/" + first + "/customer");
  EXPECT_EQ(refused.status, 403u);
  EXPECT_EQ(body(refused).at("error").at("permission"), "customers.read");
}

// A complaint that mentions arbitration waits for the desk (listed as legal); a reason that is
// not the organisation's is 422; accepted, it goes to its department like any other.
TEST_F(ConsoleTest, TheDeskDecidesOnAComplaintHeldForIt) {
  const auto desk = agent("desk");
  const auto number = complain("我已经申请劳动仲裁了，宽带费要求退还");
  ASSERT_TRUE(analysed(number));
  auto held = body(call(desk, "GET", "/api/v1/tickets?legal=true")).at("tickets").as_array();
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held.at(0).at("number").as_string(), number);
  EXPECT_EQ(held.at(0).at("legal_flag").as_string(), "仲裁");
  EXPECT_EQ(held.at(0).at("state").as_string(), "registered");
  auto wrong = call(desk, "POST", "/api/v1/tickets/" + number + "/decline", R"({"reason":"maybe"})");
  EXPECT_EQ(wrong.status, 422u);
  EXPECT_EQ(body(wrong).at("error").at("field"), "reason");
  EXPECT_NE(wrong.body.find("in_arbitration"), std::string::npos) << wrong.body;
  auto before = provider_->received().size();
  auto accepted = call(desk, "POST", "/api/v1/tickets/" + number + "/accept");
  ASSERT_EQ(accepted.status, 200u) << accepted.body;
  EXPECT_EQ(ticket(number)["state"], "dispatched");
  EXPECT_TRUE(sent_eventually(kNetwork, "【投诉工单】" + number, before)) << sent_to(kNetwork, before);
  EXPECT_EQ(body(call(desk, "GET", "/api/v1/tickets?declined=true")).at("tickets").as_array().size(), 0u);
}

// The desk's revisits in the console: listed as due, recorded (not reached twice: on the call
// list), shown on the ticket.
TEST_F(ConsoleTest, TheDeskRecordsRevisitsAndKeepsTheCallList) {
  const auto desk = agent("desk");
  const auto responsible = agent("agent", "network", kNetwork);
  const auto number = complained();
  const auto path = "/api/v1/tickets/" + number;
  ASSERT_EQ(call(responsible, "POST", path + "/sign-for").status, 200u);
  ASSERT_EQ(call(responsible, "POST", path + "/reply", R"({"result":"已更换光猫"})").status, 200u);
  auto due = body(call(desk, "GET", "/api/v1/tickets?revisit=due")).at("tickets").as_array();
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due.at(0).at("number").as_string(), number);
  EXPECT_TRUE(due.at(0).at("revisit_due_ms").is_int64());
  EXPECT_EQ(call(responsible, "POST", path + "/revisit", R"({"reached":false})").status, 403u)
      << "tickets.revisit is the desk's";
  auto vague = call(desk, "POST", path + "/revisit", R"({"reached":true})");
  EXPECT_EQ(vague.status, 422u);
  EXPECT_EQ(body(vague).at("error").at("field"), "rating");
  ASSERT_EQ(call(desk, "POST", path + "/revisit", R"({"reached":false})").status, 200u);
  ASSERT_EQ(call(desk, "POST", path + "/revisit", R"({"reached":false,"remarks":"关机"})").status, 200u);
  auto listed = body(call(desk, "GET", "/api/v1/tickets?call_list=true")).at("tickets").as_array();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed.at(0).at("revisit_state").as_string(), "call_list");
  EXPECT_EQ(body(call(desk, "GET", "/api/v1/tickets?revisit=due")).at("tickets").as_array().size(), 0u);
  EXPECT_EQ(call(desk, "GET", "/api/v1/tickets?revisit=soon").status, 422u);
  // Reached at last: satisfied, off the call list.
  ASSERT_EQ(call(desk, "POST", path + "/revisit",
                 R"({"reached":true,"rating":"satisfied","solved":"yes","remarks":"客户确认已恢复"})").status,
            200u);
  auto view = body(call(desk, "GET", path));
  EXPECT_EQ(view.at("revisit").at("rating").as_string(), "satisfied");
  EXPECT_EQ(view.at("revisit").at("attempts").as_int64(), 2);
  EXPECT_EQ(view.at("call_list").as_bool(), false);
  EXPECT_EQ(view.at("revisit_state").as_string(), "done");
}

// A broadband complaint is led by 网络维护部 with the desk cooperating: the desk sees the part
// nobody reported, then the report (by SMS) on the ticket.
TEST_F(ConsoleTest, TheDeskSeesWhichCooperatingDepartmentHasNotReported) {
  const auto desk = agent("desk");
  const auto number = complained();
  auto pending = body(call(desk, "GET", "/api/v1/tickets?parts_pending=true")).at("tickets").as_array();
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending.at(0).at("number").as_string(), number);
  auto parts = body(call(desk, "GET", "/api/v1/tickets/" + number)).at("parts").as_array();
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts.at(0).at("department_name").as_string(), "客户服务中心");
  EXPECT_EQ(parts.at(0).at("state").as_string(), "");
  write("+8613700000010", number + " 回复 已核对账户，无重复扣费");
  parts = body(call(desk, "GET", "/api/v1/tickets/" + number)).at("parts").as_array();
  EXPECT_EQ(parts.at(0).at("state").as_string(), "reported");
  EXPECT_EQ(parts.at(0).at("by_name").as_string(), "陈主管");
  EXPECT_EQ(body(call(desk, "GET", "/api/v1/tickets?parts_pending=true")).at("tickets").as_array().size(), 0u);
}

// A complaint by phone, registered by the desk: dispatched like any other, the customer told its
// number by SMS, once per Idempotency-Key; the customer's later SMS reach it; one answered on
// the spot with no phone is registered without any SMS to the customer.
TEST_F(ConsoleTest, TheDeskRegistersAPhoneComplaintThatReachesItsDepartment) {
  const auto desk = agent("desk");
  const std::string customer = "+8613900001234";
  const std::string complaint =
      R"({"type":"complaint","via":"phone","category":"broadband","description":"家里宽带从昨晚起断网","demand":"今天修好",)"
      R"("name":"王女士","phone":"139 0000 1234","proxy_name":"王女士的儿子"})";
  auto before = provider_->received().size();
  auto r = call(desk, "POST", "/api/v1/tickets", complaint, {{"Idempotency-Key", "call-0815"}});
  ASSERT_EQ(r.status, 201u) << r.body;
  const auto number = std::string(body(r).at("number").as_string());
  EXPECT_EQ(body(r).at("state").as_string(), "dispatched");
  ASSERT_TRUE(sent_eventually(kNetwork, "【投诉工单】" + number, before)) << sent_to(kNetwork, before);
  EXPECT_NE(sent_to(kNetwork, before).find("家里宽带从昨晚起断网"), std::string::npos);
  ASSERT_TRUE(sent_eventually(customer, "通过电话反映的问题已登记，编号" + number, before)) << sent_to(customer, before);
  auto t = ticket(number);
  EXPECT_EQ(t["registered_via"], "phone");
  EXPECT_EQ(t["channel"], "twilio");
  EXPECT_NE(t["slots"].find("王女士的儿子"), std::string::npos);
  // The same key again: the same ticket, nothing sent twice.
  auto again = call(desk, "POST", "/api/v1/tickets", complaint, {{"Idempotency-Key", "call-0815"}});
  ASSERT_EQ(again.status, 201u) << again.body;
  EXPECT_EQ(body(again).at("number").as_string(), number);
  ASSERT_TRUE(wait_idle());
  const auto told = sent_to(customer, before);
  EXPECT_EQ(told.find("已登记"), told.rfind("已登记")) << "once: " << told;
  // The customer's own SMS later reaches the ticket's handler.
  before = provider_->received().size();
  write(customer, "师傅下午几点能到？");
  EXPECT_NE(sent_to(kNetwork, before).find("师傅下午几点能到"), std::string::npos) << sent_to(kNetwork, before);
  // Answered on the spot, no phone: registered, nobody texted.
  before = provider_->received().size();
  auto spot = call(desk, "POST", "/api/v1/tickets",
                   R"({"type":"suggestion","via":"visit","description":"营业厅希望增加座椅","answered":true})");
  ASSERT_EQ(spot.status, 201u) << spot.body;
  EXPECT_EQ(body(spot).at("type").as_string(), "suggestion");
  // Checked like any body: a complaint needs a known category, a phone must be one.
  auto no_category = call(desk, "POST", "/api/v1/tickets", R"({"type":"complaint","via":"letter","description":"x"})");
  EXPECT_EQ(no_category.status, 422u);
  EXPECT_EQ(body(no_category).at("error").at("field"), "category");
  auto bad_phone = call(desk, "POST", "/api/v1/tickets",
                        R"({"type":"consultation","via":"phone","description":"资费","phone":"call me"})");
  EXPECT_EQ(body(bad_phone).at("error").at("field"), "phone");
  EXPECT_EQ(call(agent("agent", "network"), "POST", "/api/v1/tickets", complaint).status, 403u);
}

TEST_F(ConsoleTest, TheDeskFollowsUpClosesWithTheRegistersClassesAndMergesADuplicate) {
  const auto desk = agent("desk");
  const auto responsible = agent("agent", "network", kNetwork);
  const auto number = complained();
  const auto path = "/api/v1/tickets/" + number;
  ASSERT_EQ(call(responsible, "POST", path + "/sign-for").status, 200u);
  ASSERT_EQ(call(responsible, "POST", path + "/reply", R"({"result":"已更换光猫"})").status, 200u);
  auto follow = call(desk, "POST", path + "/follow-up", R"({"outcome":"solved_in_days"})");
  EXPECT_EQ(follow.status, 422u);
  EXPECT_EQ(body(follow).at("error").at("field"), "days");
  ASSERT_EQ(call(desk, "POST", path + "/follow-up", R"({"outcome":"solved_in_days","days":2,"text":"客户确认已恢复"})").status, 200u);
  EXPECT_EQ(ticket(number)["follow_up_outcome"], "solved_in_days");
  auto unclassified = call(desk, "POST", path + "/close", R"({"validity":"valid"})");
  EXPECT_EQ(unclassified.status, 422u);
  EXPECT_EQ(body(unclassified).at("error").at("field"), "responsibility");
  auto wrong = call(desk, "POST", path + "/close", R"({"validity":"maybe","responsibility":"assisting"})");
  EXPECT_EQ(body(wrong).at("error").at("field"), "validity");
  auto no_reason = call(desk, "POST", path + "/close", R"({"validity":"invalid","responsibility":"assisting"})");
  EXPECT_EQ(no_reason.status, 422u);
  EXPECT_EQ(body(no_reason).at("error").at("field"), "reason");
  EXPECT_NE(no_reason.body.find("无效须注明原因"), std::string::npos) << no_reason.body;
  // A department's 结案 asks the desk (shown on the ticket and in the list), it does not close.
  write(kNetwork, number + " 结案");
  EXPECT_EQ(ticket(number)["state"], "result_sent");
  auto requested = body(call(desk, "GET", "/api/v1/tickets?close_requested=true")).at("tickets").as_array();
  ASSERT_EQ(requested.size(), 1u);
  EXPECT_EQ(requested.at(0).at("number").as_string(), number);
  ASSERT_EQ(call(desk, "POST", path + "/close", R"({"validity":"valid","responsibility":"responsible"})").status, 200u);
  auto t = ticket(number);
  EXPECT_EQ(t["state"], "closed");
  EXPECT_EQ(t["close_validity"], "valid");
  EXPECT_EQ(t["close_responsibility"], "responsible");
  EXPECT_EQ(body(call(desk, "GET", "/api/v1/tickets?close_requested=true")).at("tickets").as_array().size(), 0u);
  auto view = body(call(desk, "GET", path));
  EXPECT_EQ(view.at("close_classes"), "有效、责任");
  EXPECT_EQ(view.at("closing").at("close_requested_by_name"), "李工");
  EXPECT_TRUE(view.at("closing").at("closed_ms").is_int64());
  auto valid = body(call(desk, "GET", "/api/v1/tickets?validity=valid&classified=true")).at("tickets").as_array();
  ASSERT_EQ(valid.size(), 1u);
  EXPECT_EQ(valid.at(0).at("number").as_string(), number);
  EXPECT_EQ(body(call(desk, "GET", "/api/v1/tickets?validity=invalid")).at("tickets").as_array().size(), 0u);
  EXPECT_EQ(call(desk, "GET", "/api/v1/tickets?classified=maybe").status, 422u);
  // The desk corrects the classes of a closed ticket (归档).
  ASSERT_EQ(call(desk, "POST", path + "/classify", R"({"validity":"valid","responsibility":"assisting"})").status, 200u);
  EXPECT_EQ(ticket(number)["close_responsibility"], "assisting");

  // Another customer's complaint about the same matter, merged into an open one.
  const std::string other = "+8613800138111";
  for (const char* text : {"我家宽带也断网了，要求赔偿", "今天", "尽快修好", "李四", "1", "1"}) write(other, text);
  const auto told = sent_to(other);
  ASSERT_NE(told.rfind("编号T"), std::string::npos) << told;
  const auto duplicate = told.substr(told.rfind("编号T") + 6, 11);
  ASSERT_NE(duplicate, number);
  auto self = call(desk, "POST", "/api/v1/tickets/" + duplicate + "/merge", R"({"into":")" + duplicate + R"("})");
  EXPECT_EQ(self.status, 409u) << self.body;
  EXPECT_EQ(call(desk, "POST", "/api/v1/tickets/" + duplicate + "/merge", R"({"into":"T0000000000"})").status, 422u);
  auto before = provider_->received().size();
  auto merged = call(desk, "POST", "/api/v1/tickets/" + duplicate + "/merge", R"({"into":")" + number + R"("})");
  ASSERT_EQ(merged.status, 200u) << merged.body;
  EXPECT_TRUE(sent_eventually(other, "已合并处理，请以" + number + "查询进度", before)) << sent_to(other, before);
  EXPECT_EQ(ticket(duplicate)["merged_into"], number);
  EXPECT_EQ(ticket(duplicate)["state"], "closed");
}

TEST_F(ConsoleTest, AnAdministratorReplacesTheDirectoryWithTheImportsChecks) {
  const auto admin = agent("admin", "", "", "系统管理员");
  auto got = call(admin, "GET", "/api/v1/departments");
  ASSERT_EQ(got.status, 200u) << got.body;
  auto doc = body(got);
  const auto version = doc.at("version").as_int64();
  auto directory = doc.at("directory");
  // A routing rule to a department that does not exist: refused, every problem named.
  auto broken = directory;
  broken.at("routing").as_array().at(0).as_object()["department"] = "nowhere";
  auto refused = call(admin, "PUT", "/api/v1/departments", json::serialize(broken));
  ASSERT_EQ(refused.status, 422u) << refused.body;
  EXPECT_NE(refused.body.find("nowhere"), std::string::npos) << refused.body;
  // A department renamed: stored as the next version, the change logged with who made it.
  for (auto& d : directory.at("departments").as_array())
    if (d.at("id") == "network") d.as_object()["name"] = "网络运维部";
  auto replaced = call(admin, "PUT", "/api/v1/departments", json::serialize(directory));
  ASSERT_EQ(replaced.status, 200u) << replaced.body;
  EXPECT_EQ(body(replaced).at("version").as_int64(), version + 1);
  EXPECT_NE(json::serialize(body(call(admin, "GET", "/api/v1/departments"))).find("网络运维部"), std::string::npos);
  const auto changes = redis_->run({"XRANGE", key("directory:changes"), "-", "+"});
  ASSERT_FALSE(changes.elements.empty());
  std::string logged;
  for (const auto& f : changes.elements.back().elements[1].elements) logged += f.str + " ";
  EXPECT_NE(logged.find("系统管理员 (agent-1, api)"), std::string::npos) << logged;
  // The desk reads it but may not replace it.
  auto desk = call(agent("desk"), "PUT", "/api/v1/departments", json::serialize(directory));
  EXPECT_EQ(desk.status, 403u);
  EXPECT_EQ(body(desk).at("error").at("permission"), "directory.write");
}

TEST_F(ConsoleTest, TheDutyManagerRecordsAnIncidentAndTellsEveryCustomerOnce) {
  const auto manager = agent("manager", "", "+8613700000100", "王值班经理");
  const std::vector<std::string> texts{
      "我们村手机一点信号都没有，打不了电话", "村里手机信号全没了，基站是不是坏了",
      "今天全村手机没有信号，急死人了",       "手机没信号一下午了，全村都这样",
      "我们这里手机突然没有信号了"};
  for (size_t i = 0; i < texts.size(); ++i) {
    const std::string phone = "+861360000000" + std::to_string(i);
    for (const auto& text : {"投诉：" + texts[i], std::string("1"), std::string("刚才"),
                             std::string("尽快恢复"), "客户" + std::to_string(i), std::string("1"),
                             std::string("1")})
      write(phone, text);
    clock_->advance(std::chrono::minutes(3));
  }
  json::array incidents;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (incidents.empty() && std::chrono::steady_clock::now() < deadline) {
    incidents = body(call(manager, "GET", "/api/v1/incidents")).at("incidents").as_array();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(incidents.size(), 1u);
  const std::string id(incidents[0].at("id").as_string());
  EXPECT_EQ(incidents[0].at("customers"), 5);
  auto one = body(call(manager, "GET", "/api/v1/incidents/" + id));
  EXPECT_EQ(one.at("ticket_details").as_array().size(), 5u);

  EXPECT_EQ(call(manager, "POST", "/api/v1/incidents/" + id + "/record", R"({"colour":"x"})").status, 422u);
  ASSERT_EQ(call(manager, "POST", "/api/v1/incidents/" + id + "/record",
                 R"({"cause":"基站电源故障","action":"已派工程车抢修"})").status, 200u);
  one = body(call(manager, "GET", "/api/v1/incidents/" + id));
  EXPECT_EQ(one.at("cause"), "基站电源故障");
  EXPECT_EQ(one.at("recorded_by"), "王值班经理");

  const auto before = provider_->received().size();
  const std::vector<std::pair<std::string, std::string>> key{{"Idempotency-Key", "announce-1"}};
  const std::string text = R"({"zh":"您好，您所在区域的基站因电源故障中断，工程人员正在抢修，预计今晚恢复。"})";
  auto announced = call(manager, "POST", "/api/v1/incidents/" + id + "/announce", text, key);
  ASSERT_EQ(announced.status, 200u) << announced.body;
  EXPECT_EQ(body(announced).at("told").as_array().size(), 5u) << announced.body;
  ASSERT_EQ(call(manager, "POST", "/api/v1/incidents/" + id + "/announce", text, key).status, 200u);
  for (size_t i = 0; i < texts.size(); ++i) {
    const std::string phone = "+861360000000" + std::to_string(i);
    EXPECT_TRUE(sent_eventually(phone, "预计今晚恢复", before)) << phone;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  int told = 0;
  for (size_t i = 0; i < texts.size(); ++i) {
    const auto got = sent_to("+861360000000" + std::to_string(i), before);
    for (auto at = got.find("预计今晚恢复"); at != std::string::npos; at = got.find("预计今晚恢复", at + 1)) ++told;
  }
  EXPECT_EQ(told, 5);  // the retry told nobody twice
  // An agent may not see incidents.
  EXPECT_EQ(call(agent("agent", "network"), "GET", "/api/v1/incidents").status, 403u);
}

TEST_F(ConsoleTest, AChangeOfHandlerIsTheHeadsOrNeedsTheHeadsApproval) {
  const auto head = agent("head", "network", "+8613700000003", "孙主任");
  const auto number = complained();
  const auto path = "/api/v1/tickets/" + number + "/assign";
  auto nobody = call(head, "POST", path, R"({"to":"钱工"})");
  EXPECT_EQ(nobody.status, 409u);
  EXPECT_NE(nobody.body.find("可改派给：李工、赵工、Tom Li、孙主任"), std::string::npos) << nobody.body;
  auto before = provider_->received().size();
  auto assigned = call(head, "POST", path, R"({"to":"赵工"})");
  ASSERT_EQ(assigned.status, 200u) << assigned.body;
  EXPECT_NE(body(assigned).at("message").as_string().find("已改派：" + number + "由赵工处理"), std::string::npos);
  EXPECT_TRUE(sent_eventually("+8613700000002", "【工单改派】" + number + "改由您处理", before));
  EXPECT_TRUE(sent_eventually(kNetwork, number + "已改由赵工处理", before));
  EXPECT_EQ(ticket(number)["responsible"], "+8613700000002");
  EXPECT_EQ(call(head, "POST", path, R"({"to":"+8613700000002"})").status, 409u);  // has it already

  before = provider_->received().size();
  write("+8613700000002", number + " 签收");
  EXPECT_TRUE(sent_eventually(kCustomer, "已由网络维护部签收", before)) << sent_to(kCustomer, before);

  // From the department's staff a change of handler is a request: the head approves it (here
  // in the console) ...
  before = provider_->received().size();
  write("+8613700000002", number + " 改派 李工 明天起休假");
  EXPECT_TRUE(sent_eventually("+8613700000002", "已提交改派申请：" + number + "改由李工处理", before))
      << sent_to("+8613700000002", before);
  EXPECT_TRUE(sent_eventually("+8613700000003", "【改派申请】" + number + "（网络维护部）赵工申请改由李工处理：明天起休假", before))
      << sent_to("+8613700000003", before);
  EXPECT_EQ(ticket(number)["responsible"], "+8613700000002");  // not yet
  auto second = call(agent("agent", "network", kNetwork), "POST", path, R"({"to":"Tom Li"})");
  EXPECT_EQ(second.status, 409u) << second.body;  // one request at a time
  EXPECT_NE(second.body.find("等待部门负责人批准"), std::string::npos) << second.body;
  before = provider_->received().size();
  auto approved = call(head, "POST", "/api/v1/tickets/" + number + "/approve");
  ASSERT_EQ(approved.status, 200u) << approved.body;
  EXPECT_NE(approved.body.find("已改派：" + number + "由李工处理"), std::string::npos) << approved.body;
  EXPECT_TRUE(sent_eventually(kNetwork, "【工单改派】" + number + "改由您处理", before)) << sent_to(kNetwork, before);
  EXPECT_TRUE(sent_eventually("+8613700000002", number + "已改由李工处理", before));
  EXPECT_EQ(ticket(number)["responsible"], kNetwork);
  // The new handler signs for it; the customer, told when 赵工 signed that the department has
  // it, is not told again.
  before = provider_->received().size();
  write(kNetwork, number + " 签收");
  EXPECT_TRUE(sent_eventually(kNetwork, "已签收：" + number, before)) << sent_to(kNetwork, before);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(sent_to(kCustomer, before), "");
  // ... or rejects it (here by SMS); the person who asked keeps it and is told why.
  const auto li = agent("agent", "network", kNetwork);
  auto asked = call(li, "POST", path, R"({"to":"赵工","reason":"需要光纤专业人员"})");
  ASSERT_EQ(asked.status, 200u) << asked.body;
  EXPECT_NE(asked.body.find("待部门负责人批准"), std::string::npos) << asked.body;
  before = provider_->received().size();
  write("+8613700000003", number + " 驳回 赵工本周值夜班");
  EXPECT_TRUE(sent_eventually("+8613700000003", "已驳回改派申请：" + number, before)) << sent_to("+8613700000003", before);
  EXPECT_TRUE(sent_eventually(kNetwork, "改派申请未获批准：" + number + "仍由您处理。赵工本周值夜班", before))
      << sent_to(kNetwork, before);
  EXPECT_EQ(ticket(number)["responsible"], kNetwork);
  // A name with a space, by SMS: the longest name of the department the text starts with.
  before = provider_->received().size();
  write(kNetwork, number + " 改派 Tom Li 需要英文沟通");
  EXPECT_TRUE(sent_eventually("+8613700000003", "李工申请改由Tom Li处理：需要英文沟通", before))
      << sent_to("+8613700000003", before);
  // Approving is the head's: an agent's approve is 403 naming the permission.
  auto refused = call(li, "POST", "/api/v1/tickets/" + number + "/approve");
  EXPECT_EQ(refused.status, 403u);
  EXPECT_EQ(body(refused).at("error").at("permission"), "tickets.approve");
}

class AuditedConsoleTest : public ConsoleTest {
 protected:
  void SetUp() override {
    tickets_extra_ = "  audit_required: true\n";
    ConsoleTest::SetUp();
  }
};

TEST_F(AuditedConsoleTest, AnAnswerReachesTheCustomerOnlyAfterTheDeskApprovesIt) {
  const auto responsible = agent("agent", "network", kNetwork);
  const auto desk = agent("desk");
  const auto number = complained();
  ASSERT_EQ(call(responsible, "POST", "/api/v1/tickets/" + number + "/sign-for").status, 200u);
  auto before = provider_->received().size();
  auto replied = call(responsible, "POST", "/api/v1/tickets/" + number + "/reply", R"({"result":"已修复"})");
  ASSERT_EQ(replied.status, 200u) << replied.body;
  EXPECT_NE(body(replied).at("message").as_string().find("审核后告知客户"), std::string::npos);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(sent_to(kCustomer, before).find("已修复"), std::string::npos) << sent_to(kCustomer, before);
  EXPECT_EQ(ticket(number)["state"], "replied");
  // Sent back once with a reason: the responsible person hears why, the customer nothing.
  auto returned = call(desk, "POST", "/api/v1/tickets/" + number + "/audit", R"({"approved":false})");
  EXPECT_EQ(returned.status, 422u);
  returned = call(desk, "POST", "/api/v1/tickets/" + number + "/audit",
                  R"({"approved":false,"comment":"请写明修复时间"})");
  ASSERT_EQ(returned.status, 200u) << returned.body;
  EXPECT_TRUE(sent_eventually(kNetwork, "未通过审核：「请写明修复时间」", before)) << sent_to(kNetwork, before);
  ASSERT_EQ(call(responsible, "POST", "/api/v1/tickets/" + number + "/reply",
                 R"({"result":"已于今日10点修复"})").status, 200u);
  auto approved = call(desk, "POST", "/api/v1/tickets/" + number + "/audit", R"({"approved":true})");
  ASSERT_EQ(approved.status, 200u) << approved.body;
  EXPECT_TRUE(sent_eventually(kCustomer, "处理结果：已于今日10点修复", before)) << sent_to(kCustomer, before);
  EXPECT_EQ(sent_to(kCustomer, before).find("处理结果：已修复"), std::string::npos);
  EXPECT_EQ(ticket(number)["state"], "result_sent");
  // The agent may not audit: 403 naming the permission.
  auto agent_audit = call(responsible, "POST", "/api/v1/tickets/" + number + "/audit", R"({"approved":true})");
  EXPECT_EQ(agent_audit.status, 403u);
}

}  // namespace
}  // namespace ombud::test

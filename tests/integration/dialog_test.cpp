// Whole intake dialogs through signed Twilio webhooks, ending in tickets in Redis.

#include "dialog/session.hpp"
#include "tools/demo/simulated_customer.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/redis_fixture.hpp"

#include <boost/json/parse.hpp>

#include <atomic>

namespace ombud::test {
namespace {

class DialogTest : public GatewayTest {
 protected:
  void SetUp() override {
    GatewayTest::SetUp();
    start_app();
  }

  // The customer `from` writes `text`; returns once ombud has accepted it.
  void write(const std::string& from, const std::string& text) {
    auto hook = demo::twilio_inbound_webhook(app_->config(), account(), from, text,
                                                demo::random_message_sid());
    ASSERT_EQ(post_webhook(app_->port(), hook).status, 200u);
  }

  // Writes and waits for the reply; returns the text ombud sent back.
  std::string ask(const std::string& from, const std::string& text) {
    const auto before = provider_->received().size();
    write(from, text);
    EXPECT_GT(provider_->wait_for(before + 1, std::chrono::seconds(10)), before);
    EXPECT_TRUE(wait_idle());
    std::string replies;
    const auto all = provider_->received();
    for (size_t i = before; i < all.size(); ++i)
      if (all[i].field("To") == from) replies += all[i].field("Body");
    return replies;
  }

  std::map<std::string, std::string> ticket(const std::string& number) {
    return redis_->hash(key("ticket:" + number));
  }

  static std::string number_in(const std::string& reply) {
    auto at = reply.find("T2");
    return at == std::string::npos ? std::string() : reply.substr(at, 11);
  }

  const std::string customer_ = "+8613800138000";
};

TEST_F(DialogTest, AComplaintDialogEndsInATicketWithEverySlotAndTheTranscript) {
  auto first = ask(customer_, "我家宽带三天没网了，要求赔偿");
  EXPECT_NE(first.find("问题是什么时间、在什么地点发生的"), std::string::npos) << first;
  ask(customer_, "本周一开始，在家里");
  ask(customer_, "尽快修好并赔偿");
  ask(customer_, "张三");
  auto summary = ask(customer_, "1");
  EXPECT_NE(summary.find("问题描述：我家宽带三天没网了，要求赔偿"), std::string::npos) << summary;
  auto done = ask(customer_, "1");
  const auto number = number_in(done);
  ASSERT_EQ(number.size(), 11u) << done;
  EXPECT_EQ(done.find("{ticket}"), std::string::npos);

  auto t = ticket(number);
  EXPECT_EQ(t["number"], number);
  EXPECT_EQ(t["type"], "complaint");
  EXPECT_EQ(t["state"], "registered");
  EXPECT_EQ(t["category"], "broadband");
  EXPECT_EQ(t["name"], "张三");
  EXPECT_EQ(t["phone"], customer_);
  EXPECT_EQ(t["address"], customer_);
  EXPECT_EQ(t["channel"], "twilio");
  EXPECT_EQ(t["anonymous"], "0");
  auto slots = boost::json::parse(t["slots"]).as_object();
  EXPECT_EQ(slots.at("when_where").as_string(), "本周一开始，在家里");
  EXPECT_EQ(slots.at("demand").as_string(), "尽快修好并赔偿");
  auto transcript = boost::json::parse(t["transcript"]).as_array();
  EXPECT_EQ(transcript.size(), 11u);  // up to the confirmation: its answer carries the number
  EXPECT_EQ(transcript[0].at("text").as_string(), "我家宽带三天没网了，要求赔偿");
  // The indexes: the customer's tickets, the open tickets, the day's serial.
  EXPECT_EQ(
      redis_->run({"ZRANGE", key("customer-tickets:twilio/main/" + customer_), "0", "-1"}).elements[0].str,
      number);
  EXPECT_EQ(redis_->integer({"ZSCORE", key("tickets:open"), number}) >= 0, true);
  // The conversation is over; only its language is remembered.
  const auto memory = dialog::session_from_json(
      redis_->run({"GET", key("session:twilio:main:" + customer_)}).str);
  ASSERT_TRUE(memory);
  EXPECT_EQ(memory->state, dialog::Session::State::none);
  EXPECT_TRUE(memory->transcript.empty());
  EXPECT_EQ(memory->language, core::Language::zh);
  EXPECT_EQ(app_->metrics().tickets_created, 1);
}

TEST_F(DialogTest, StatusQueriesAnswerTheOwnerAndNobodyElse) {
  ask(customer_, "我家宽带三天没网了，要求赔偿");
  for (const char* text : {"跳过", "修好", "张三", "1"}) ask(customer_, text);
  const auto number = number_in(ask(customer_, "1"));
  ASSERT_FALSE(number.empty());

  auto mine = ask(customer_, "查询 " + number);
  EXPECT_NE(mine.find(number + "：已登记，待处理"), std::string::npos) << mine;
  EXPECT_NE(mine.find("处理部门：待分派"), std::string::npos);
  auto stranger = ask("+8613999999999", "查询 " + number);
  EXPECT_NE(stranger.find("未找到编号为" + number + "的投诉"), std::string::npos) << stranger;
  EXPECT_EQ(stranger.find("已登记"), std::string::npos);
  auto english = ask("+8613999999999", "status T2000000000");
  EXPECT_NE(english.find("No complaint T2000000000 was found"), std::string::npos) << english;
}

TEST_F(DialogTest, ACustomerReturningAfterTheTimeoutStartsAfresh) {
  ask(customer_, "你好");
  ask(customer_, "1");
  auto within = ask(customer_, "3");
  EXPECT_NE(within.find("请详细描述"), std::string::npos) << within;
  clock_->advance(std::chrono::minutes(31));
  auto later = ask(customer_, "你好");
  EXPECT_NE(later.find("1 投诉"), std::string::npos) << later;  // the menu, not the question
  auto session = redis_->string({"GET", key("session:twilio:main:" + customer_)});
  EXPECT_EQ(session.find("broadband"), std::string::npos);
}

TEST_F(DialogTest, ACustomerReturningWithinTheTimeoutIsRemindedOfTheQuestion) {
  ask(customer_, "你好");
  ask(customer_, "1");
  clock_->advance(std::chrono::minutes(12));
  auto asked = ask(customer_, "在吗");
  EXPECT_NE(asked.find("回复1继续"), std::string::npos) << asked;
  auto resumed = ask(customer_, "1");
  EXPECT_NE(resumed.find("投诉哪方面"), std::string::npos) << resumed;
}

TEST_F(DialogTest, TwoHundredConcurrentCustomersGetTwoHundredCorrectTickets) {
  constexpr int kCustomers = 200;
  auto phone = [](int i) { return "+86139" + std::to_string(10000000 + i); };
  auto script = [](int i) {
    return std::vector<std::string>{"我家宽带三天没网了，客户" + std::to_string(i) + "要求赔偿",
                                    "第" + std::to_string(i) + "栋楼",
                                    "尽快修好",
                                    "客户" + std::to_string(i),
                                    "1",
                                    "1"};
  };
  // Round r sends every customer's message r; eight threads share the customers, so the
  // messages of different customers interleave and each customer's stay in order.
  for (int round = 0; round < 6; ++round) {
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < 8; ++t)
      threads.emplace_back([&, t] {
        for (int i = t; i < kCustomers; i += 8) {
          auto hook = demo::twilio_inbound_webhook(app_->config(), account(), phone(i),
                                                      script(i)[static_cast<size_t>(round)],
                                                      demo::random_message_sid());
          if (post_webhook(app_->port(), hook).status != 200) ++failures;
        }
      });
    for (auto& th : threads) th.join();
    ASSERT_EQ(failures, 0);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (app_->metrics().tickets_created < kCustomers &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_EQ(app_->metrics().tickets_created, kCustomers);
  ASSERT_TRUE(wait_idle(std::chrono::seconds(60)));
  auto numbers = redis_->run({"ZRANGE", key("tickets:open"), "0", "-1"});
  ASSERT_EQ(numbers.elements.size(), static_cast<size_t>(kCustomers));
  std::set<std::string> seen_phones;
  for (const auto& n : numbers.elements) {
    auto t = ticket(n.str);
    const int i = std::stoi(t["phone"].substr(6)) - 10000000;
    EXPECT_EQ(t["name"], "客户" + std::to_string(i)) << n.str;  // no crossed sessions
    auto slots = boost::json::parse(t["slots"]).as_object();
    EXPECT_EQ(slots.at("description").as_string(), script(i)[0]);
    EXPECT_EQ(slots.at("when_where").as_string(), script(i)[1]);
    seen_phones.insert(t["phone"]);
  }
  EXPECT_EQ(seen_phones.size(), static_cast<size_t>(kCustomers));
  // Every customer got exactly the six replies of a dialog, the last one with a number.
  // (All 200 tell the same matter within minutes: that is a collective complaint, and the
  // customers after the fifth are also told the matter is known. Those notices aside:)
  std::map<std::string, int> replies;
  for (const auto& r : provider_->received())
    if (r.field("Body").find("我们已经知悉") == std::string::npos) ++replies[r.field("To")];
  EXPECT_EQ(replies.size(), static_cast<size_t>(kCustomers));
  for (const auto& [to, count] : replies) EXPECT_EQ(count, 6) << to;
}

}  // namespace
}  // namespace ombud::test

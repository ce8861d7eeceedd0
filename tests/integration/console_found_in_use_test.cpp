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
    for (const auto& k : redis_->run({"KEYS", key("out:console-*")}).elements)
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

}  // namespace
}  // namespace ombud::test

// Faults around an acknowledged message: whatever Redis does, a message answered 200 is
// processed and answered.

#include "tools/demo/simulated_customer.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/redis_fixture.hpp"

#include <signal.h>

#include <future>
#include <map>
#include <set>

namespace ombud::test {
namespace {

class FaultTest : public GatewayTest {
 protected:
  // Posts like a provider does: again after every non-2xx, until a 200 or the deadline.
  bool deliver(const demo::SignedWebhook& hook, std::chrono::seconds within) {
    const auto deadline = std::chrono::steady_clock::now() + within;
    while (std::chrono::steady_clock::now() < deadline) {
      if (post_webhook(app_->port(), hook).status == 200) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  std::set<std::string> answered_customers() {
    std::set<std::string> out;
    for (const auto& r : provider_->received()) out.insert(r.field("To"));
    return out;
  }
};

// The scenario: Redis paused for 3 s while 8 customers write; every webhook the
// provider retried is acknowledged in the end, and every customer is answered, in each of
// several rounds. A read that ombud gave up on (past its deadline) can still deliver entries
// when Redis resumes; the worker finds them again by re-reading its pending entries.
TEST_F(FaultTest, AfterARedisStallEveryAcknowledgedMessageIsAnswered) {
  start_app("inbox:\n  recheck_ms: 1000\n");
  for (int round = 0; round < 3; ++round) {
    std::vector<std::string> customers;
    for (int c = 0; c < 8; ++c)
      customers.push_back("+861380013" + std::to_string(1000 + round * 10 + c));
    ASSERT_EQ(kill(redis_server_->pid(), SIGSTOP), 0);
    std::vector<std::future<bool>> posts;
    for (const auto& customer : customers) {
      auto hook = demo::twilio_inbound_webhook(app_->config(), account(), customer, "你好",
                                                  demo::random_message_sid());
      posts.push_back(std::async(std::launch::async, [this, hook] {
        return deliver(hook, std::chrono::seconds(20));
      }));
    }
    std::this_thread::sleep_for(std::chrono::seconds(3));
    ASSERT_EQ(kill(redis_server_->pid(), SIGCONT), 0);
    for (auto& p : posts) ASSERT_TRUE(p.get()) << "round " << round << ": never acknowledged";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    std::set<std::string> answered;
    do {
      answered = answered_customers();
      if (std::all_of(customers.begin(), customers.end(),
                      [&](const auto& c) { return answered.contains(c); }))
        break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    } while (std::chrono::steady_clock::now() < deadline);
    for (const auto& c : customers)
      EXPECT_TRUE(answered.contains(c)) << "round " << round << ": " << c << " never answered";
  }
  // Each message processed once and each customer answered once. (Some webhooks answered 503
  // did reach Redis before it paused; their retries count as duplicates, not as accepted.)
  EXPECT_EQ(app_->metrics().inbox_processed, 24);
  std::map<std::string, int> replies;
  for (const auto& r : provider_->received()) ++replies[r.field("To")];
  EXPECT_EQ(replies.size(), 24u);
  for (const auto& [to, n] : replies) EXPECT_EQ(n, 1) << to;
}

}  // namespace
}  // namespace ombud::test

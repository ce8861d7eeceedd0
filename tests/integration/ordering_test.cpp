// One customer's messages are processed in the order received, with several workers.

#include "tools/demo/simulated_customer.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/redis_fixture.hpp"

namespace ombud::test {
namespace {

class OrderingTest : public GatewayTest {};

// The order of processing is the order of the commits, which append to the outbox stream; the
// outbox workers are off so that the stream keeps every entry for inspection.
std::vector<std::string> processed_order(RedisInspector& redis) {
  std::vector<std::string> order;
  auto entries = redis.run({"XRANGE", key("outbox"), "-", "+"});
  for (const auto& e : entries.elements) {
    const auto& id = e.elements[1].elements[1].str;
    order.push_back(redis.string({"HGET", key("out:" + id), "in_reply_to"}));
  }
  return order;
}

TEST_F(OrderingTest, FiftyMessagesFromOneCustomerAreProcessedInOrderByFourWorkers) {
  // The per-sender reply limit is raised: every message must leave its reply in the stream.
  start_app("inbox:\n  workers: 4\n  batch: 7\noutbox:\n  workers: 0\n"
            "limits:\n  replies_per_sender: 1000\n");
  std::vector<std::string> sids;
  for (int i = 0; i < 50; ++i) {
    char sid[40];
    std::snprintf(sid, sizeof sid, "SM%032d", i);
    sids.emplace_back(sid);
    auto hook = demo::twilio_inbound_webhook(app_->config(), account(), "+8613800138000",
                                                "message " + std::to_string(i), sid);
    ASSERT_EQ(post_webhook(app_->port(), hook).status, 200u);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (app_->metrics().inbox_processed < 50 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_EQ(app_->metrics().inbox_processed, 50);
  EXPECT_EQ(processed_order(*redis_), sids);
}

TEST_F(OrderingTest, InterleavedCustomersEachKeepTheirOrder) {
  start_app("inbox:\n  workers: 4\n  partitions: 4\noutbox:\n  workers: 0\n");
  std::map<std::string, std::vector<std::string>> sent;  // customer → sids in order
  for (int i = 0; i < 60; ++i) {
    const std::string from = "+86138000000" + std::to_string(10 + i % 6);
    char sid[40];
    std::snprintf(sid, sizeof sid, "SM%032d", i);
    sent[from].emplace_back(sid);
    auto hook = demo::twilio_inbound_webhook(app_->config(), account(), from, "m", sid);
    ASSERT_EQ(post_webhook(app_->port(), hook).status, 200u);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (app_->metrics().inbox_processed < 60 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_EQ(app_->metrics().inbox_processed, 60);
  std::map<std::string, std::vector<std::string>> seen;
  for (const auto& sid : processed_order(*redis_)) {
    for (const auto& [from, sids] : sent)
      if (std::find(sids.begin(), sids.end(), sid) != sids.end()) seen[from].push_back(sid);
  }
  EXPECT_EQ(seen, sent);
}

}  // namespace
}  // namespace ombud::test

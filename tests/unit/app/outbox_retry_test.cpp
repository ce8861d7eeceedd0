#include "app/outbox_workers.hpp"

#include <gtest/gtest.h>

namespace ombud::app {
namespace {

using std::chrono::milliseconds;

TEST(RetryDelay, DoublesWithEqualJitterUpToTheCap) {
  const milliseconds initial(1000), max(60000);
  EXPECT_EQ(retry_delay(1, initial, max, 0.0), milliseconds(500));
  EXPECT_EQ(retry_delay(1, initial, max, 1.0), milliseconds(1000));
  EXPECT_EQ(retry_delay(2, initial, max, 0.0), milliseconds(1000));
  EXPECT_EQ(retry_delay(3, initial, max, 0.5), milliseconds(3000));
  EXPECT_EQ(retry_delay(10, initial, max, 1.0), milliseconds(60000));
  EXPECT_EQ(retry_delay(10, initial, max, 0.0), milliseconds(30000));
}

}  // namespace
}  // namespace ombud::app

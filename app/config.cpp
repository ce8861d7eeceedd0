#include "app/config.hpp"

#include <cctype>

namespace ombud::app {

void read_app_sections(core::Section& root, Config& c) {
  {
    auto s = root.section("redis");
    s.get("url", c.redis.url);
    s.get("prefix", c.redis.prefix);
    s.get("command_timeout_ms", c.redis.command_timeout);
  }
  {
    auto s = root.section("inbox");
    s.get("partitions", c.inbox.partitions);
    s.get("workers", c.inbox.workers);
    s.get("dedup_ttl_s", c.inbox.dedup_ttl);
    s.get("lease_ms", c.inbox.lease);
    s.get("batch", c.inbox.batch);
    s.get("recheck_ms", c.inbox.recheck);
    if (c.inbox.partitions < 1) s.problem("partitions", "must be at least 1");
    if (c.inbox.workers < 0) s.problem("workers", "must not be negative");
    if (c.inbox.batch < 1) s.problem("batch", "must be at least 1");
  }
  {
    auto s = root.section("outbox");
    s.get("workers", c.outbox.workers);
    s.get("max_attempts", c.outbox.max_attempts);
    s.get("backoff_initial_ms", c.outbox.backoff_initial);
    s.get("backoff_max_ms", c.outbox.backoff_max);
    s.get("claim_idle_ms", c.outbox.claim_idle);
    s.get("send_timeout_ms", c.outbox.send_timeout);
    s.get("concurrency", c.outbox.concurrency);
    if (c.outbox.workers < 0) s.problem("workers", "must not be negative");
    if (c.outbox.max_attempts < 1) s.problem("max_attempts", "must be at least 1");
    if (c.outbox.concurrency < 1) s.problem("concurrency", "must be at least 1");
  }
  {
    auto s = root.section("limits");
    s.get("replies_per_sender", c.limits.replies_per_sender);
    s.get("reply_window_s", c.limits.reply_window);
    s.get("staff_sends_per_customer", c.limits.staff_sends_per_customer);
    if (c.limits.staff_sends_per_customer < 1)
      s.problem("staff_sends_per_customer", "must be at least 1");
    s.list("auto_reply_markers", c.limits.auto_reply_markers);
    if (c.limits.replies_per_sender < 1) s.problem("replies_per_sender", "must be at least 1");
    if (c.limits.reply_window.count() < 1) s.problem("reply_window_s", "must be at least 1");
  }
  {
    auto s = root.section("opt_out");
    s.list("stop_words", c.opt_words.stop);
    s.list("start_words", c.opt_words.start);
    for (auto* list : {&c.opt_words.stop, &c.opt_words.start})
      for (auto& w : *list)
        for (auto& ch : w) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  {
    auto s = root.section("replies");
    s.text("opted_out", c.replies.opted_out);
    s.text("opted_in", c.replies.opted_in);
  }
}

}  // namespace ombud::app

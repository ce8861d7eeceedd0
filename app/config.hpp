#pragma once
// ombud's configuration as the app runs it: every module's settings, read and validated by
// gateway/config.cpp from one YAML file.

#include "channels/registry.hpp"
#include "console/settings.hpp"
#include "http/server.hpp"
#include "core/language.hpp"
#include "dialog/settings.hpp"
#include "tickets/desk/rules.hpp"

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ombud::app {

struct RedisConfig {
  std::optional<std::string> url;  ///< unset: start the embedded redis-server
  std::string prefix = "ombud";
  std::chrono::milliseconds command_timeout{500};  ///< also the webhook deadline: past it, 503
};

struct InboxConfig {
  int partitions = 16;
  int workers = 4;
  std::chrono::seconds dedup_ttl{7 * 24 * 3600};
  std::chrono::milliseconds lease{10000};  ///< a crashed process's partitions free up after this
  int batch = 32;
  /// How often a worker re-reads every pending entry of its partitions (its own included): an
  /// entry a lost connection's read delivered after ombud gave up on it is found again.
  std::chrono::milliseconds recheck{5000};
};

struct OutboxConfig {
  int workers = 2;
  int max_attempts = 5;
  std::chrono::milliseconds backoff_initial{1000};
  std::chrono::milliseconds backoff_max{60000};
  std::chrono::milliseconds claim_idle{
      30000};  ///< a crashed sender's entries are retaken after this
  std::chrono::milliseconds send_timeout{10000};
  /// Sends in flight at once per worker, each on its own connection; a recipient has one
  /// message in flight at a time (its messages leave in order) and recipients take turns, so
  /// a slow or busy recipient holds up only itself.
  int concurrency = 8;
};

/// What one sender can cost: SMS costs money, and a looping auto-responder or a flood from one
/// number must not be answered message for message.
struct LimitsConfig {
  int replies_per_sender = 30;            ///< automatic messages to one sender per window
  std::chrono::seconds reply_window{600};  ///< the window (fixed, starting at its first reply)
  /// Messages staff cause to one customer (results, appointments, handoff answers,
  /// announcements) per reply_window; past it they are not sent (failed, the customer flagged).
  int staff_sends_per_customer = 20;
  /// A message that starts with one of these (case-insensitive) is an automatic reply or a
  /// delivery report: stored, never answered. SMPP delivery receipts ("id:… sub:… dlvrd:…")
  /// are recognised as well.
  std::vector<std::string> auto_reply_markers{
      "自动回复", "【自动回复】", "[自动回复]", "auto-reply", "auto reply", "autoreply",
      "automatic reply", "out of office", "delivery report", "状态报告"};
};

/// Replies outside the dialog: opt-out confirmations.
struct RepliesConfig {
  core::LocalizedText opted_out{"您已退订本号码的短信。回复START可重新订阅。",
                                  "You are unsubscribed and will receive no more messages. "
                                  "Reply START to resubscribe."};
  core::LocalizedText opted_in{"您已重新订阅本号码的短信。",
                                 "You are resubscribed and will receive messages again."};
};

struct Config {
  std::filesystem::path file;  ///< where it was read from
  std::string organisation = "ombud";
  std::filesystem::path data_dir = "var";  ///< relative paths are relative to the config file
  std::string log_level = "info";
  http::ServerConfig server;
  RedisConfig redis;
  InboxConfig inbox;
  OutboxConfig outbox;
  LimitsConfig limits;
  channels::OptWords opt_words;  ///< opt_out.stop_words / start_words, upper-cased (SMS channels)
  RepliesConfig replies;
  channels::ChannelSet channels;  ///< channels.<name>: the providers turned on
  dialog::Settings dialog;                 ///< flows, commands, texts (dialog: and tickets:)
  std::string timezone = "Asia/Shanghai";  ///< ticket numbers and times shown to people
  tickets::TicketRules tickets;
  console::Settings console;  ///< the agent console API: roles, rate, idempotency
};

/// Reads the sections the app itself owns from the top level: redis, inbox, outbox, limits,
/// opt_out and replies.
void read_app_sections(core::Section& root, Config& config);

}  // namespace ombud::app

#pragma once
// ombud's configuration: one YAML file, validated completely at start-up.

#include "channels/twilio_sms.hpp"
#include "gateway/desk_texts.hpp"
#include "dialog/language.hpp"
#include "dialog/settings.hpp"
#include "tickets/business_calendar.hpp"
#include "tickets/directory.hpp"
#include "tickets/grading.hpp"
#include "tickets/work_order.hpp"

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ombud::gateway {

struct ServerConfig {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  std::string public_base_url;  ///< how providers reach us (TLS proxy in front), no trailing '/'
  int threads = 0;              ///< io threads, each with its own io_context; 0: one per core
  std::size_t max_body_bytes = 64 * 1024;
  std::size_t max_header_bytes = 8 * 1024;
  std::chrono::milliseconds read_timeout{10000};
  std::chrono::milliseconds shutdown_grace{5000};
  /// Open connections, all io threads together; past it a new connection gets 503 and is
  /// closed. Kept below the file-descriptor limit at start-up.
  std::size_t max_connections = 10000;
  /// When set, GET /metrics needs "Authorization: Bearer <token>" (else 401).
  std::string metrics_token;
};

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
  /// A message that starts with one of these (case-insensitive) is an automatic reply or a
  /// delivery report: stored, never answered. SMPP delivery receipts ("id:… sub:… dlvrd:…")
  /// are recognised as well.
  std::vector<std::string> auto_reply_markers{
      "自动回复", "【自动回复】", "[自动回复]", "auto-reply", "auto reply", "autoreply",
      "automatic reply", "out of office", "delivery report", "状态报告"};
};

/// Replies outside the dialog: opt-out confirmations.
struct RepliesConfig {
  dialog::LocalizedText opted_out{"您已退订本号码的短信。回复START可重新订阅。",
                                  "You are unsubscribed and will receive no more messages. "
                                  "Reply START to resubscribe."};
  dialog::LocalizedText opted_in{"您已重新订阅本号码的短信。",
                                 "You are resubscribed and will receive messages again."};
};

/// What happens to a ticket after intake: departments, time limits, the calendar.
struct TicketRules {
  std::optional<tickets::Directory> directory_seed;  ///< tickets.departments, stored at first start
  int sign_for_hours = 2;                            ///< working hours to sign for (签收)
  int reply_days = 2;                                ///< working days to reply
  int multi_department_reply_days = 5;               ///< with cooperating departments
  bool audit_required = false;           ///< true: the desk audits replies (console, issue 5)
  bool notify_signed_for = true;         ///< tell the customer when the department signs for it
  bool transfer_restarts_clock = false;  ///< a transfer gives the new department full limits
  bool extension_needs_head = false;     ///< an extension by staff waits for the head's approval
  /// The dispatch SMS gives the responsible person the customer's full phone number so they
  /// can call (沟通); everyone else sees it masked.
  bool full_phone_to_responsible = true;
  tickets::ReplyBy reply_by = tickets::ReplyBy::holder_or_head;  ///< who may answer a signed ticket
  /// After the result, a message with one of these words (and no dissatisfaction) closes the
  /// ticket with a polite reply instead of starting a new conversation.
  std::vector<std::string> thanks_words{"谢谢", "感谢", "多谢", "好的", "收到", "满意",
                                        "thanks", "thank you", "ok", "great"};
  DeskTexts texts;  ///< tickets.texts: every sentence the desk sends
  /// After the result, a message with one of these words reopens the ticket.
  std::vector<std::string> dissatisfied_words{
      "不满意", "没解决", "没有解决",      "还是没",    "还没修好",  "又坏了",
      "仍然",   "依然",   "not satisfied", "still not", "not fixed", "not solved"};
  std::int64_t reopen_window_ms = 7LL * 24 * 3600 * 1000;
  std::map<int, int> reply_days_by_level{{1, 1}};  ///< a severity's shorter reply limit
  tickets::BusinessCalendar calendar;  ///< holidays from tickets.calendar (a file per year)
  tickets::GradingPolicy grading;
  std::int64_t repeat_window_ms = 30LL * 24 * 3600 * 1000;  ///< same customer, same category
  std::int64_t burst_window_ms = 2LL * 3600 * 1000;         ///< a collective complaint's window
  int collective_customers = 5;  ///< customers with the same matter in the window → incident
  double same_matter_threshold = 0.4;
};

struct Config {
  std::filesystem::path file;  ///< where it was read from
  std::string organisation = "ombud";
  std::filesystem::path data_dir = "var";  ///< relative paths are relative to the config file
  std::string log_level = "info";
  ServerConfig server;
  RedisConfig redis;
  InboxConfig inbox;
  OutboxConfig outbox;
  LimitsConfig limits;
  channels::OptWords opt_words;  ///< opt_out.stop_words / start_words, upper-cased
  RepliesConfig replies;
  std::vector<channels::TwilioAccount> twilio;
  dialog::Settings dialog;                 ///< flows, commands, texts (dialog: and tickets:)
  std::string timezone = "Asia/Shanghai";  ///< ticket numbers and times shown to people
  TicketRules tickets;

  const channels::TwilioAccount* find_twilio(std::string_view id) const;
};

/// Every problem found in a configuration file, each naming the file and the key.
class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(std::vector<std::string> problems);
  const std::vector<std::string>& problems() const noexcept { return problems_; }

 private:
  std::vector<std::string> problems_;
};

/// The holidays and make-up working days of every YYYY.yaml in `dir` (config/calendar/).
/// Throws ConfigError.
void load_calendar(const std::filesystem::path& dir, tickets::BusinessCalendar& calendar);

/// What a valid configuration may still get wrong, for check-config and the log at start:
/// years without a complete holiday calendar (this one and the next), categories that route
/// to no department.
std::vector<std::string> config_warnings(const Config& config, std::int64_t now_ms);

/// Reads and validates `file`. Unknown keys, missing required keys, wrong types and
/// unset environment variables (values written `${NAME}`) are all reported together.
/// Throws ConfigError.
Config load_config(const std::filesystem::path& file);
/// The same from YAML text (`name` stands in for the file name in messages).
Config parse_config(const std::string& yaml, const std::filesystem::path& name);

}  // namespace ombud::gateway

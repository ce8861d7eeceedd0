#pragma once
// An App with the sample departments (config/departments.yaml) and the fake Twilio: customers
// and staff write signed webhooks, the test reads what each of them was sent.

#include "core/text.hpp"
#include "tools/demo/simulated_customer.hpp"
#include "tickets/ticket.hpp"

#include <unicode/utf8.h>
#include "tests/support/http_client.hpp"
#include "tests/support/redis_fixture.hpp"

namespace ombud::test {

inline const std::string kCustomer = "+8613800138000";
inline const std::string kNetwork = "+8613700000001";  // 网络维护部, responsible (config/departments.yaml)
inline const std::string kBilling = "+8613700000021";  // 计费结算部

class DeskTest : public GatewayTest {
 protected:
  void SetUp() override {
    GatewayTest::SetUp();
    start_app("tickets:\n  departments: " OMBUD_SOURCE_DIR "/config/departments.yaml\n" +
              extra_ticket_settings());
  }

  /// More keys of the tickets: section, for the variants below.
  virtual std::string extra_ticket_settings() const { return ""; }

  void write(const std::string& from, const std::string& text) {
    auto hook = demo::twilio_inbound_webhook(app_->config(), account(), from, text,
                                                demo::random_message_sid());
    ASSERT_EQ(post_webhook(app_->port(), hook).status, 200u);
    ASSERT_TRUE(wait_idle());
  }

  // Everything sent to `to` since `from_index`.
  std::string sent_to(const std::string& to, size_t from_index = 0) {
    std::string out;
    auto all = provider_->received();
    for (size_t i = from_index; i < all.size(); ++i)
      if (all[i].field("To") == to) out += all[i].field("Body") + "|";
    return out;
  }

  /// Waits until `to` has been sent something containing `text` (since `from`): for messages
  /// queued by the SLA watch or the console, which wait_idle does not wait for.
  bool sent_eventually(const std::string& to, const std::string& text, size_t from = 0) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      if (sent_to(to, from).find(text) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  std::string complain(const std::string& description = "我家宽带三天没网了，要求赔偿") {
    for (const std::string text : {description, std::string("本周一开始"), std::string("尽快修好"),
                                   std::string("张三"), std::string("1"), std::string("1")})
      write(kCustomer, text);
    auto confirmation = sent_to(kCustomer);
    auto at = confirmation.rfind("编号T");
    return at == std::string::npos ? "" : confirmation.substr(at + 6, 11);
  }

  // SLA watch entries for time limits (sign-for and reply), not regrades or analyses.
  int limits_watched() {
    int n = 0;
    for (const auto& m : redis_->run({"ZRANGE", key("sla"), "0", "-1"}).elements)
      n += m.str.find("|sign_") != std::string::npos || m.str.find("|reply_") != std::string::npos;
    return n;
  }

  /// The ticket's hash, with its timeline (an append-only list beside it) as "timeline": the
  /// JSON array of its lines.
  std::map<std::string, std::string> ticket(const std::string& number) {
    auto fields = redis_->hash(key("ticket:" + number));
    std::string timeline = "[";
    for (const auto& line : redis_->run({"LRANGE", key("timeline:" + number), "0", "-1"}).elements)
      timeline += (timeline.size() > 1 ? "," : "") + line.str;
    fields["timeline"] = timeline + "]";
    return fields;
  }

  /// Waits (up to `limit`) until the analysis of a new complaint (grading against the month's
  /// others, repeats, incidents) has run: its watch entry is gone. False when it has not.
  bool analysed(const std::string& number, std::chrono::seconds limit = std::chrono::seconds(10)) {
    auto pending = [&] { return !redis_->run({"ZSCORE", key("sla"), number + "|analyze"}).is_nil(); };
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (pending() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return !pending();
  }

  /// ombud's clock set to `unix_ms` (it runs on from there).
  void set_clock(std::int64_t unix_ms) {
    clock_->advance(std::chrono::milliseconds(unix_ms - clock_->now_ms()));
  }

  /// "2026-12-02 15:04" as people are shown a stored time.
  std::string shown(const std::string& unix_ms) const {
    return tickets::local_time(std::stoll(unix_ms), app_->config().timezone);
  }

  /// Every SMS ombud sent so far arrived whole: valid UTF-8, no U+FFFD, and within two
  /// concatenated segments (2 × 67 UCS-2 characters, or 2 × 153 GSM).
  void expect_every_sms_whole() {
    for (const auto& r : provider_->received()) {
      const auto body = r.field("Body");
      const auto* s = reinterpret_cast<const uint8_t*>(body.data());
      const auto n = static_cast<int32_t>(body.size());
      bool valid = true;
      for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        valid = valid && c >= 0 && c != 0xFFFD;
      }
      EXPECT_TRUE(valid) << body;
      EXPECT_LE(core::is_plain_ascii(body) ? body.size() : core::utf16_units(body),
                core::is_plain_ascii(body) ? 306u : 134u)
          << body;
    }
  }
};

}  // namespace ombud::test

// Issue 17: what broke when main was used as customers, staff and attackers would, and two
// rules of the seed that were applied backwards. Each case failed on the main it was found on.

#include "tests/support/desk_fixture.hpp"

namespace ombud::test {
namespace {

using FoundInUseTest = DeskTest;

// A complaint from where the customer wrote; the number of the confirmation.
std::string number_in(const std::string& confirmation) {
  const auto at = confirmation.rfind("编号T");
  return at == std::string::npos ? "" : confirmation.substr(at + 6, 11);
}

// B gives A's number as their contact: A's follow-up still goes to A's ticket (and A's
// department), B's to B's; neither can ask for the other's status.
TEST_F(FoundInUseTest, ANumberTypedInTheDialogNeverRoutesAnotherPersonsMessages) {
  const std::string a = "+8613900001011", b = "+8613900001022";
  for (const char* text : {"你好", "1", "2", "这个月话费多扣了五十元", "本月账单", "退还多扣的话费", "王五", "1", "1"})
    write(a, text);
  const auto a_ticket = number_in(sent_to(a));
  ASSERT_EQ(a_ticket.size(), 11u) << sent_to(a);
  ASSERT_EQ(ticket(a_ticket)["category"], "billing");
  for (const std::string text :
       {std::string("我家宽带三天没网了，要求赔偿"), std::string("本周一开始"),
        std::string("尽快修好"), std::string("李四"), a, std::string("1")})
    write(b, text);
  const auto b_ticket = number_in(sent_to(b));
  ASSERT_EQ(b_ticket.size(), 11u) << sent_to(b);
  ASSERT_EQ(ticket(b_ticket)["phone"], a);  // the department calls the number B gave

  auto before = provider_->received().size();
  write(a, "补充一下：我的账户又被扣了二十元，请核实");
  EXPECT_NE(sent_to(kBilling, before).find("【客户来信】" + a_ticket), std::string::npos)
      << sent_to(kBilling, before);
  EXPECT_EQ(sent_to(kNetwork, before).find("二十元"), std::string::npos) << sent_to(kNetwork, before);
  EXPECT_EQ(ticket(b_ticket)["timeline"].find("二十元"), std::string::npos);

  before = provider_->received().size();
  write(a, "查询 " + b_ticket);
  EXPECT_EQ(sent_to(a, before).find("网络维护部"), std::string::npos) << sent_to(a, before);

  before = provider_->received().size();
  write(b, "还是没有网，请尽快");
  EXPECT_NE(sent_to(kNetwork, before).find("【客户来信】" + b_ticket), std::string::npos)
      << sent_to(kNetwork, before);
  EXPECT_EQ(sent_to(b, before).find("1 投诉"), std::string::npos) << sent_to(b, before);
}

// Seed line 129: signs of escalation are reported upward at once. A complaint that threatens
// the media when it is filed is level 1 from the start: the duty managers are told once.
TEST_F(FoundInUseTest, AComplaintMajorWhenFiledReachesTheDutyManagersOnce) {
  const std::string manager = "+8613700000100";  // config/departments.yaml: duty_managers
  const std::string customer = "+8613900002033";
  for (const char* text : {"宽带三天没网了，再不处理我就找媒体曝光，还要打12315", "本周一开始，在家里",
                           "尽快修好", "赵六", "1", "1"})
    write(customer, text);
  const auto number = number_in(sent_to(customer));
  ASSERT_EQ(number.size(), 11u) << sent_to(customer);
  EXPECT_EQ(ticket(number)["level"], "1");
  ASSERT_TRUE(sent_eventually(manager, "【重大投诉】" + number)) << sent_to(manager);
  // A later threat on the same ticket does not tell them again.
  write(customer, "我要去媒体曝光你们");
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  const auto all = sent_to(manager);
  EXPECT_EQ(all.find("【重大投诉】" + number), all.rfind("【重大投诉】" + number)) << all;
}

// A ticket's timeline is an append-only list beside it: a write stores its new line (at most
// 2,000 bytes of text), never the history again, and the ticket's hash stays small however
// much the customer writes.
TEST_F(FoundInUseTest, ACustomerWritingAtLengthAddsBoundedLinesAndTheTicketStaysSmall) {
  const auto number = complain();
  ASSERT_EQ(number.size(), 11u);
  std::string long_text;
  while (long_text.size() < 15000) long_text += "补充说明网络依旧不通。";  // under 64 KiB encoded
  for (int i = 0; i < 5; ++i) write(kCustomer, long_text);
  EXPECT_EQ(redis_->integer({"HEXISTS", key("ticket:" + number), "timeline"}), 0);
  EXPECT_LT(redis_->integer({"MEMORY", "USAGE", key("ticket:" + number)}), 40000);  // 75 KB written
  const auto lines = redis_->run({"LRANGE", key("timeline:" + number), "0", "-1"}).elements;
  ASSERT_GE(lines.size(), 7u);  // registered, dispatched, five notes
  for (const auto& line : lines)
    EXPECT_LT(line.str.size(), 2300u) << core::utf8_prefix(line.str, 200);
  EXPECT_NE(lines.back().str.find("…"), std::string::npos);
  // Read back whole, in order, as the work order reads it.
  auto t = ticket(number);
  EXPECT_LT(t["timeline"].find("registered"), t["timeline"].find("dispatched"));
}

class CustomerNotesTest : public DeskTest {
 protected:
  std::string extra_ticket_settings() const override { return "  customer_notes_per_window: 3\n"; }
};

// What one customer adds to an open ticket is bounded per window: past the limit a message
// keeps its first 200 bytes on the timeline and the handler is not sent it again.
TEST_F(CustomerNotesTest, PastTheWindowsLimitACustomersMessagesAreKeptShortAndNotPassedOn) {
  const auto number = complain();
  ASSERT_EQ(number.size(), 11u);
  std::string long_text;
  while (long_text.size() < 600) long_text += "补充说明网络依旧不通。";
  const auto before = provider_->received().size();
  for (int i = 0; i < 5; ++i) write(kCustomer, std::to_string(i) + long_text);
  const auto to_handler = sent_to(kNetwork, before);
  std::size_t passed = 0;
  for (auto at = to_handler.find("【客户来信】"); at != std::string::npos;
       at = to_handler.find("【客户来信】", at + 1))
    ++passed;
  EXPECT_EQ(passed, 3u) << to_handler;
  const auto lines = redis_->run({"LRANGE", key("timeline:" + number), "-2", "-1"}).elements;
  ASSERT_EQ(lines.size(), 2u);
  for (const auto& line : lines) EXPECT_LT(line.str.size(), 400u) << line.str;
  EXPECT_EQ(ticket(number)["notes_in_window"], "5");
}

}  // namespace
}  // namespace ombud::test

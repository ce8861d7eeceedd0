#include "tickets/ticket.hpp"
#include "tickets/typed_ticket.hpp"

#include <gtest/gtest.h>

namespace ombud::tickets {
namespace {

// 2026-11-29 17:00:00 UTC is 2026-11-30 01:00 in Shanghai.
constexpr std::int64_t kLateUtc = 1795971600000;

TEST(Ticket, DatesAreTheOrganisationsLocalDate) {
  EXPECT_EQ(date_code(kLateUtc, "Asia/Shanghai"), "261130");
  EXPECT_EQ(date_code(kLateUtc, "UTC"), "261129");
  EXPECT_EQ(local_time(kLateUtc, "Asia/Shanghai"), "2026-11-30 01:00");
}

TEST(Ticket, ANewTicketKeepsEverythingAndIsOwnedByItsCustomer) {
  TicketInput in{
      "complaint", "broadband", "twilio", "main", "+8613800138000",         "+8613800138000",
      "张三",      false,       false,    "zh",   R"({"description":"x"})", "[]",
      "3-1-0"};
  auto t = new_ticket(in, kLateUtc, "Asia/Shanghai");
  EXPECT_EQ(t.date_code, "261130");
  EXPECT_EQ(t.owner, "twilio/main/+8613800138000");
  EXPECT_TRUE(t.open);
  TicketFields fields(t.fields.begin(), t.fields.end());
  EXPECT_EQ(fields["state"], "registered");
  EXPECT_EQ(fields["category"], "broadband");
  EXPECT_EQ(fields["slots"], R"({"description":"x"})");
  EXPECT_FALSE(fields.contains("due_ms"));
  EXPECT_TRUE(owned_by(ticket_from(fields), "twilio", "main", "+8613800138000"));
  EXPECT_FALSE(owned_by(ticket_from(fields), "twilio", "main", "+8613900000000"));
  EXPECT_FALSE(owned_by(ticket_from(fields), "generic", "main", "+8613800138000"));
  EXPECT_FALSE(owned_by(ticket_from(fields), "twilio", "main", ""));
}

// A number the customer typed as their contact is the department's detail, never their key:
// the ticket is B's (where B wrote from) even when B gave A's number.
TEST(Ticket, ATypedPhoneNeitherOwnsNorKeysTheTicket) {
  TicketInput in{"complaint", "broadband", "twilio", "main", "+8613900001022", "+8613900001011",
                 "B",         false,       false,    "zh",   "{}",             "[]",
                 "3-1-0"};
  auto t = new_ticket(in, kLateUtc, "Asia/Shanghai");
  EXPECT_EQ(t.owner, "twilio/main/+8613900001022");
  TicketFields fields(t.fields.begin(), t.fields.end());
  EXPECT_FALSE(owned_by(ticket_from(fields), "twilio", "main", "+8613900001011"));
  EXPECT_TRUE(owned_by(ticket_from(fields), "twilio", "main", "+8613900001022"));
}

TEST(Ticket, ConsultationsAreDueInADayAndAnonymousRecordsAreNotOpen) {
  TicketInput in{"consultation", "",    "twilio", "main", "+1", "", "",
                 false,          false, "en",     "{}",   "[]", ""};
  auto c = new_ticket(in, kLateUtc, "UTC");
  TicketFields fields(c.fields.begin(), c.fields.end());
  EXPECT_EQ(fields["due_ms"], std::to_string(kLateUtc + kConsultationDueMs));
  EXPECT_EQ(c.owner, "twilio/main/+1");  // where the customer wrote from
  in.type = "complaint";
  in.anonymous = in.record_only = true;
  auto a = new_ticket(in, kLateUtc, "UTC");
  EXPECT_FALSE(a.open);
  EXPECT_EQ(TicketFields(a.fields.begin(), a.fields.end())["state"], "recorded");
}

TEST(Ticket, StatusReadsInTheCustomersLanguage) {
  TicketFields t{{"state", "registered"}, {"updated_ms", std::to_string(kLateUtc)}};
  auto zh = status_view(ticket_from(t), "zh", "Asia/Shanghai");
  EXPECT_EQ(zh["state"], "已登记，待处理");
  EXPECT_EQ(zh["department"], "待分派");
  EXPECT_EQ(zh["due"], "待定");
  EXPECT_EQ(zh["updated"], "2026-11-30 01:00");
  auto en = status_view(ticket_from(t), "en", "UTC");
  EXPECT_EQ(en["state"], "registered, awaiting handling");
  EXPECT_EQ(en["updated"], "2026-11-29 17:00");
}

}  // namespace
}  // namespace ombud::tickets

#include "tickets/vocabulary.hpp"

namespace ombud::tickets {
namespace {

// "Open" and "overdue" have one definition, and the scripts get the same one.
TEST(Vocabulary, OpenAndOverdueAreDefinedOnceForCppAndLua) {
  for (auto state : {"registered", "dispatched", "signed_for", "replied", "audited", "waiting", "answering"})
    EXPECT_TRUE(needs_work(state)) << state;
  for (auto state : {"result_sent", "closed", "recorded", "", "nonsense"})
    EXPECT_FALSE(needs_work(state)) << state;
  EXPECT_TRUE(overdue(1000, "signed_for", 2000));
  EXPECT_FALSE(overdue(3000, "signed_for", 2000));   // not yet
  EXPECT_FALSE(overdue(1000, "result_sent", 2000));  // answered: late perhaps, not overdue
  EXPECT_FALSE(overdue(0, "dispatched", 2000));      // no limit
  const auto lua = lua_vocabulary();
  for (auto state : kNeedsWorkStates) EXPECT_NE(lua.find("['" + std::string(state) + "'] = true"), std::string::npos);
  EXPECT_NE(lua.find("local function is_overdue"), std::string::npos);
  EXPECT_EQ(to_string(HandoffState::answering), "answering");
}

}  // namespace
}  // namespace ombud::tickets

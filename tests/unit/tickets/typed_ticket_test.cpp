#include "tickets/typed_ticket.hpp"

#include <gtest/gtest.h>

namespace ombud::tickets {
namespace {

Ticket dispatched_complaint() {
  Ticket t;
  t.number = "T2611300001";
  t.type = "complaint";
  t.category = "broadband";
  t.category_label = "宽带";
  t.channel = "generic";
  t.account = "crm";
  t.address = "user-42";
  t.phone = "+8613800138000";
  t.name = "张三";
  t.anonymous = true;
  t.language = "zh";
  t.slots_json = R"({"description":"我家宽带三天没网了"})";
  t.transcript_json = "[]";
  t.source = "3-1796000000000-0";
  t.created_ms = 1796000000000;
  t.updated_ms = 1796000100000;
  t.sign_due_ms = 1796007200000;
  t.due_ms = 1796172800000;
  t.reply_overdue = true;
  t.level = 2;
  t.level_reasons = "涉及多个部门";
  t.department_name = "网络维护部";
  t.department_name_en = "Network Maintenance";
  t.fingerprint = "12 34 56";
  t.incident = "I2611300001";
  t.repeat_count = 1;
  t.similar_customers = 3;
  t.collective_customers = 5;
  t.order.number = t.number;
  t.order.state = WorkState::signed_for;
  t.order.department = "network";
  t.order.cooperating = {"billing", "broadband"};
  t.order.responsible = "+8613700000001";
  t.order.transfers = 1;
  t.order.extensions = 1;
  t.order.escalation = Escalation{2, "答复超时"};
  t.order.timeline = {{1796000000000, "system", "sms", "dispatched", ""},
                      {1796000100000, "+8613700000001", "sms", "signed_for", "好的"}};
  t.unknown = {{"survey_score", "5"}};  // written by a newer version
  return t;
}

TicketFields as_map(const std::vector<std::pair<std::string, std::string>>& fields) {
  return {fields.begin(), fields.end()};
}

TEST(TypedTicket, ATicketRoundTripsThroughItsStoredFields) {
  const auto ticket = dispatched_complaint();
  const auto fields = as_map(ticket_fields(ticket));
  EXPECT_EQ(fields.at("number"), "T2611300001");
  EXPECT_EQ(fields.at("state"), "signed_for");
  EXPECT_EQ(fields.at("cooperating"), "billing,broadband");
  EXPECT_EQ(fields.at("due_ms"), "1796172800000");
  EXPECT_EQ(fields.at("anonymous"), "1");
  EXPECT_EQ(fields.at("survey_score"), "5");
  EXPECT_EQ(ticket_from(fields), ticket);
}

TEST(TypedTicket, StoredFieldsRoundTripThroughTheTicket) {
  // A ticket as intake, dispatch and sign-for left it in Redis.
  const TicketFields stored{{"number", "T2611300002"},
                            {"type", "complaint"},
                            {"state", "dispatched"},
                            {"category", "billing"},
                            {"channel", "twilio"},
                            {"account", "main"},
                            {"address", "+8613800138000"},
                            {"phone", "+8613800138000"},
                            {"language", "en"},
                            {"created_ms", "1796000000000"},
                            {"department", "billing"},
                            {"responsible", "+8613700000021"},
                            {"level", "3"},
                            {"timeline", R"([{"at":1,"by":"system","via":"sms","what":"dispatched","text":""}])"}};
  // The stored timeline is not written again (a write appends only new lines).
  auto written = stored;
  written.erase("timeline");
  EXPECT_EQ(as_map(ticket_fields(ticket_from(stored))), written);
}

TEST(TypedTicket, AnEmptyOrBrokenFieldReadsAsItsDefault) {
  const auto t = ticket_from({{"due_ms", "soon"}, {"level", ""}, {"anonymous", "yes"}});
  EXPECT_EQ(t.due_ms, 0);
  EXPECT_EQ(t.level, 0);
  EXPECT_FALSE(t.anonymous);
  EXPECT_EQ(t.order.state, WorkState::registered);
  EXPECT_TRUE(t.unknown.empty());
}

TEST(TypedTicket, ChangesAreTheFieldsThatDiffer) {
  const auto before = dispatched_complaint();
  auto after = before;
  after.order.state = WorkState::replied;
  after.order.reply = "已修复";
  after.order.escalation.reset();  // cleared: written empty
  after.order.timeline.push_back({1796000200000, "+8613700000001", "sms", "replied", "已修复"});
  after.order.timeline_stored = before.order.timeline.size();
  after.updated_ms = 1796000200000;
  auto changes = ticket_changes(before, after);
  const TicketFields written(changes.begin(), changes.end());
  EXPECT_EQ(written.at("state"), "replied");
  EXPECT_EQ(written.at("reply"), "已修复");
  EXPECT_EQ(written.at("escalation_level"), "0");
  EXPECT_EQ(written.at("escalation_reason"), "");
  EXPECT_EQ(written.at("updated_ms"), "1796000200000");
  EXPECT_NE(written.at("timeline+").find("已修复"), std::string::npos);
  EXPECT_EQ(written.size(), 6u) << "nothing else";
  EXPECT_TRUE(ticket_changes(before, before).empty());
}

TEST(TypedTicket, AConversationAndARecordKeepTheirStateWord) {
  for (const auto* word : {"waiting", "answering", "closed"}) {
    const TicketFields stored{{"type", "handoff"}, {"state", word}};
    const auto ticket = ticket_from(stored);
    EXPECT_EQ(ticket.state(), word);
    EXPECT_EQ(as_map(ticket_fields(ticket)).at("state"), word);
  }
  EXPECT_TRUE(ticket_from({{"type", "handoff"}, {"state", "waiting"}}).open_handoff());
  EXPECT_FALSE(ticket_from({{"type", "handoff"}, {"state", "closed"}}).open_handoff());
  const auto recorded = ticket_from({{"type", "complaint"}, {"state", "recorded"}, {"record_only", "1"}});
  EXPECT_EQ(recorded.state(), "recorded");
  EXPECT_FALSE(recorded.open());
}

}  // namespace
}  // namespace ombud::tickets

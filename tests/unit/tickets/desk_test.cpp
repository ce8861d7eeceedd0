// The desk's decisions as values: no io, no Redis.
#include "app/message_processor.hpp"
#include "gateway/config.hpp"
#include "gateway/directory_config.hpp"
#include "tickets/fingerprint.hpp"
#include "tickets/desk/desk.hpp"

#include <gtest/gtest.h>

#include <set>
#include <tuple>

namespace ombud::tickets {
namespace {

const std::string kNetwork = "+8613700000001";  // 网络维护部, responsible (config/departments.yaml)

class DeskDecisions : public ::testing::Test {
 protected:
  DeskDecisions() : desk_(rules_, settings()) {}

  static TicketRules rules() {
    TicketRules r;
    r.notify = {"twilio", "main"};
    return r;
  }
  static DeskSettings settings() {
    DeskSettings s;
    s.category_labels["broadband"] = {"宽带", "Broadband"};
    s.remembered_language = [](core::Language, std::int64_t) { return std::string("{}"); };
    return s;
  }

  // A complaint that came in on the generic channel from a chat user.
  core::InboundMessage chat_message() const {
    return {"generic", "crm", "m-1", "user-42", "", "宽带没网", "", kNow, ""};
  }
  FieldWrites complaint() const {
    TicketInput in{"complaint", "broadband", "generic", "crm", "user-42", "13800138000", "张三",
                   false, false, "zh", R"({"description":"我家宽带三天没网了"})", "[]", "0-1-0"};
    auto t = new_ticket(in, kNow, "Asia/Shanghai");
    t.fields.emplace_back("number", "T2611300001");
    return std::move(t.fields);
  }

  static constexpr std::int64_t kNow = 1796000000000;  // 2026-11-30, a Monday
  TicketRules rules_ = rules();
  Directory directory_ =
      gateway::load_directory(std::filesystem::path(OMBUD_SOURCE_DIR) / "config/departments.yaml");
  TicketDesk desk_;
};

TEST_F(DeskDecisions, DispatchTellsTheResponsiblePersonOnTheirPhoneWhateverTheCustomersChannel) {
  const auto message = chat_message();
  auto ticket = complaint();
  Effects effects;
  std::vector<Notice> notices;
  desk_.dispatch(directory_, message, ticket, effects, notices);
  // The watch has the new ticket's limits, by kind; the responsible person holds it.
  std::set<WatchKind> kinds;
  for (const auto& w : effects.watch) {
    EXPECT_EQ(w.number, kNewTicket);
    EXPECT_GT(w.at_ms, kNow);
    kinds.insert(w.kind);
  }
  EXPECT_EQ(kinds, (std::set<WatchKind>{WatchKind::sign_warn, WatchKind::sign_due, WatchKind::reply_warn,
                                        WatchKind::reply_due, WatchKind::regrade_half,
                                        WatchKind::regrade_month}));
  ASSERT_EQ(effects.lists.size(), 1u);
  EXPECT_EQ(effects.lists[0].phone, kNetwork);
  EXPECT_TRUE(effects.lists[0].add);
  ASSERT_FALSE(notices.empty());
  const auto& first = notices.front();
  EXPECT_EQ(first.to.kind, core::Contact::kPhone);
  EXPECT_EQ(first.to.address, kNetwork);
  EXPECT_NE(first.text.find("我家宽带三天没网了"), std::string::npos) << first.text;
  // A phone is reached by SMS on the notice channel, never on the customer's chat channel.
  const auto sms = desk_.addressed(first.to, "id-1", first.text);
  EXPECT_EQ(sms.channel, "twilio");
  EXPECT_EQ(sms.account, "main");
  EXPECT_EQ(sms.to, kNetwork);
  // The customer is reached where they wrote from.
  const auto chat = desk_.addressed(core::Contact::sender_of(message), "id-2", "好的");
  EXPECT_EQ(chat.channel, "generic");
  EXPECT_EQ(chat.account, "crm");
  EXPECT_EQ(chat.to, "user-42");
}

TEST_F(DeskDecisions, AnUnknownStaffCommandIsRefusedWithAnExampleToTheSender) {
  const core::InboundMessage m{"twilio", "main", "SM1", kNetwork, "+8610086000", "你好", "", kNow, ""};
  Effects effects;
  std::vector<Notice> notices;
  desk_.staff_message(directory_, m, std::nullopt, {"T2611300001"}, effects, notices);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].to.kind, "twilio");
  EXPECT_EQ(notices[0].to.address, kNetwork);
  EXPECT_NE(notices[0].text.find("T2611300001"), std::string::npos) << notices[0].text;
  EXPECT_TRUE(effects.tickets.empty());
}

// A dispatched chat complaint whose sign-for limit has passed.
TicketFields overdue_chat_ticket(std::int64_t sign_due) {
  return {{"number", "T2611300001"},   {"type", "complaint"},        {"category", "broadband"},
          {"channel", "generic"},      {"account", "crm"},           {"address", "user-42"},
          {"language", "zh"},          {"state", "dispatched"},      {"department", "network"},
          {"responsible", kNetwork},   {"sign_due_ms", std::to_string(sign_due)},
          {"due_ms", std::to_string(sign_due + 86400000)}, {"created_ms", std::to_string(sign_due - 7200000)},
          {"updated_ms", std::to_string(sign_due - 7200000)}, {"version", "6"}};
}

TEST_F(DeskDecisions, AMissedSignForLimitEscalatesToTheHeadAndDutyManagersBySms) {
  const auto due = kNow - 60000;
  auto effects = desk_.sla_event(directory_, "T2611300001", WatchKind::sign_due, ticket_from(overdue_chat_ticket(due)), kNow);
  ASSERT_TRUE(effects.has_value());
  ASSERT_TRUE(effects->delay.has_value());
  EXPECT_EQ(effects->delay->kind, "sign_for");
  EXPECT_EQ(effects->delay->department, "network");
  bool escalated = false;
  for (const auto& h : effects->effects.tickets)
    for (const auto& [k, v] : h.fields) escalated = escalated || (k == "sign_overdue" && v == "1");
  EXPECT_TRUE(escalated);
  // The work order is written back whole: only if the ticket is as it was read (a transfer
  // racing the escalation is not undone).
  EXPECT_EQ(effects->unchanged_version, "6");
  ASSERT_FALSE(effects->effects.outbound.empty());
  std::set<std::string> told;
  for (const auto& m : effects->effects.outbound) {
    EXPECT_EQ(m.channel, "twilio") << m.to;  // by SMS, not on the customer's chat channel
    EXPECT_EQ(m.account, "main");
    told.insert(m.to);
  }
  EXPECT_TRUE(told.contains("+8613700000100")) << "the duty manager";
  // Signed for in time: nothing is said, nothing escalated.
  auto in_time = overdue_chat_ticket(due);
  in_time["state"] = "signed_for";
  auto quiet = desk_.sla_event(directory_, "T2611300001", WatchKind::sign_due, ticket_from(in_time), kNow);
  ASSERT_TRUE(quiet.has_value());
  EXPECT_TRUE(quiet->effects.outbound.empty());
  EXPECT_FALSE(quiet->delay.has_value());
  // A limit extended since the entry was scheduled: not due after all.
  EXPECT_FALSE(desk_.sla_event(directory_, "T2611300001", WatchKind::sign_due,
                               ticket_from(overdue_chat_ticket(kNow + 3600000)), kNow)
                   .has_value());
}

// The same customer's second complaint of a category repeats the first, and the first learns of
// it (its survey is then not asked: the matter is being handled again).
TEST_F(DeskDecisions, ARepeatComplaintMarksTheOneItRepeats) {
  const TicketFields first{{"number", "T2611300001"}, {"category", "broadband"}, {"owner", "twilio/main/+8613900000001"},
                           {"created_ms", std::to_string(kNow - 86400000)}, {"version", "7"}};
  const TicketFields second{{"category", "broadband"}, {"owner", "twilio/main/+8613900000001"},
                            {"created_ms", std::to_string(kNow)}, {"slots", R"({"description":"还是没网"})"}};
  const auto e = desk_.analyze(directory_, "T2611300002", ticket_from(second), {ticket_from(first)}, kNow);
  std::map<std::string, FieldWrites> written;
  for (const auto& t : e.effects.tickets) written[t.number] = t.fields;
  EXPECT_EQ(written["T2611300001"], (FieldWrites{{"repeated_by", "T2611300002"}}));
  const auto mine = written["T2611300002"];
  EXPECT_NE(std::find(mine.begin(), mine.end(), std::pair<std::string, std::string>{"repeat_of", "T2611300001"}),
            mine.end());
}

TEST_F(DeskDecisions, FiveCustomersWithTheSameMatterMakeOneIncidentAnnouncedOnce) {
  const auto print = fingerprint("村里手机信号全没了，打不了电话").serialize();
  std::vector<TicketFields> recent;
  for (int i = 0; i < 4; ++i)
    recent.push_back({{"number", "T261130000" + std::to_string(i + 1)},
                      {"category", "network"},
                      {"owner", "+861360000000" + std::to_string(i)},
                      {"fingerprint", print},
                      {"created_ms", std::to_string(kNow - 600000 + i)},
                      {"due_ms", std::to_string(kNow + 5 * 86400000LL)},
                      {"channel", "twilio"},
                      {"account", "main"},
                      {"address", "+861360000000" + std::to_string(i)}});
  TicketFields mine{{"category", "network"},
                    {"owner", "+8613600000009"},
                    {"fingerprint", print},
                    {"created_ms", std::to_string(kNow)},
                    {"due_ms", std::to_string(kNow + 5 * 86400000LL)},
                    {"slots", R"({"description":"村里手机信号全没了，打不了电话"})"},
                    {"channel", "twilio"},
                    {"account", "main"},
                    {"address", "+8613600000009"}};
  std::vector<Ticket> others;
  for (const auto& fields : recent) others.push_back(ticket_from(fields));
  const auto effects = desk_.analyze(directory_, "T2611300005", ticket_from(mine), others, kNow);
  // Announced once, whichever process gets there; named by its earliest ticket.
  EXPECT_EQ(effects.announce_once, "T2611300001");
  ASSERT_EQ(effects.effects.incidents.size(), 1u);
  EXPECT_EQ(effects.effects.incidents[0].id, "T2611300001");
  int alerts = 0;
  for (const auto& m : effects.effects.outbound) alerts += m.to == "+8613700000100";
  EXPECT_EQ(alerts, 1) << "one alert to the duty manager";
  std::string level;
  for (const auto& h : effects.effects.tickets)
    if (h.number == "T2611300005")
      for (const auto& [k, v] : h.fields)
        if (k == "level") level = v;
  EXPECT_EQ(level, "1");  // a collective complaint is major
}

// Seed line 85: a complaint several departments handle is answered within 5 working days. Its
// three departments grade it level 1, which shortens the sign-for limit and alerts — it must
// not make the matter due the next day (a Thursday 23:16 complaint was due Friday 23:16).
TEST_F(DeskDecisions, ALevelOneComplaintOfThreeDepartmentsGetsTheFiveDayLimit) {
  auto directory = directory_;
  for (auto& rule : directory.routing)
    if (rule.category == "broadband") rule.cooperating = {"desk", "billing"};
  const std::int64_t thursday_2316 = 1796310960000;  // 2026-12-03 23:16 in Shanghai
  auto message = chat_message();
  message.received_ms = thursday_2316;
  auto ticket = complaint();
  Effects effects;
  std::vector<Notice> notices;
  desk_.dispatch(directory, message, ticket, effects, notices);
  TicketFields fields(ticket.begin(), ticket.end());
  EXPECT_EQ(fields["level"], "1");
  EXPECT_EQ(local_time(std::stoll(fields["due_ms"]), "Asia/Shanghai"), "2026-12-10 23:16");

  TicketRules shorter = rules();
  shorter.multi_department_limit_wins = false;
  EXPECT_EQ(shorter.reply_days_for(1, 3), 1);
  EXPECT_EQ(rules_.reply_days_for(1, 3), 5);
  EXPECT_EQ(rules_.reply_days_for(1, 1), 1);
  EXPECT_EQ(rules_.reply_days_for(3, 1), 2);
}

// The property sample asks for the building and flat and whether to visit, not "when and
// where": the engineer reads what the owner answered, under the question's label.
TEST(DeskDetails, WhatTheCustomerAnsweredReachesTheDepartmentWhateverTheStepIsCalled) {
  const auto config =
      gateway::load_config(std::filesystem::path(OMBUD_SOURCE_DIR) / "config/property.yaml");
  app::MessageProcessor processor(config, store::Keys("ombud"));
  const auto& desk = processor.desk();
  TicketInput in{"complaint", "building", "twilio", "main", "+8613800138000", "+8613800138000",
                 "业主",
                 false, false, "zh",
                 R"({"description":"卫生间天花板漏水已经一周","unit":"3栋2单元501","visit":"yes","demand":"尽快上门维修"})",
                 "[]", "0-1-0"};
  auto t = new_ticket(in, 1796000000000, "Asia/Shanghai");
  t.fields.emplace_back("number", "P2611300001");
  const core::InboundMessage m{"twilio", "main", "SM1", "+8613800138000", "", "漏水", "", 1796000000000, ""};
  Effects effects;
  std::vector<Notice> notices;
  desk.dispatch(*config.tickets.directory_seed, m, t.fields, effects, notices);
  ASSERT_FALSE(notices.empty());
  const auto& text = notices.front().text;
  EXPECT_NE(text.find("3栋2单元501"), std::string::npos) << text;
  EXPECT_NE(text.find("上门查看：是"), std::string::npos) << text;
  EXPECT_EQ(text.find("未填写"), std::string::npos) << text;
}

}  // namespace
}  // namespace ombud::tickets

namespace ombud::tickets {
namespace {

// A complaint that mentions a court waits for the desk's decision instead of going out as a
// major complaint: the desk on duty decides, the legal department is told, the decision is
// watched.
TEST(DeskAcceptance, AComplaintThatMentionsACourtWaitsForTheDesksDecision) {
  TicketRules rules;
  rules.notify = {"twilio", "main"};
  rules.acceptance.legal_department = "billing";  // (the sample has no legal department)
  DeskSettings settings;
  settings.remembered_language = [](core::Language, std::int64_t) { return std::string("{}"); };
  TicketDesk desk(rules, settings);
  const auto directory =
      gateway::load_directory(std::filesystem::path(OMBUD_SOURCE_DIR) / "config/departments.yaml");
  constexpr std::int64_t now = 1796000000000;
  TicketInput in{"complaint", "broadband", "twilio", "main", "+8613900000001", "+8613900000001", "张三",
                 false, false, "zh", R"({"description":"宽带合同纠纷，我已经向法院起诉了"})", "[]", "0-1-0"};
  auto created = new_ticket(in, now, "Asia/Shanghai");
  Effects effects;
  std::vector<Notice> notices;
  desk.dispatch(directory, {"twilio", "main", "SM1", "+8613900000001", "+8610086", "x", "", now, ""},
                created.fields, effects, notices);
  const auto t = ticket_from(TicketFields(created.fields.begin(), created.fields.end()));
  EXPECT_EQ(t.order.state, WorkState::registered) << "not dispatched";
  EXPECT_EQ(t.legal_flag, "法院");
  ASSERT_EQ(effects.watch.size(), 1u);
  EXPECT_EQ(effects.watch[0].kind, WatchKind::decide_due);
  std::string desk_told, legal_told, network_told;
  for (const auto& n : notices) {
    if (n.to.address == "+8613700000010") desk_told += n.text;
    if (n.to.address == "+8613700000021") legal_told += n.text;
    if (n.to.address == "+8613700000001") network_told += n.text;
  }
  EXPECT_NE(desk_told.find("【待决定受理】"), std::string::npos) << desk_told;
  EXPECT_NE(desk_told.find("客户提到“法院”"), std::string::npos) << desk_told;
  EXPECT_NE(desk_told.find("1 已进入仲裁或诉讼程序"), std::string::npos) << desk_told;
  EXPECT_NE(legal_told.find("【法律事项知会】"), std::string::npos) << legal_told;
  EXPECT_TRUE(network_told.empty()) << "the department hears of it when the desk accepts it";

  rules.acceptance.legal_hold = false;  // only graded: dispatched at once
  Effects e2;
  std::vector<Notice> n2;
  auto again = new_ticket(in, now, "Asia/Shanghai");
  desk.dispatch(directory, {"twilio", "main", "SM2", "+8613900000001", "+8610086", "x", "", now, ""},
                again.fields, e2, n2);
  EXPECT_EQ(ticket_from(TicketFields(again.fields.begin(), again.fields.end())).order.state, WorkState::dispatched);
}

TEST(Acceptance, LegalWordsAreWordsInAnyCaseOrWidth) {
  const AcceptanceRules r;
  EXPECT_EQ(legal_word("我要去法院告你们", r), "法院");
  EXPECT_EQ(legal_word("已经申请劳动仲裁", r), "仲裁");
  EXPECT_EQ(legal_word("I will SUE you", r), "sue");
  EXPECT_EQ(legal_word("ｃｏｕｒｔ", r), "court");
  EXPECT_EQ(legal_word("the issue is the court-yard light", r), "court") << "a word of its own";
  EXPECT_EQ(legal_word("there is an issue with my bill", r), "") << "sue is not in issue";
  EXPECT_EQ(legal_word("宽带没网", r), "");
}

TEST(Acceptance, TheReasonIsReadByNumberIdOrLabel) {
  const AcceptanceRules r;
  EXPECT_EQ(read_decline("1 客户已在法院起诉", r).reason->id, "in_arbitration");
  EXPECT_EQ(read_decline("1 客户已在法院起诉", r).note, "客户已在法院起诉");
  EXPECT_EQ(read_decline("不属于本公司受理范围，属物业", r).reason->id, "outside_remit");
  EXPECT_EQ(read_decline("不属于本公司受理范围，属物业", r).note, "属物业");
  EXPECT_EQ(read_decline("no_concrete_demand", r).reason->id, "no_concrete_demand");
  EXPECT_EQ(read_decline("9", r).reason, nullptr) << "no ninth reason";
  EXPECT_EQ(read_decline("看情况", r).reason, nullptr);
  EXPECT_EQ(read_decline("", r).reason, nullptr);
}

}  // namespace
}  // namespace ombud::tickets

namespace ombud::tickets {
namespace {

// A question the FAQ could not answer goes to the responsible person of its subject's
// department with 24 hours to answer; a suggestion to the head with five working days.
TEST(DeskInquiries, QuestionsAndSuggestionsGoToWhoAnswersThem) {
  TicketRules rules;
  rules.notify = {"twilio", "main"};
  DeskSettings settings;
  settings.category_labels["broadband"] = {"宽带", "Broadband"};
  settings.remembered_language = [](core::Language, std::int64_t) { return std::string("{}"); };
  TicketDesk desk(rules, settings);
  const auto directory =
      gateway::load_directory(std::filesystem::path(OMBUD_SOURCE_DIR) / "config/departments.yaml");
  constexpr std::int64_t now = 1796000000000;
  auto inquiry = [&](const std::string& type, const std::string& slots) {
    TicketInput in{type, "broadband", "twilio", "main", "+8613900000001", "+8613900000001", "张三",
                   false, false, "zh", slots, "[]", "0-1-0"};
    auto created = new_ticket(in, now, "Asia/Shanghai");
    Effects effects;
    std::vector<Notice> notices;
    desk.dispatch(directory, {"twilio", "main", "SM1", "+8613900000001", "+8610086", "x", "", now, ""},
                  created.fields, effects, notices);
    return std::tuple{ticket_from(TicketFields(created.fields.begin(), created.fields.end())), effects, notices};
  };
  auto [question, qe, qn] = inquiry("consultation", R"({"question":"千兆宽带怎么办理"})");
  EXPECT_EQ(question.order.state, WorkState::signed_for) << "assigned: nobody signs for a question";
  EXPECT_EQ(question.order.responsible, "+8613700000001");
  EXPECT_EQ(question.due_ms, now + 24 * 3600000LL);
  ASSERT_EQ(qn.size(), 1u);
  EXPECT_EQ(qn[0].to.address, "+8613700000001");
  EXPECT_NE(qn[0].text.find("【咨询工单】"), std::string::npos) << qn[0].text;
  EXPECT_NE(qn[0].text.find("千兆宽带怎么办理"), std::string::npos) << qn[0].text;
  EXPECT_NE(qn[0].text.find("回复 答复内容"), std::string::npos) << qn[0].text;
  bool watched = false;
  for (const auto& w : qe.watch) watched |= w.kind == WatchKind::reply_due && w.at_ms == question.due_ms;
  EXPECT_TRUE(watched);
  auto [suggestion, se, sn] = inquiry("suggestion", R"({"suggestion":"希望宽带报修可以在微信上预约"})");
  EXPECT_EQ(suggestion.order.responsible, "+8613700000003") << "the department's head";
  ASSERT_EQ(sn.size(), 1u);
  EXPECT_NE(sn[0].text.find("【客户建议】"), std::string::npos) << sn[0].text;
  EXPECT_NE(sn[0].text.find("采纳 说明"), std::string::npos) << sn[0].text;
  EXPECT_GT(suggestion.due_ms, now + 5 * 86400000LL) << "five working days";
}

}  // namespace
}  // namespace ombud::tickets

// The desk's decisions as values, one case per command and state that matters, every SLA event
// and what customers write later: a typed ticket in, typed effects and notices out. No io, no
// Redis (tickets/ links nothing of the store).
#include "gateway/directory_config.hpp"
#include "tickets/commands.hpp"
#include "tickets/desk/desk.hpp"
#include "tickets/vocabulary.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <filesystem>

namespace ombud::tickets {
namespace {

constexpr std::int64_t kNow = 1796000000000;  // 2026-11-30 (a Monday) 08:53 in Shanghai
constexpr std::int64_t kDay = 86400000;
const std::string kNumber = "T2611300001";
const std::string kCustomer = "+8613900000001";
const std::string kLi = "+8613700000001";     // 网络维护部, responsible
const std::string kZhao = "+8613700000002";   // backup
const std::string kSun = "+8613700000003";    // head
const std::string kTom = "+8613700000004";    // backup, reads English
const std::string kZhou = "+8613700000021";   // 计费结算部, responsible
const std::string kDuty = "+8613700000100";   // the duty manager
const std::string kChen = "+8613700000010";   // 客服中心 (the desk), on duty

// A complaint as stored, built up by what a case needs.
class TicketBuilder {
 public:
  TicketBuilder() {
    f_ = {{"number", kNumber},        {"type", "complaint"},      {"category", "broadband"},
          {"channel", "twilio"},      {"account", "main"},        {"address", kCustomer},
          {"phone", kCustomer},       {"name", "张三"},           {"language", "zh"},
          {"slots", R"({"description":"我家宽带三天没网了","demand":"尽快修好"})"},
          {"state", "signed_for"},    {"department", "network"},  {"responsible", kLi},
          {"level", "3"},             {"created_ms", std::to_string(kNow - kDay)},
          {"updated_ms", std::to_string(kNow - kDay)},
          {"sign_due_ms", std::to_string(kNow - kDay + 3600000)},
          {"due_ms", std::to_string(kNow + kDay)},
          {"department_name", "网络维护部"}, {"department_name_en", "Network Maintenance"},
          {"version", "4"},           {"timeline", "[]"},
          // as dispatch stores a work order
          {"transfers", "0"}, {"reopened", "0"}, {"extensions", "0"}, {"escalation_level", "0"},
          {"requested_extension_days", "0"}};
  }
  TicketBuilder& state(WorkState s) { return set("state", to_string(s)); }
  TicketBuilder& set(const std::string& k, const std::string& v) {
    f_[k] = v;
    return *this;
  }
  TicketBuilder& english() { return set("language", "en"); }
  TicketBuilder& handoff(HandoffState s) {
    set("type", "handoff");
    set("department", "desk");
    set("responsible", s == HandoffState::answering ? "+8613700000010" : "");
    return set("state", std::string(to_string(s)));
  }
  operator TicketFields() const { return f_; }
  operator Ticket() const { return ticket_from(f_); }

 private:
  TicketFields f_;
};

struct Actor {
  std::string phone, role, name;
  core::Language language = core::Language::zh;
  std::string channel = "sms";
};
const Actor kResponsible{kLi, "responsible", "李工"};
const Actor kBackup{kZhao, "backup", "赵工"};
const Actor kHead{kSun, "head", "孙主任"};
const Actor kEnglishBackup{kTom, "backup", "Tom Li", core::Language::en};
const Actor kDesk{"agent-desk", "", "客服小王", core::Language::zh, "console"};

struct Result {
  TicketDesk::ActionResult result;
  Effects effects;
  std::vector<Notice> notices;

  bool done() const { return result.done; }
  bool says(std::string_view part) const { return result.text.find(part) != std::string::npos; }
  /// The fields the decision wrote to the ticket (the last write of each).
  std::map<std::string, std::string> written() const {
    std::map<std::string, std::string> out;
    for (const auto& t : effects.tickets)
      for (const auto& [k, v] : t.fields) out[k] = v;
    return out;
  }
  std::string state() const { return written()["state"]; }
  /// What `address` (a phone, or the customer's address) was told, all of it.
  std::string told(const std::string& address) const {
    std::string out;
    for (const auto& n : notices)
      if (n.to.address == address) out += n.text + "\n";
    return out;
  }
  bool holds(const std::string& phone) const {
    return std::any_of(effects.lists.begin(), effects.lists.end(),
                       [&](const ListMove& m) { return m.phone == phone && m.add; });
  }
  bool released(const std::string& phone) const {
    return std::any_of(effects.lists.begin(), effects.lists.end(),
                       [&](const ListMove& m) { return m.phone == phone && !m.add; });
  }
  bool watches(WatchKind kind) const {
    return std::any_of(effects.watch.begin(), effects.watch.end(),
                       [&](const WatchEntry& w) { return w.kind == kind && w.number == kNumber; });
  }
};

class Decisions : public ::testing::Test {
 protected:
  static TicketRules default_rules() {
    TicketRules r;
    r.notify = {"twilio", "main"};
    return r;
  }
  static DeskSettings settings() {
    DeskSettings s;
    s.category_labels["broadband"] = {"宽带", "Broadband"};
    s.remembered_language = [](core::Language l, std::int64_t) {
      return std::string(R"({"language":")") + core::to_string(l) + "\"}";
    };
    return s;
  }

  Result act(const Actor& a, const Ticket& ticket, Command command) {
    TicketDesk desk(rules, settings());
    Result r;
    const StaffActor actor{a.phone, a.channel, a.role, a.language, a.name};
    r.result = desk.act(directory, actor, ticket, kNumber, std::move(command), kNow, r.effects, r.notices);
    return r;
  }
  Result sms(const Actor& a, const Ticket& ticket, std::string_view text) {
    auto parsed = parse_staff_command(text);
    EXPECT_TRUE(parsed) << text;
    return act(a, ticket, parsed ? parsed->command : Command{Note{}});
  }
  std::optional<WatchOutcome> watch(WatchKind kind, const Ticket& ticket, std::int64_t now = kNow) {
    TicketDesk desk(rules, settings());
    return desk.sla_event(directory, kNumber, kind, ticket, now);
  }
  Result customer_writes(const Ticket& ticket, std::string text, std::int64_t at = kNow) {
    TicketDesk desk(rules, settings());
    Result r;
    const core::InboundMessage m{"twilio", "main", "SM9", kCustomer, "+8610086000", std::move(text), "", at, ""};
    r.result.done = desk.customer_message(&directory, m, ticket, r.effects, r.notices);
    return r;
  }
  Result handoff(const Actor& a, const Ticket& ticket, HandoffAction action, std::string text = "") {
    TicketDesk desk(rules, settings());
    Result r;
    const StaffActor actor{a.phone, a.channel, a.role, a.language, a.name};
    r.result = desk.handoff_act(directory, actor, ticket, kNumber, action, text, kNow, r.effects, r.notices);
    return r;
  }

  TicketRules rules = default_rules();
  Directory directory = gateway::load_directory(std::filesystem::path(OMBUD_SOURCE_DIR) / "config/departments.yaml");
};

// --- signing for ----------------------------------------------------------------------------

TEST_F(Decisions, SignForADispatchedTicketTakesItAndTellsTheCustomerOnce) {
  auto r = act(kResponsible, TicketBuilder().state(WorkState::dispatched).set("responsible", ""), SignFor{});
  ASSERT_TRUE(r.done()) << r.result.text;
  EXPECT_EQ(r.state(), "signed_for");
  EXPECT_EQ(r.written()["responsible"], kLi);
  EXPECT_TRUE(r.says("已签收")) << r.result.text;
  EXPECT_TRUE(r.says("回复")) << "by SMS, how to answer by SMS";
  EXPECT_NE(r.told(kCustomer).find("网络维护部签收"), std::string::npos) << r.told(kCustomer);
}

TEST_F(Decisions, AnActionWritesOnlyWhatItChanged) {
  auto r = act(kResponsible, TicketBuilder().state(WorkState::dispatched).set("responsible", ""), SignFor{});
  ASSERT_TRUE(r.done());
  std::set<std::string> written;
  for (const auto& [k, v] : r.effects.tickets.at(0).fields) written.insert(k);
  EXPECT_EQ(written, (std::set<std::string>{"state", "responsible", "timeline+", "updated_ms"}));
}

TEST_F(Decisions, SignForByTheConsoleSaysNothingAboutSms) {
  auto r = act(kDesk, TicketBuilder().state(WorkState::dispatched), SignFor{});
  ASSERT_TRUE(r.done());
  EXPECT_FALSE(r.says("“")) << r.result.text;
}

TEST_F(Decisions, SignForWithoutTellingTheCustomerWhenTheDeskSaysSo) {
  rules.notify_signed_for = false;
  auto r = act(kResponsible, TicketBuilder().state(WorkState::dispatched), SignFor{});
  ASSERT_TRUE(r.done());
  EXPECT_TRUE(r.told(kCustomer).empty());
}

TEST_F(Decisions, SignForIsRefusedInEveryOtherState) {
  for (auto s : {WorkState::registered, WorkState::signed_for, WorkState::replied, WorkState::audited,
                 WorkState::result_sent, WorkState::closed}) {
    auto r = act(kResponsible, TicketBuilder().state(s), SignFor{});
    EXPECT_FALSE(r.done()) << to_string(s);
    EXPECT_TRUE(r.says("未执行")) << r.result.text;
    EXPECT_TRUE(r.effects.tickets.empty()) << to_string(s);
  }
}

// --- replying -------------------------------------------------------------------------------

TEST_F(Decisions, TheHoldersReplyReachesTheCustomerAtOnceWithoutAudit) {
  auto r = sms(kResponsible, TicketBuilder(), "T2611300001 回复 已更换光猫，网络已恢复。");
  ASSERT_TRUE(r.done()) << r.result.text;
  EXPECT_EQ(r.state(), "result_sent");
  EXPECT_NE(r.told(kCustomer).find("已更换光猫，网络已恢复"), std::string::npos) << r.told(kCustomer);
  EXPECT_TRUE(r.released(kLi));
}

TEST_F(Decisions, WithAuditTheReplyWaitsForTheDesk) {
  rules.audit_required = true;
  auto r = act(kResponsible, TicketBuilder(), Reply{"已修复"});
  ASSERT_TRUE(r.done());
  EXPECT_EQ(r.state(), "replied");
  EXPECT_TRUE(r.told(kCustomer).empty());
  EXPECT_TRUE(r.says("审核"));
}

TEST_F(Decisions, AReplyBeforeSigningForSaysToSignForFirst) {
  auto r = act(kResponsible, TicketBuilder().state(WorkState::dispatched), Reply{"已修复"});
  EXPECT_FALSE(r.done());
  EXPECT_TRUE(r.says("请先回复")) << r.result.text;
}

TEST_F(Decisions, AReplyWithoutAResultAsksForIt) {
  auto r = sms(kResponsible, TicketBuilder(), "回复");
  EXPECT_FALSE(r.done());
  EXPECT_TRUE(r.says("请写明处理结果")) << r.result.text;
}

TEST_F(Decisions, OnlyTheHolderOrTheHeadReplies) {
  auto backup = act(kBackup, TicketBuilder(), Reply{"已修复"});
  EXPECT_FALSE(backup.done());
  EXPECT_TRUE(backup.says("李工")) << backup.result.text;  // who holds it, by name
  EXPECT_TRUE(act(kHead, TicketBuilder(), Reply{"已修复"}).done());
  rules.reply_by = ReplyBy::holder;
  EXPECT_FALSE(act(kHead, TicketBuilder(), Reply{"已修复"}).done());
  rules.reply_by = ReplyBy::department;
  EXPECT_TRUE(act(kBackup, TicketBuilder(), Reply{"已修复"}).done());
}

TEST_F(Decisions, AReplyToAnAnsweredTicketIsRefused) {
  EXPECT_FALSE(act(kResponsible, TicketBuilder().state(WorkState::result_sent), Reply{"x"}).done());
  EXPECT_FALSE(act(kResponsible, TicketBuilder().state(WorkState::closed), Reply{"x"}).done());
}

// --- transferring ---------------------------------------------------------------------------

TEST_F(Decisions, ATransferGoesToTheNamedDepartmentWhoseResponsiblePersonIsTold) {
  auto r = sms(kResponsible, TicketBuilder(), "转计费结算部 属于计费问题");
  ASSERT_TRUE(r.done()) << r.result.text;
  EXPECT_EQ(r.state(), "dispatched");
  EXPECT_EQ(r.written()["department"], "billing");
  EXPECT_EQ(r.written()["department_name"], "计费结算部");
  EXPECT_TRUE(r.holds(kZhou));
  EXPECT_TRUE(r.released(kLi));
  EXPECT_NE(r.told(kZhou).find("属于计费问题"), std::string::npos) << r.told(kZhou);
  EXPECT_NE(r.told(kCustomer).find("计费结算部"), std::string::npos);
}

TEST_F(Decisions, ATransferByEnglishNameOrIdWorksToo) {
  EXPECT_TRUE(act(kResponsible, TicketBuilder(), Transfer{"Billing", "", "a billing matter"}).done());
  EXPECT_TRUE(act(kResponsible, TicketBuilder(), Transfer{"billing", "", "a billing matter"}).done());
}

TEST_F(Decisions, ATransferToAnUnknownDepartmentListsTheOthers) {
  auto r = act(kResponsible, TicketBuilder(), Transfer{"财务部", "", "原因"});
  EXPECT_FALSE(r.done());
  EXPECT_TRUE(r.says("计费结算部")) << r.result.text;
  EXPECT_FALSE(r.says("网络维护部")) << "not its own";
}

TEST_F(Decisions, ATransferToItsOwnDepartmentOrWithoutAReasonIsRefused) {
  EXPECT_TRUE(act(kResponsible, TicketBuilder(), Transfer{"网络维护部", "", "原因"}).says("已在"));
  EXPECT_TRUE(act(kResponsible, TicketBuilder(), Transfer{"billing", "", ""}).says("请写明原因"));
}

TEST_F(Decisions, ATransferAfterTheAnswerIsRefused) {
  EXPECT_FALSE(act(kResponsible, TicketBuilder().state(WorkState::result_sent), Transfer{"billing", "", "r"}).done());
}

TEST_F(Decisions, ATransferRestartsTheClockWhenTheDeskSaysSo) {
  auto kept = act(kResponsible, TicketBuilder(), Transfer{"billing", "", "r"});
  EXPECT_EQ(kept.written().count("due_ms"), 0u);
  rules.transfer_restarts_clock = true;
  auto restarted = act(kResponsible, TicketBuilder(), Transfer{"billing", "", "r"});
  EXPECT_GT(std::stoll(restarted.written()["due_ms"]), kNow);
  EXPECT_TRUE(restarted.watches(WatchKind::sign_due));
  EXPECT_TRUE(restarted.watches(WatchKind::reply_due));
}

// --- extending ------------------------------------------------------------------------------

TEST_F(Decisions, AnExtensionMovesTheDueDateAndTellsTheCustomerWhy) {
  auto r = sms(kResponsible, TicketBuilder(), "延期 三天 等待配件");
  ASSERT_TRUE(r.done()) << r.result.text;
  EXPECT_GT(std::stoll(r.written()["due_ms"]), kNow + kDay);
  EXPECT_TRUE(r.watches(WatchKind::reply_due));
  EXPECT_NE(r.told(kCustomer).find("等待配件"), std::string::npos) << r.told(kCustomer);
}

TEST_F(Decisions, AnExtensionNeedsOneToThirtyDays) {
  EXPECT_TRUE(sms(kResponsible, TicketBuilder(), "延期 过几天").says("延期天数"));
  EXPECT_FALSE(act(kResponsible, TicketBuilder(), Extend{31, "r"}).done());
  EXPECT_TRUE(act(kResponsible, TicketBuilder(), Extend{30, "r"}).done());
}

TEST_F(Decisions, AnExtensionAfterTheAnswerIsRefused) {
  EXPECT_FALSE(act(kResponsible, TicketBuilder().state(WorkState::result_sent), Extend{2, "r"}).done());
}

TEST_F(Decisions, WithTheHeadRuleAnExtensionIsARequestTheHeadIsToldOf) {
  rules.extension_needs_head = true;
  auto r = act(kResponsible, TicketBuilder(), Extend{3, "等配件"});
  ASSERT_TRUE(r.done());
  EXPECT_TRUE(r.says("待部门负责人批准"));
  EXPECT_EQ(r.written()["requested_extension_days"], "3");
  EXPECT_EQ(r.written().count("due_ms"), 0u);
  EXPECT_TRUE(r.holds(kSun)) << "the head can answer without the number";
  EXPECT_NE(r.told(kSun).find("等配件"), std::string::npos);
  EXPECT_TRUE(r.told(kCustomer).empty());
}

TEST_F(Decisions, TheHeadApprovesAWaitingExtension) {
  rules.extension_needs_head = true;
  auto waiting = TicketBuilder().set("requested_extension_days", "3").set("requested_extension_reason", "等配件");
  auto r = sms(kHead, waiting, "批准");
  ASSERT_TRUE(r.done()) << r.result.text;
  EXPECT_GT(std::stoll(r.written()["due_ms"]), kNow + kDay);
  EXPECT_NE(r.told(kLi).find("T2611300001"), std::string::npos) << "the holder hears it";
  EXPECT_NE(r.told(kCustomer).find("等配件"), std::string::npos);
  EXPECT_TRUE(r.released(kSun));
}

TEST_F(Decisions, TheHeadRejectsAWaitingExtension) {
  auto waiting = TicketBuilder().set("requested_extension_days", "3");
  auto r = sms(kHead, waiting, "驳回 先排查线路");
  ASSERT_TRUE(r.done());
  EXPECT_TRUE(r.says("驳回延期"));
  EXPECT_NE(r.told(kLi).find("先排查线路"), std::string::npos);
  EXPECT_EQ(r.written()["requested_extension_days"], "0");
}

TEST_F(Decisions, OnlyTheHeadDecidesAndOnlyWhatWaits) {
  auto waiting = TicketBuilder().set("requested_extension_days", "3");
  EXPECT_TRUE(act(kBackup, waiting, Approve{}).says("只有部门负责人"));
  EXPECT_TRUE(act(kBackup, waiting, Reject{"r"}).says("只有部门负责人"));
  EXPECT_TRUE(act(kHead, TicketBuilder(), Approve{}).says("没有待批准"));
  rules.extension_needs_head = true;
  EXPECT_TRUE(act(kResponsible, waiting, Extend{2, "r"}).says("已有申请"));
}

// --- a change of handler --------------------------------------------------------------------

TEST_F(Decisions, StaffAskTheHeadForAChangeOfHandler) {
  auto r = sms(kResponsible, TicketBuilder(), "改派 赵工 明天起休假");
  ASSERT_TRUE(r.done()) << r.result.text;
  EXPECT_EQ(r.written()["requested_responsible"], kZhao);
  EXPECT_NE(r.told(kSun).find("明天起休假"), std::string::npos) << r.told(kSun);
  EXPECT_TRUE(r.told(kZhao).empty()) << "not before the head approves";
}

TEST_F(Decisions, TheHeadChangesTheHandlerDirectly) {
  auto r = act(kHead, TicketBuilder(), Assign{"Tom Li", "休假"});
  ASSERT_TRUE(r.done()) << r.result.text;
  EXPECT_EQ(r.written()["responsible"], kTom);
  EXPECT_EQ(r.state(), "dispatched") << "they sign for it anew";
  EXPECT_TRUE(r.holds(kTom));
  EXPECT_TRUE(r.released(kLi));
  EXPECT_NE(r.told(kTom).find("[Assigned]"), std::string::npos) << "in their language: " << r.told(kTom);
  EXPECT_FALSE(r.told(kLi).empty()) << "who had it is told";
}

TEST_F(Decisions, TheHeadApprovesOrRejectsAWaitingChangeOfHandler) {
  auto waiting = TicketBuilder().set("requested_responsible", kZhao);
  auto approved = act(kHead, waiting, Approve{});
  ASSERT_TRUE(approved.done());
  EXPECT_EQ(approved.written()["responsible"], kZhao);
  EXPECT_TRUE(approved.holds(kZhao));
  auto rejected = act(kHead, waiting, Reject{"人手不足"});
  ASSERT_TRUE(rejected.done());
  EXPECT_TRUE(rejected.says("驳回改派"));
  EXPECT_NE(rejected.told(kLi).find("人手不足"), std::string::npos);
}

TEST_F(Decisions, AChangeToSomeoneUnknownOrTheSamePersonIsRefused) {
  auto unknown = act(kHead, TicketBuilder(), Assign{"王五", ""});
  EXPECT_FALSE(unknown.done());
  EXPECT_TRUE(unknown.says("赵工")) << "the names there are: " << unknown.result.text;
  EXPECT_TRUE(act(kHead, TicketBuilder(), Assign{"李工", ""}).says("已由此人处理"));
}

// --- notes, appointments, follow-ups --------------------------------------------------------

TEST_F(Decisions, ANoteGoesOnTheTimelineOnly) {
  auto r = sms(kResponsible, TicketBuilder(), "跟进 已预约周三上门");
  ASSERT_TRUE(r.done());
  EXPECT_NE(r.written()["timeline+"].find("已预约周三上门"), std::string::npos) << r.written()["timeline+"];
  EXPECT_TRUE(r.notices.empty());
}

TEST_F(Decisions, ANoteOnAClosedTicketIsRefused) {
  EXPECT_TRUE(act(kResponsible, TicketBuilder().state(WorkState::closed), Note{"x"}).says("已结案"));
}

TEST_F(Decisions, AnAppointmentIsToldToTheCustomer) {
  auto r = sms(kResponsible, TicketBuilder(), "预约 周三下午3点上门");
  ASSERT_TRUE(r.done());
  EXPECT_NE(r.told(kCustomer).find("周三下午3点上门"), std::string::npos);
  EXPECT_NE(r.told(kCustomer).find("网络维护部"), std::string::npos);
}

TEST_F(Decisions, AnAppointmentNeedsItsTimeAndAnOpenTicket) {
  EXPECT_FALSE(act(kResponsible, TicketBuilder(), Appoint{""}).done());
  EXPECT_FALSE(act(kResponsible, TicketBuilder().state(WorkState::result_sent), Appoint{"明天"}).done());
}

TEST_F(Decisions, AnEnglishCustomerHearsOfTheAppointmentInEnglish) {
  auto r = act(kResponsible, TicketBuilder().english(), Appoint{"Wednesday 3 pm"});
  EXPECT_NE(r.told(kCustomer).find("Network Maintenance has arranged"), std::string::npos) << r.told(kCustomer);
}

TEST_F(Decisions, AFollowUpCallIsRecordedWithItsOutcome) {
  auto r = act(kDesk, TicketBuilder().state(WorkState::result_sent), FollowUp{"solved_in_days", 2, "已恢复"});
  ASSERT_TRUE(r.done());
  EXPECT_EQ(r.written()["follow_up_outcome"], "solved_in_days");
  EXPECT_EQ(r.written()["follow_up_days"], "2");
  EXPECT_FALSE(act(kDesk, TicketBuilder().state(WorkState::closed), FollowUp{"dissatisfied"}).done());
}

// --- the desk: audit, close, reopen, merge --------------------------------------------------

TEST_F(Decisions, TheDeskApprovesAnAnswerAndTheCustomerHearsIt) {
  rules.audit_required = true;
  auto r = act(kDesk, TicketBuilder().state(WorkState::replied).set("reply", "已更换光猫"), Audit{true, ""});
  ASSERT_TRUE(r.done());
  EXPECT_EQ(r.state(), "result_sent");
  EXPECT_NE(r.told(kCustomer).find("已更换光猫"), std::string::npos);
}

TEST_F(Decisions, TheDeskSendsAnAnswerBackToItsHolder) {
  rules.audit_required = true;
  auto r = act(kDesk, TicketBuilder().state(WorkState::replied), Audit{false, "请写明恢复时间"});
  ASSERT_TRUE(r.done());
  EXPECT_EQ(r.state(), "signed_for");
  EXPECT_TRUE(r.holds(kLi));
  EXPECT_NE(r.told(kLi).find("请写明恢复时间"), std::string::npos);
  EXPECT_TRUE(r.told(kCustomer).empty());
}

TEST_F(Decisions, WithoutAuditThereIsNothingToAudit) {
  EXPECT_TRUE(act(kDesk, TicketBuilder().state(WorkState::replied), Audit{true, ""}).says("未开启"));
}

TEST_F(Decisions, ClosingRecordsTheRegistersClasses) {
  auto r = act(kDesk, TicketBuilder().state(WorkState::result_sent), Close{{"valid", "responsible"}});
  ASSERT_TRUE(r.done()) << r.result.text;
  EXPECT_EQ(r.state(), "closed");
  EXPECT_EQ(r.written()["close_validity"], "valid");
  EXPECT_EQ(r.written()["close_responsibility"], "responsible");
  EXPECT_EQ(r.written()["closed_by"], "agent-desk");
  EXPECT_EQ(r.written()["closed_ms"], std::to_string(kNow));
  EXPECT_TRUE(r.says("有效、责任")) << r.result.text;
  EXPECT_FALSE(act(kDesk, TicketBuilder(), Close{{"valid", "responsible"}}).done()) << "not before the answer";
}

TEST_F(Decisions, ClosingNeedsEveryRequiredClassAndAReasonForInvalid) {
  const auto sent = TicketBuilder().state(WorkState::result_sent);
  auto missing = act(kDesk, sent, Close{{"valid", ""}});
  EXPECT_FALSE(missing.done());
  EXPECT_TRUE(missing.says("请注明责任（责任/无责任/协助处理）")) << missing.result.text;
  EXPECT_TRUE(missing.effects.tickets.empty());
  auto unknown = act(kDesk, sent, Close{{"maybe", "responsible"}});
  EXPECT_TRUE(unknown.says("“maybe”不是有效性的选项")) << unknown.result.text;
  auto no_reason = act(kDesk, sent, Close{{"invalid", "not_responsible"}});
  EXPECT_FALSE(no_reason.done());
  EXPECT_TRUE(no_reason.says("无效须注明原因")) << no_reason.result.text;
  auto with_reason = act(kDesk, sent, Close{{"invalid", "not_responsible", "", "客户误解资费"}});
  ASSERT_TRUE(with_reason.done()) << with_reason.result.text;
  EXPECT_EQ(with_reason.written()["close_reason"], "客户误解资费");
  auto english = act({"agent-x", "", "Amy", core::Language::en, "console"}, sent, Close{{"valid", ""}});
  EXPECT_TRUE(english.says("give the responsibility (at fault/not at fault/assisted)")) << english.result.text;
}

TEST_F(Decisions, TheDeskClosesBySmsWithTheClassesInWords) {
  const Actor chen{kChen, "responsible", "陈主管"};  // the desk (客服中心)
  auto r = sms(chen, TicketBuilder().state(WorkState::result_sent), "T2611300001 结案 无效，无责任 客户误解资费");
  ASSERT_TRUE(r.done()) << r.result.text;
  EXPECT_EQ(r.state(), "closed");
  EXPECT_EQ(r.written()["close_validity"], "invalid");
  EXPECT_EQ(r.written()["close_responsibility"], "not_responsible");
  EXPECT_EQ(r.written()["close_reason"], "客户误解资费");
  EXPECT_EQ(r.written()["closed_by"], kChen);
  auto bare = sms(chen, TicketBuilder().state(WorkState::result_sent), "T2611300001 结案");
  EXPECT_FALSE(bare.done());
  EXPECT_TRUE(bare.says("例如：T2611300001 结案 有效 责任")) << bare.result.text;
}

TEST_F(Decisions, ADepartmentsCloseAsksTheDeskOnce) {
  const auto sent = TicketBuilder().state(WorkState::result_sent).set("reply", "已更换光猫");
  auto r = sms(kResponsible, sent, "T2611300001 结案");
  ASSERT_TRUE(r.done()) << r.result.text;
  EXPECT_FALSE(r.written().contains("state")) << "still open for the desk";
  EXPECT_EQ(r.written()["close_requested_ms"], std::to_string(kNow));
  EXPECT_EQ(r.written()["close_requested_by"], kLi);
  EXPECT_TRUE(r.says("客服中心")) << r.result.text;
  const auto desk = r.told(kChen);
  EXPECT_NE(desk.find("【结案申请】T2611300001（网络维护部）李工申请结案"), std::string::npos) << desk;
  EXPECT_NE(desk.find("已更换光猫"), std::string::npos) << desk;
  EXPECT_NE(desk.find("T2611300001 结案 有效 责任"), std::string::npos) << desk;
  auto again = sms(kResponsible, TicketBuilder(sent).set("close_requested_ms", std::to_string(kNow)), "T2611300001 结案");
  EXPECT_TRUE(again.done());
  EXPECT_TRUE(again.told(kChen).empty()) << "the desk is told once";
  EXPECT_FALSE(sms(kResponsible, TicketBuilder(), "T2611300001 结案").done()) << "not before the result";
}

TEST_F(Decisions, ADepartmentsCloseIsRefusedWhereTheDeskSaysSo) {
  rules.closing.by_department = DepartmentClose::refuse;
  auto r = sms(kResponsible, TicketBuilder().state(WorkState::result_sent), "T2611300001 结案");
  EXPECT_FALSE(r.done());
  EXPECT_TRUE(r.says("由客服中心确认客户意见后结案")) << r.result.text;
  EXPECT_TRUE(r.effects.tickets.empty());
  EXPECT_TRUE(r.told(kChen).empty());
}

TEST_F(Decisions, TheOrganisationsOwnClassesAreUsed) {
  // The property procedures' causes: 一类 (ours), 二类 (the developer's), 三类 (a third party's).
  rules.closing.classes.push_back({"cause", {"投诉类别", "cause"}, true,
                                   {{"ours", {"一类", "ours"}}, {"developer", {"二类", "developer"}},
                                    {"third_party", {"三类", "third party"}}}});
  const auto sent = TicketBuilder().state(WorkState::result_sent);
  auto missing = act(kDesk, sent, Close{{"valid", "responsible"}});
  EXPECT_TRUE(missing.says("请注明投诉类别（一类/二类/三类）")) << missing.result.text;
  auto r = sms({kChen, "responsible", "陈主管"}, sent, "T2611300001 结案 有效 协助处理 二类");
  ASSERT_TRUE(r.done()) << r.result.text;
  EXPECT_EQ(r.written()["close_cause"], "developer");
  EXPECT_EQ(r.written()["close_responsibility"], "assisting");
  EXPECT_TRUE(r.says("有效、协助处理、二类")) << r.result.text;
}

TEST_F(Decisions, AClosedTicketIsClassifiedLater) {
  const auto closed = TicketBuilder().state(WorkState::closed).set("closed_by", "survey");
  auto r = act(kDesk, closed, Classify{{"valid", "not_responsible"}});
  ASSERT_TRUE(r.done()) << r.result.text;
  EXPECT_EQ(r.written()["close_responsibility"], "not_responsible");
  EXPECT_FALSE(r.written().contains("closed_by")) << "who closed it stays";
  EXPECT_FALSE(act(kDesk, TicketBuilder(), Classify{{"valid", "responsible"}}).done()) << "only a closed one";
  EXPECT_FALSE(sms(kResponsible, closed, "T2611300001 分类 有效 责任").done()) << "the desk's";
}

TEST_F(Decisions, TheDeskReopensAClosedTicketWithinItsPeriodOnly) {
  rules.closing.reopen_days = 30;
  const auto closed = [](std::int64_t ago) {
    return TicketBuilder().state(WorkState::closed).set("closed_ms", std::to_string(kNow - ago));
  };
  auto r = act(kDesk, closed(29 * kDay), Reopen{"客户来电仍未恢复"});
  ASSERT_TRUE(r.done()) << r.result.text;
  EXPECT_EQ(r.written()["closed_ms"], "0") << "open again";
  auto late = act(kDesk, closed(31 * kDay), Reopen{"客户来电仍未恢复"});
  EXPECT_FALSE(late.done());
  EXPECT_TRUE(late.says("结案已超过30天")) << late.result.text;
  EXPECT_TRUE(late.says("重复投诉")) << late.result.text;
}

// --- acceptance: 受理 / 不予受理 ---------------------------------------------------------------

TicketBuilder held() {
  return std::move(TicketBuilder().state(WorkState::registered).set("department", "").set("responsible", "")
                       .set("due_ms", "").set("sign_due_ms", "").set("legal_flag", "法院"));
}

TEST_F(Decisions, TheDeskAcceptsAHeldComplaintAndItIsDispatched) {
  auto r = sms({kChen, "responsible", "陈主管"}, held(), "T2611300001 受理");
  ASSERT_TRUE(r.done()) << r.result.text;
  EXPECT_EQ(r.state(), "dispatched");
  EXPECT_EQ(r.written()["department"], "network");
  EXPECT_TRUE(r.says("已受理：T2611300001，已转网络维护部处理")) << r.result.text;
  EXPECT_NE(r.told(kLi).find("【投诉工单】T2611300001"), std::string::npos) << r.told(kLi);
  EXPECT_TRUE(r.watches(WatchKind::reply_due));
  EXPECT_NE(r.written()["timeline+"].find("accepted"), std::string::npos);
  EXPECT_FALSE(sms(kResponsible, held(), "T2611300001 受理").done()) << "the desk decides";
  EXPECT_FALSE(act(kDesk, TicketBuilder(), Accept{}).done()) << "an accepted one";
}

TEST_F(Decisions, TheDeskDeclinesWithAReasonAndTheCustomerIsToldWhereToGo) {
  auto r = sms({kChen, "responsible", "陈主管"}, held(), "T2611300001 不予受理 1 客户称已向法院起诉");
  ASSERT_TRUE(r.done()) << r.result.text;
  EXPECT_EQ(r.state(), "closed");
  EXPECT_EQ(r.written()["declined_reason"], "in_arbitration");
  EXPECT_EQ(r.written()["close_reason"], "客户称已向法院起诉");
  EXPECT_EQ(r.written()["closed_by"], kChen);
  const auto customer = r.told(kCustomer);
  EXPECT_NE(customer.find("不予受理，原因：已进入仲裁或诉讼程序。请按仲裁或诉讼程序办理"), std::string::npos) << customer;
  EXPECT_TRUE(r.says("已不予受理")) << r.result.text;
  // In English for an English customer; the holder of a dispatched one is told and released.
  auto en = act(kDesk, TicketBuilder().english(), Decline{"outside_remit", "", ""});
  ASSERT_TRUE(en.done()) << en.result.text;
  EXPECT_NE(en.told(kCustomer).find("cannot be accepted: it is not a matter for us"), std::string::npos)
      << en.told(kCustomer);
  EXPECT_TRUE(en.released(kLi));
  EXPECT_NE(en.told(kLi).find("不予受理"), std::string::npos) << en.told(kLi);
  auto no_reason = sms({kChen, "responsible", "陈主管"}, held(), "T2611300001 不予受理 看情况");
  EXPECT_FALSE(no_reason.done());
  EXPECT_TRUE(no_reason.says("1 已进入仲裁或诉讼程序；2 不属于本公司受理范围")) << no_reason.result.text;
  EXPECT_FALSE(act(kDesk, TicketBuilder().state(WorkState::result_sent), Decline{"outside_remit"}).done())
      << "not after the answer";
}

TEST_F(Decisions, AnUndecidedHeldComplaintIsToldToTheDutyManagersOnce) {
  auto w = watch(WatchKind::decide_due, held());
  ASSERT_TRUE(w);
  ASSERT_FALSE(w->effects.outbound.empty());
  EXPECT_EQ(w->effects.outbound[0].to, kDuty);
  EXPECT_NE(w->effects.outbound[0].text.find("【待决定超时】T2611300001"), std::string::npos);
  EXPECT_EQ(w->due_ms, "decide");
  auto decided = watch(WatchKind::decide_due, TicketBuilder());
  ASSERT_TRUE(decided);
  EXPECT_TRUE(decided->effects.outbound.empty());
}

// --- questions and suggestions someone answers ------------------------------------------------

TEST_F(Decisions, AQuestionsAnswerReachesTheCustomerAsAnAnswerAtOnce) {
  rules.audit_required = true;  // (the desk audits complaints' results, not answers to questions)
  auto r = act(kResponsible, TicketBuilder().set("type", "consultation").set("slots", R"({"question":"千兆宽带怎么办理"})"),
               Reply{"可在营业厅或APP办理，月费199元"});
  ASSERT_TRUE(r.done()) << r.result.text;
  EXPECT_EQ(r.state(), "result_sent");
  const auto told = r.told(kCustomer);
  EXPECT_NE(told.find("关于您的咨询T2611300001，答复如下：可在营业厅或APP办理，月费199元。"), std::string::npos) << told;
  EXPECT_EQ(told.find("投诉"), std::string::npos) << told;
  EXPECT_FALSE(r.written().contains("survey_state")) << "no complaint survey";
  EXPECT_FALSE(r.written().contains("revisit_state")) << "no revisit";
}

TEST_F(Decisions, TheHeadAdoptsASuggestionOrSaysWhyNot) {
  const auto suggestion = TicketBuilder().set("type", "suggestion").set("responsible", kSun)
                              .set("slots", R"({"suggestion":"希望营业厅周末延长营业时间"})");
  auto adopted = sms(kHead, suggestion, "T2611300001 采纳 下月起周末营业至20:00");
  ASSERT_TRUE(adopted.done()) << adopted.result.text;
  EXPECT_EQ(adopted.state(), "closed");
  EXPECT_EQ(adopted.written()["suggestion_adopted"], "yes");
  EXPECT_NE(adopted.told(kCustomer).find("您的建议已被采纳。下月起周末营业至20:00"), std::string::npos)
      << adopted.told(kCustomer);
  EXPECT_TRUE(adopted.says("已采纳")) << adopted.result.text;
  auto bare = parse_staff_command("T2611300001 不采纳");
  EXPECT_FALSE(bare) << "not adopting needs a reason";
  auto not_adopted = sms(kHead, suggestion, "T2611300001 不采纳 人手不足，暂无法延长");
  ASSERT_TRUE(not_adopted.done()) << not_adopted.result.text;
  EXPECT_EQ(not_adopted.written()["suggestion_adopted"], "no");
  EXPECT_NE(not_adopted.told(kCustomer).find("暂不采纳，原因：人手不足，暂无法延长"), std::string::npos)
      << not_adopted.told(kCustomer);
  auto english = sms(kHead, suggestion, "T2611300001 not adopt no staff at weekends");
  EXPECT_EQ(english.written()["suggestion_adopted"], "no");
}

// --- cooperating departments (协办) ---------------------------------------------------------------

TEST_F(Decisions, ACooperatingDepartmentSignsForAndReportsItsPartAndTheLeadIsTold) {
  TicketDesk desk(rules, settings());
  auto staff_sms = [&](const Ticket& t, const std::string& from, const std::string& text) {
    Result r;
    const core::InboundMessage m{"twilio", "main", "SM7", from, "+8610086000", text, "", kNow, ""};
    desk.staff_message(directory, m, t, {}, r.effects, r.notices);
    return r;
  };
  const Ticket led = TicketBuilder().set("cooperating", "desk").set("parts_pending", "1");
  auto signed_for = staff_sms(led, kChen, "T2611300001 签收");
  EXPECT_NE(signed_for.told(kChen).find("已签收协办：T2611300001"), std::string::npos) << signed_for.told(kChen);
  EXPECT_NE(signed_for.written()["parts"].find(R"("state":"signed_for")"), std::string::npos)
      << signed_for.written()["parts"];
  EXPECT_FALSE(signed_for.written().contains("state")) << "the lead's work order is the lead's";
  auto reported = staff_sms(led, kChen, "T2611300001 回复 已核对账户，宽带费已按月扣除，无重复扣费");
  EXPECT_NE(reported.told(kChen).find("已报告协办结果"), std::string::npos) << reported.told(kChen);
  EXPECT_NE(reported.told(kLi).find("【协办回复】T2611300001：客户服务中心陈主管：「已核对账户，宽带费已按月扣除，无重复扣费」"),
            std::string::npos)
      << reported.told(kLi);
  EXPECT_EQ(reported.written()["parts_pending"], "0");
  EXPECT_TRUE(reported.told(kCustomer).empty()) << "the lead answers the customer";
  auto other = staff_sms(led, kChen, "T2611300001 延期 3天 等配件");
  EXPECT_NE(other.told(kChen).find("牵头部门网络维护部"), std::string::npos) << other.told(kChen);
  EXPECT_TRUE(other.effects.tickets.empty());
  auto stranger = staff_sms(led, kZhou, "T2611300001 签收");  // 计费结算部 neither leads nor assists
  EXPECT_NE(stranger.told(kZhou).find("不属于"), std::string::npos) << stranger.told(kZhou);
}

TEST_F(Decisions, ReopeningGivesItBackToItsHolderWithANewLimit) {
  auto r = act(kDesk, TicketBuilder().state(WorkState::result_sent), Reopen{"客户反映仍未恢复"});
  ASSERT_TRUE(r.done());
  EXPECT_EQ(r.state(), "signed_for");
  EXPECT_GT(std::stoll(r.written()["due_ms"]), kNow);
  EXPECT_TRUE(r.watches(WatchKind::reply_due));
  EXPECT_TRUE(r.holds(kLi));
  EXPECT_NE(r.told(kLi).find("客户反映仍未恢复"), std::string::npos);
  EXPECT_FALSE(act(kDesk, TicketBuilder(), Reopen{"r"}).done()) << "an open ticket";
}

TEST_F(Decisions, AMergedDuplicateIsClosedAndItsCustomerPointedToTheOriginal) {
  auto r = act(kDesk, TicketBuilder(), Merge{"T2611290007"});
  ASSERT_TRUE(r.done());
  EXPECT_EQ(r.state(), "closed");
  EXPECT_EQ(r.written()["merged_into"], "T2611290007");
  EXPECT_NE(r.told(kCustomer).find("T2611290007"), std::string::npos);
  EXPECT_TRUE(r.released(kLi));
  EXPECT_FALSE(act(kDesk, TicketBuilder(), Merge{kNumber}).done()) << "not into itself";
  EXPECT_FALSE(act(kDesk, TicketBuilder().state(WorkState::closed), Merge{"T2611290007"}).done());
}

// --- languages and commands as written ------------------------------------------------------

TEST_F(Decisions, AnEnglishSpeakingMemberOfStaffIsAnsweredInEnglish) {
  auto r = act(kEnglishBackup, TicketBuilder().state(WorkState::closed), Note{"x"});
  EXPECT_TRUE(r.says("Not done")) << r.result.text;
  auto wrong = act(kEnglishBackup, TicketBuilder().state(WorkState::result_sent), SignFor{});
  EXPECT_TRUE(wrong.says("cannot be signed for now")) << wrong.result.text;
}

TEST_F(Decisions, AnEnglishCustomerHearsTheSignForInEnglish) {
  auto r = act(kResponsible, TicketBuilder().state(WorkState::dispatched).english(), SignFor{});
  EXPECT_NE(r.told(kCustomer).find("taken up by Network Maintenance"), std::string::npos) << r.told(kCustomer);
}

TEST_F(Decisions, EveryStaffCommandInTheTableIsDecidedWithoutThrowingInEveryState) {
  for (const auto& row : command_table()) {
    if (!row.staff()) continue;
    for (auto s : {WorkState::registered, WorkState::dispatched, WorkState::signed_for, WorkState::replied,
                   WorkState::audited, WorkState::result_sent, WorkState::closed}) {
      Args args;
      for (const auto& a : row.args)
        if (a.kind == ArgKind::text)
          args[std::string(a.name)] = a.choices.empty() ? std::string("billing") : std::string(a.choices.front());
        else if (a.kind == ArgKind::integer)
          args[std::string(a.name)] = std::int64_t{2};
        else
          args[std::string(a.name)] = true;
      auto made = row.make(args);
      ASSERT_TRUE(std::holds_alternative<Command>(made)) << row.name;
      auto r = act(kHead, TicketBuilder().state(s), std::get<Command>(made));
      EXPECT_FALSE(r.result.text.empty()) << row.name << " " << to_string(s);
      EXPECT_EQ(r.result.text.find('{'), std::string::npos) << "no placeholder left: " << r.result.text;
      if (!r.done()) EXPECT_TRUE(r.effects.tickets.empty() && r.notices.empty()) << row.name;
    }
  }
}

// --- the SLA watch --------------------------------------------------------------------------

TEST_F(Decisions, ASignForWarningRemindsTheResponsiblePerson) {
  auto w = watch(WatchKind::sign_warn, TicketBuilder().state(WorkState::dispatched));
  ASSERT_TRUE(w);
  ASSERT_EQ(w->effects.outbound.size(), 1u);
  EXPECT_EQ(w->effects.outbound[0].to, kLi);
  EXPECT_FALSE(w->delay);
  EXPECT_TRUE(w->effects.tickets.empty());
}

TEST_F(Decisions, NoWarningOnceSignedFor) {
  auto w = watch(WatchKind::sign_warn, TicketBuilder());
  ASSERT_TRUE(w);
  EXPECT_TRUE(w->effects.outbound.empty());
}

TEST_F(Decisions, AMissedReplyLimitEscalatesAndTellsTheHeadAndDutyManagers) {
  auto w = watch(WatchKind::reply_due, TicketBuilder().set("due_ms", std::to_string(kNow - 1000)));
  ASSERT_TRUE(w);
  ASSERT_TRUE(w->delay);
  EXPECT_EQ(w->delay->kind, "reply");
  EXPECT_EQ(w->unchanged_version, "4");
  std::set<std::string> told;
  for (const auto& m : w->effects.outbound) told.insert(m.to);
  EXPECT_TRUE(told.contains(kSun));
  EXPECT_TRUE(told.contains(kDuty));
  ASSERT_FALSE(w->effects.tickets.empty());
  bool overdue = false;
  for (const auto& [k, v] : w->effects.tickets[0].fields) overdue = overdue || (k == "reply_overdue" && v == "1");
  EXPECT_TRUE(overdue);
}

TEST_F(Decisions, AReplyLimitMetOrMovedCausesNothing) {
  auto answered = watch(WatchKind::reply_due, TicketBuilder().state(WorkState::result_sent).set("due_ms", std::to_string(kNow - 1000)));
  ASSERT_TRUE(answered);
  EXPECT_TRUE(answered->effects.outbound.empty());
  EXPECT_FALSE(answered->delay);
  EXPECT_FALSE(watch(WatchKind::reply_due, TicketBuilder()).has_value()) << "extended: not due after all";
}

TEST_F(Decisions, AMergedTicketIsNotEscalated) {
  auto w = watch(WatchKind::reply_due, TicketBuilder().set("merged_into", "T2611290007").set("due_ms", std::to_string(kNow - 1000)));
  ASSERT_TRUE(w);
  EXPECT_FALSE(w->delay);
}

TEST_F(Decisions, AMonthUnresolvedRaisesItToLevelOneAndAlertsOnce) {
  auto old = TicketBuilder().set("created_ms", std::to_string(kNow - 32 * kDay));
  auto w = watch(WatchKind::regrade_month, old);
  ASSERT_TRUE(w);
  ASSERT_FALSE(w->effects.tickets.empty());
  std::map<std::string, std::string> f(w->effects.tickets[0].fields.begin(), w->effects.tickets[0].fields.end());
  EXPECT_EQ(f["level"], "1");
  EXPECT_FALSE(f["major_alerted_ms"].empty());
  EXPECT_FALSE(w->effects.outbound.empty());
  auto again = watch(WatchKind::regrade_month, TicketBuilder(old).set("level", "1").set("major_alerted_ms", "1"));
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->effects.outbound.empty()) << "once per ticket";
}

TEST_F(Decisions, AClosedTicketIsNotRegraded) {
  auto w = watch(WatchKind::regrade_half, TicketBuilder().state(WorkState::closed).set("created_ms", std::to_string(kNow - 20 * kDay)));
  ASSERT_TRUE(w);
  EXPECT_TRUE(w->effects.tickets.empty());
}

// --- what customers write later -------------------------------------------------------------

TEST_F(Decisions, ACustomersMessageReachesTheHolderAndTheTimeline) {
  auto r = customer_writes(TicketBuilder(), "师傅什么时候来？");
  ASSERT_TRUE(r.done());
  EXPECT_NE(r.told(kLi).find("师傅什么时候来"), std::string::npos);
  EXPECT_NE(r.told(kCustomer).find("已转达"), std::string::npos) << r.told(kCustomer);
  EXPECT_NE(r.written()["timeline+"].find("师傅什么时候来"), std::string::npos);
}

TEST_F(Decisions, StillNotFixedAfterTheAnswerReopensTheSameTicket) {
  auto r = customer_writes(TicketBuilder().state(WorkState::result_sent).set("updated_ms", std::to_string(kNow - 3600000)),
                           "还是没网，问题依旧");
  ASSERT_TRUE(r.done());
  EXPECT_EQ(r.state(), "signed_for");
  EXPECT_TRUE(r.watches(WatchKind::reply_due));
  EXPECT_NE(r.told(kLi).find("还是没网"), std::string::npos);
  EXPECT_NE(r.told(kCustomer).find("重新转交"), std::string::npos);
}

TEST_F(Decisions, ThanksAfterTheAnswerAreAnsweredPolitelyAndNotedForTheDesk) {
  auto r = customer_writes(TicketBuilder().state(WorkState::result_sent), "好的，谢谢");
  ASSERT_TRUE(r.done());
  EXPECT_FALSE(r.written().contains("state")) << "the desk closes it";
  EXPECT_NE(r.written()["timeline+"].find("customer_thanked"), std::string::npos);
  EXPECT_NE(r.told(kCustomer).find("不客气"), std::string::npos);
}

TEST_F(Decisions, AThreatInALaterMessageRaisesTheLevelAndAlertsTheDutyManager) {
  auto r = customer_writes(TicketBuilder(), "再不修好我就向媒体曝光");
  ASSERT_TRUE(r.done());
  EXPECT_EQ(r.written()["level"], "1");
  EXPECT_FALSE(r.told(kDuty).empty());
}

TEST_F(Decisions, AMessageToATicketNotWithADepartmentIsLeftToTheDialog) {
  EXPECT_FALSE(customer_writes(TicketBuilder().state(WorkState::closed), "你好").done());
  EXPECT_FALSE(customer_writes(TicketBuilder().state(WorkState::registered), "你好").done());
}

// --- a conversation with a person -----------------------------------------------------------

TEST_F(Decisions, ClaimingAConversationTakesItOffTheQueueAndTheOthersLists) {
  const Actor chen{"+8613700000010", "responsible", "陈主管"};
  auto r = handoff(chen, TicketBuilder().handoff(HandoffState::waiting), HandoffAction::claim);
  ASSERT_TRUE(r.done()) << r.result.text;
  EXPECT_EQ(r.state(), "answering");
  EXPECT_EQ(r.written()["responsible"], chen.phone);
  ASSERT_FALSE(r.effects.queue.empty());
  EXPECT_FALSE(r.effects.queue[0].add);
}

TEST_F(Decisions, AConversationSomeoneElseAnswersIsRefused) {
  auto r = handoff(kResponsible, TicketBuilder().handoff(HandoffState::answering), HandoffAction::write, "您好");
  EXPECT_FALSE(r.done());
  EXPECT_TRUE(r.says("其他客服")) << r.result.text;
}

TEST_F(Decisions, WritingInAConversationReachesTheCustomerAsThatPerson) {
  const Actor chen{"+8613700000010", "responsible", "陈主管"};
  auto r = handoff(chen, TicketBuilder().handoff(HandoffState::answering), HandoffAction::write, "请问是哪个小区？");
  ASSERT_TRUE(r.done());
  EXPECT_NE(r.told(kCustomer).find("请问是哪个小区"), std::string::npos);
  EXPECT_NE(r.told(kCustomer).find("陈主管"), std::string::npos);
}

TEST_F(Decisions, ClosingAConversationHandsTheCustomerBackRememberingTheirLanguage) {
  const Actor chen{"+8613700000010", "responsible", "陈主管"};
  auto r = handoff(chen, TicketBuilder().handoff(HandoffState::answering).english(), HandoffAction::close);
  ASSERT_TRUE(r.done());
  EXPECT_EQ(r.state(), "closed");
  ASSERT_EQ(r.effects.remember.size(), 1u);
  EXPECT_EQ(r.effects.remember[0].customer_key, "twilio:main:" + kCustomer);
  EXPECT_NE(r.effects.remember[0].session.find("en"), std::string::npos);
  EXPECT_FALSE(r.told(kCustomer).empty());
  EXPECT_FALSE(handoff(chen, TicketBuilder().handoff(HandoffState::closed), HandoffAction::close).done());
}

// --- what a decision writes -----------------------------------------------------------------

TEST_F(Decisions, PastTheWindowsLimitACustomersMessageIsKeptButNotSentAgain) {
  const auto limit = rules.customer_notes_per_window;
  auto r = customer_writes(TicketBuilder()
                               .set("notes_window_ms", std::to_string(kNow - 1000))
                               .set("notes_in_window", std::to_string(limit)),
                           "还没修好吗？" + std::string(300, '!'));
  ASSERT_TRUE(r.done());
  EXPECT_TRUE(r.told(kLi).empty()) << "the holder is not sent it again";
  EXPECT_EQ(r.written()["notes_in_window"], std::to_string(limit + 1));
  EXPECT_LT(r.written()["timeline+"].size(), 400u) << "kept, cut to its first 200 bytes";
  // A new window: passed on again, counted from one.
  auto later = customer_writes(TicketBuilder()
                                   .set("notes_window_ms", std::to_string(kNow - rules.customer_notes_window_ms))
                                   .set("notes_in_window", std::to_string(limit)),
                               "还没修好吗？");
  EXPECT_FALSE(later.told(kLi).empty());
  EXPECT_EQ(later.written()["notes_in_window"], "1");
}

TEST_F(Decisions, ARegradeThatChangesNothingWritesNothing) {
  auto outcome = watch(WatchKind::regrade_half, TicketBuilder()
                                                    .set("level", "1")
                                                    .set("major_alerted_ms", std::to_string(kNow - kDay)));
  ASSERT_TRUE(outcome);
  EXPECT_TRUE(outcome->effects.tickets.empty());
  EXPECT_TRUE(outcome->effects.outbound.empty()) << "the duty managers were told already";
}

TEST_F(Decisions, FieldsThisVersionDoesNotKnowSurviveADecision) {
  auto r = act(kResponsible, TicketBuilder().state(WorkState::dispatched).set("survey_score", "5"), SignFor{});
  ASSERT_TRUE(r.done());
  EXPECT_FALSE(r.written().contains("survey_score")) << "neither rewritten nor cleared";
}

TEST_F(Decisions, AConversationTurnedIntoAComplaintLeavesItsConversationState) {
  const Actor chen{"+8613700000010", "responsible", "陈主管"};
  TicketDesk desk(rules, settings());
  Effects effects;
  std::vector<Notice> notices;
  const StaffActor actor{chen.phone, "console", chen.role, chen.language, chen.name};
  const Ticket conversation = TicketBuilder().handoff(HandoffState::answering);
  auto result = desk.register_handoff(directory, actor, conversation, kNumber, "broadband",
                                      "家里宽带断了三天", kNow, effects, notices);
  ASSERT_TRUE(result.done) << result.text;
  std::map<std::string, std::string> written;
  for (const auto& [k, v] : effects.tickets.at(0).fields) written[k] = v;
  EXPECT_EQ(written["type"], "complaint");
  EXPECT_EQ(written["state"], "dispatched");
  EXPECT_EQ(written["department"], "network");
  EXPECT_FALSE(written["fingerprint"].empty()) << "analysed like a complaint";
  EXPECT_FALSE(written["due_ms"].empty());
}

// --- the satisfaction survey after the result -----------------------------------------------

TicketBuilder answered() {
  return std::move(TicketBuilder().state(WorkState::result_sent).set("reply", "已更换光猫")
                       .set("updated_ms", std::to_string(kNow - 3600000)));
}

TEST_F(Decisions, TheResultSchedulesTheSurveyInsideBusinessHours) {
  auto r = act(kResponsible, TicketBuilder(), Reply{"已更换光猫"});
  ASSERT_TRUE(r.done()) << r.result.text;
  EXPECT_EQ(r.state(), "result_sent");
  EXPECT_EQ(r.written()["survey_state"], "scheduled");
  EXPECT_EQ(r.written()["survey_round"], "1");
  const auto at = std::find_if(r.effects.watch.begin(), r.effects.watch.end(),
                               [](const WatchEntry& w) { return w.kind == WatchKind::survey_send; });
  ASSERT_NE(at, r.effects.watch.end());
  EXPECT_EQ(at->at_ms, rules.calendar.add_working_minutes(kNow, rules.survey.delay_working_minutes));
  // Friday 17:30 in Shanghai: asked on Monday morning, not in the evening or at the weekend.
  const std::int64_t friday_1730 = 1796376600000;
  EXPECT_EQ(local_time(rules.calendar.add_working_minutes(friday_1730, 120), "Asia/Shanghai").substr(0, 10),
            "2026-12-07");
  // With audit, the survey waits for the desk's approval (the result reaches the customer then).
  rules.audit_required = true;
  auto audited = act(kResponsible, TicketBuilder(), Reply{"已更换光猫"});
  EXPECT_FALSE(audited.written().contains("survey_state"));
  auto approved = act(kDesk, TicketBuilder().state(WorkState::replied).set("reply", "已更换光猫"), Audit{true, ""});
  EXPECT_EQ(approved.written()["survey_state"], "scheduled");
}

TEST_F(Decisions, TheSurveyIsAskedOnTheCustomersChannelInTheirLanguage) {
  auto w = watch(WatchKind::survey_send, answered().english().set("survey_state", "scheduled").set("survey_round", "1"));
  ASSERT_TRUE(w);
  ASSERT_FALSE(w->effects.outbound.empty());
  EXPECT_EQ(w->effects.outbound[0].to, kCustomer);
  EXPECT_EQ(w->effects.outbound[0].channel, "twilio");
  EXPECT_NE(w->effects.outbound[0].text.find("How satisfied"), std::string::npos) << w->effects.outbound[0].text;
  EXPECT_NE(w->effects.outbound[0].text.find("已更换光猫"), std::string::npos) << "the result it asks about";
  std::map<std::string, std::string> written;
  for (const auto& [k, v] : w->effects.tickets.at(0).fields) written[k] = v;
  EXPECT_EQ(written["survey_state"], "sent");
  EXPECT_EQ(w->due_ms, "round1") << "once per round";
  int remind = 0, expire = 0;
  for (const auto& e : w->effects.watch) {
    remind += e.kind == WatchKind::survey_remind && e.at_ms == kNow + rules.survey.reminder_after_ms;
    expire += e.kind == WatchKind::survey_expire && e.at_ms == kNow + rules.survey.expiry_ms;
  }
  EXPECT_EQ(remind, 1);
  EXPECT_EQ(expire, 1);
}

TEST_F(Decisions, ASurveyIsRemindedOnceThenCountsAsNoAnswer) {
  auto remind = watch(WatchKind::survey_remind, answered().set("survey_state", "sent").set("survey_round", "1"));
  ASSERT_TRUE(remind);
  ASSERT_EQ(remind->effects.outbound.size(), 1u);
  EXPECT_NE(remind->effects.outbound[0].text.find("还没有评价"), std::string::npos);
  auto expire = watch(WatchKind::survey_expire, answered().set("survey_state", "sent").set("survey_round", "1"));
  ASSERT_TRUE(expire);
  EXPECT_TRUE(expire->effects.outbound.empty());
  EXPECT_EQ(expire->effects.tickets.at(0).fields, (FieldWrites{{"survey_state", "expired"}}));
  // Answered meanwhile: neither reminded nor expired.
  for (auto kind : {WatchKind::survey_remind, WatchKind::survey_expire}) {
    auto quiet = watch(kind, answered().set("survey_state", "answered").set("survey_round", "1"));
    ASSERT_TRUE(quiet);
    EXPECT_TRUE(quiet->effects.outbound.empty());
    EXPECT_TRUE(quiet->effects.tickets.empty());
  }
}

TEST_F(Decisions, AnEarlierRoundsReminderDoesNotRemindTheRoundJustAsked) {
  // Round 1 was answered and the ticket reopened; round 2 was asked a minute ago. Round 1's
  // reminder coming due now is not round 2's.
  const auto asked = answered().set("survey_state", "sent").set("survey_round", "2")
                         .set("survey_sent_ms", std::to_string(kNow - 60000));
  EXPECT_FALSE(watch(WatchKind::survey_remind, asked));
  EXPECT_FALSE(watch(WatchKind::survey_expire, asked));
  auto due = watch(WatchKind::survey_remind, asked, kNow - 60000 + rules.survey.reminder_after_ms);
  ASSERT_TRUE(due);
  EXPECT_EQ(due->effects.outbound.size(), 1u);
  EXPECT_EQ(due->due_ms, "sent" + std::to_string(kNow - 60000)) << "once per round";
}

TEST_F(Decisions, ATicketReopenedBeforeItsSurveyIsNotAskedAbout) {
  auto w = watch(WatchKind::survey_send, TicketBuilder().set("survey_state", "scheduled").set("survey_round", "1"));
  ASSERT_TRUE(w);
  EXPECT_TRUE(w->effects.outbound.empty());
  EXPECT_EQ(w->effects.tickets.at(0).fields,
            (FieldWrites{{"survey_state", "skipped"}, {"survey_skipped_because", "reopened"}}));
}

TEST_F(Decisions, TheSurveyIsNotAskedOfAnOptedOutCustomerOrOneWhoComplainedAgain) {
  TicketDesk desk(rules, settings());
  const Ticket scheduled = answered().set("survey_state", "scheduled").set("survey_round", "1");
  auto stopped = desk.sla_event(directory, kNumber, WatchKind::survey_send, scheduled, kNow, true);
  ASSERT_TRUE(stopped);
  EXPECT_TRUE(stopped->effects.outbound.empty());
  EXPECT_EQ(stopped->effects.tickets.at(0).fields,
            (FieldWrites{{"survey_state", "skipped"}, {"survey_skipped_because", "opted_out"}}));
  auto again = watch(WatchKind::survey_send, answered().set("survey_state", "scheduled").set("survey_round", "1")
                                                 .set("repeated_by", "T2612010003"));
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->effects.outbound.empty());
  EXPECT_EQ(again->effects.tickets.at(0).fields,
            (FieldWrites{{"survey_state", "skipped"}, {"survey_skipped_because", "complained_again"}}));
}

// --- the revisit (回访) -------------------------------------------------------------------------

TicketBuilder revisit_due() {
  return std::move(answered().set("revisit_state", "due").set("revisit_round", "1")
                       .set("revisit_due_ms", std::to_string(kNow + 2 * kDay)));
}
const Actor kChenDesk{kChen, "responsible", "陈主管"};

TEST_F(Decisions, TheResultPutsARevisitOnTheDesksListWithinThreeDays) {
  rules.revisit.headquarters_levels = {1, 2};
  auto r = act(kResponsible, TicketBuilder().set("level", "2"), Reply{"已更换光猫"});
  ASSERT_TRUE(r.done()) << r.result.text;
  EXPECT_EQ(r.written()["revisit_state"], "due");
  EXPECT_EQ(r.written()["revisit_round"], "1");
  EXPECT_EQ(r.written()["revisit_due_ms"], std::to_string(kNow + 3 * kDay));
  EXPECT_EQ(r.written()["revisit_headquarters"], "1");
  EXPECT_TRUE(r.holds(std::string(kRevisitList))) << "on the revisits' list";
  EXPECT_FALSE(r.holds(kChen)) << "not on a desk phone's own list (its 回复 without a number)";
  EXPECT_TRUE(r.watches(WatchKind::revisit_due));
  const bool digest = std::any_of(r.effects.watch.begin(), r.effects.watch.end(), [](const WatchEntry& w) {
    return w.kind == WatchKind::revisit_digest && w.number == kChen;
  });
  EXPECT_TRUE(digest) << "the desk on duty's daily digest";
  rules.revisit.working_days = true;  // Monday + 3 working days
  auto working = act(kResponsible, TicketBuilder(), Reply{"已更换光猫"});
  EXPECT_EQ(working.written()["revisit_due_ms"], std::to_string(kNow + 3 * kDay));
  rules.revisit.enabled = false;
  EXPECT_FALSE(act(kResponsible, TicketBuilder(), Reply{"r"}).written().contains("revisit_state"));
}

TEST_F(Decisions, ASatisfiedRevisitIsDoneAndMayCloseTheTicket) {
  auto r = sms(kChenDesk, revisit_due(), "T2611300001 回访 满意 已解决 客户确认网络恢复");
  ASSERT_TRUE(r.done()) << r.result.text;
  EXPECT_EQ(r.written()["revisit_state"], "done");
  EXPECT_EQ(r.written()["revisit_rating"], "satisfied");
  EXPECT_EQ(r.written()["revisit_solved"], "yes");
  EXPECT_EQ(r.written()["revisit_remarks"], "满意 已解决 客户确认网络恢复");
  EXPECT_EQ(r.written()["revisit_by"], kChen);
  EXPECT_TRUE(r.released(std::string(kRevisitList)));
  EXPECT_TRUE(r.says("已记录回访：T2611300001，客户满意")) << r.result.text;
  EXPECT_FALSE(r.written().contains("state")) << "closing.after is the survey";
  rules.closing.after = AutoClose::revisit;
  auto closed = sms(kChenDesk, revisit_due(), "T2611300001 回访 基本满意 已解决");
  EXPECT_EQ(closed.state(), "closed");
  EXPECT_EQ(closed.written()["closed_by"], "revisit");
}

TEST_F(Decisions, ADissatisfiedRevisitIsVerifiedAgainAndTracked) {
  auto r = sms(kChenDesk, revisit_due(), "T2611300001 回访 不满意 没解决 仍然每晚断网");
  ASSERT_TRUE(r.done()) << r.result.text;
  EXPECT_EQ(r.state(), "signed_for") << "back with its holder";
  EXPECT_EQ(r.written()["call_list"], "1");
  EXPECT_EQ(r.written()["call_list_reason"], "dissatisfied");
  EXPECT_NE(r.told(kLi).find("仍然每晚断网"), std::string::npos) << r.told(kLi);
  EXPECT_NE(r.told(kSun).find("【客户不满意】"), std::string::npos) << r.told(kSun);
  EXPECT_NE(r.told(kCustomer).find("重新转交"), std::string::npos);
  EXPECT_TRUE(r.says("已退回网络维护部重新核实处理")) << r.result.text;
  const auto timeline = r.written()["timeline+"];
  EXPECT_NE(timeline.find("revisited"), std::string::npos);
  EXPECT_NE(timeline.find("reopened"), std::string::npos);
  EXPECT_EQ(timeline.find("reopened"), timeline.rfind("reopened")) << "one line each";
}

TEST_F(Decisions, NotReachedTwiceTheCustomerIsOnTheCallList) {
  auto first = sms(kChenDesk, revisit_due(), "T2611300001 回访 未接通");
  ASSERT_TRUE(first.done()) << first.result.text;
  EXPECT_EQ(first.written()["revisit_attempts"], "1");
  EXPECT_FALSE(first.written().contains("revisit_state")) << "still due";
  EXPECT_TRUE(first.says("第1次")) << first.result.text;
  auto second = sms(kChenDesk, TicketBuilder(revisit_due()).set("revisit_attempts", "1"), "T2611300001 回访 关机");
  ASSERT_TRUE(second.done());
  EXPECT_EQ(second.written()["revisit_state"], "call_list");
  EXPECT_EQ(second.written()["call_list"], "1");
  EXPECT_EQ(second.written()["call_list_reason"], "unreached");
  EXPECT_TRUE(second.released(std::string(kRevisitList)));
  EXPECT_TRUE(second.says("外呼表")) << second.result.text;
  // Reached later from the call list: done, and off it.
  auto later = sms(kChenDesk, TicketBuilder(revisit_due()).set("revisit_state", "call_list").set("call_list", "1"),
                   "T2611300001 回访 满意");
  ASSERT_TRUE(later.done()) << later.result.text;
  EXPECT_EQ(later.written()["call_list"], "0");
}

TEST_F(Decisions, ARevisitIsTheDesksAndNeedsTheCustomersOpinion) {
  EXPECT_TRUE(sms(kResponsible, revisit_due(), "T2611300001 回访 满意").says("回访由客服中心办理"));
  EXPECT_TRUE(sms(kChenDesk, answered(), "T2611300001 回访 满意").says("没有待办的回访"));
  auto vague = sms(kChenDesk, revisit_due(), "T2611300001 回访 客户在外地");
  EXPECT_FALSE(vague.done());
  EXPECT_TRUE(vague.says("请写明客户意见")) << vague.result.text;
  auto console = act(kDesk, revisit_due(), Revisit{true, "basically", "yes", "客户表示基本满意"});
  ASSERT_TRUE(console.done()) << console.result.text;
  EXPECT_EQ(console.written()["revisit_rating"], "basically");
}

TEST_F(Decisions, ALateRevisitIsEscalatedOnce) {
  auto w = watch(WatchKind::revisit_due, revisit_due(), kNow + 3 * kDay);
  ASSERT_TRUE(w);
  EXPECT_EQ(w->due_ms, "round1");
  ASSERT_TRUE(w->delay);
  EXPECT_EQ(w->delay->kind, "revisit");
  std::string to;
  for (const auto& m : w->effects.outbound) to += m.to + ":" + m.text + "\n";
  EXPECT_NE(to.find("+8613700000011:【回访超时】T2611300001"), std::string::npos) << to;  // 刘经理, the desk's head
  EXPECT_NE(to.find(kDuty + ":【回访超时】"), std::string::npos) << to;
  EXPECT_FALSE(watch(WatchKind::revisit_due, revisit_due(), kNow + kDay)) << "not due yet: an earlier round's";
  auto done = watch(WatchKind::revisit_due, TicketBuilder(revisit_due()).set("revisit_state", "done"), kNow + 3 * kDay);
  ASSERT_TRUE(done);
  EXPECT_TRUE(done->effects.outbound.empty());
}

TEST_F(Decisions, TheDigestListsTheDaysRevisitsWithWhatTheDeskNeedsToCall) {
  TicketDesk desk(rules, settings());
  std::vector<Ticket> listed;
  for (int i = 0; i < 7; ++i)
    listed.push_back(TicketBuilder(revisit_due())
                         .set("number", "T261130000" + std::to_string(i + 1))
                         .set("revisit_due_ms", std::to_string(kNow + (i - 1) * kDay)));
  listed.push_back(TicketBuilder().set("number", "T2611300009"));  // signed for: not a revisit
  const auto d = desk.revisit_digest(directory, kChen, listed, kNow);
  std::string text;
  for (const auto& m : d.effects.outbound) {
    EXPECT_EQ(m.to, kChen);
    text += m.text;
  }
  EXPECT_NE(text.find("【今日回访】待回访7件"), std::string::npos) << text;
  EXPECT_NE(text.find("待回访7件：T2611300001 「张三」 " + kCustomer + "（宽带，已超时，2026-11-29 08:53前）"),
            std::string::npos) << "soonest first, the full number, the late one says so: " << text;
  EXPECT_EQ(text.find("T2611300006"), std::string::npos) << "five in the SMS";
  EXPECT_NE(text.find("另有2件见工作台"), std::string::npos) << text;
  EXPECT_EQ(text.find("T2611300009"), std::string::npos);
  ASSERT_EQ(d.effects.watch.size(), 1u);
  EXPECT_EQ(d.effects.watch[0].kind, WatchKind::revisit_digest);
  EXPECT_GT(d.effects.watch[0].at_ms, kNow);
  EXPECT_TRUE(desk.revisit_digest(directory, kLi, listed, kNow).effects.outbound.empty()) << "not the desk's phone";
}

TEST_F(Decisions, DissatisfiedWithTheResultItIsVerifiedAgainNotANewComplaint) {
  auto r = customer_writes(answered().set("survey_state", "sent").set("survey_round", "1"), "不满意，还是没网");
  ASSERT_TRUE(r.done());
  EXPECT_EQ(r.state(), "signed_for") << "back with its holder";
  EXPECT_EQ(r.written()["reopened"], "1");
  EXPECT_EQ(r.written()["survey_rating"], "dissatisfied");
  EXPECT_EQ(r.written()["survey_comment"], "还是没网");
  EXPECT_TRUE(r.watches(WatchKind::reply_due)) << "the reply limit restarts";
  EXPECT_NE(r.told(kLi).find("还是没网"), std::string::npos);
  EXPECT_NE(r.told(kSun).find("客户不满意"), std::string::npos) << r.told(kSun);
  EXPECT_NE(r.told(kSun).find("李工"), std::string::npos) << "the head reads who has it";
  auto long_one = customer_writes(answered().set("survey_state", "sent").set("survey_round", "1"),
                                  "不满意，" + std::string(3000, 'x'));
  EXPECT_LT(long_one.told(kSun).size(), 600u) << "the head gets the gist, the holder all of it";
  EXPECT_GT(long_one.told(kLi).size(), 3000u);
  EXPECT_NE(r.told(kCustomer).find("重新转交"), std::string::npos);
}

TEST_F(Decisions, SatisfiedTheTicketIsClosedAndTheCustomerThanked) {
  auto r = customer_writes(answered().set("survey_state", "sent").set("survey_round", "1"), "很满意");
  ASSERT_TRUE(r.done());
  EXPECT_EQ(r.state(), "closed");
  EXPECT_EQ(r.written()["survey_rating"], "satisfied");
  EXPECT_NE(r.told(kCustomer).find("感谢您的评价"), std::string::npos);
  EXPECT_EQ(r.written()["closed_by"], "survey");
  EXPECT_EQ(r.written()["close_validity"], "") << "unclassified: the desk classifies it";
  rules.closing.after = AutoClose::none;
  auto kept = customer_writes(answered().set("survey_state", "sent").set("survey_round", "1"), "2");
  EXPECT_EQ(kept.written()["survey_rating"], "basically");
  EXPECT_FALSE(kept.written().contains("state")) << "left for the desk to close";
}

TEST_F(Decisions, NoAnswerClosesItOnlyWhereTheDeskSaysSo) {
  const auto sent = answered().set("survey_state", "sent").set("survey_round", "1")
                        .set("survey_sent_ms", std::to_string(kNow - 73 * 3600 * 1000LL));
  auto open = watch(WatchKind::survey_expire, sent);
  ASSERT_TRUE(open);
  EXPECT_EQ(open->effects.tickets.at(0).fields.end(),
            std::find_if(open->effects.tickets.at(0).fields.begin(), open->effects.tickets.at(0).fields.end(),
                         [](const auto& f) { return f.first == "state"; }));
  rules.closing.when_no_answer = true;
  auto closed = watch(WatchKind::survey_expire, sent);
  ASSERT_TRUE(closed);
  std::map<std::string, std::string> w(closed->effects.tickets.at(0).fields.begin(),
                                       closed->effects.tickets.at(0).fields.end());
  EXPECT_EQ(w["state"], "closed");
  EXPECT_EQ(w["closed_by"], "survey_no_answer");
}

TEST_F(Decisions, BeforeTheSurveyIsAskedThanksAreNoRatingButDissatisfactionIs) {
  const auto scheduled = answered().set("survey_state", "scheduled").set("survey_round", "1");
  auto thanks = customer_writes(scheduled, "好的，谢谢");
  ASSERT_TRUE(thanks.done());
  EXPECT_FALSE(thanks.written().contains("survey_rating"));
  EXPECT_NE(thanks.told(kCustomer).find("不客气"), std::string::npos) << thanks.told(kCustomer);
  auto unhappy = customer_writes(scheduled, "不满意，还是没网");
  EXPECT_EQ(unhappy.written()["survey_rating"], "dissatisfied");
  EXPECT_EQ(unhappy.state(), "signed_for");
}

TEST_F(Decisions, ALateAnswerIsRecordedAsLate) {
  auto r = customer_writes(answered().set("survey_state", "expired").set("survey_round", "1"), "2 还可以");
  ASSERT_TRUE(r.done());
  EXPECT_EQ(r.written()["survey_rating"], "basically");
  EXPECT_EQ(r.written()["survey_late"], "1");
  EXPECT_EQ(r.written()["survey_comment"], "还可以");
}

TEST_F(Decisions, AMessageThatIsNoAnswerIsLeftToTheDialog) {
  auto r = customer_writes(answered().set("survey_state", "sent").set("survey_round", "1"), "我想问一下宽带套餐");
  EXPECT_FALSE(r.done());
}

TEST_F(Decisions, StillNotFixedAfterReceivingTheAnswerIsNotThanks) {
  auto r = customer_writes(answered(), "收到，但问题依旧存在");
  ASSERT_TRUE(r.done());
  EXPECT_EQ(r.state(), "signed_for");
  EXPECT_EQ(r.told(kCustomer).find("不客气"), std::string::npos) << r.told(kCustomer);
}

}  // namespace
}  // namespace ombud::tickets

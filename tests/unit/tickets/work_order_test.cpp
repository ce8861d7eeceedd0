#include "tickets/commands.hpp"

#include <gtest/gtest.h>
#include <set>

namespace ombud::tickets {
namespace {

const Actor kDesk{"agent-7", "console"};
const Actor kStaff{"+8613700000001", "sms"};

class WorkOrderTest : public ::testing::Test {
 protected:
  // Applies `c` and expects it to be accepted.
  void ok(const Command& c, const Actor& who = kDesk) {
    auto r = apply(order_, c, who, now_ += 60'000, policy_);
    ASSERT_TRUE(r) << r.refusal;
    order_ = *r.order;
  }
  // Applies `c` and expects a refusal containing `why`; the order is unchanged.
  void refused(const Command& c, const std::string& why, const Actor& who = kDesk) {
    auto r = apply(order_, c, who, now_, policy_);
    ASSERT_FALSE(r) << "accepted in state " << to_string(order_.state);
    EXPECT_NE(r.refusal.find(why), std::string::npos) << r.refusal;
  }
  void to_signed_for() {
    ok(Dispatch{"网络部", "+8613700000001", {}});
    ok(SignFor{}, kStaff);
  }

  WorkOrder order_{"T2611290001"};
  WorkPolicy policy_;
  std::int64_t now_ = 1'795'000'000'000;
};

TEST_F(WorkOrderTest, TheWholeLifecycleWritesTheTimeline) {
  ok(Dispatch{"网络部", "+8613700000001", {"客服部"}});
  EXPECT_EQ(order_.state, WorkState::dispatched);
  EXPECT_EQ(order_.cooperating, std::vector<std::string>{"客服部"});
  ok(SignFor{}, kStaff);
  EXPECT_EQ(order_.responsible, kStaff.id);
  ok(Reply{"已更换光猫，网络恢复"}, kStaff);
  ok(Audit{true, "回复属实"});
  ok(SendResult{});
  ok(Close{});
  EXPECT_EQ(order_.state, WorkState::closed);
  ASSERT_EQ(order_.timeline.size(), 6u);
  EXPECT_EQ(order_.timeline[1].what, "signed_for");
  EXPECT_EQ(order_.timeline[1].actor, kStaff.id);
  EXPECT_EQ(order_.timeline[1].channel, "sms");
  EXPECT_EQ(order_.timeline[2].text, "已更换光猫，网络恢复");
  EXPECT_LT(order_.timeline[0].at_ms, order_.timeline[5].at_ms);
}

TEST_F(WorkOrderTest, CommandsThatDoNotFitTheStateAreRefusedWithTheReason) {
  refused(SignFor{}, "cannot sign for T2611290001: it is registered (needs: dispatched)", kStaff);
  refused(Reply{"x"}, "needs: signed for");
  refused(Close{}, "needs: result_sent");
  refused(SendResult{}, "needs: audited");
  refused(Reopen{"不满意"}, "needs: result_sent or closed");
  refused(Transfer{"财务部", "", "不属本部门"}, "needs: dispatched or signed for");
  ok(Dispatch{"网络部", "+8613700000001", {}});
  refused(Dispatch{"财务部", "", {}}, "needs: registered");
  refused(Audit{}, "needs: replied");
  EXPECT_EQ(order_.state, WorkState::dispatched);
}

TEST_F(WorkOrderTest, ARejectedAuditGoesBackToTheDepartment) {
  to_signed_for();
  ok(Reply{"已处理"}, kStaff);
  ok(Audit{false, "回复不具体"});
  EXPECT_EQ(order_.state, WorkState::signed_for);
  EXPECT_EQ(order_.timeline.back().what, "audit_rejected");
}

TEST_F(WorkOrderTest, WithoutAnAuditStepTheResultGoesOutAfterTheReply) {
  policy_.audit_required = false;
  to_signed_for();
  ok(Reply{"已处理"}, kStaff);
  refused(Audit{}, "does not audit");
  ok(SendResult{});
  EXPECT_EQ(order_.state, WorkState::result_sent);
}

TEST_F(WorkOrderTest, ATransferIsARedispatch) {
  to_signed_for();
  ok(Transfer{"财务部", "+8613700000002", "属于计费问题"}, kStaff);
  EXPECT_EQ(order_.state, WorkState::dispatched);
  EXPECT_EQ(order_.department, "财务部");
  EXPECT_EQ(order_.transfers, 1);
  refused(Transfer{"财务部", "", "again"}, "already with 财务部");
  refused(Transfer{"客服部", "", ""}, "needs a reason");
  ok(Transfer{"", "", "无法确定责任部门"});  // back to the desk's queue
  EXPECT_EQ(order_.state, WorkState::registered);
  EXPECT_EQ(order_.transfers, 2);
}

TEST_F(WorkOrderTest, WithTheHeadRuleAnExtensionIsARequestTheHeadDecides) {
  policy_.extension_needs_head = true;
  to_signed_for();
  const Actor head{"+8613700000003", "sms", "head"};
  const Actor staff{kStaff.id, "sms", "responsible"};
  ok(Extend{2, "需要厂家配件"}, staff);
  EXPECT_EQ(order_.extensions, 0);
  EXPECT_EQ(order_.requested_extension_days, 2);
  refused(Extend{1, "again"}, "already waiting", staff);
  refused(Approve{}, "only the department head", staff);
  ok(Approve{}, head);
  EXPECT_EQ(order_.extensions, 1);
  EXPECT_EQ(order_.requested_extension_days, 0);
  refused(Approve{}, "no request is waiting", head);
  ok(Extend{3, "再等等"}, staff);
  ok(Reject{"不同意"}, head);
  EXPECT_EQ(order_.extensions, 1);
  EXPECT_EQ(order_.timeline.back().what, "extension_rejected");
  ok(Extend{1, "head decides alone"}, head);  // the head's own extension needs nobody
  EXPECT_EQ(order_.extensions, 2);
}

TEST_F(WorkOrderTest, AChangeOfHandlerByStaffIsARequestTheHeadDecides) {
  policy_.extension_needs_head = true;
  to_signed_for();
  const Actor head{"+8613700000003", "sms", "head"};
  const Actor staff{kStaff.id, "sms", "responsible"};
  const Actor desk{"desk-1", "console", ""};
  ok(Assign{"+8613700000002", "休假"}, staff);
  EXPECT_EQ(order_.responsible, kStaff.id);  // not yet
  EXPECT_EQ(order_.requested_responsible, "+8613700000002");
  EXPECT_EQ(order_.timeline.back().what, "assign_requested");
  refused(Extend{2, "parts"}, "already waiting", staff);  // one request at a time
  refused(Assign{"+8613700000004", ""}, "already waiting", staff);
  refused(Approve{}, "only the department head", staff);
  ok(Approve{}, head);
  EXPECT_EQ(order_.responsible, "+8613700000002");
  EXPECT_EQ(order_.state, WorkState::dispatched);  // the new handler signs for it
  EXPECT_TRUE(order_.requested_responsible.empty());
  ok(Assign{kStaff.id, "回来了"}, Actor{"+8613700000002", "sms", "backup"});
  ok(Reject{"人手不足"}, head);
  EXPECT_EQ(order_.responsible, "+8613700000002");
  EXPECT_EQ(order_.timeline.back().what, "assign_rejected");
  ok(Assign{kStaff.id, ""}, desk);  // the desk and the head change it directly
  EXPECT_EQ(order_.responsible, kStaff.id);
  ok(Assign{"+8613700000002", ""}, head);
  EXPECT_EQ(order_.responsible, "+8613700000002");
  policy_.assign_needs_head = false;
  ok(Assign{kStaff.id, ""}, Actor{"+8613700000002", "sms", "backup"});
  EXPECT_EQ(order_.responsible, kStaff.id);
}

TEST_F(WorkOrderTest, ReopenEscalateMergeNoteExtend) {
  to_signed_for();
  ok(Extend{2, "需要厂家配件"}, kStaff);
  EXPECT_EQ(order_.extensions, 1);
  refused(Extend{0, "x"}, "1 to 30 days");
  refused(Extend{31, "x"}, "1 to 30 days");
  ok(Note{"已预约周三上门"}, kStaff);
  ok(Escalate{{2, "同一小区三位客户投诉"}});
  ok(Escalate{{1, "客户表示将联系媒体"}});
  refused(Escalate{{2, "lower"}}, "already escalated to level 1");
  ok(Reply{"已修复"}, kStaff);
  ok(Audit{});
  ok(SendResult{});
  ok(Reopen{"客户对处理结果不满意"});
  EXPECT_EQ(order_.state, WorkState::signed_for);  // back to its holder, who can answer again
  EXPECT_EQ(order_.responsible, kStaff.id);
  ok(Reply{"已再次修复"}, kStaff);
  ok(Audit{});
  ok(SendResult{});
  ok(Reopen{"还是不行"});
  EXPECT_EQ(order_.reopened, 2);
  EXPECT_TRUE(order_.reply.empty());
  ok(Merge{"T2611280009"});
  EXPECT_EQ(order_.state, WorkState::closed);
  EXPECT_EQ(order_.merged_into, "T2611280009");
  refused(Note{"x"}, "it is closed");
  refused(Escalate{{1, "x"}}, "it is closed");
}

}  // namespace
}  // namespace ombud::tickets

#include "tickets/directory.hpp"

namespace ombud::tickets {
namespace {

Directory sample() {
  Directory d;
  d.default_department = "desk";
  d.duty_managers = {{"王", "+8613700000100", "head"}};
  d.departments = {{"desk", "客服中心", {{"陈", "+8613700000010", "responsible"}}},
                   {"network",
                    "网络部",
                    {{"李", "+8613700000001", "responsible"}, {"孙", "+8613700000003", "head"}}}};
  d.routing = {{"broadband", {"光猫"}, "desk", {}}, {"broadband", {}, "network", {"desk"}}};
  return d;
}

TEST(Directory, RoutesByCategoryAndKeywordsElseToTheDesk) {
  const auto d = sample();
  EXPECT_TRUE(d.problems().empty());
  auto r = d.route("broadband", "三天没网了");
  ASSERT_NE(r.lead, nullptr);
  EXPECT_EQ(r.lead->id, "network");
  EXPECT_EQ(r.cooperating, std::vector<std::string>{"desk"});
  EXPECT_EQ(d.route("broadband", "光猫坏了").lead->id, "desk");  // the keyword rule first
  EXPECT_EQ(d.route("billing", "x").lead->id, "desk");           // no rule: the desk
  EXPECT_EQ(d.find("network")->with_role("head")->name, "孙");
  auto [dep, member] = d.staff("+8613700000001");
  ASSERT_NE(dep, nullptr);
  EXPECT_EQ(dep->id, "network");
  EXPECT_EQ(member->name, "李");
  EXPECT_EQ(d.staff("+8613800138000").first, nullptr);
}

TEST(Directory, ProblemsAreNamedAndJsonRoundTrips) {
  auto d = sample();
  d.routing.push_back({"billing", {}, "finance", {}});
  d.departments[1].staff.push_back({"钱", "+8613700000010", "cook"});
  const auto p = d.problems();
  EXPECT_NE(std::find(p.begin(), p.end(), "routing[2]: no department 'finance'"), p.end());
  EXPECT_EQ(
      std::count_if(p.begin(), p.end(),
                    [](const auto& s) { return s.find("listed twice") != std::string::npos; }),
      1);
  auto copy = Directory::from_json(sample().to_json());
  ASSERT_TRUE(copy);
  EXPECT_EQ(copy->to_json(), sample().to_json());
}

}  // namespace
}  // namespace ombud::tickets

namespace ombud::tickets {
namespace {

TEST(StaffCommands, ParseInChineseAndEnglishWithOrWithoutTheNumber) {
  auto sign = parse_staff_command("T2611290001 签收");
  ASSERT_TRUE(sign);
  EXPECT_EQ(sign->number, "T2611290001");
  EXPECT_TRUE(std::holds_alternative<SignFor>(sign->command));
  auto reply = parse_staff_command("t2611290001 reply replaced the modem, line works");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->number, "T2611290001");
  EXPECT_EQ(std::get<Reply>(reply->command).result, "replaced the modem, line works");
  auto transfer = parse_staff_command("转 billing 属于计费问题");
  ASSERT_TRUE(transfer);
  EXPECT_TRUE(transfer->number.empty());
  EXPECT_EQ(std::get<Transfer>(transfer->command).department, "billing");
  EXPECT_EQ(std::get<Transfer>(transfer->command).reason, "属于计费问题");
  auto extend = parse_staff_command("T2611290001 延期 3天 等待配件");
  ASSERT_TRUE(extend);
  EXPECT_EQ(std::get<Extend>(extend->command).days, 3);
  EXPECT_TRUE(std::holds_alternative<Note>(parse_staff_command("跟进 已预约周三上门")->command));
  auto assign = parse_staff_command("T2611290001 改派 王工 明天起休假");
  ASSERT_TRUE(assign);
  EXPECT_EQ(std::get<Assign>(assign->command).responsible, "王工");
  EXPECT_EQ(std::get<Assign>(assign->command).reason, "明天起休假");
  EXPECT_EQ(std::get<Assign>(parse_staff_command("assign Tom")->command).responsible, "Tom");
  EXPECT_FALSE(parse_staff_command("你好"));
  // A reply without its result parses; the state machine refuses it and says how to write it.
  EXPECT_EQ(std::get<Reply>(parse_staff_command("T2611290001 回复")->command).result, "");
}

TEST(StaffCommands, WrittenAsPeopleTypeOnAPhone) {
  auto glued = parse_staff_command("T2611300001签收");  // no space
  ASSERT_TRUE(glued);
  EXPECT_EQ(glued->number, "T2611300001");
  EXPECT_TRUE(std::holds_alternative<SignFor>(glued->command));
  auto wide = parse_staff_command("Ｔ２６１１３００００１　回复：已更换光猫");  // full width
  ASSERT_TRUE(wide);
  EXPECT_EQ(wide->number, "T2611300001");
  EXPECT_EQ(std::get<Reply>(wide->command).result, "已更换光猫");
  auto verb_first = parse_staff_command("签收 t2611300001");
  ASSERT_TRUE(verb_first);
  EXPECT_EQ(verb_first->number, "T2611300001");
  for (const auto& [text, days] : std::vector<std::pair<std::string, int>>{
           {"延期 三天 等配件", 3}, {"延期三天等配件", 3}, {"延期 两天", 2}, {"延期 十天 x", 10},
           {"延期 十五天 x", 15}, {"延期 二十 天 x", 20}, {"延期 3 天 x", 3}, {"extend 4 days x", 4},
           {"延期 5个工作日 x", 5}}) {
    auto e = parse_staff_command(text);
    ASSERT_TRUE(e) << text;
    EXPECT_EQ(std::get<Extend>(e->command).days, days) << text;
  }
  EXPECT_EQ(std::get<Extend>(parse_staff_command("延期 三天 等配件")->command).reason, "等配件");
  EXPECT_EQ(std::get<Extend>(parse_staff_command("延期 过几天")->command).days, 0);  // ambiguous
  auto transfer = parse_staff_command("T2611300001转计费结算部 属于计费问题");
  ASSERT_TRUE(transfer);
  EXPECT_EQ(std::get<Transfer>(transfer->command).department, "计费结算部");
  EXPECT_TRUE(std::holds_alternative<Reject>(parse_staff_command("不同意 理由不足")->command));
  EXPECT_TRUE(std::holds_alternative<Approve>(parse_staff_command("同意")->command));
  EXPECT_TRUE(std::holds_alternative<Appoint>(parse_staff_command("预约 周三下午3点上门")->command));
  EXPECT_FALSE(parse_staff_command("signal is bad"));  // "sign" only as a whole word
}

TEST(WorkOrderPolicy, WhoMayAnswerASignedTicket) {
  WorkOrder o{"T1"};
  o.state = WorkState::signed_for;
  o.responsible = "+86137001";
  const Actor holder{"+86137001", "sms", "responsible"}, backup{"+86137002", "sms", "backup"},
      head{"+86137003", "sms", "head"};
  for (auto [by, backup_ok, head_ok] : {std::tuple{ReplyBy::holder, false, false},
                                        std::tuple{ReplyBy::holder_or_head, false, true},
                                        std::tuple{ReplyBy::department, true, true}}) {
    WorkPolicy policy{false, false, by};
    EXPECT_TRUE(apply(o, Reply{"ok"}, holder, 0, policy));
    auto b = apply(o, Reply{"ok"}, backup, 0, policy);
    EXPECT_EQ(static_cast<bool>(b), backup_ok);
    if (!b) EXPECT_EQ(b.why, Refusal::not_holder);
    EXPECT_EQ(static_cast<bool>(apply(o, Reply{"ok"}, head, 0, policy)), head_ok);
  }
}

TEST(StaffCommands, WorkOrdersSurviveTheTicketFields) {
  WorkOrder o{"T2611290001",
              WorkState::signed_for,
              "network",
              {"desk", "billing"},
              "+86137",
              "",
              1,
              0,
              2,
              Escalation{2, "三位客户"},
              "",
              3,
              "等待配件",
              "+86138",
              "休假",
              {{5, "+86137", "sms", "signed_for", ""}}};
  auto fields = work_order_fields(o);
  std::map<std::string, std::string> stored(fields.begin(), fields.end());
  stored["number"] = o.number;
  auto back = work_order_from(stored);
  EXPECT_EQ(back.state, WorkState::signed_for);
  EXPECT_EQ(back.cooperating, o.cooperating);
  EXPECT_EQ(back.transfers, 1);
  EXPECT_EQ(back.extensions, 2);
  EXPECT_EQ(back.requested_extension_days, 3);
  EXPECT_EQ(back.requested_extension_reason, "等待配件");
  ASSERT_TRUE(back.escalation);
  EXPECT_EQ(back.escalation->reason, "三位客户");
  ASSERT_EQ(back.timeline.size(), 1u);
  EXPECT_EQ(back.timeline[0].what, "signed_for");
}

}  // namespace
}  // namespace ombud::tickets

namespace ombud::tickets {
namespace {

// The cooperating list survives a round trip through the stored fields, with ids long enough
// to live on the heap (a view into a destroyed string once lost them).
TEST(WorkOrderFields, CooperatingDepartmentsRoundTrip) {
  WorkOrder order;
  order.number = "T2611300001";
  order.department = "network";
  order.cooperating = {"customer-service-desk-north", "billing-and-settlement", "d"};
  std::map<std::string, std::string> stored;
  for (auto& [k, v] : work_order_fields(order)) stored[k] = v;
  stored["number"] = order.number;
  const auto read = work_order_from(stored);
  EXPECT_EQ(read.cooperating, order.cooperating);
  EXPECT_EQ(read.department, "network");
}

}  // namespace
}  // namespace ombud::tickets

#include "console/requests.hpp"
#include "console/settings.hpp"

namespace ombud::tickets {
namespace {

// The table is the one list of commands: every alternative has its row, in order; names and
// SMS verbs are each one command's; a staff row's permission is one the console knows.
TEST(CommandTable, OneRowPerCommandWithUniqueNamesVerbsAndKnownPermissions) {
  const auto& table = command_table();
  ASSERT_EQ(table.size(), std::variant_size_v<Command>);
  std::set<std::string_view> names, verbs;
  const auto& permissions = console::all_permissions();
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto& row = table[i];
    EXPECT_EQ(row.alternative, i) << row.name;
    EXPECT_TRUE(names.insert(row.name).second) << row.name;
    for (auto word : row.sms_words) EXPECT_TRUE(verbs.insert(word).second) << word;
    if (!row.sms_words.empty()) EXPECT_TRUE(row.staff()) << row.name;
    if (!row.staff()) continue;
    EXPECT_NE(std::find(permissions.begin(), permissions.end(), row.permission), permissions.end())
        << row.name;
    EXPECT_NE(row.label, nullptr) << row.name;
    EXPECT_FALSE(row.summary.empty()) << row.name;
    // What a body with every required argument makes is this row's command.
    Args args;
    for (const auto& a : row.args)
      if (a.kind == ArgKind::text)
        args[std::string(a.name)] = a.choices.empty() ? std::string("x") : std::string(a.choices.front());
      else if (a.kind == ArgKind::integer)
        args[std::string(a.name)] = std::int64_t{3};
      else
        args[std::string(a.name)] = true;
    auto made = row.make(args);
    ASSERT_TRUE(std::holds_alternative<Command>(made)) << row.name;
    EXPECT_EQ(std::get<Command>(made).index(), i) << row.name;
    EXPECT_EQ(command_name(std::get<Command>(made)), row.name);
    EXPECT_EQ(find_command(row.name), &row);
  }
  EXPECT_EQ(find_command("dispatch"), nullptr);  // the system's own steps are not actions
  EXPECT_EQ(find_command("nonsense"), nullptr);
}

// The console reads a body by the row's specs: kinds, bounds, choices and what spans fields.
TEST(CommandTable, TheConsoleReadsABodyByTheRowsSpecs) {
  auto command = [](std::string_view action, std::string_view body) {
    return console::parse_action(action, "application/json", body);
  };
  auto extend = command("extend", R"({"days":3,"reason":"parts"})");
  ASSERT_TRUE(std::holds_alternative<Command>(extend));
  EXPECT_EQ(std::get<Extend>(std::get<Command>(extend)).days, 3);
  auto too_long = command("extend", R"({"days":61})");
  ASSERT_TRUE(std::holds_alternative<console::BodyError>(too_long));
  EXPECT_EQ(std::get<console::BodyError>(too_long).message, "days must be between 1 and 60");
  auto audit = command("audit", R"({"approved":false})");
  ASSERT_TRUE(std::holds_alternative<console::BodyError>(audit));
  EXPECT_EQ(std::get<console::BodyError>(audit).field, "comment");
  // The classes' values are the organisation's: the desk checks them (422 from the console).
  auto close = command("close", R"({"validity":"valid","responsibility":"maybe","reason":"r"})");
  ASSERT_TRUE(std::holds_alternative<Command>(close));
  EXPECT_EQ(std::get<Close>(std::get<Command>(close)).classes.responsibility, "maybe");
  EXPECT_EQ(std::get<Close>(std::get<Command>(close)).classes.reason, "r");
  auto sms_words = command("close", R"({"written":"有效 责任"})");
  ASSERT_TRUE(std::holds_alternative<console::BodyError>(sms_words)) << "the SMS's words are not a field";
  EXPECT_EQ(std::get<console::BodyError>(sms_words).field, "written");
  auto follow = command("follow-up", R"({"outcome":"solved_in_days"})");
  ASSERT_TRUE(std::holds_alternative<console::BodyError>(follow));
  EXPECT_EQ(std::get<console::BodyError>(follow).field, "days");
  auto unknown = command("reply", R"({"result":"done","extra":1})");
  ASSERT_TRUE(std::holds_alternative<console::BodyError>(unknown));
  EXPECT_EQ(std::get<console::BodyError>(unknown).field, "extra");
  EXPECT_TRUE(std::holds_alternative<console::BodyError>(command("dispatch", "")));
}

}  // namespace
}  // namespace ombud::tickets

// Tickets after intake: the department is told by SMS, signs for it and replies by SMS, and the
// customer hears the result.

#include "tests/support/desk_fixture.hpp"

namespace ombud::test {
namespace {

TEST_F(DeskTest, AComplaintReachesTheDepartmentWhichSignsForItAndReplies) {
  const auto number = complain();
  ASSERT_EQ(number.size(), 11u);
  auto t = ticket(number);
  EXPECT_EQ(t["state"], "dispatched");
  EXPECT_EQ(t["department"], "network");
  EXPECT_EQ(t["department_name"], "网络维护部");
  EXPECT_EQ(t["responsible"], kNetwork);
  EXPECT_EQ(t["cooperating"], "desk");
  EXPECT_FALSE(t["sign_due_ms"].empty());
  int watched = 0;  // the two limits of sign-for and reply, each with its warning
  for (const auto& m : redis_->run({"ZRANGE", key("sla"), "0", "-1"}).elements)
    watched +=
        m.str.find("|sign_") != std::string::npos || m.str.find("|reply_") != std::string::npos;
  EXPECT_EQ(watched, 4);
  const auto notice = sent_to(kNetwork);
  EXPECT_NE(notice.find("【投诉工单】" + number), std::string::npos) << notice;
  // What the responsible person needs to act: who, the full number to call, what, the demand.
  EXPECT_NE(notice.find("客户：「张三」，电话+8613800138000"), std::string::npos) << notice;
  EXPECT_NE(notice.find("（宽带，2级）"), std::string::npos) << notice;  // two departments
  EXPECT_NE(notice.find("问题：「我家宽带三天没网了，要求赔偿」"), std::string::npos) << notice;
  EXPECT_NE(notice.find("诉求：「尽快修好」"), std::string::npos) << notice;
  // The cooperating department (the desk) is told who leads, with the number masked.
  const auto assist = sent_to("+8613700000010");
  EXPECT_NE(assist.find("【协办工单】" + number + "（宽带）由网络维护部牵头处理"), std::string::npos)
      << assist;
  EXPECT_NE(assist.find("问题：「我家宽带三天没网了"), std::string::npos) << assist;
  EXPECT_NE(notice.find("回复“" + number + " 签收”签收"), std::string::npos);

  auto before = provider_->received().size();
  write(kNetwork, number + " 签收");
  EXPECT_NE(sent_to(kNetwork, before).find("已签收：" + number), std::string::npos);
  EXPECT_NE(sent_to(kCustomer, before).find("已由网络维护部签收"), std::string::npos);
  EXPECT_EQ(ticket(number)["state"], "signed_for");

  before = provider_->received().size();
  write(kNetwork, "回复 已更换光猫，网络已恢复");  // the number may be left out: one open ticket
  EXPECT_NE(sent_to(kNetwork, before).find("已回复：" + number), std::string::npos);
  const auto result = sent_to(kCustomer, before);
  EXPECT_NE(result.find("处理结果：已更换光猫，网络已恢复"), std::string::npos) << result;
  t = ticket(number);
  EXPECT_EQ(t["state"], "result_sent");
  EXPECT_EQ(t["reply"], "已更换光猫，网络已恢复");
  EXPECT_NE(t["timeline"].find("\"what\":\"signed_for\""), std::string::npos);
  EXPECT_NE(t["timeline"].find("\"via\":\"sms\""), std::string::npos);
  EXPECT_EQ(redis_->run({"ZRANGE", key("staff-open:" + kNetwork), "0", "-1"}).elements.size(), 0u);

  // The customer's status query now reads from the work order.
  before = provider_->received().size();
  write(kCustomer, "查询 " + number);
  EXPECT_NE(sent_to(kCustomer, before).find("处理结果已告知；处理部门：网络维护部"),
            std::string::npos)
      << sent_to(kCustomer, before);
}

TEST_F(DeskTest, OthersCannotActOnTheTicketAndBadCommandsAreRefused) {
  const auto number = complain();
  ASSERT_FALSE(number.empty());
  auto before = provider_->received().size();
  write(kBilling, number + " 签收");  // staff, but of another department
  EXPECT_NE(sent_to(kBilling, before).find("未执行：" + number + " 不存在或不属于计费结算部"),
            std::string::npos)
      << sent_to(kBilling, before);
  EXPECT_EQ(ticket(number)["state"], "dispatched");

  before = provider_->received().size();
  write(kNetwork, number + " 回复 已处理");  // not signed for yet
  EXPECT_NE(sent_to(kNetwork, before).find("未执行：" + number + "尚未签收，请先回复“" + number + " 签收”"),
            std::string::npos)
      << sent_to(kNetwork, before);
  write(kNetwork, "你好");
  EXPECT_NE(sent_to(kNetwork, before).find("无法识别的指令"), std::string::npos);

  // A customer writing "T… 签收" is just a customer: it goes to the dialog, not the ticket.
  write("+8613999999999", number + " 签收");
  EXPECT_EQ(ticket(number)["state"], "dispatched");

  before = provider_->received().size();
  write(kNetwork, number + " 转 计费结算部 属于计费问题");
  const auto transferred = sent_to(kBilling, before);
  EXPECT_NE(transferred.find(number + "由网络维护部转派至本部门，原因：「属于计费问题」"),
            std::string::npos) << transferred;
  EXPECT_NE(transferred.find("问题：「我家宽带三天没网了"), std::string::npos) << transferred;
  EXPECT_NE(transferred.find("答复时限"), std::string::npos) << transferred;
  EXPECT_NE(sent_to(kCustomer, before).find("已转由计费结算部处理"), std::string::npos);
  auto t = ticket(number);
  EXPECT_EQ(t["department"], "billing");
  EXPECT_EQ(t["transfers"], "1");
  write(kBilling, number + " 签收");
  EXPECT_EQ(ticket(number)["state"], "signed_for");
}

}  // namespace
}  // namespace ombud::test

namespace ombud::test {
namespace {

TEST_F(DeskTest, AnOverdueTicketIsEscalatedExactlyOnceWithTwoProcesses) {
  // A second ombud on the same Redis and clock: both run the SLA watch. (Its inbox and outbox
  // workers are off so that the first one's counters tell when everything is handled.)
  auto second_config = gateway::parse_config(
      config_yaml("tickets:\n  departments: " OMBUD_SOURCE_DIR "/config/departments.yaml\n"
                  "inbox:\n  workers: 0\noutbox:\n  workers: 0\n"),
      dir_.path() / "second.yaml");
  app::App second(std::move(second_config), clock_);
  second.start();

  const auto number = complain();
  ASSERT_FALSE(number.empty());
  const auto before = provider_->received().size();
  clock_->advance(std::chrono::hours(24 * 20));  // past both limits, nothing signed for
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  auto overdue = [&] { return app_->metrics().sla_overdue + second.metrics().sla_overdue; };
  while (overdue() < 2 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_EQ(overdue(), 2);  // the sign-for limit and the reply limit, once each
  ASSERT_TRUE(provider_->wait_for(before + 6, std::chrono::seconds(10)) >= before + 6);
  // Let both schedulers run a few more rounds: nothing more may be sent.
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  EXPECT_EQ(provider_->received().size(), before + 6);

  const std::string head = "+8613700000003", duty = "+8613700000100";
  auto count = [&](const std::string& to, const std::string& text) {
    int n = 0;
    for (const auto& r : provider_->received())
      if (r.field("To") == to && r.field("Body").find(text) != std::string::npos) ++n;
    return n;
  };
  EXPECT_EQ(count(head, "【超时】工单" + number), 2);
  EXPECT_EQ(count(duty, "【超时】工单" + number), 2);
  EXPECT_EQ(count(kNetwork, "【预警】工单" + number), 2);
  EXPECT_EQ(redis_->integer({"XLEN", key("delays")}), 2);
  auto t = ticket(number);
  EXPECT_EQ(t["escalation_level"], "2");
  EXPECT_EQ(t["reply_overdue"], "1");
  EXPECT_EQ(t["sign_overdue"], "1");
  EXPECT_EQ(limits_watched(), 0);
  EXPECT_EQ(t["level"], "2");  // regraded: unresolved after half a month
  second.stop();
}

TEST_F(DeskTest, WorkDoneInTimeRaisesNothing) {
  const auto number = complain();
  write(kNetwork, number + " 签收");
  write(kNetwork, number + " 回复 已修复");
  write("+8613700000010", number + " 回访 满意 已解决");  // the desk's revisit, in time
  EXPECT_EQ(ticket(number)["revisit_state"], "done");
  const auto before = provider_->received().size();
  clock_->advance(std::chrono::hours(24 * 20));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (limits_watched() > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(limits_watched(), 0);
  ASSERT_TRUE(wait_idle());
  // Nobody is warned or told of a delay (nor sent a digest of revisits: none is due); the
  // customer is asked their opinion of the result (the satisfaction survey), once.
  EXPECT_TRUE(sent_eventually(kCustomer, "请您评价", before)) << sent_to(kCustomer, before);
  ASSERT_TRUE(wait_idle());
  EXPECT_EQ(sent_to(kNetwork, before), "");
  EXPECT_EQ(provider_->received().size(), before + 1);
  EXPECT_EQ(app_->metrics().sla_overdue, 0);
}

}  // namespace
}  // namespace ombud::test

namespace ombud::test {
namespace {

TEST_F(DeskTest, ABurstOfSimilarComplaintsRaisesOneIncidentAndOneAlert) {
  const std::vector<std::string> texts{
      "我们村手机一点信号都没有，打不了电话", "村里手机信号全没了，基站是不是坏了",
      "今天全村手机没有信号，急死人了",       "手机没信号一下午了，全村都这样",
      "我们这里手机突然没有信号了",           "村里手机信号中断，无法打电话"};
  for (size_t i = 0; i < texts.size(); ++i) {
    const std::string phone = "+861360000000" + std::to_string(i);
    // "投诉" makes it a complaint; "1" is the category (network signal).
    for (const auto& text :
         {"投诉：" + texts[i], std::string("1"), std::string("刚才"), std::string("尽快恢复"),
          "客户" + std::to_string(i), std::string("1"), std::string("1")})
      write(phone, text);
    clock_->advance(std::chrono::minutes(3));
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  auto incidents = [&] { return redis_->run({"KEYS", "{ombud}:incident:*"}); };
  while (std::chrono::steady_clock::now() < deadline &&
         (incidents().elements.size() < 2 || redis_->integer({"ZCARD", key("sla")}) > 36))
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_TRUE(wait_idle());
  // One incident (and its "announced" guard), grouping the tickets of five and six.
  std::vector<std::string> records;
  for (const auto& k : incidents().elements)
    if (k.str.find(":announced") == std::string::npos) records.push_back(k.str);
  ASSERT_EQ(records.size(), 1u);
  auto incident = redis_->hash(records[0]);
  EXPECT_EQ(incident["customers"], "6");
  EXPECT_EQ(std::count(incident["tickets"].begin(), incident["tickets"].end(), ','), 5);
  // One alert to the duty manager; the sixth customer was told the matter is known.
  ASSERT_TRUE(sent_eventually("+8613700000100", "【突发事件】"));
  int alerts = 0;
  for (const auto& r : provider_->received())
    alerts += r.field("To") == "+8613700000100" && r.field("Body").find("【突发事件】") == 0;
  EXPECT_EQ(alerts, 1);
  EXPECT_TRUE(sent_eventually("+8613600000005", "我们已经知悉")) << sent_to("+8613600000005");
  int major = 0;  // the incident is announced as one, not as six major complaints
  for (const auto& r : provider_->received())
    major += r.field("To") == "+8613700000100" && r.field("Body").find("【重大投诉】") == 0;
  EXPECT_EQ(major, 0);
  // A collective complaint (五户或五户以上) is major: every ticket of it is level 1, with the
  // level-1 reply limit (one working day), the earlier ones raised and re-timed too.
  auto numbers = redis_->run({"ZRANGE", key("recent-complaints:network"), "0", "-1"});
  ASSERT_EQ(numbers.elements.size(), 6u);
  const auto& calendar = app_->config().tickets.calendar;
  for (const auto& n : numbers.elements) {
    auto t = ticket(n.str);
    EXPECT_EQ(t["level"], "1") << n.str;
    EXPECT_LE(std::stoll(t["due_ms"]), calendar.add_working_days(std::stoll(t["created_ms"]), 1))
        << n.str;
    EXPECT_EQ(std::stoll(redis_->run({"ZSCORE", key("sla"), n.str + "|reply_due"}).str),
              std::stoll(t["due_ms"]));
  }
  EXPECT_NE(ticket(numbers.elements[5].str)["level_reasons"].find("6户集体投诉"), std::string::npos);
}

TEST_F(DeskTest, TheSameCustomerComplainingAgainIsARepeat) {
  const auto first = complain();
  write(kNetwork, first + " 签收");
  write(kNetwork, first + " 回复 已重启设备");
  clock_->advance(std::chrono::hours(24 * 3));
  const auto second = complain();
  ASSERT_NE(first, second);
  ASSERT_TRUE(analysed(second));
  auto t = ticket(second);
  EXPECT_EQ(t["repeat_of"], first);
  EXPECT_EQ(t["repeat_count"], "1");
  // A repeat is level 3, but broadband involves two departments here, which is level 2.
  EXPECT_EQ(t["level"], "2");
  EXPECT_NE(t["level_reasons"].find("重复投诉"), std::string::npos) << t["level_reasons"];
  EXPECT_EQ(ticket(first)["repeat_of"], "");
}

TEST_F(DeskTest, WhileTheTicketIsOpenTheCustomersMessagesGoToItAndItsHandler) {
  const auto number = complain();
  write(kNetwork, number + " 签收");
  const auto before = provider_->received().size();
  write(kCustomer, "师傅什么时候上门？");
  EXPECT_NE(sent_to(kNetwork, before).find("【客户来信】" + number + "：「师傅什么时候上门？」"),
            std::string::npos);
  EXPECT_NE(sent_to(kCustomer, before).find("您的留言已转达处理投诉" + number), std::string::npos);
  EXPECT_NE(ticket(number)["timeline"].find("师傅什么时候上门？"), std::string::npos);
  // Dialog commands still reach the dialog.
  const auto menu = provider_->received().size();
  write(kCustomer, "重新开始");
  EXPECT_NE(sent_to(kCustomer, menu).find("1 投诉"), std::string::npos);
}

// A customer cannot write lines into a staff SMS that pass for ombud's own.
TEST_F(DeskTest, ACustomersTextInAStaffSmsIsOneQuotedLine) {
  const auto number = complain();
  write(kNetwork, number + " 签收");
  const auto before = provider_->received().size();
  write(kCustomer, "好的\n" + number + " 回复 已解决\n【系统】本工单已关闭，无需处理");
  const auto notice = sent_to(kNetwork, before);
  EXPECT_NE(notice.find("【客户来信】" + number + "：「好的 " + number +
                        " 回复 已解决 [系统]本工单已关闭，无需处理」"),
            std::string::npos)
      << notice;
  EXPECT_EQ(notice.find('\n'), std::string::npos) << notice;
  EXPECT_EQ(ticket(number)["state"], "signed_for");  // nothing was taken as a staff command
}

// The cooperating departments are read from the stored ticket at every step: signing for it
// and the customer's follow-ups must keep them exactly (they were once read through a view of
// a destroyed string and written back as heap bytes).
TEST_F(DeskTest, CooperatingDepartmentsSurviveSignForAndFollowUps) {
  const auto number = complain();
  ASSERT_EQ(ticket(number)["cooperating"], "desk");
  write(kCustomer, "师傅什么时候上门？");
  write(kNetwork, number + " 签收");
  write(kCustomer, "还有多久？");
  write(kNetwork, number + " 跟进 已约明天上门");
  EXPECT_EQ(ticket(number)["cooperating"], "desk");
}

// Stored data is outside input too: a corrupted number field once threw in the worker, which
// then stopped for good and left every later message of its partitions unprocessed.
TEST_F(DeskTest, AMalformedStoredFieldNeitherStopsTheWorkerNorLosesMessages) {
  const auto number = complain();
  write(kNetwork, number + " 签收");
  write(kNetwork, number + " 回复 已重启光猫");
  redis_->run({"HSET", key("ticket:" + number), "updated_ms", "garbage", "due_ms", "12x"});
  auto before = provider_->received().size();
  write(kCustomer, "还是没网，我不满意");  // reads updated_ms
  EXPECT_FALSE(sent_to(kCustomer, before).empty());
  before = provider_->received().size();
  write(kCustomer, "你好");
  EXPECT_FALSE(sent_to(kCustomer, before).empty());
  EXPECT_EQ(app_->metrics().inbox_processed, app_->metrics().inbound_accepted);
}

}  // namespace
}  // namespace ombud::test

namespace ombud::test {
namespace {

class TransferClockTest : public DeskTest {
 protected:
  std::string extra_ticket_settings() const override { return "  transfer_restarts_clock: true\n"; }
};

TEST_F(TransferClockTest, ATransferGivesTheNewDepartmentFullTimeLimitsWhenConfigured) {
  const auto number = complain();
  auto before = ticket(number);
  clock_->advance(std::chrono::hours(24));
  write(kNetwork, number + " 转 计费结算部 属于计费问题");
  auto after = ticket(number);
  EXPECT_EQ(after["department"], "billing");
  EXPECT_GT(std::stoll(after["due_ms"]), std::stoll(before["due_ms"]));
  EXPECT_GT(std::stoll(after["sign_due_ms"]), std::stoll(before["sign_due_ms"]));
  const auto score = redis_->string({"ZSCORE", key("sla"), number + "|reply_due"});
  EXPECT_EQ(score, after["due_ms"]);
}

}  // namespace
}  // namespace ombud::test

namespace ombud::test {
namespace {

class ExtensionApprovalTest : public DeskTest {
 protected:
  std::string extra_ticket_settings() const override { return "  extension_needs_head: true\n"; }
};

TEST_F(ExtensionApprovalTest, StaffAskTheHeadApprovesByStaffSms) {
  const std::string head = "+8613700000003";  // 网络维护部's head
  const auto number = complain();
  write(kNetwork, number + " 签收");
  const auto due = ticket(number)["due_ms"];
  auto before = provider_->received().size();
  write(kNetwork, number + " 延期 2天 需要厂家配件");
  EXPECT_NE(sent_to(kNetwork, before).find("已提交延期申请"), std::string::npos);
  EXPECT_NE(sent_to(head, before).find("【延期申请】" + number), std::string::npos);
  EXPECT_EQ(ticket(number)["due_ms"], due);  // not yet
  before = provider_->received().size();
  write(head, "批准");  // the request is the head's one open item: no number needed
  EXPECT_NE(sent_to(kNetwork, before).find("延期已批准：" + number), std::string::npos)
      << sent_to(head, before);
  EXPECT_EQ(redis_->integer({"ZCARD", key("staff-open:" + head)}), 0);
  EXPECT_NE(sent_to(kCustomer, before).find("答复时间延至"), std::string::npos);
  EXPECT_GT(std::stoll(ticket(number)["due_ms"]), std::stoll(due));
  EXPECT_EQ(ticket(number)["extensions"], "1");
}

}  // namespace
}  // namespace ombud::test

namespace ombud::test {
namespace {

TEST_F(DeskTest, StillUnhappyAfterTheResultReopensTheSameTicket) {
  const auto number = complain();
  write(kNetwork, number + " 签收");
  write(kNetwork, number + " 回复 已重启光猫");
  auto before = provider_->received().size();
  write(kCustomer, "还是没网，我不满意");
  EXPECT_NE(sent_to(kCustomer, before).find("已重新转交网络维护部"), std::string::npos)
      << sent_to(kCustomer, before);
  EXPECT_NE(sent_to(kNetwork, before).find("【重新处理】" + number), std::string::npos);
  auto t = ticket(number);
  EXPECT_EQ(t["state"], "signed_for");  // back with its holder, who can answer it again
  EXPECT_EQ(t["reopened"], "1");
  EXPECT_EQ(
      redis_->run({"ZRANGE", key("customer-tickets:twilio/main/" + kCustomer), "0", "-1"}).elements.size(),
      1u);  // not a new complaint
  before = provider_->received().size();
  write(kNetwork, number + " 回复 已更换光猫");
  EXPECT_NE(sent_to(kNetwork, before).find("已回复：" + number), std::string::npos)
      << sent_to(kNetwork, before);
  EXPECT_NE(sent_to(kCustomer, before).find("处理结果：已更换光猫"), std::string::npos);
  // Thanks on receiving the result are thanks (noted for the desk), not the survey's answer
  // (it is still asked), and do not bring back the menu.
  before = provider_->received().size();
  write(kCustomer, "好的，谢谢");
  EXPECT_NE(sent_to(kCustomer, before).find("不客气"), std::string::npos) << sent_to(kCustomer, before);
  EXPECT_EQ(sent_to(kCustomer, before).find("1 投诉"), std::string::npos);
  EXPECT_EQ(ticket(number)["state"], "result_sent");
  EXPECT_EQ(ticket(number)["survey_state"], "scheduled");
  // Any other message after a result is an ordinary new conversation.
  before = provider_->received().size();
  write(kCustomer, "你好");
  EXPECT_NE(sent_to(kCustomer, before).find("1 投诉"), std::string::npos);
}

// The satisfaction survey through the real gateway: the result, the survey at a working hour,
// "不满意，还是没网" → the same ticket back with its holder and the head told (no new
// complaint); a new result gets its own survey; satisfied closes it. Exactly once per round.
TEST_F(DeskTest, TheSurveyAfterTheResultVerifiesAgainWhenTheCustomerIsNotSatisfied) {
  const std::string head = "+8613700000003";  // 孙主任
  const auto number = complain();
  write(kNetwork, number + " 签收");
  write(kNetwork, number + " 回复 已重启光猫");
  auto before = provider_->received().size();
  clock_->advance(std::chrono::hours(24 * 3));  // past the survey's delay, whatever the hour
  ASSERT_TRUE(sent_eventually(kCustomer, "请您评价", before)) << sent_to(kCustomer, before);
  EXPECT_NE(sent_to(kCustomer, before).find("已重启光猫"), std::string::npos) << "the result it asks about";
  EXPECT_EQ(ticket(number)["survey_state"], "sent");

  before = provider_->received().size();
  write(kCustomer, "不满意，还是没网");
  EXPECT_NE(sent_to(kCustomer, before).find("已重新转交网络维护部"), std::string::npos) << sent_to(kCustomer, before);
  EXPECT_NE(sent_to(kNetwork, before).find("还是没网"), std::string::npos) << sent_to(kNetwork, before);
  EXPECT_NE(sent_to(head, before).find("客户不满意"), std::string::npos) << sent_to(head, before);
  auto t = ticket(number);
  EXPECT_EQ(t["state"], "signed_for");
  EXPECT_EQ(t["survey_rating"], "dissatisfied");
  EXPECT_EQ(t["survey_comment"], "还是没网");
  EXPECT_EQ(redis_->run({"ZRANGE", key("customer-tickets:twilio/main/" + kCustomer), "0", "-1"}).elements.size(),
            1u) << "not a new complaint";

  write(kNetwork, number + " 回复 已更换光猫");
  before = provider_->received().size();
  clock_->advance(std::chrono::hours(24 * 3));
  ASSERT_TRUE(sent_eventually(kCustomer, "已更换光猫", before)) << sent_to(kCustomer, before);
  EXPECT_EQ(ticket(number)["survey_round"], "2");
  before = provider_->received().size();
  write(kCustomer, "1");
  EXPECT_NE(sent_to(kCustomer, before).find("感谢您的评价"), std::string::npos) << sent_to(kCustomer, before);
  t = ticket(number);
  EXPECT_EQ(t["state"], "closed");
  EXPECT_EQ(t["survey_rating"], "satisfied");
  // Neither round is asked or reminded again: reminders and expiry find it answered.
  before = provider_->received().size();
  clock_->advance(std::chrono::hours(24 * 5));
  ASSERT_TRUE(wait_idle());
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(sent_to(kCustomer, before), "");
}

// A complaint that mentions a court waits at the desk: the desk on duty is asked by SMS, the
// department hears nothing; the desk's "不予受理 1" closes it as not accepted and the customer is
// told the reason and where to go, in Chinese, once.
TEST_F(DeskTest, AComplaintBeforeACourtIsDeclinedByTheDeskWithItsReason) {
  const std::string desk = "+8613700000010";  // 陈主管, on duty
  auto before = provider_->received().size();
  const auto number = complain("宽带合同纠纷，我已经向法院起诉了，要求退款");
  ASSERT_FALSE(number.empty());
  ASSERT_TRUE(sent_eventually(desk, "【待决定受理】" + number, before)) << sent_to(desk, before);
  EXPECT_EQ(sent_to(kNetwork, before).find(number), std::string::npos) << "not dispatched";
  EXPECT_EQ(ticket(number)["state"], "registered");
  EXPECT_EQ(ticket(number)["legal_flag"], "法院");
  before = provider_->received().size();
  write(desk, "不予受理 1 客户已向法院起诉");  // the only ticket on the desk's list: no number needed
  EXPECT_NE(sent_to(desk, before).find("已不予受理：" + number), std::string::npos) << sent_to(desk, before);
  const auto told = sent_to(kCustomer, before);
  EXPECT_NE(told.find("经核实不予受理，原因：已进入仲裁或诉讼程序"), std::string::npos) << told;
  EXPECT_EQ(told.find("不予受理", told.find("不予受理") + 1), std::string::npos) << "once";
  auto t = ticket(number);
  EXPECT_EQ(t["state"], "closed");
  EXPECT_EQ(t["declined_reason"], "in_arbitration");
}

}  // namespace
}  // namespace ombud::test

namespace ombud::test {
namespace {

// The revisit through the gateway: the result puts it on the desk's list; a working morning's
// digest names it to the desk on duty; past its limit the desk's head and the duty manager are
// told, once; the desk's "回访 不满意 没解决 …" by SMS sends the same ticket back to its holder and
// puts the customer on the call list.
TEST_F(DeskTest, ARevisitIsDigestedEscalatedAndRecordedBySms) {
  const std::string desk = "+8613700000010", desk_head = "+8613700000011", duty = "+8613700000100";
  const auto number = complain();
  write(kNetwork, number + " 签收");
  write(kNetwork, number + " 回复 已重启光猫");
  EXPECT_EQ(ticket(number)["revisit_state"], "due");
  auto before = provider_->received().size();
  clock_->advance(std::chrono::hours(24 * 10));  // past a working 09:00 and the 3-day limit, whatever the date
  ASSERT_TRUE(sent_eventually(desk, "【今日回访】", before)) << sent_to(desk, before);
  EXPECT_NE(sent_to(desk, before).find(number), std::string::npos) << sent_to(desk, before);
  ASSERT_TRUE(sent_eventually(desk_head, "【回访超时】" + number, before)) << sent_to(desk_head, before);
  ASSERT_TRUE(sent_eventually(duty, "【回访超时】" + number, before)) << sent_to(duty, before);
  ASSERT_TRUE(wait_idle());
  const auto head_told = sent_to(desk_head, before);
  EXPECT_EQ(head_told.find("【回访超时】"), head_told.rfind("【回访超时】")) << "once: " << head_told;
  EXPECT_EQ(ticket(number)["revisit_overdue"], "1");

  before = provider_->received().size();
  write(desk, number + " 回访 不满意 没解决 晚上还是断网");
  EXPECT_NE(sent_to(desk, before).find("已退回网络维护部重新核实处理"), std::string::npos) << sent_to(desk, before);
  EXPECT_NE(sent_to(kNetwork, before).find("晚上还是断网"), std::string::npos) << sent_to(kNetwork, before);
  EXPECT_NE(sent_to(kCustomer, before).find("重新转交"), std::string::npos) << sent_to(kCustomer, before);
  auto t = ticket(number);
  EXPECT_EQ(t["state"], "signed_for");
  EXPECT_EQ(t["revisit_state"], "done");
  EXPECT_EQ(t["call_list"], "1");
}

}  // namespace
}  // namespace ombud::test

namespace ombud::test {
namespace {

// A question the FAQ cannot answer reaches someone who answers it, and the answer reaches the
// customer (it was promised "within 24 hours" and went to nobody).
TEST_F(DeskTest, AQuestionIsAnsweredByItsDepartmentAndTheAnswerReachesTheCustomer) {
  write(kCustomer, "你好");
  write(kCustomer, "2");
  auto before = provider_->received().size();
  write(kCustomer, "千兆宽带怎么办理，每月多少钱");
  const auto told = sent_to(kCustomer, before);
  const auto at = told.find("编号T");
  ASSERT_NE(at, std::string::npos) << told;
  const auto number = told.substr(at + 6, 11);
  ASSERT_TRUE(sent_eventually(kNetwork, "【咨询工单】" + number, before)) << sent_to(kNetwork, before);
  EXPECT_NE(sent_to(kNetwork, before).find("千兆宽带怎么办理"), std::string::npos);
  before = provider_->received().size();
  write(kNetwork, number + " 回复 可在营业厅或APP办理，月费199元");
  EXPECT_NE(sent_to(kCustomer, before).find("关于您的咨询" + number + "，答复如下：可在营业厅或APP办理，月费199元"),
            std::string::npos)
      << sent_to(kCustomer, before);
  EXPECT_EQ(ticket(number)["state"], "result_sent");
}

}  // namespace
}  // namespace ombud::test

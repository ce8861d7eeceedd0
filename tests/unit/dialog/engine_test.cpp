#include "dialog/engine.hpp"

#include <gtest/gtest.h>

#include <numeric>

// The intake engine driven with values: (session, text, now) → (session, replies, actions).
// The flows are the shipped telecom sample (config/flows/telecom).

namespace ombud::dialog {
namespace {

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<std::string> problems;
    settings_.flows =
        FlowSet::load(std::filesystem::path(OMBUD_SOURCE_DIR) / "config/flows/telecom", problems);
    settings_.flows.validate(problems);
    ASSERT_TRUE(problems.empty()) << problems.front();
    settings_.classifier.complaint_words = {"投诉", "没网", "赔偿", "down", "complain"};
    settings_.classifier.consultation_words = {"请问", "how do"};
    settings_.classifier.suggestion_words = {"建议", "suggest"};
    settings_.classifier.categories = {{"broadband", {"宽带", "broadband"}},
                                       {"billing", {"话费", "bill"}}};
    settings_.faq = {
        {{"营业时间", "opening hours"}, {"营业时间为9:00至18:00。", "We open 9:00-18:00."}}};
  }

  // One customer message, `after_ms` after the previous one.
  Turn say(const std::string& text, std::int64_t after_ms = 20'000) {
    now_ += after_ms;
    auto turn = engine_.step(session_, {text, "+8613800138000", "twilio", now_});
    session_ = turn.session;
    return turn;
  }

  static std::string all(const Turn& t) {
    return std::accumulate(t.replies.begin(), t.replies.end(), std::string(),
                           [](std::string a, const std::string& b) { return a + b + "|"; });
  }

  // Runs the menu up to the complaint description question.
  void to_description() {
    say("你好");
    say("1");
    say("3");
    ASSERT_EQ(session_.step, "description");
  }

  void to_confirm(const std::string& name = "张三") {
    to_description();
    say("家里宽带三天都连不上网了");
    say("本周一，在家里");
    say("尽快修好并减免月租");
    say(name);
    say("1");
    ASSERT_EQ(session_.step, "confirm");
  }

  Settings settings_;
  Engine engine_{settings_};
  Session session_;
  std::int64_t now_ = 1'795'000'000'000;
};

TEST_F(EngineTest, AGreetingGetsTheMenuInTheCustomersLanguage) {
  auto zh = say("你好");
  EXPECT_NE(all(zh).find("示例移动"), std::string::npos);
  EXPECT_NE(all(zh).find("1 投诉"), std::string::npos);
  EXPECT_NE(all(zh).find("4 查询投诉进度"), std::string::npos);
  EXPECT_EQ(session_.state, Session::State::active);
  EXPECT_EQ(session_.flow, "menu");
  session_ = {};
  auto en = say("hello");
  EXPECT_NE(all(en).find("1 Make a complaint"), std::string::npos);
  EXPECT_EQ(session_.language, Language::en);
}

TEST_F(EngineTest, AWholeComplaintEndsInATicketDraft) {
  to_confirm();
  auto turn = say("1");
  ASSERT_EQ(turn.actions.size(), 1u);
  const auto& a = turn.actions[0];
  EXPECT_EQ(a.kind, Action::Kind::create_ticket);
  EXPECT_EQ(a.ticket.type, "complaint");
  EXPECT_EQ(a.ticket.category, "broadband");
  EXPECT_EQ(a.ticket.slots.at("description"), "家里宽带三天都连不上网了");
  EXPECT_EQ(a.ticket.slots.at("when_where"), "本周一，在家里");
  EXPECT_EQ(a.ticket.slots.at("demand"), "尽快修好并减免月租");
  EXPECT_EQ(a.ticket.name, "张三");
  EXPECT_EQ(a.ticket.phone, "+8613800138000");
  EXPECT_FALSE(a.ticket.anonymous);
  EXPECT_GE(a.ticket.transcript.size(), 16u);  // every message both ways
  EXPECT_NE(all(turn).find("{ticket}"), std::string::npos);
  EXPECT_EQ(turn.session.state, Session::State::none);
}

TEST_F(EngineTest, TheSummaryListsEverySlotForConfirmation) {
  to_description();
  say("家里宽带三天都连不上网了");
  say("跳过");
  say("尽快修好");
  say("李四");
  auto turn = say("13912345678");
  const auto text = all(turn);
  EXPECT_NE(text.find("投诉类别：宽带"), std::string::npos) << text;
  EXPECT_NE(text.find("问题描述：家里宽带三天都连不上网了"), std::string::npos);
  EXPECT_NE(text.find("时间地点：（未填写）"), std::string::npos);
  EXPECT_NE(text.find("联系电话：+8613912345678"), std::string::npos);
  EXPECT_NE(text.find("回复1确认提交，回复2修改"), std::string::npos);
}

TEST_F(EngineTest, ChoicesAcceptNumbersLabelsAndSynonyms) {
  say("你好");
  say("投诉");  // the label
  EXPECT_EQ(session_.step, "category");
  say("话费被多扣了");  // a synonym inside the answer
  EXPECT_EQ(session_.slots.at("category"), "billing");
}

TEST_F(EngineTest, InvalidAnswersSayWhatIsExpectedAndOfferAHumanAfterThree) {
  say("你好");
  auto first = say("9");
  EXPECT_NE(all(first).find("请回复选项前的数字"), std::string::npos);
  EXPECT_NE(all(first).find("1 投诉"), std::string::npos);  // the question again
  EXPECT_EQ(session_.retries, 1);
  say("10");
  auto third = say("11");
  EXPECT_NE(all(third).find("回复“人工”可转人工服务"), std::string::npos);
  EXPECT_EQ(session_.retries, 3);
  say("1");
  EXPECT_EQ(session_.retries, 0);
}

TEST_F(EngineTest, TextStepsCheckTheLength) {
  to_description();
  auto short_one = say("坏了");
  EXPECT_NE(all(short_one).find("请用10到500个字说明"), std::string::npos);
  EXPECT_EQ(session_.step, "description");
}

TEST_F(EngineTest, PhoneStepsTakeTheSenderOrANumber) {
  to_description();
  say("家里宽带三天都连不上网了");
  say("跳过");
  say("修好");
  auto ask = say("张三");
  EXPECT_NE(all(ask).find("我们将通过+8613800138000与您联系"), std::string::npos);
  auto bad = say("not a number");
  EXPECT_NE(all(bad).find("请回复有效的手机号码"), std::string::npos);
  say("139-1234-5678");
  EXPECT_EQ(session_.slots.at("phone"), "+8613912345678");
}

TEST_F(EngineTest, GlobalCommandsInChinese) {
  to_description();
  auto back = say("返回");
  EXPECT_EQ(session_.step, "category");
  EXPECT_NE(all(back).find("投诉哪方面"), std::string::npos);
  auto help = say("帮助");
  EXPECT_NE(all(help).find("随时可发送"), std::string::npos);
  EXPECT_EQ(session_.step, "category");
  auto restart = say("重新开始");
  EXPECT_EQ(session_.flow, "menu");
  EXPECT_TRUE(session_.slots.empty());
  EXPECT_NE(all(restart).find("1 投诉"), std::string::npos);
  auto status = say("查询 T2611290001");
  ASSERT_EQ(status.actions.size(), 1u);
  EXPECT_EQ(status.actions[0].kind, Action::Kind::query_status);
  EXPECT_EQ(status.actions[0].ticket_number, "T2611290001");
  auto human = say("转人工");
  ASSERT_EQ(human.actions.size(), 1u);
  EXPECT_EQ(human.actions[0].kind, Action::Kind::handoff);
  EXPECT_EQ(session_.state, Session::State::waiting_human);
  auto waiting = say("还在吗");
  EXPECT_NE(all(waiting).find("人工服务队列"), std::string::npos);
  EXPECT_TRUE(waiting.actions.empty());
  auto cancel = say("取消");
  EXPECT_NE(all(cancel).find("已取消"), std::string::npos);
  EXPECT_EQ(session_.state, Session::State::none);
}

TEST_F(EngineTest, GlobalCommandsInEnglish) {
  say("hello");
  say("1");
  say("3");
  ASSERT_EQ(session_.step, "description");
  say("BACK");
  EXPECT_EQ(session_.step, "category");
  auto help = say("help");
  EXPECT_NE(all(help).find("Any time"), std::string::npos);
  say("restart");
  EXPECT_EQ(session_.flow, "menu");
  auto status = say("status t2611290001");
  ASSERT_EQ(status.actions.size(), 1u);
  EXPECT_EQ(status.actions[0].ticket_number, "T2611290001");
  say("human");
  EXPECT_EQ(session_.state, Session::State::waiting_human);
  auto cancel = say("Cancel");
  EXPECT_NE(all(cancel).find("Cancelled"), std::string::npos);
  EXPECT_EQ(session_.state, Session::State::none);
  auto usage = say("status");
  EXPECT_NE(all(usage).find("e.g. status T2611290001"), std::string::npos);
}

TEST_F(EngineTest, RestartKeepsTheLanguageAndTheConversationGoesOn) {
  to_description();
  auto restart = say("重新开始");
  EXPECT_EQ(session_.updated_ms, now_);  // not idle since 1970: the next answer continues
  auto next = say("1");
  EXPECT_EQ(session_.flow, "complaint");
  EXPECT_NE(all(next).find("投诉哪方面"), std::string::npos) << all(next);
  session_ = {};
  say("hello");
  say("restart");
  EXPECT_NE(all(say("1")).find("What is your complaint about"), std::string::npos);
}

TEST_F(EngineTest, ANewConversationWithoutLettersKeepsTheLastLanguage) {
  say("hello");
  say("cancel");
  EXPECT_EQ(session_.state, Session::State::none);
  EXPECT_NE(all(say("1")).find("Make a complaint"), std::string::npos);
  session_ = {};
  say("你好");
  say("取消");
  EXPECT_NE(all(say("2")).find("投诉"), std::string::npos);
  EXPECT_EQ(session_.language, Language::zh);
}

TEST_F(EngineTest, FullWidthAndCaseDoNotMatter) {
  say("ＨＥＬＬＯ");
  auto t = say("１");
  EXPECT_EQ(session_.flow, "complaint");
  EXPECT_NE(all(t).find("What is your complaint about"), std::string::npos);
}

TEST_F(EngineTest, TheLanguageCanBeSwitchedAtAnyStep) {
  to_description();
  auto en = say("English");
  EXPECT_EQ(session_.language, Language::en);
  EXPECT_NE(all(en).find("Please describe the problem"), std::string::npos);
  auto zh = say("中文");
  EXPECT_NE(all(zh).find("请详细描述"), std::string::npos);
  EXPECT_EQ(session_.step, "description");
}

TEST_F(EngineTest, AFirstMessageThatSaysALotPrefillsTheComplaint) {
  auto t = say("我家宽带三天没网了，要求赔偿");
  EXPECT_EQ(session_.flow, "complaint");
  EXPECT_EQ(session_.slots.at("category"), "broadband");
  EXPECT_EQ(session_.slots.at("description"), "我家宽带三天没网了，要求赔偿");
  EXPECT_EQ(session_.step, "when_where");  // only what is missing is asked
  EXPECT_NE(all(t).find("什么时间、在什么地点"), std::string::npos);

  session_ = {};
  auto en = say("my broadband has been down for 3 days");
  EXPECT_EQ(session_.language, Language::en);
  EXPECT_EQ(session_.slots.at("category"), "broadband");
  EXPECT_EQ(session_.step, "when_where");
  EXPECT_NE(all(en).find("When and where"), std::string::npos);
  // "back" from a pre-filled step goes to the pre-filled answers, which can be changed.
  say("back");
  EXPECT_EQ(session_.step, "description");
}

TEST_F(EngineTest, AShortComplaintFirstMessagePrefillsOnlyTheCategory) {
  say("投诉宽带");
  EXPECT_EQ(session_.slots.at("category"), "broadband");
  EXPECT_FALSE(session_.slots.contains("description"));
  EXPECT_EQ(session_.step, "description");
}

TEST_F(EngineTest, AfterTheIdleTimeoutTheCustomerStartsFresh) {
  to_description();
  auto later = say("你好", 31 * 60 * 1000);
  EXPECT_EQ(session_.flow, "menu");
  EXPECT_FALSE(session_.slots.contains("category"));
  EXPECT_NE(all(later).find("1 投诉"), std::string::npos);
}

TEST_F(EngineTest, WithinTheTimeoutTheCustomerContinues) {
  to_description();
  say("家里宽带三天都连不上网了", 20 * 60 * 1000);  // a valid answer after a long gap
  EXPECT_EQ(session_.step, "when_where");
}

TEST_F(EngineTest, AnOffTopicMessageAfterAGapAsksContinueOrStartOver) {
  to_description();
  auto asked = say("在吗", 10 * 60 * 1000);
  EXPECT_NE(all(asked).find("回复1继续，回复2重新开始"), std::string::npos);
  EXPECT_EQ(session_.state, Session::State::resume_prompt);
  auto resumed = say("1");
  EXPECT_NE(all(resumed).find("好的，我们继续"), std::string::npos);
  EXPECT_NE(all(resumed).find("请详细描述"), std::string::npos);  // reminded of the question
  EXPECT_EQ(session_.step, "description");

  say("在吗", 10 * 60 * 1000);
  auto over = say("2");
  EXPECT_EQ(session_.flow, "menu");
  EXPECT_NE(all(over).find("1 投诉"), std::string::npos);
}

TEST_F(EngineTest, AnItemCanBeChangedFromTheSummary) {
  to_confirm();
  auto which = say("2");
  EXPECT_NE(all(which).find("2 问题描述"), std::string::npos);
  EXPECT_EQ(session_.state, Session::State::choosing_change);
  auto ask = say("2");
  EXPECT_EQ(session_.step, "description");
  EXPECT_NE(all(ask).find("请详细描述"), std::string::npos);
  auto summary = say("宽带每天晚上八点以后就断线");
  EXPECT_EQ(session_.step, "confirm");  // straight back to the summary
  EXPECT_NE(all(summary).find("问题描述：宽带每天晚上八点以后就断线"), std::string::npos);
}

TEST_F(EngineTest, SkippingTheNameIsNotAnonymity) {
  to_description();
  say("家里宽带三天都连不上网了");
  say("跳过");
  say("修好");
  say("跳过");
  auto confirm = say("1");
  EXPECT_NE(all(confirm).find("姓名：（未填写）"), std::string::npos) << all(confirm);
  auto done = say("1");
  ASSERT_EQ(done.actions.size(), 1u);
  EXPECT_FALSE(done.actions[0].ticket.anonymous);
  EXPECT_NE(all(done).find("您的投诉已受理"), std::string::npos);
}

TEST_F(EngineTest, AnonymityIsAnExplicitChoiceAndTheTextsSayWhatFollows) {
  to_confirm("匿名");
  EXPECT_NE(all(say("2")).find("请回复要修改的项目编号"), std::string::npos);
  say("5");  // the name, asked again: still anonymous
  auto confirm = say("匿名");
  EXPECT_NE(all(confirm).find("姓名：匿名"), std::string::npos) << all(confirm);
  auto done = say("1");
  ASSERT_EQ(done.actions.size(), 1u);
  EXPECT_TRUE(done.actions[0].ticket.anonymous);
  EXPECT_FALSE(done.actions[0].ticket.record_only);
  EXPECT_NE(all(done).find("处理部门看不到您的姓名和电话"), std::string::npos) << all(done);

  settings_.anonymous_record_only = true;
  session_ = {};
  to_confirm("anonymous");
  auto recorded = say("1");
  EXPECT_TRUE(recorded.actions[0].ticket.record_only);
  EXPECT_NE(all(recorded).find("我们不会再联系您"), std::string::npos) << all(recorded);
}

TEST_F(EngineTest, ConsultationsTryTheFaqFirst) {
  auto faq = say("请问营业时间是几点");
  EXPECT_TRUE(faq.actions.empty());
  EXPECT_NE(all(faq).find("营业时间为9:00至18:00"), std::string::npos);
  EXPECT_EQ(session_.state, Session::State::none);

  auto recorded = say("请问国际漫游怎么开通");
  ASSERT_EQ(recorded.actions.size(), 1u);
  EXPECT_EQ(recorded.actions[0].ticket.type, "consultation");
  EXPECT_NE(all(recorded).find("24小时内答复"), std::string::npos);
}

TEST_F(EngineTest, SuggestionsAreRecorded) {
  say("你好");
  say("3");
  say("希望营业厅周末延长营业时间");
  auto done = say("王五");
  ASSERT_EQ(done.actions.size(), 1u);
  EXPECT_EQ(done.actions[0].ticket.type, "suggestion");
  EXPECT_EQ(done.actions[0].ticket.slots.at("suggestion"), "希望营业厅周末延长营业时间");
}

TEST_F(EngineTest, TheMenuStatusOptionAsksForTheNumber) {
  say("你好");
  say("4");
  auto t = say("T2611290007");
  ASSERT_EQ(t.actions.size(), 1u);
  EXPECT_EQ(t.actions[0].kind, Action::Kind::query_status);
  EXPECT_EQ(t.actions[0].ticket_number, "T2611290007");
}

TEST_F(EngineTest, StatusRepliesNameWhatTheStoreFound) {
  auto found =
      engine_.status_reply("T2611290001",
                           std::map<std::string, std::string>{{"state", "已登记"},
                                                              {"department", "网络部"},
                                                              {"due", "2026-12-01 18:00"},
                                                              {"updated", "2026-11-29 10:00"}},
                           Language::zh);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0],
            "T2611290001：已登记；处理部门：网络部；答复期限：2026-12-01 "
            "18:00；最近更新：2026-11-29 10:00。");
  auto missing = engine_.status_reply("T2611290002", std::nullopt, Language::en);
  EXPECT_EQ(missing[0], "No complaint T2611290002 was found. Please check the number.");
}

TEST_F(EngineTest, RepliesAreSplitForSmsAtSentenceEnds) {
  std::string zh;
  for (int i = 0; i < 12; ++i) zh += "这是一个用来测试短信拆分的句子。";  // 16 characters each
  auto parts = engine_.split_for_sms(zh);
  ASSERT_EQ(parts.size(), 2u);
  for (const auto& p : parts) {
    EXPECT_LE(p.size() / 3, 140u);
    EXPECT_TRUE(p.ends_with("。"));
  }
  EXPECT_EQ(parts[0] + parts[1], zh);
  std::string en;
  for (int i = 0; i < 10; ++i) en += "This sentence is here to test SMS splitting. ";
  auto en_parts = engine_.split_for_sms(en);
  ASSERT_EQ(en_parts.size(), 2u);
  EXPECT_LE(en_parts[0].size(), 320u);
  for (const auto& p : en_parts) EXPECT_FALSE(p.starts_with(" ")) << "a part starts with its words";
  EXPECT_EQ(engine_.split_for_sms("short").size(), 1u);
}

TEST_F(EngineTest, SessionsSurviveJson) {
  to_description();
  auto copy = session_from_json(to_json(session_));
  ASSERT_TRUE(copy);
  EXPECT_EQ(copy->flow, session_.flow);
  EXPECT_EQ(copy->step, session_.step);
  EXPECT_EQ(copy->slots, session_.slots);
  EXPECT_EQ(copy->history, session_.history);
  EXPECT_EQ(copy->transcript.size(), session_.transcript.size());
  EXPECT_EQ(copy->transcript[0].text, "你好");
  EXPECT_FALSE(session_from_json("not json"));
}

}  // namespace
}  // namespace ombud::dialog

namespace ombud::dialog {
namespace {

// The property manager's flows: other categories, a yes/no step, nothing hard-coded.
TEST(PropertyEngine, YesNoStepsAndOtherCategories) {
  Settings settings;
  std::vector<std::string> problems;
  settings.flows =
      FlowSet::load(std::filesystem::path(OMBUD_SOURCE_DIR) / "config/flows/property", problems);
  ASSERT_TRUE(problems.empty());
  Engine engine(settings);
  Session s;
  std::int64_t now = 1'795'000'000'000;
  auto say = [&](const std::string& text) {
    auto t = engine.step(s, {text, "+8613800138000", "twilio", now += 1000});
    s = t.session;
    return t;
  };
  EXPECT_NE(say("你好").replies[0].find("示例物业"), std::string::npos);
  say("1");
  say("电梯坏了");  // a synonym of "equipment"
  EXPECT_EQ(s.slots.at("category"), "equipment");
  say("三号楼电梯已经停了两天了");
  auto visit = say("3栋2单元501");
  EXPECT_NE(visit.replies[0].find("是否需要工作人员上门查看"), std::string::npos);
  auto refused = say("也许");
  EXPECT_NE(refused.replies[0].find("请回复1（是）或2（否）"), std::string::npos);
  say("是");
  EXPECT_EQ(s.slots.at("visit"), "yes");
  EXPECT_EQ(s.step, "demand");
  say("返回");
  say("no");
  EXPECT_EQ(s.slots.at("visit"), "no");
}

}  // namespace
}  // namespace ombud::dialog

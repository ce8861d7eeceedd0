// The desk's decisions as values: no io, no Redis.
#include "gateway/directory_config.hpp"
#include "tickets/desk/desk.hpp"

#include <gtest/gtest.h>

namespace ombud::tickets {
namespace {

const std::string kNetwork = "+8613700000001";  // 网络维护部, responsible (config/departments.yaml)

class DeskDecisions : public ::testing::Test {
 protected:
  DeskDecisions() : desk_(rules_, settings(), store::Keys("ombud")) {}

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
  store::InboxEntry chat_entry() const {
    store::InboxEntry e;
    e.id = "1-0";
    e.message = {"generic", "crm", "m-1", "user-42", "", "宽带没网", "", kNow, ""};
    return e;
  }
  store::TicketWrite complaint() const {
    TicketInput in{"complaint", "broadband", "generic", "crm", "user-42", "13800138000", "张三",
                   false, false, "zh", R"({"description":"我家宽带三天没网了"})", "[]", "0-1-0"};
    auto t = new_ticket(in, kNow, "Asia/Shanghai");
    t.fields.emplace_back("number", "T2611300001");
    return {"T", 4, t.date_code, t.owner, t.open, kNow, std::move(t.fields)};
  }

  static constexpr std::int64_t kNow = 1796000000000;  // 2026-11-30, a Monday
  TicketRules rules_ = rules();
  Directory directory_ =
      gateway::load_directory(std::filesystem::path(OMBUD_SOURCE_DIR) / "config/departments.yaml");
  TicketDesk desk_;
};

TEST_F(DeskDecisions, DispatchTellsTheResponsiblePersonOnTheirPhoneWhateverTheCustomersChannel) {
  const auto entry = chat_entry();
  auto ticket = complaint();
  store::InboxEffects effects;
  std::vector<Notice> notices;
  desk_.dispatch(directory_, entry, ticket, effects, notices);
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
  const auto chat = desk_.addressed(core::Contact::sender_of(entry.message), "id-2", "好的");
  EXPECT_EQ(chat.channel, "generic");
  EXPECT_EQ(chat.account, "crm");
  EXPECT_EQ(chat.to, "user-42");
}

TEST_F(DeskDecisions, AnUnknownStaffCommandIsRefusedWithAnExampleToTheSender) {
  store::InboxEntry e;
  e.message = {"twilio", "main", "SM1", kNetwork, "+8610086000", "你好", "", kNow, ""};
  store::InboxEffects effects;
  std::vector<Notice> notices;
  desk_.staff_message(directory_, e, std::nullopt, {"T2611300001"}, effects, notices);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].to.kind, "twilio");
  EXPECT_EQ(notices[0].to.address, kNetwork);
  EXPECT_NE(notices[0].text.find("T2611300001"), std::string::npos) << notices[0].text;
  EXPECT_TRUE(effects.hset.empty());
}

}  // namespace
}  // namespace ombud::tickets

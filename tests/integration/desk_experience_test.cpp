// What customers and staff meet (issue 8): each case is one defect found by using ombud as a
// Chinese customer, an English one, a responsible person and a duty manager would.

#include "tests/support/desk_fixture.hpp"

namespace ombud::test {
namespace {

using ExperienceTest = DeskTest;

TEST_F(ExperienceTest, ABareDigitOrPhoneNumberKeepsTheCustomersLanguage) {
  const std::string customer = "+8613800138111";
  write(customer, "你好");
  auto before = provider_->received().size();
  write(customer, "1");  // the Chinese menu's first option
  EXPECT_NE(sent_to(customer, before).find("投诉哪方面"), std::string::npos)
      << sent_to(customer, before);
  write(customer, "取消");
  before = provider_->received().size();
  write(customer, "1");  // a new conversation, still in Chinese
  EXPECT_NE(sent_to(customer, before).find("您好"), std::string::npos) << sent_to(customer, before);
  EXPECT_EQ(sent_to(customer, before).find("Hello"), std::string::npos);
}

TEST_F(ExperienceTest, RestartKeepsTheLanguageAndLetsACustomerWithAnOpenTicketFileANewOne) {
  const auto first = complain();
  ASSERT_EQ(first.size(), 11u);
  auto before = provider_->received().size();
  write(kCustomer, "家里电话也打不出去");  // goes to the open ticket's handler
  EXPECT_NE(sent_to(kNetwork, before).find("【客户来信】" + first), std::string::npos);
  EXPECT_NE(sent_to(kCustomer, before).find("重新开始"), std::string::npos);

  before = provider_->received().size();
  write(kCustomer, "重新开始");
  EXPECT_NE(sent_to(kCustomer, before).find("1 投诉"), std::string::npos)
      << sent_to(kCustomer, before);
  before = provider_->received().size();
  write(kCustomer, "1");
  EXPECT_NE(sent_to(kCustomer, before).find("投诉哪方面"), std::string::npos)
      << sent_to(kCustomer, before);
  for (const char* text : {"2", "这个月话费多扣了五十元", "本月账单", "退还多扣的话费", "张三", "1"})
    write(kCustomer, text);
  before = provider_->received().size();
  write(kCustomer, "1");
  const auto confirmation = sent_to(kCustomer, before);
  const auto at = confirmation.find("编号T");
  ASSERT_NE(at, std::string::npos) << confirmation;
  const auto second = confirmation.substr(at + 6, 11);
  EXPECT_NE(second, first);
  EXPECT_EQ(ticket(second)["category"], "billing");
  EXPECT_EQ(ticket(first)["state"], "dispatched");
}

}  // namespace
}  // namespace ombud::test

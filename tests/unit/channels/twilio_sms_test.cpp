#include "channels/twilio/api.hpp"

#include <gtest/gtest.h>

namespace ombud::channels {
namespace {

core::InboundMessage text(std::string body, std::string opt_out_type = "") {
  core::InboundMessage m;
  m.text = std::move(body);
  m.opt_out_type = std::move(opt_out_type);
  return m;
}

TEST(TwilioSms, ParsesAnInboundWebhook) {
  const FormParams params{{"MessageSid", "SM1"},
                          {"From", "+8613800138000"},
                          {"To", "+8610086000"},
                          {"Body", "宽带没网"},
                          {"AccountSid", "AC1"}};
  auto m = parse_twilio_inbound("main", params, 42);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->channel, "twilio");
  EXPECT_EQ(m->account, "main");
  EXPECT_EQ(m->provider_id, "SM1");
  EXPECT_EQ(m->from, "+8613800138000");
  EXPECT_EQ(m->to, "+8610086000");
  EXPECT_EQ(m->text, "宽带没网");
  EXPECT_EQ(m->received_ms, 42);
  EXPECT_EQ(m->customer_key(), "twilio:main:+8613800138000");
}

TEST(TwilioSms, InboundWithoutMessageSidOrFromIsMalformed) {
  EXPECT_FALSE(parse_twilio_inbound("main", {{"From", "+1"}, {"Body", "x"}}, 0));
  EXPECT_FALSE(parse_twilio_inbound("main", {{"MessageSid", "SM1"}, {"Body", "x"}}, 0));
}

TEST(TwilioSms, OptKeywordsFollowTwilioDefaults) {
  EXPECT_EQ(opt_keyword(text("STOP")), OptKeyword::stop);
  EXPECT_EQ(opt_keyword(text("  unsubscribe \n")), OptKeyword::stop);
  EXPECT_EQ(opt_keyword(text("Quit")), OptKeyword::stop);
  EXPECT_EQ(opt_keyword(text("start")), OptKeyword::start);
  EXPECT_EQ(opt_keyword(text("UNSTOP")), OptKeyword::start);
  EXPECT_EQ(opt_keyword(text("help")), OptKeyword::help);
  EXPECT_EQ(opt_keyword(text("please stop the noise")), OptKeyword::none);
  EXPECT_EQ(opt_keyword(text("yes")), OptKeyword::none);
  EXPECT_EQ(opt_keyword(text("停止")), OptKeyword::none);
  // "cancel" leaves a dialog; it does not unsubscribe (nor do REVOKE and OPTOUT on their own).
  EXPECT_EQ(opt_keyword(text("cancel")), OptKeyword::none);
  EXPECT_EQ(opt_keyword(text("CANCEL")), OptKeyword::none);
  EXPECT_EQ(opt_keyword(text("revoke")), OptKeyword::none);
  // The Chinese carriers' convention.
  EXPECT_EQ(opt_keyword(text("退订")), OptKeyword::stop);
  EXPECT_EQ(opt_keyword(text(" td ")), OptKeyword::stop);
  // Words from configuration replace the defaults.
  OptWords words{{"STOP", "取消订阅"}, {"START"}};
  EXPECT_EQ(opt_keyword(text("取消订阅"), words), OptKeyword::stop);
  EXPECT_EQ(opt_keyword(text("TD"), words), OptKeyword::none);
  // The provider's OptOutType wins over the text.
  EXPECT_EQ(opt_keyword(text("arrêt", "STOP")), OptKeyword::stop);
}

TEST(TwilioSms, StatusCallbacksMapToOurStatuses) {
  auto delivered = parse_twilio_status({{"MessageSid", "SM9"}, {"MessageStatus", "delivered"}});
  ASSERT_TRUE(delivered);
  EXPECT_EQ(delivered->provider_id, "SM9");
  EXPECT_EQ(delivered->status, core::DeliveryStatus::delivered);
  auto failed = parse_twilio_status(
      {{"MessageSid", "SM9"}, {"MessageStatus", "undelivered"}, {"ErrorCode", "30003"}});
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->status, core::DeliveryStatus::undelivered);
  EXPECT_EQ(failed->error_code, "30003");
  auto queued = parse_twilio_status({{"MessageSid", "SM9"}, {"MessageStatus", "queued"}});
  ASSERT_TRUE(queued);
  EXPECT_FALSE(queued->status);
  EXPECT_FALSE(parse_twilio_status({{"MessageStatus", "sent"}}));
}

TEST(TwilioSms, SendRequestIsTheMessagesApiForm) {
  TwilioAccount a{"main", "AC123", "secret", "+8610086000", "", "http://127.0.0.1:9"};
  core::OutboundMessage m{"id1", "twilio", "main", "+8613800138000", "您好 hello"};
  auto req = twilio_send_request(a, m, "https://ombud.test/webhooks/twilio/main/status");
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.url, "http://127.0.0.1:9/2010-04-01/Accounts/AC123/Messages.json");
  auto form = parse_form(req.body);
  ASSERT_TRUE(form);
  EXPECT_EQ(form_value(*form, "To"), "+8613800138000");
  EXPECT_EQ(form_value(*form, "From"), "+8610086000");
  EXPECT_EQ(form_value(*form, "Body"), "您好 hello");
  EXPECT_EQ(form_value(*form, "StatusCallback"), "https://ombud.test/webhooks/twilio/main/status");
  bool auth = false;
  for (const auto& [k, v] : req.headers)
    if (k == "Authorization") auth = v == "Basic QUMxMjM6c2VjcmV0";  // AC123:secret
  EXPECT_TRUE(auth);
}

TEST(TwilioSms, ResponsesAreClassified) {
  auto ok = interpret_twilio_response({201, R"({"sid":"SMabc","status":"queued"})"});
  EXPECT_EQ(ok.kind, SendResult::Kind::accepted);
  EXPECT_EQ(ok.provider_id, "SMabc");
  auto unsubscribed = interpret_twilio_response(
      {400,
       R"({"code": 21610, "message": "Attempt to send to unsubscribed recipient", "status": 400})"});
  EXPECT_EQ(unsubscribed.kind, SendResult::Kind::permanent);
  EXPECT_NE(unsubscribed.error.find("21610"), std::string::npos);
  EXPECT_EQ(interpret_twilio_response({429, R"({"code":20429})"}).kind,
            SendResult::Kind::transient);
  EXPECT_EQ(interpret_twilio_response({500, "oops"}).kind, SendResult::Kind::transient);
  EXPECT_EQ(interpret_twilio_response({503, ""}).kind, SendResult::Kind::transient);
  EXPECT_EQ(interpret_twilio_response({401, "{}"}).kind, SendResult::Kind::permanent);
  // Any 2xx is success, with or without a sid the provider could be asked about.
  auto no_sid = interpret_twilio_response({200, "<html>ok</html>"});
  EXPECT_EQ(no_sid.kind, SendResult::Kind::accepted);
  EXPECT_EQ(no_sid.provider_id, "");
  EXPECT_EQ(interpret_twilio_response({202, R"({"sid":"SM\nforged"})"}).provider_id, "");
}

TEST(TwilioSms, TheLookupListsOurMessagesToTheRecipient) {
  TwilioAccount a{"main", "AC123", "secret", "+8610086000", "", "http://127.0.0.1:9"};
  core::OutboundMessage m{"id1", "twilio", "main", "+8613800138000", "您好"};
  auto req = twilio_lookup_request(a, m);
  EXPECT_EQ(req.method, "GET");
  EXPECT_EQ(req.url,
            "http://127.0.0.1:9/2010-04-01/Accounts/AC123/Messages.json?"
            "To=%2B8613800138000&PageSize=50&From=%2B8610086000");
  auto listed = parse_twilio_message_list(
      {200, R"({"messages":[{"sid":"SM1","to":"+8613800138000","body":"您好","date_created":)"
            R"("Mon, 30 Nov 2026 02:47:30 +0000","price":null}],"next_page_uri":null})"});
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].sid, "SM1");
  EXPECT_EQ((*listed)[0].body, "您好");
  EXPECT_EQ((*listed)[0].created_ms, 1796006850000);
  EXPECT_FALSE(parse_twilio_message_list({200, "not json"}));
  EXPECT_FALSE(parse_twilio_message_list({500, R"({"messages":[]})"}));
}

TEST(TwilioSms, InboundIdentifiersMustHaveTheirShape) {
  using namespace std::string_literals;
  const FormParams good{{"MessageSid", "SM2003cbd5e6a3701999aa3e5f20ff2787"},
                        {"From", "+8613800138000"},
                        {"To", "+8610086000"},
                        {"Body", "hi"}};
  EXPECT_TRUE(parse_twilio_inbound("main", good, 0));
  auto with = [&](const char* name, std::string value) {
    FormParams p = good;
    for (auto& [k, v] : p)
      if (k == name) v = std::move(value);
    return parse_twilio_inbound("main", p, 0);
  };
  EXPECT_FALSE(with("From", "+8613800138000\0x"s));
  EXPECT_FALSE(with("From", "hello world"));
  EXPECT_FALSE(with("MessageSid", "SM1\nforged"));
  EXPECT_FALSE(with("MessageSid", std::string(35, 'S')));
  EXPECT_FALSE(with("To", "+86\r\n"));
  auto repaired = with("Body", "a\xff");
  ASSERT_TRUE(repaired);
  EXPECT_EQ(repaired->text, "a\xef\xbf\xbd");
  EXPECT_EQ(repaired->raw_text, "a\xff");
}

}  // namespace
}  // namespace ombud::channels

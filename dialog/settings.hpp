#pragma once
// Everything the intake engine is configured with: flows, commands, keywords, FAQ, texts.

#include "dialog/flow.hpp"
#include "core/language.hpp"
#include "core/sms.hpp"

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace ombud::dialog {

/// Global commands, understood at any step. Each is a list of synonyms in both languages,
/// matched against the whole message (case- and width-insensitively).
struct Commands {
  std::vector<std::string> cancel{"取消", "cancel"};
  std::vector<std::string> back{"返回", "上一步", "back"};
  std::vector<std::string> restart{"重新开始", "重来", "restart", "start over"};
  std::vector<std::string> human{"人工", "转人工", "人工服务", "我要转人工", "我要人工", "找人工",
                                 "human", "agent", "person"};
  std::vector<std::string> help{"帮助", "help", "?", "？"};
  std::vector<std::string> status{"查询", "status"};  ///< followed by a ticket number
  std::vector<std::string> english{"english", "英文"};
  std::vector<std::string> chinese{"中文", "chinese"};
  std::vector<std::string> skip{"跳过", "无", "skip", "none"};
  /// The answer to the name question that asks for anonymity (匿名): the department is not
  /// given the name or the number. Skipping the name is not anonymity.
  std::vector<std::string> anonymous{"匿名", "不留名", "anonymous", "anon"};
};

/// Keywords that let a first message pre-fill the dialog.
struct Classifier {
  std::vector<std::string> complaint_words;
  std::vector<std::string> consultation_words;
  std::vector<std::string> suggestion_words;
  std::map<std::string, std::vector<std::string>> categories;  ///< category value → keywords
  std::string category_slot = "category";
  std::string description_slot = "description";
};

struct FaqEntry {
  std::vector<std::string> keywords;
  LocalizedText answer;
};

/// The engine's own sentences. Placeholders: {ticket}, {min}, {max}, {items}, {state},
/// {department}, {due}, {updated}, {example} (a ticket number of this organisation's shape).
struct Texts {
  LocalizedText invalid_choice{"抱歉，没有看懂您的选择。请回复选项前的数字。",
                               "Sorry, I did not understand. Please reply with the number of an "
                               "option."};
  LocalizedText invalid_text{"请用{min}到{max}个字说明。",
                             "Please write {min} to {max} characters."};
  LocalizedText ask_phone{"请回复您的联系电话，处理人员将通过此号码与您联系。",
                          "Please reply with a phone number where we can reach you."};
  LocalizedText invalid_phone{"请回复有效的手机号码，例如13800138000。",
                              "Please reply with a valid phone number, e.g. +8613800138000."};
  LocalizedText invalid_yes_no{"请回复1（是）或2（否）。", "Please reply 1 (yes) or 2 (no)."};
  LocalizedText optional_hint{"（可回复“跳过”）", " (reply \"skip\" to leave it out)"};
  LocalizedText offer_human{"多次未能识别您的回复。回复“人工”可转人工服务。",
                            "I still could not understand. Reply \"human\" to talk to a person."};
  LocalizedText resume_question{"您有一个未完成的服务请求。回复1继续，回复2重新开始。",
                                "You have an unfinished request. Reply 1 to continue or 2 to "
                                "start over."};
  LocalizedText resumed{"好的，我们继续。", "OK, let us continue."};
  LocalizedText noted{"非常抱歉给您带来不便，您反映的情况我们已经记下。",
                      "We are sorry for the trouble and have noted what you told us."};
  LocalizedText cancelled{"已取消。如需帮助，欢迎随时给我们发消息。",
                          "Cancelled. Write to us any time you need help."};
  LocalizedText handoff{"已为您转接人工服务（编号{ticket}），{when}。如需离开，请回复“取消”。",
                        "We are passing you to a member of staff (reference {ticket}); {when}. "
                        "Reply \"cancel\" to leave."};
  LocalizedText waiting{"您已在人工服务队列中，客服人员会尽快回复您，请耐心等待。",
                        "You are in the queue for a member of staff, who will reply shortly. "
                        "Thank you for waiting."};
  LocalizedText help{
      "回复数字选择选项。随时可发送：返回（上一步）、重新开始、取消、人工、查询+编号、English。",
      "Reply with a number to choose. Any time: back, restart, cancel, human, "
      "status + number, 中文."};
  LocalizedText no_back{"已经是第一步了。", "This is the first step."};
  LocalizedText change_which{"请回复要修改的项目编号：\n{items}",
                             "Reply with the number of the item to change:\n{items}"};
  LocalizedText ticket_created{
      "您的投诉已受理，编号{ticket}。我们已转交责任部门处理，将于{due}前答复您；发送“查询 "
      "{ticket}”可查看进度。感谢您的耐心。",
      "Your complaint is registered as {ticket}. The responsible department will answer you by "
      "{due}; send \"status {ticket}\" to see how it stands. Thank you for your patience."};
  LocalizedText anonymous_recorded{
      "您的匿名投诉已受理，编号{ticket}。处理部门看不到您的姓名和电话；处理结果将于{due}前通过本号码告知您。",
      "Your anonymous complaint is registered as {ticket}. The department will not see your name "
      "or number; you will have the result at this number by {due}."};
  LocalizedText anonymous_record_only{
      "您的匿名投诉已记录，编号{ticket}。由于您选择匿名且不留联系方式，我们不会再联系您。",
      "Your anonymous complaint is recorded as {ticket}. As you chose to stay anonymous, we will "
      "not contact you about it."};
  LocalizedText consultation_recorded{"您的咨询已记录，编号{ticket}，我们将在24小时内答复您。",
                                      "Your question is recorded as {ticket}; we will answer "
                                      "within 24 hours."};
  LocalizedText suggestion_recorded{
      "感谢您的建议，已记录，编号{ticket}。我们将在5个工作日内回复您。",
      "Thank you for your suggestion, recorded as {ticket}. We "
      "will reply within 5 working days."};
  LocalizedText status_found{
      "{ticket}：{state}；处理部门：{department}；答复期限：{due}；最近更新：{updated}。",
      "{ticket}: {state}; department: {department}; due: {due}; last "
      "update: {updated}."};
  LocalizedText status_not_found{"未找到编号为{ticket}的投诉，请核对编号。",
                                 "No complaint {ticket} was found. Please check the number."};
  LocalizedText status_usage{"请发送“查询”加编号，例如：查询 {example}",
                             "Send \"status\" and the number, e.g. status {example}"};
  LocalizedText yes{"是", "yes"};
  LocalizedText no{"否", "no"};
  LocalizedText empty_value{"（未填写）", "(none)"};
  LocalizedText anonymous_name{"匿名", "anonymous"};
};

struct Settings {
  FlowSet flows;
  std::string entry_flow = "menu";           ///< where a new conversation starts
  std::string complaint_flow = "complaint";  ///< where a complaint-like first message goes
  std::string consultation_flow = "consultation";
  std::string suggestion_flow = "suggestion";
  std::chrono::seconds idle_timeout{1800};
  std::chrono::seconds resume_after{300};  ///< a gap after which an off-topic answer asks
                                           ///< "continue or start over?"
  /// How long a customer's language is remembered after a conversation ends.
  std::chrono::seconds remember_language{90LL * 24 * 3600};
  int max_retries = 3;
  bool anonymous_record_only = false;  ///< false: an anonymous complaint is a ticket, flagged
  std::string name_slot = "name";
  std::string phone_slot = "phone";
  std::string ticket_prefix = "T";  ///< numbers look like prefix + YYMMDD + serial
  int ticket_serial_digits = 4;
  SmsLimits sms;
  Commands commands;
  Classifier classifier;
  std::vector<FaqEntry> faq;
  Texts texts;

  /// Problems with the references between settings and flows (entry flow missing, …).
  void validate(std::vector<std::string>& problems, const std::string& where) const;

 private:
  void check_prompt_lengths(std::vector<std::string>& problems) const;
};

}  // namespace ombud::dialog

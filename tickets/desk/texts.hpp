#pragma once
// Every sentence the ticket desk sends a person: staff (in their directory language), department
// heads and duty managers, and customers (in the language of their ticket). Each has a Chinese
// and an English default here and can be replaced under `tickets.texts` in the configuration.
// Placeholders in braces are filled in when the text is sent; an unknown one stays as written.
//
// The list is written once: the struct's members and the configuration keys both come from it.

#include "core/language.hpp"

#include <string_view>
#include <utility>

namespace ombud::tickets {

// X(name, Chinese default, English default)
#define OMBUD_DESK_TEXTS(X)                                                                       \
  /* --- to the responsible person and the department ---------------------------------- */    \
  X(dispatch_notice,                                                                             \
    "【投诉工单】{ticket}（{category}，{level}级）客户：{name}，电话{phone}。问题：{description}；"  \
    "{details}；诉求：{demand}。签收时限{sign_due}，答复时限{due}。回复“{ticket} 签收”签收，"  \
    "“{ticket} 回复 处理结果”答复，“{ticket} 转 部门 原因”转派。",                                    \
    "[Complaint] {ticket} ({category}, level {level}) Customer: {name}, phone {phone}. Problem: "  \
    "{description}; {details}; request: {demand}. Sign for by {sign_due}, "                        \
    "answer by {due}. Reply \"{ticket} sign\" to sign for, \"{ticket} reply <result>\" to "        \
    "answer, \"{ticket} transfer <department> <reason>\" to pass it on.")                          \
  X(cooperate_notice,                                                                            \
    "【协办工单】{ticket}（{category}）由{department}牵头处理，请贵部门协助。问题：{description}；"     \
    "诉求：{demand}。答复时限{due}。回复“{ticket} 签收”签收，“{ticket} 回复 协办结果”报告贵部门的协办结果。", \
    "[Assist] {ticket} ({category}) is led by {department}; your department is asked to help. "   \
    "Problem: {description}; request: {demand}. Answer due {due}. Reply \"{ticket} sign\" to "   \
    "sign for your part, \"{ticket} reply <your part>\" to report it.")                          \
  X(part_reported_notice, "【协办回复】{ticket}：{department}{name}：{text}",                     \
    "[Assist report] {ticket}: {department} ({name}): {text}")                                   \
  X(done_part_signed, "已签收协办：{ticket}。完成后请回复“{ticket} 回复 协办结果”，将转告牵头部门{department}。", \
    "Signed for your part of {ticket}. When it is done, reply \"{ticket} reply <your part>\"; "  \
    "{department}, which leads it, is told.")                                                     \
  X(done_part_reported, "已报告协办结果：{ticket}，已转告牵头部门{department}。",                   \
    "Your part of {ticket} is reported; {department}, which leads it, has been told.")           \
  X(part_usage, "未执行：贵部门协办{ticket}，可回复“{ticket} 签收”或“{ticket} 回复 协办结果”；答复客户由牵头部门{department}负责。", \
    "Not done: your department assists with {ticket}; reply \"{ticket} sign\" or \"{ticket} "  \
    "reply <your part>\". {department}, which leads it, answers the customer.")                  \
  X(transfer_notice,                                                                             \
    "【投诉工单】{ticket}由{from_department}转派至本部门，原因：{reason}。（{category}，{level}级）"   \
    "客户：{name}，电话{phone}。问题：{description}；诉求：{demand}。签收时限{sign_due}，答复时限"     \
    "{due}。回复“{ticket} 签收”签收。",                                                             \
    "[Complaint] {ticket} was passed to your department by {from_department}: {reason}. "         \
    "({category}, level {level}) Customer: {name}, phone {phone}. Problem: {description}; "        \
    "request: {demand}. Sign for by {sign_due}, answer by {due}. Reply \"{ticket} sign\" to "      \
    "sign for.")                                                                                 \
  X(customer_wrote, "【客户来信】{ticket}：{text}", "[Customer wrote] {ticket}: {text}")         \
  X(consultation_notice,                                                                         \
    "【咨询工单】{ticket}（{category}）客户：{name}，电话{phone}。咨询：{question}。请于{due}前回复“{ticket} 回复 答复内容”，答复将发给客户。", \
    "[Question] {ticket} ({category}) Customer: {name}, phone {phone}. Question: {question}. "   \
    "Answer by {due}: reply \"{ticket} reply <answer>\"; the answer goes to the customer.")       \
  X(suggestion_notice,                                                                           \
    "【客户建议】{ticket}（{category}）客户：{name}。建议：{suggestion}。请于{due}前决定：回复“{ticket} 采纳 说明”或“{ticket} 不采纳 原因”，结果将告知客户。", \
    "[Suggestion] {ticket} ({category}) Customer: {name}. Suggestion: {suggestion}. Decide by "   \
    "{due}: reply \"{ticket} adopt <note>\" or \"{ticket} not adopt <reason>\"; the customer is told.") \
  X(survey_dissatisfied_head,                                                                   \
    "【客户不满意】工单{ticket}（{department}）：客户对处理结果不满意：{text}。已退回{holder}重新核实处理，答复时限{due}。", \
    "[Customer not satisfied] {ticket} ({department}): the customer is not satisfied with the "  \
    "answer: {text}. It is back with {holder} to verify again; answer by {due}.")                \
  X(reopened_notice,                                                                             \
    "【重新处理】{ticket}：客户对处理结果不满意：{text}。请处理后回复“{ticket} 回复 处理结果”。",      \
    "[Reopened] {ticket}: the customer is not satisfied with the result: {text}. Reply "          \
    "\"{ticket} reply <result>\" when it is handled.")                                            \
  X(extension_request,                                                                           \
    "【延期申请】{ticket}（{department}）申请延期{days}天：{reason}。回复“{ticket} 批准”批准，"      \
    "“{ticket} 驳回 原因”驳回。",                                                                   \
    "[Extension] {ticket} ({department}) asks for {days} more days: {reason}. Reply \"{ticket} "  \
    "approve\" or \"{ticket} reject <reason>\".")                                                 \
  X(assign_request,                                                                              \
    "【改派申请】{ticket}（{department}）{by}申请改由{name}处理：{reason}。回复“{ticket} 批准”批准，"  \
    "“{ticket} 驳回 原因”驳回。",                                                                   \
    "[Change of handler] {ticket} ({department}): {by} asks for {name} to take it: {reason}. "    \
    "Reply \"{ticket} approve\" or \"{ticket} reject <reason>\".")                               \
  X(assign_rejected, "改派申请未获批准：{ticket}仍由您处理。{reason}",                             \
    "Change of handler not approved: {ticket} stays with you. {reason}")                         \
  X(extension_approved, "延期已批准：{ticket}，新的答复时限{due}。",                              \
    "Extension approved: {ticket}, now due {due}.")                                              \
  X(extension_rejected, "延期申请未获批准：{ticket}。{reason}",                                   \
    "Extension not approved: {ticket}. {reason}")                                                \
  X(sign_warning, "【预警】工单{ticket}将于{due}到达签收时限，请尽快签收。",                      \
    "[Reminder] {ticket} must be signed for by {due}.")                                          \
  X(reply_warning, "【预警】工单{ticket}将于{due}到达答复时限，请尽快答复。",                     \
    "[Reminder] {ticket} must be answered by {due}.")                                            \
  /* --- to the department head and the duty managers ---------------------------------- */    \
  X(sign_overdue, "【超时】工单{ticket}（{department}）已超过签收时限{due}，尚未签收，请督办。",  \
    "[Overdue] {ticket} ({department}) was not signed for by {due}. Please follow it up.")       \
  X(reply_overdue, "【超时】工单{ticket}（{department}）已超过答复时限{due}，尚未答复，请督办。", \
    "[Overdue] {ticket} ({department}) was not answered by {due}. Please follow it up.")         \
  X(major_complaint, "【重大投诉】{ticket}（{category}）：{reasons}。{summary}",                  \
    "[Major complaint] {ticket} ({category}): {reasons}. {summary}")                             \
  X(incident_alert,                                                                              \
    "【突发事件】{customers}位客户短时间内反映同一问题（{category}）：{summary}。工单：{tickets}",   \
    "[Incident] {customers} customers reported the same matter within a short time "             \
    "({category}): {summary}. Tickets: {tickets}")                                               \
  /* --- confirmations of staff commands ------------------------------------------------- */   \
  X(done_sign_for, "已签收：{ticket}。请于{due}前回复“{ticket} 回复 处理结果”。",                 \
    "Signed for: {ticket}. Answer by {due} with \"{ticket} reply <result>\".")                   \
  X(done_sign_for_console, "已签收：{ticket}。请于{due}前答复。", "Signed for: {ticket}. Answer by {due}.") \
  X(done_reply, "已回复：{ticket}，处理结果已告知客户。",                                          \
    "Answered: {ticket}; the customer has been told the result.")                                \
  X(done_reply_audit, "已回复：{ticket}，审核后告知客户。",                                        \
    "Answered: {ticket}; the customer is told after the desk's review.")                         \
  X(done_transfer, "已转派：{ticket} → {department}。", "Passed on: {ticket} → {department}.")   \
  X(done_extend, "已延期：{ticket}，新的答复时限{due}，已告知客户。",                              \
    "Extended: {ticket}, now due {due}; the customer has been told.")                            \
  X(done_extension_requested, "已提交延期申请：{ticket}，待部门负责人批准。",                      \
    "Extension requested for {ticket}; waiting for the department head.")                        \
  X(done_reject, "已驳回延期申请：{ticket}。", "Extension rejected: {ticket}.")                   \
  X(done_reject_assign, "已驳回改派申请：{ticket}。", "Change of handler rejected: {ticket}.")      \
  X(done_assign_requested, "已提交改派申请：{ticket}改由{name}处理，待部门负责人批准。",            \
    "Asked for {ticket} to go to {name}; waiting for the department head.")                      \
  X(done_note, "已记录跟进：{ticket}。", "Follow-up noted: {ticket}.")                             \
  X(done_appointment, "已记录预约并告知客户：{ticket}。",                                          \
    "Appointment noted and the customer told: {ticket}.")                                        \
  X(done_audit_approved, "已审核通过：{ticket}，处理结果已告知客户。",                              \
    "Approved: {ticket}; the customer has been told the result.")                                \
  X(done_audit_returned, "已退回：{ticket}，已通知责任人重新答复。",                                \
    "Sent back: {ticket}; the responsible person has been asked to answer again.")               \
  X(done_close, "已结案：{ticket}（{classes}）。", "Closed: {ticket} ({classes}).")                \
  X(done_classify, "已分类归档：{ticket}（{classes}）。", "Classified: {ticket} ({classes}).")      \
  X(done_close_requested, "已申请结案：{ticket}，客服中心确认客户意见后分类结案。",                   \
    "Asked the desk to close {ticket}; the desk checks with the customer and closes it.")        \
  X(close_request_desk,                                                                          \
    "【结案申请】{ticket}（{department}）{by}申请结案。处理结果：{result}。请分类结案，例如回复“{ticket} 结案 {example}”。", \
    "[Close request] {ticket} ({department}): {by} asks to close it. Result: {result}. Close it " \
    "with its classes, e.g. reply \"{ticket} close {example}\".")                                \
  X(close_by_desk_only, "未执行：{ticket}由客服中心确认客户意见后结案，部门无需结案。",               \
    "Not done: the desk closes {ticket} after checking with the customer; nothing more is needed " \
    "from your department.")                                                                     \
  X(close_needs_class, "未结案：请注明{group}（{choices}），例如：{ticket} 结案 {example}",          \
    "Not closed: give the {group} ({choices}), e.g. \"{ticket} close {example}\".")              \
  X(close_unknown_class, "未结案：“{value}”不是{group}的选项，可选：{choices}。",                    \
    "Not closed: \"{value}\" is not a {group}; choose {choices}.")                                \
  X(close_needs_reason, "未结案：{value}须注明原因，例如：{ticket} 结案 {example} 原因",             \
    "Not closed: {value} needs a reason, e.g. \"{ticket} close {example} <reason>\".")           \
  X(legal_hold_desk,                                                                             \
    "【待决定受理】{ticket}（{category}）客户提到“{word}”：{description}。请决定：回复“{ticket} 受理”转交处理，" \
    "或“{ticket} 不予受理 序号 说明”（{reasons}）。",                                                \
    "[Decide] {ticket} ({category}): the customer mentions \"{word}\": {description}. Reply "    \
    "\"{ticket} accept\" to have it handled, or \"{ticket} decline <number> <note>\" ({reasons}).") \
  X(legal_notice,                                                                                \
    "【法律事项知会】{ticket}（{category}）客户提到“{word}”：{description}。客服中心将决定是否受理。", \
    "[Legal matter] {ticket} ({category}): the customer mentions \"{word}\": {description}. The " \
    "desk decides whether it is accepted.")                                                      \
  X(decide_overdue,                                                                              \
    "【待决定超时】{ticket}客户提到“{word}”，超过{hours}个工作小时仍未决定是否受理，请尽快决定。",      \
    "[Decision overdue] {ticket}: the customer mentions \"{word}\"; nobody has decided whether "  \
    "to accept it for {hours} working hours.")                                                   \
  X(declined_holder, "{ticket}已由客服中心决定不予受理（{reason}），您无需再处理。",                 \
    "The desk has decided not to accept {ticket} ({reason}); nothing more is needed from you.")  \
  X(done_decline, "已不予受理：{ticket}（{reason}），已告知客户。",                                  \
    "Not accepted: {ticket} ({reason}); the customer has been told.")                             \
  X(done_adopt, "已记录：{ticket}{verdict}，已告知客户。", "Noted: {ticket} {verdict}; the customer has been told.") \
  X(done_accept, "已受理：{ticket}，已转{department}处理。", "Accepted: {ticket}, now with {department}.") \
  X(decline_needs_reason, "未执行：请写明不予受理的原因（序号或名称）：{reasons}。例如：{ticket} 不予受理 1", \
    "Not done: give the reason (its number or name): {reasons}. E.g. \"{ticket} decline 1\".")  \
  X(acceptance_by_desk_only, "未执行：是否受理由客服中心决定。",                                     \
    "Not done: the desk decides whether a complaint is accepted.")                                \
  X(revisit_digest, "【今日回访】待回访{count}件：{items}。{more}回复“工单号 回访 满意 已解决 说明”或“工单号 回访 未接通”记录结果。", \
    "[Revisits today] {count} to call: {items}. {more}Reply \"<number> revisit satisfied solved "  \
    "<remarks>\" or \"<number> revisit no answer\" to record each.")                              \
  X(revisit_item, "{ticket} {name} {phone}（{category}，{late}{due}前{headquarters}）",          \
    "{ticket} {name} {phone} ({category}, {late}by {due}{headquarters})")                         \
  X(revisit_headquarters, "，总部亦回访", "; headquarters revisits too")                        \
  X(revisit_late, "已超时，", "overdue, ")                                                        \
  X(revisit_more, "另有{count}件见工作台。", "{count} more in the console. ")                    \
  X(revisit_overdue,                                                                             \
    "【回访超时】{ticket}（{category}）的处理结果已告知客户，回访时限{due}已过，请尽快回访。",        \
    "[Revisit overdue] {ticket} ({category}): the customer was told the result; the revisit was " \
    "due by {due}. Please call them.")                                                           \
  X(done_revisit, "已记录回访：{ticket}，客户{rating}。", "Revisit noted: {ticket}, the customer is {rating}.") \
  X(done_revisit_unreached, "已记录：{ticket}未接通（第{count}次），请稍后再回访。",                 \
    "Noted: {ticket} not reached (attempt {count}); please try again later.")                    \
  X(done_revisit_call_list, "已记录：{ticket}已{count}次未接通，已列入外呼表。",                    \
    "Noted: {ticket} not reached {count} times; it is on the outbound call list.")               \
  X(done_revisit_reopened, "已记录回访：{ticket}客户{rating}，已退回{department}重新核实处理。",   \
    "Revisit noted: {ticket}, the customer is {rating}; it is back with {department} to verify again.") \
  X(revisit_needs_rating, "未执行：请写明客户意见（满意/基本满意/不满意）或“未接通”，例如：{ticket} 回访 满意 已解决", \
    "Not done: give the customer's opinion (satisfied/basically/dissatisfied) or \"no answer\", " \
    "e.g. \"{ticket} revisit satisfied solved\".")                                               \
  X(no_revisit_due, "未执行：{ticket}没有待办的回访。", "Not done: {ticket} has no revisit to record.") \
  X(revisit_by_desk_only, "未执行：回访由客服中心办理。", "Not done: the desk makes the revisits.") \
  X(rating_satisfied, "满意", "satisfied")                                                       \
  X(rating_basically, "基本满意", "basically satisfied")                                         \
  X(rating_dissatisfied, "不满意", "dissatisfied")                                               \
  X(reopen_too_late,                                                                             \
    "未执行：{ticket}结案已超过{days}天，不能重新处理；客户如再投诉，将登记为重复投诉。",             \
    "Not done: {ticket} was closed more than {days} days ago and cannot be reopened; if the "     \
    "customer complains again, it is registered as a repeat complaint.")                        \
  X(done_merge, "已合并：{ticket}并入{original}，按{original}处理。",                              \
    "Merged: {ticket} is handled as {original}.")                                                 \
  X(done_follow_up, "已记录跟踪：{ticket}。", "Tracking record noted: {ticket}.")                    \
  X(done_assign, "已改派：{ticket}由{name}处理，已通知本人。", "Assigned: {ticket} to {name}, who has been told.") \
  X(assigned_notice,                                                                             \
    "【工单改派】{ticket}改由您处理。（{category}，{level}级）客户：{name}，电话{phone}。问题：{description}；" \
    "诉求：{demand}。答复时限{due}。回复“{ticket} 签收”签收。",                                        \
    "[Assigned] {ticket} is now yours. ({category}, level {level}) Customer: {name}, phone {phone}. " \
    "Problem: {description}; request: {demand}. Answer by {due}. Reply \"{ticket} sign\" to sign for it.") \
  X(assigned_away, "{ticket}已改由{name}处理，您无需再处理。", "{ticket} is now handled by {name}; nothing more is needed from you.") \
  X(merged_customer, "您的投诉{ticket}与{original}是同一问题，已合并处理，请以{original}查询进度。", \
    "Your complaint {ticket} is about the same matter as {original}; it is handled there: send "  \
    "\"status {original}\" to see how it stands.")                                               \
  X(done_reopen, "已重新处理：{ticket}，新的答复时限{due}。",                                       \
    "Reopened: {ticket}, now due {due}.")                                                        \
  X(audit_returned_notice,                                                                       \
    "【审核退回】{ticket}的答复未通过审核：{reason}。请处理后回复“{ticket} 回复 处理结果”。",          \
    "[Sent back] The answer to {ticket} was not approved: {reason}. Reply \"{ticket} reply "       \
    "<result>\" when it is handled.")                                                             \
  /* --- refusals of staff commands: what was wrong and how to write it ------------------- */  \
  X(unknown_command,                                                                             \
    "未执行：无法识别的指令。可发送：“工单号 签收”“工单号 回复 处理结果”“工单号 转 部门 原因”"    \
    "“工单号 延期 天数 原因”“工单号 改派 姓名 原因”“工单号 跟进 内容”“工单号 预约 时间”，例如：" \
    "{example} 签收",                                                                             \
    "Not done: the command was not understood. Send \"<number> sign\", \"<number> reply "         \
    "<result>\", \"<number> transfer <department> <reason>\", \"<number> extend <days> "           \
    "<reason>\", \"<number> assign <name> <reason>\", \"<number> note <text>\" or \"<number> "    \
    "appoint <time>\", e.g. {example} sign")                                                     \
  X(name_the_ticket, "未执行：您有多张待办工单（{tickets}），请写明工单号，例如：{example} 签收",   \
    "Not done: you have several open tickets ({tickets}); please name one, e.g. {example} sign")  \
  X(no_open_ticket, "未执行：您名下没有待办工单，请写明工单号，例如：{example} 签收",             \
    "Not done: you have no open ticket; please name one, e.g. {example} sign")                   \
  X(not_yours, "未执行：{ticket} 不存在或不属于{department}。",                                    \
    "Not done: {ticket} does not exist or is not {department}'s.")                               \
  X(no_such_department, "未执行：没有名为“{name}”的部门。可转派至：{departments}。",               \
    "Not done: there is no department called \"{name}\". You can pass it to: {departments}.")    \
  X(wrong_state, "未执行：{ticket}{state}，现在不能{action}。",                                    \
    "Not done: {ticket} is {state}; it cannot be {action} now.")                                 \
  X(sign_for_first, "未执行：{ticket}尚未签收，请先回复“{ticket} 签收”。",                        \
    "Not done: {ticket} is not signed for yet; reply \"{ticket} sign\" first.")                  \
  X(sign_for_first_console, "未执行：{ticket}尚未签收，请先签收。",                                  \
    "Not done: {ticket} is not signed for yet; sign for it first.")                              \
  X(needs_result, "未执行：请写明处理结果，例如：{ticket} 回复 已更换光猫，网络已恢复",            \
    "Not done: please write the result, e.g. {ticket} reply replaced the modem, working again")   \
  X(needs_reason, "未执行：请写明原因，例如：{ticket} 转 计费结算部 属于计费问题",                 \
    "Not done: please give the reason, e.g. {ticket} transfer billing it is a billing matter")    \
  X(needs_days, "未执行：请写明延期天数（1到30），例如：{ticket} 延期 3 设备待到货",               \
    "Not done: please give the number of days (1 to 30), e.g. {ticket} extend 3 waiting for parts") \
  X(same_department, "未执行：{ticket}已在{department}。", "Not done: {ticket} is already with {department}.") \
  X(request_waiting, "未执行：{ticket}已有申请（延期或改派）等待部门负责人批准。",               \
    "Not done: a request for {ticket} (an extension or a change of handler) is already waiting "  \
    "for the department head.")                                                                  \
  X(head_only, "未执行：只有部门负责人可以批准或驳回申请。",                                       \
    "Not done: only the department head approves or rejects a request.")                         \
  X(nothing_waiting, "未执行：{ticket}没有待批准的申请。",                                    \
    "Not done: nothing about {ticket} is waiting for approval.")                                 \
  X(not_holder, "未执行：{ticket}由{holder}负责，只有{who}可以{action}。",                        \
    "Not done: {ticket} is held by {holder}; only {who} may {action} it.")                       \
  X(who_holder, "负责人", "its holder")                                                          \
  X(who_holder_or_head, "负责人或部门负责人", "its holder or the department head")               \
  X(closed_ticket, "未执行：{ticket}已结案。", "Not done: {ticket} is closed.")                   \
  /* --- a customer asking for a person (转人工), until the agent console takes it over ---- */ \
  X(handoff_request,                                                                             \
    "【转人工】{ticket} 客户{name}（{phone}）请求人工服务。最近的消息：{recent}。回复“{ticket} 回复 "  \
    "内容”答复客户，“{ticket} 结束”结束人工服务。",                                                  \
    "[Person wanted] {ticket} Customer {name} ({phone}) asks for a person. Last messages: "       \
    "{recent}. Reply \"{ticket} reply <text>\" to answer them, \"{ticket} close\" to end it.")     \
  X(handoff_sent, "已发送给客户：{ticket}。", "Sent to the customer: {ticket}.")                 \
  X(handoff_category, "人工服务请求", "a request for a person")                                  \
  X(handoff_claimed, "已接待：{ticket}，客户的消息将转给您。", "Taken: {ticket}; the customer's messages come to you.") \
  X(handoff_taken, "未执行：{ticket}已由其他客服接待。", "Not done: someone else is answering {ticket}.") \
  X(handoff_closed_staff, "已结束人工服务：{ticket}。", "Ended: {ticket}.")                        \
  X(handoff_usage, "未执行：{ticket}是人工服务请求，请发送“{ticket} 回复 内容”或“{ticket} 结束”。",   \
    "Not done: {ticket} is a request for a person; send \"{ticket} reply <text>\" or "           \
    "\"{ticket} close\".")                                                                       \
  X(handoff_left, "【人工服务取消】{ticket}：客户已离开人工服务，无需再回复。",                     \
    "[Person no longer wanted] {ticket}: the customer left; no answer is needed.")               \
  X(handoff_reply_customer, "{text}（客服{name}）", "{text} ({name}, customer service)")         \
  X(handoff_closed_customer, "人工服务已结束，感谢您的耐心。如需其他帮助，请随时给我们发消息。",     \
    "Your conversation with our staff has ended. Thank you for your patience; write to us any "   \
    "time.")                                                                                     \
  X(handoff_registered_staff, "已登记为投诉并派至{department}：{ticket}。",                        \
    "Registered as a complaint and sent to {department}: {ticket}.")                             \
  X(handoff_no_department, "未执行：目录中没有受理“{category}”的部门。",                           \
    "Not done: no department of the directory takes \"{category}\".")                           \
  X(handoff_registered_customer,                                                                 \
    "您反映的问题已登记为投诉，编号{ticket}，由{department}处理，将于{due}前答复您。",              \
    "What you told us is registered as complaint {ticket}; {department} will answer you by "      \
    "{due}.")                                                                                    \
  X(handoff_soon, "客服人员会尽快通过短信回复您", "a member of staff will reply by text shortly") \
  X(handoff_later, "现在是非工作时间，客服人员将于{opens}起回复您",                               \
    "we are closed now; a member of staff will reply from {opens}")                              \
  /* --- to the customer, in the ticket's language --------------------------------------- */   \
  X(signed_for_customer, "您的投诉{ticket}已由{department}签收，正在处理中，将于{due}前答复您。",  \
    "Your complaint {ticket} has been taken up by {department}, who will answer by {due}.")      \
  X(result_customer, "您的投诉{ticket}处理结果：{result}。如仍未解决，请直接回复本短信。",         \
    "The result of your complaint {ticket}: {result}. If it is still not solved, just reply to "  \
    "this message.")                                                                             \
  X(passed_on_customer,                                                                          \
    "您的留言已转达处理投诉{ticket}的工作人员，我们会尽快回复您。如需提交新的问题，请回复“重新开始”。", \
    "Your message has been passed on to the staff handling complaint {ticket}. To raise "         \
    "something new, reply \"restart\".")                                                         \
  X(reopened_customer, "很抱歉问题仍未解决。您的投诉{ticket}已重新转交{department}，我们会尽快给您答复。", \
    "We are sorry it is not solved. Complaint {ticket} is back with {department}, who will "      \
    "answer soon.")                                                                              \
  X(transferred_customer, "您的投诉{ticket}已转由{department}处理，将于{due}前答复您。",           \
    "Your complaint {ticket} is now with {department}, who will answer by {due}.")               \
  X(extended_customer,                                                                           \
    "您的投诉{ticket}需要更多时间处理（{reason}），答复时间延至{due}。给您带来不便，敬请谅解。",     \
    "Your complaint {ticket} needs more time ({reason}); you will have an answer by {due}. We "   \
    "are sorry for the wait.")                                                                   \
  X(declined_customer, "您好，您的投诉{ticket}经核实不予受理，原因：{reason}。{where}",            \
    "Hello, your complaint {ticket} cannot be accepted: {reason}. {where}")                      \
  X(consultation_answer_customer, "您好，关于您的咨询{ticket}，答复如下：{result}。如还有疑问，请直接回复本短信。", \
    "Hello, about your question {ticket}: {result}. If anything is unclear, just reply to this message.") \
  X(suggestion_answer_customer, "您好，关于您的建议{ticket}，答复如下：{result}。感谢您的建议！",     \
    "Hello, about your suggestion {ticket}: {result}. Thank you for it.")                         \
  X(suggestion_adopted_customer, "感谢您的建议（{ticket}）！经研究，您的建议已被采纳。{reason}",      \
    "Thank you for your suggestion ({ticket})! It has been adopted. {reason}")                    \
  X(suggestion_not_adopted_customer, "感谢您的建议（{ticket}）！经研究，暂不采纳，原因：{reason}。我们会继续改进服务。", \
    "Thank you for your suggestion ({ticket}). We will not take it up for now: {reason}. We keep " \
    "working to improve.")                                                                        \
  X(registered_customer,                                                                         \
    "您好，您{via}反映的问题已登记，编号{ticket}，我们将于{due}前答复您；发送“查询 {ticket}”可查看进度。", \
    "Hello, what you told us {via} is registered as {ticket}; we will answer by {due}. Send "     \
    "\"status {ticket}\" to see how it stands.")                                                  \
  X(via_phone, "通过电话", "by phone")                                                           \
  X(via_visit, "来访时", "in person")                                                            \
  X(via_letter, "来信", "by letter")                                                             \
  X(appointment_customer, "关于您的投诉{ticket}，{department}与您约定：{text}。如需改约，请直接回复本短信。", \
    "About your complaint {ticket}, {department} has arranged: {text}. To change it, just reply " \
    "to this message.")                                                                          \
  X(incident_known, "您反映的问题我们已经知悉，相关部门正在紧急处理，处理进展将及时通知您。",     \
    "We already know of this problem and the department is working on it urgently; we will "      \
    "keep you informed.")                                                                        \
  X(thanks_customer, "不客气，感谢您的反馈！如有其他问题，欢迎随时联系我们。",                     \
    "You are welcome, and thank you for your feedback. Write to us any time.")                   \
  X(survey_question,                                                                             \
    "您好，您的投诉{ticket}已有处理结果：{result}。请您评价：回复1满意，2基本满意，3不满意；也可以直接告诉我们您的意见。", \
    "Hello, your complaint {ticket} has been answered: {result}. How satisfied are you? Reply 1 " \
    "satisfied, 2 basically satisfied, 3 dissatisfied, or just tell us what you think.")         \
  X(survey_reminder,                                                                             \
    "您好，您还没有评价投诉{ticket}的处理结果。回复1满意，2基本满意，3不满意。",                 \
    "Hello, you have not yet told us what you think of the answer to complaint {ticket}. Reply " \
    "1 satisfied, 2 basically satisfied, 3 dissatisfied.")                                       \
  X(survey_thanks, "感谢您的评价！如有其他问题，欢迎随时联系我们。",                               \
    "Thank you for your answer. Write to us any time.")                                          \
  /* --- words inside the texts above ------------------------------------------------------ */ \
  X(not_given, "未填写", "not given")                                                            \
  X(no_name, "未留姓名", "no name given")                                                        \
  X(anonymous, "匿名（客户要求不透露身份）", "anonymous (the customer asked not to be named)")     \
  X(hidden_phone, "匿名，请通过客服中心联系", "anonymous; contact them through the desk")         \
  X(reason_keyword, "{reason}（{keyword}）", "{reason} ({keyword})")                              \
  X(reason_departments, "{count}个部门协同处理", "{count} departments involved")                  \
  X(reason_similar, "本月{count}位客户反映同一问题", "{count} customers with the same matter this month") \
  X(reason_collective, "{count}户集体投诉", "a collective complaint of {count} customers")        \
  X(reason_repeat, "重复投诉", "a repeat complaint")                                             \
  X(reason_unresolved_month, "超过一个月未解决", "unresolved after a month")                     \
  X(reason_unresolved_half_month, "超过半个月未解决", "unresolved after half a month")            \
  X(state_registered, "待分派", "waiting to be dispatched")                                      \
  X(state_dispatched, "待签收", "waiting to be signed for")                                      \
  X(state_signed_for, "已签收，处理中", "signed for")                                              \
  X(state_replied, "已答复，待审核", "answered and under review")                                \
  X(state_audited, "已审核", "reviewed")                                                         \
  X(state_result_sent, "已将处理结果告知客户", "answered to the customer")                        \
  X(state_closed, "已结案", "closed")                                                            \
  X(action_sign_for, "签收", "signed for")                                                       \
  X(action_reply, "回复", "answered")                                                            \
  X(action_transfer, "转派", "passed on")                                                        \
  X(action_extend, "延期", "extended")                                                           \
  X(action_note, "记录跟进", "noted")                                                            \
  X(action_appoint, "预约", "given an appointment")                                              \
  X(action_approve, "批准申请", "approved")                                                      \
  X(action_reject, "驳回申请", "rejected")                                                       \
  X(action_audit, "审核", "reviewed")                                                            \
  X(action_close, "结案", "closed")                                                              \
  X(action_classify, "分类归档", "classified")                                                   \
  X(action_revisit, "回访", "revisited")                                                        \
  X(action_adopt, "采纳", "decided")                                                             \
  X(verdict_adopted, "已采纳", "adopted")                                                        \
  X(verdict_not_adopted, "不采纳", "not adopted")                                                \
  X(action_accept, "受理", "accepted")                                                           \
  X(action_decline, "不予受理", "declined")                                                      \
  X(action_reopen, "重新处理", "reopened")                                                        \
  X(action_merge, "合并", "merged")                                                              \
  X(action_assign, "改派", "assigned")                                                           \
  X(no_such_person, "未执行：{department}没有“{name}”。可改派给：{staff}。",                        \
    "Not done: {department} has nobody called \"{name}\". You can assign it to: {staff}.")      \
  X(assign_same_person, "未执行：{ticket}已由此人处理。", "Not done: {ticket} is with that person already.") \
  X(action_follow_up, "记录跟踪", "followed up")                                                 \
  X(merge_needs_other, "未执行：请写明要并入的另一张工单，不能并入{ticket}自身。",                   \
    "Not done: name another ticket to merge {ticket} into, not itself.")                         \
  X(no_audit, "未执行：本中心未开启答复审核，答复已直接告知客户。",                                   \
    "Not done: this desk does not review answers; they reach the customer directly.")

struct DeskTexts {
#define OMBUD_DESK_TEXT_MEMBER(name, zh, en) core::LocalizedText name{zh, en};
  OMBUD_DESK_TEXTS(OMBUD_DESK_TEXT_MEMBER)
#undef OMBUD_DESK_TEXT_MEMBER
};

/// The configuration keys (tickets.texts.<name>) and the members they set.
inline constexpr std::pair<std::string_view, core::LocalizedText DeskTexts::*> kDeskTextKeys[] = {
#define OMBUD_DESK_TEXT_KEY(name, zh, en) {#name, &DeskTexts::name},
    OMBUD_DESK_TEXTS(OMBUD_DESK_TEXT_KEY)
#undef OMBUD_DESK_TEXT_KEY
};

}  // namespace ombud::tickets

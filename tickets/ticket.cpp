#include "tickets/ticket.hpp"

#include "core/text.hpp"
#include "tickets/typed_ticket.hpp"
#include "tickets/vocabulary.hpp"

#include <unicode/calendar.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <memory>

namespace ombud::tickets {
namespace {

std::string format(std::int64_t unix_ms, const std::string& timezone, const char* pattern) {
  UErrorCode status = U_ZERO_ERROR;
  icu::SimpleDateFormat fmt(icu::UnicodeString(pattern), icu::Locale::getRoot(), status);
  if (U_FAILURE(status)) return {};
  fmt.adoptTimeZone(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(timezone)));
  icu::UnicodeString out;
  fmt.format(static_cast<UDate>(unix_ms), out);
  std::string s;
  out.toUTF8String(s);
  return s;
}


}  // namespace

std::string date_code(std::int64_t unix_ms, const std::string& timezone) {
  return format(unix_ms, timezone, "yyMMdd");
}

std::string local_time(std::int64_t unix_ms, const std::string& timezone) {
  return format(unix_ms, timezone, "yyyy-MM-dd HH:mm");
}

NewTicket new_ticket(const TicketInput& in, std::int64_t now_ms, const std::string& timezone) {
  NewTicket t;
  t.date_code = date_code(now_ms, timezone);
  t.owner = contact_key(in.channel, in.account, in.address);
  t.open = !in.record_only;
  const auto now = std::to_string(now_ms);
  t.fields = {{"type", in.type},
              {"state", in.record_only ? std::string(kRecordedState) : std::string(to_string(WorkState::registered))},
              {"category", in.category},
              {"channel", in.channel},
              {"account", in.account},
              {"address", in.address},
              {"phone", in.phone},
              {"name", in.name},
              {"anonymous", in.anonymous ? "1" : "0"},
              {"record_only", in.record_only ? "1" : "0"},
              {"language", in.language},
              {"created_ms", now},
              {"updated_ms", now},
              {"slots", in.slots_json},
              {"transcript", in.transcript_json},
              {"source", in.source}};
  if (in.type == "consultation")
    t.fields.emplace_back("due_ms", std::to_string(now_ms + kConsultationDueMs));
  return t;
}

std::string version_of(const TicketFields& ticket) {
  auto it = ticket.find("version");
  return it == ticket.end() || it->second.empty() ? std::string("0") : it->second;
}

std::string contact_key(std::string_view channel, std::string_view account,
                        std::string_view address) {
  std::string key;
  key.reserve(channel.size() + account.size() + address.size() + 2);
  key.append(channel).append("/").append(account).append("/").append(address);
  return key;
}

std::map<std::string, std::string> status_view(const Ticket& t, std::string_view language,
                                               const std::string& timezone) {
  const bool zh = language != "en";
  static const std::map<std::string, std::pair<const char*, const char*>> kStates{
      {"registered", {"已登记，待处理", "registered, awaiting handling"}},
      {"recorded", {"已记录", "recorded"}},
      {"dispatched", {"已派发至责任部门", "sent to the responsible department"}},
      {"signed_for", {"责任部门已签收，处理中", "being handled by the department"}},
      {"replied", {"部门已答复，审核中", "answered by the department, under review"}},
      {"audited", {"已审核", "reviewed"}},
      {"result_sent", {"处理结果已告知", "result sent to you"}},
      {"closed", {"已办结", "closed"}},
      {"waiting", {"等待人工服务", "waiting for a member of staff"}},
      {"answering", {"人工服务中", "with a member of staff"}}};
  std::map<std::string, std::string> out;
  const auto state = t.state();
  auto it = kStates.find(state);
  out["state"] = it == kStates.end() ? state : (zh ? it->second.first : it->second.second);
  auto department = zh ? t.department_name : t.department_name_en;
  if (department.empty()) department = t.department_name;
  if (department.empty()) department = t.order.department;
  out["department"] = !department.empty() ? department : (zh ? "待分派" : "not yet assigned");
  out["due"] = t.due_ms != 0 ? local_time(t.due_ms, timezone) : (zh ? "待定" : "to be set");
  out["updated"] = t.updated_ms != 0 ? local_time(t.updated_ms, timezone) : "";
  return out;
}

}  // namespace ombud::tickets

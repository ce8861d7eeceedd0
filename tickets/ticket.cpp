#include "tickets/ticket.hpp"

#include "core/text.hpp"
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

std::string field(const TicketFields& t, const std::string& name) {
  auto it = t.find(name);
  return it == t.end() ? std::string() : it->second;
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

std::string owner_of(const TicketFields& ticket) {
  auto owner = field(ticket, "owner");
  if (!owner.empty()) return owner;
  return contact_key(field(ticket, "channel"), field(ticket, "account"), field(ticket, "address"));
}

bool owned_by(const TicketFields& ticket, std::string_view channel, std::string_view account,
              std::string_view address) {
  if (address.empty()) return false;
  return field(ticket, "channel") == channel && field(ticket, "account") == account &&
         field(ticket, "address") == address;
}

std::map<std::string, std::string> status_view(const TicketFields& t, std::string_view language,
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
  const auto state = field(t, "state");
  auto it = kStates.find(state);
  out["state"] = it == kStates.end() ? state : (zh ? it->second.first : it->second.second);
  auto department = field(t, zh ? "department_name" : "department_name_en");
  if (department.empty()) department = field(t, "department_name");
  if (department.empty()) department = field(t, "department");
  out["department"] = !department.empty() ? department : (zh ? "待分派" : "not yet assigned");
  const auto due = field(t, "due_ms");
  out["due"] = !due.empty() ? local_time(core::to_int64(due), timezone) : (zh ? "待定" : "to be set");
  const auto updated = field(t, "updated_ms");
  out["updated"] = !updated.empty() ? local_time(core::to_int64(updated), timezone) : "";
  return out;
}

}  // namespace ombud::tickets

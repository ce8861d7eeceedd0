#include "gateway/ticket_desk.hpp"

#include "dialog/text.hpp"
#include "store/text_hash.hpp"
#include "tickets/fingerprint.hpp"
#include "tickets/grading.hpp"
#include "tickets/work_order.hpp"

#include <algorithm>
#include <set>

#include <boost/json.hpp>

namespace ombud::gateway {

using tickets::TicketFields;

namespace {

std::string field(const TicketFields& t, const char* name) {
  auto it = t.find(name);
  return it == t.end() ? std::string() : it->second;
}

// Replaces (or adds) `name` in a list of fields.
void put(std::vector<std::pair<std::string, std::string>>& fields, const std::string& name,
         std::string value) {
  for (auto& [k, v] : fields)
    if (k == name) {
      v = std::move(value);
      return;
    }
  fields.emplace_back(name, std::move(value));
}

std::string summary_of(const std::vector<std::pair<std::string, std::string>>& fields) {
  for (const auto& [k, v] : fields)
    if (k == "slots") {
      boost::system::error_code ec;
      auto slots = boost::json::parse(v, ec);
      if (!ec && slots.is_object())
        if (auto* d = slots.as_object().if_contains("description"); d && d->is_string()) {
          return store::quoted(std::string_view(d->as_string()), 90);
        }
    }
  return {};
}

}  // namespace

TicketDesk::TicketDesk(const Config& config, store::Keys keys)
    : config_(config), keys_(std::move(keys)) {}

std::string TicketDesk::open_key(std::string_view phone) const {
  return keys_.staff_open(phone);
}

void TicketDesk::dispatch(const tickets::Directory& directory, const store::InboxEntry& entry,
                          store::TicketWrite& ticket, store::InboxEffects& effects,
                          std::vector<Notice>& notices) const {
  std::string category, label;
  for (const auto& [k, v] : ticket.fields) {
    if (k == "category") category = v;
    if (k == "category_label") label = v;
  }
  const auto summary = summary_of(ticket.fields);
  const auto route = directory.route(category, summary);
  if (route.lead == nullptr) return;
  const auto* person = route.lead->with_role("responsible");
  const auto now = entry.message.received_ms;
  const auto& rules = config_.tickets;

  tickets::WorkOrder order{"{ticket}"};
  order.timeline.push_back({now, entry.message.from, "sms", "registered", ""});
  auto applied = tickets::apply(
      order, tickets::Dispatch{route.lead->id, person ? person->phone : "", route.cooperating},
      {"system", "system"}, now);
  if (!applied) return;
  for (auto& [k, v] : tickets::work_order_fields(*applied.order)) put(ticket.fields, k, v);
  // A first grade from what the customer wrote and how many departments are involved (the
  // analysis refines it with repeats and other customers); a severe complaint can have
  // shorter limits.
  const auto first_grade = tickets::grade(
      {summary, 1 + static_cast<int>(route.cooperating.size()), 0, 0, 0, false}, rules.grading);
  int reply_days = route.cooperating.empty() ? rules.reply_days : rules.multi_department_reply_days;
  if (auto it = rules.reply_days_by_level.find(first_grade.level);
      it != rules.reply_days_by_level.end())
    reply_days = std::min(reply_days, it->second);
  const auto sign_due = rules.calendar.add_working_minutes(now, rules.sign_for_hours * 60LL);
  const auto reply_due = rules.calendar.add_working_days(now, reply_days);
  put(ticket.fields, "level", std::to_string(first_grade.level));
  put(ticket.fields, "department_name", route.lead->name);
  put(ticket.fields, "sign_due_ms", std::to_string(sign_due));
  put(ticket.fields, "due_ms", std::to_string(reply_due));

  // The SLA watch: a warning at 80% of each limit, then the limit itself.
  const auto sla = keys_.sla();
  auto warn_at = [now](std::int64_t due) { return now + (due - now) * 8 / 10; };
  effects.zadd.push_back({sla, warn_at(sign_due), "{ticket}|sign_warn"});
  effects.zadd.push_back({sla, sign_due, "{ticket}|sign_due"});
  effects.zadd.push_back({sla, warn_at(reply_due), "{ticket}|reply_warn"});
  effects.zadd.push_back({sla, reply_due, "{ticket}|reply_due"});
  // Grades depend on age: unresolved after half a month is level 2, after a month level 1.
  effects.zadd.push_back({sla, now + rules.grading.unresolved_level2_ms, "{ticket}|regrade_half"});
  effects.zadd.push_back({sla, now + rules.grading.unresolved_level1_ms, "{ticket}|regrade_month"});
  if (person == nullptr) return;
  effects.zadd.push_back({open_key(person->phone), now, "{ticket}"});
  notices.push_back(
      {person->phone, "【投诉工单】{ticket} 类别：" + (label.empty() ? category : label) +
                          "；等级：" + std::to_string(first_grade.level) + "级；" + summary +
                          "；客户" + store::masked(entry.message.from) + "。签收时限" +
                          tickets::local_time(sign_due, config_.timezone) + "，答复时限" +
                          tickets::local_time(reply_due, config_.timezone) +
                          "。回复“{ticket} 签收”签收，“{ticket} 回复 "
                          "处理结果”答复，“{ticket} 转 部门 原因”转派。"});
}

std::string TicketDesk::named_ticket(std::string_view text) {
  auto parsed = tickets::parse_staff_command(text);
  return parsed ? parsed->number : std::string();
}

void TicketDesk::staff_message(const tickets::Directory& directory, const store::InboxEntry& entry,
                               const std::optional<TicketFields>& ticket,
                               const std::vector<std::string>& open_tickets,
                               store::InboxEffects& effects, std::vector<Notice>& notices) const {
  const auto& from = entry.message.from;
  auto refuse = [&](std::string why) { notices.push_back({from, "未执行：" + why}); };
  auto parsed = tickets::parse_staff_command(entry.message.text);
  if (!parsed)
    return refuse(
        "无法识别的指令。格式：“工单号 签收”“工单号 回复 处理结果”“工单号 转 部门 原因”"
        "“工单号 延期 天数 原因”“工单号 跟进 内容”。");
  if (parsed->number.empty() && open_tickets.size() != 1)
    return refuse(open_tickets.empty() ? "您名下没有待办工单，请写明工单号。"
                                       : "您有多张待办工单，请写明工单号。");
  const auto number = parsed->number.empty() ? open_tickets.front() : parsed->number;
  auto [department, member] = directory.staff(from);
  if (!ticket || department == nullptr || field(*ticket, "department") != department->id)
    return refuse(number + " 不存在或不属于" + (department ? department->name : "您的部门") + "。");

  auto order = tickets::work_order_from(*ticket);
  order.number = number;
  auto command = parsed->command;
  const tickets::Department* target = nullptr;
  if (auto* t = std::get_if<tickets::Transfer>(&command)) {
    for (const auto& d : directory.departments)
      if (d.id == t->department || d.name == t->department) target = &d;
    if (target == nullptr) return refuse("没有名为“" + t->department + "”的部门。");
    t->department = target->id;
    if (const auto* p = target->with_role("responsible")) t->responsible = p->phone;
  }
  const tickets::Actor actor{from, "sms", member->role};
  const auto now = entry.message.received_ms;
  const tickets::WorkPolicy policy{config_.tickets.audit_required,
                                   config_.tickets.extension_needs_head};
  const int requested_before = order.requested_extension_days;
  auto applied = tickets::apply(order, command, actor, now, policy);
  if (!applied) return refuse(applied.refusal);
  order = std::move(*applied.order);

  const auto customer = field(*ticket, "address");
  const auto ticket_key = keys_.ticket(number);
  std::vector<std::pair<std::string, std::string>> changes;
  std::string confirmation = "已" + parsed->verb + "：" + number;
  if (std::holds_alternative<tickets::SignFor>(command)) {
    if (config_.tickets.notify_signed_for)
      notices.push_back(
          {customer, "您的投诉" + number + "已由" + department->name + "签收，正在处理中。"});
  } else if (auto* reply = std::get_if<tickets::Reply>(&command)) {
    if (!config_.tickets.audit_required) {  // no desk audit: the result goes out now
      auto sent = tickets::apply(order, tickets::SendResult{}, {"system", "system"}, now, policy);
      if (sent) order = std::move(*sent.order);
      notices.push_back({customer, "您的投诉" + number + "处理结果：" + reply->result +
                                       "。如有疑问请直接回复本短信。"});
    }
    effects.zrem.push_back({open_key(from), 0, number});
  } else if (std::holds_alternative<tickets::Transfer>(command)) {
    effects.zrem.push_back({open_key(from), 0, number});
    if (const auto* p = target->with_role("responsible")) {
      effects.zadd.push_back({open_key(p->phone), now, number});
      notices.push_back({p->phone, "【投诉工单】" + number + " 由" + department->name +
                                       "转派至本部门，原因：" +
                                       std::get<tickets::Transfer>(command).reason + "。回复“" +
                                       number + " 签收”签收。"});
    }
    changes.emplace_back("department_name", target->name);
    confirmation += " → " + target->name;
    if (config_.tickets.transfer_restarts_clock) {
      const auto& rules = config_.tickets;
      const auto sign_due = rules.calendar.add_working_minutes(now, rules.sign_for_hours * 60LL);
      const auto reply_due = rules.calendar.add_working_days(
          now, order.cooperating.empty() ? rules.reply_days : rules.multi_department_reply_days);
      changes.emplace_back("sign_due_ms", std::to_string(sign_due));
      changes.emplace_back("due_ms", std::to_string(reply_due));
      for (const auto& [at, kind] : {std::pair{sign_due, "sign_due"}, {reply_due, "reply_due"}})
        effects.zadd.push_back({keys_.sla(), at, number + "|" + kind});
    }
  } else if (std::holds_alternative<tickets::RejectExtension>(command)) {
    notices.push_back({order.responsible, "延期申请未获批准：" + number + "。" +
                                              std::get<tickets::RejectExtension>(command).reason});
  }
  // An extension takes effect when made by the head (or without the head rule) or approved.
  int extend_days = 0;
  if (auto* extend = std::get_if<tickets::Extend>(&command)) {
    if (order.requested_extension_days > 0 && requested_before == 0) {  // only a request
      const auto* head = department->with_role("head");
      if (head)
        notices.push_back({head->phone, "【延期申请】" + number + "（" + department->name +
                                            "）申请延期" + std::to_string(extend->days) + "天：" +
                                            extend->reason + "。回复“" + number + " 批准”批准，“" +
                                            number + " 驳回 原因”驳回。"});
      confirmation = "已提交延期申请：" + number + "，待部门负责人批准";
    } else {
      extend_days = extend->days;
    }
  } else if (std::holds_alternative<tickets::ApproveExtension>(command)) {
    extend_days = requested_before;
  }
  if (extend_days > 0) {
    const auto due = store::to_int64(field(*ticket, "due_ms"));
    const auto new_due = config_.tickets.calendar.add_working_days(due, extend_days);
    changes.emplace_back("due_ms", std::to_string(new_due));
    effects.zadd.push_back({keys_.sla(), new_due, number + "|reply_due"});
    confirmation += "，新的答复时限" + tickets::local_time(new_due, config_.timezone);
    if (std::holds_alternative<tickets::ApproveExtension>(command) && order.responsible != from)
      notices.push_back({order.responsible, "延期已批准：" + number + "，新的答复时限" +
                                                tickets::local_time(new_due, config_.timezone) +
                                                "。"});
  }
  for (auto& kv : tickets::work_order_fields(order)) changes.push_back(std::move(kv));
  changes.emplace_back("updated_ms", std::to_string(now));
  effects.hset.push_back({ticket_key, std::move(changes)});
  notices.push_back({from, confirmation + "。"});
}

// "Still not fixed" after the result: the same ticket goes back to its department (a renewed
// dissatisfaction with the same solution is not a new complaint).
bool TicketDesk::reopen_if_unhappy(const store::InboxEntry& entry, tickets::WorkOrder order,
                                   const TicketFields& ticket, store::InboxEffects& effects,
                                   std::vector<Notice>& notices) const {
  const auto& m = entry.message;
  const auto text = dialog::normalize(m.text);
  bool unhappy = false;
  for (const auto& w : config_.tickets.dissatisfied_words)
    unhappy = unhappy || text.find(dialog::normalize(w)) != std::string::npos;
  const auto updated = field(ticket, "updated_ms");
  const auto sent = store::to_int64(updated);
  if (!unhappy || m.received_ms - sent > config_.tickets.reopen_window_ms) return false;
  auto reopened = tickets::apply(order, tickets::Reopen{m.text}, {m.from, "sms"}, m.received_ms);
  if (!reopened) return false;
  auto fields = tickets::work_order_fields(*reopened.order);
  fields.emplace_back("updated_ms", std::to_string(m.received_ms));
  effects.hset.push_back({keys_.ticket(order.number), std::move(fields)});
  if (!order.responsible.empty()) {
    notices.push_back({order.responsible, "【重新处理】" + order.number +
                                              "：客户对处理结果不满意：" + store::quoted(m.text) + "。回复“" +
                                              order.number + " 回复 处理结果”答复。"});
    effects.zadd.push_back({keys_.staff_open(order.responsible), m.received_ms, order.number});
  }
  const bool zh = field(ticket, "language") != "en";
  notices.push_back({m.from, zh ? "很抱歉问题仍未解决。您的投诉" + order.number +
                                      "已重新转交处理部门，我们会尽快给您答复。"
                                : "We are sorry it is not solved. Complaint " + order.number +
                                      " is back with the department, who will answer soon."});
  return true;
}

namespace {

// The lead department and the cooperating ones (a comma list on the ticket).
int departments_involved(const TicketFields& ticket) {
  const auto cooperating = field(ticket, "cooperating");
  if (cooperating.empty()) return 1;
  return 2 + static_cast<int>(std::count(cooperating.begin(), cooperating.end(), ','));
}

// What the customer said about the matter: the description and the demand.
std::string complaint_text(const std::string& slots_json) {
  boost::system::error_code ec;
  auto slots = boost::json::parse(slots_json, ec);
  std::string out;
  if (ec || !slots.is_object()) return out;
  for (const char* name : {"description", "demand", "when_where"})
    if (auto* v = slots.as_object().if_contains(name); v && v->is_string())
      out += std::string(v->as_string()) + "\n";
  return out;
}

std::int64_t number_field(const TicketFields& t, const char* name) {
  const auto v = field(t, name);
  return store::to_int64(v);
}

}  // namespace

// Age changes a grade: recomputed with how long the complaint has been open; a rise to level 1
// alerts the duty managers.
store::SlaEffects TicketDesk::regrade(const tickets::Directory& directory,
                                      const std::string& number, const TicketFields& ticket,
                                      std::int64_t now) const {
  store::SlaEffects e;
  const auto created = field(ticket, "created_ms");
  e.due_ms = created + "+" + std::to_string(now - store::to_int64(created));
  const auto state = field(ticket, "state");
  if (state == "result_sent" || state == "closed" || state == "recorded") return e;
  const int departments = departments_involved(ticket);
  const auto repeats = field(ticket, "repeat_count"), similar = field(ticket, "similar_customers");
  const auto grade = tickets::grade(
      {complaint_text(field(ticket, "slots")), departments,
       static_cast<int>(store::to_int64(repeats)), static_cast<int>(store::to_int64(similar)),
       now - store::to_int64(created, now), false},
      config_.tickets.grading);
  std::string reasons;
  for (const auto& r : grade.reasons) reasons += (reasons.empty() ? "" : "; ") + r;
  e.hset.push_back(
      {keys_.ticket(number), {{"level", std::to_string(grade.level)}, {"level_reasons", reasons}}});
  const auto before = field(ticket, "level");
  if (grade.level == 1 && before != "1")
    for (const auto& m : directory.duty_managers)
      e.outbound.push_back(
          {"regrade-" + number + "-" + e.due_ms + "-" + std::to_string(e.outbound.size()),
           field(ticket, "channel"), field(ticket, "account"), m.phone,
           "【重大投诉】" + number + "：" + reasons, store::OutboundKind::reply});
  return e;
}

std::optional<store::SlaEffects> TicketDesk::sla_event(const tickets::Directory& directory,
                                                       const std::string& member,
                                                       const TicketFields& ticket,
                                                       std::int64_t now) const {
  const auto bar = member.find('|');
  const auto number = member.substr(0, bar);
  const auto kind = bar == std::string::npos ? std::string() : member.substr(bar + 1);
  if (kind.starts_with("regrade")) return regrade(directory, number, ticket, now);
  if (kind != "sign_warn" && kind != "sign_due" && kind != "reply_warn" && kind != "reply_due")
    return store::SlaEffects{};  // not a limit: take it off the watch
  const bool sign = kind.starts_with("sign");
  const auto due_text = field(ticket, sign ? "sign_due_ms" : "due_ms");
  const auto due = store::to_int64(due_text);
  store::SlaEffects e;
  e.due_ms = due_text;
  const bool warning = kind.ends_with("_warn");
  if (!warning && due > now) return std::nullopt;  // extended since it was scheduled

  auto order = tickets::work_order_from(ticket);
  order.number = number;
  const bool pending = sign ? order.state == tickets::WorkState::dispatched
                            : (order.state == tickets::WorkState::dispatched ||
                               order.state == tickets::WorkState::signed_for);
  if (!pending || !order.merged_into.empty()) return e;  // done in time: nothing to say

  const auto* department = directory.find(order.department);
  const auto dept_name = department ? department->name : order.department;
  const auto due_at = tickets::local_time(due, config_.timezone);
  const auto channel = field(ticket, "channel"), account = field(ticket, "account");
  auto sms = [&](const std::string& to, const std::string& text) {
    if (to.empty()) return;
    e.outbound.push_back(
        {"sla-" + member + "-" + due_text + "-" + std::to_string(e.outbound.size()), channel,
         account, to, text, store::OutboundKind::reply});
  };
  if (warning) {
    sms(order.responsible, "【预警】工单" + number + "将于" + due_at + "到达" +
                               (sign ? "签收" : "答复") + "时限，请尽快处理。");
    return e;
  }
  const tickets::Escalation escalation{sign ? 3 : 2, sign ? "签收超时" : "答复超时"};
  auto applied = tickets::apply(order, tickets::Escalate{escalation}, {"system", "system"}, now);
  if (!applied)  // already escalated further: the overdue still goes on the timeline
    applied = tickets::apply(order, tickets::Note{escalation.reason}, {"system", "system"}, now);
  store::HashWrite changes{keys_.ticket(number), {}};
  if (applied) changes.fields = tickets::work_order_fields(*applied.order);
  changes.fields.emplace_back(sign ? "sign_overdue" : "reply_overdue", "1");
  e.hset.push_back(std::move(changes));
  e.delay =
      store::SlaEffects::Delay{number, order.department, sign ? "sign_for" : "reply", due_text};
  const auto text = "【超时】工单" + number + "（" + dept_name + "）已超过" +
                    (sign ? "签收" : "答复") + "时限" + due_at + "，尚未" +
                    (sign ? "签收" : "答复") + "，请督办。";
  if (department)
    if (const auto* head = department->with_role("head")) sms(head->phone, text);
  for (const auto& manager : directory.duty_managers) sms(manager.phone, text);
  return e;
}

bool TicketDesk::customer_message(const store::InboxEntry& entry, const TicketFields& ticket,
                                  store::InboxEffects& effects,
                                  std::vector<Notice>& notices) const {
  auto order = tickets::work_order_from(ticket);
  order.number = field(ticket, "number");
  const auto& m = entry.message;
  if (order.state == tickets::WorkState::result_sent)
    return reopen_if_unhappy(entry, order, ticket, effects, notices);
  if (order.state != tickets::WorkState::dispatched &&
      order.state != tickets::WorkState::signed_for)
    return false;
  auto noted = tickets::apply(order, tickets::Note{m.text}, {m.from, "sms"}, m.received_ms);
  if (!noted) return false;
  auto fields = tickets::work_order_fields(*noted.order);
  fields.emplace_back("updated_ms", std::to_string(m.received_ms));
  effects.hset.push_back({keys_.ticket(order.number), std::move(fields)});
  if (!order.responsible.empty())
    notices.push_back({order.responsible, "【客户来信】" + order.number + "：" + store::quoted(m.text)});
  const bool zh = field(ticket, "language") != "en";
  notices.push_back(
      {m.from, zh ? "您的留言已转达处理投诉" + order.number +
                        "的工作人员，我们会尽快回复您。如需提交新的问题，请回复“重新开始”。"
                  : "Your message has been passed on to the staff handling complaint " +
                        order.number + ". To raise something new, reply \"restart\"."});
  return true;
}

void TicketDesk::prepare_analysis(store::TicketWrite& ticket, store::InboxEffects& effects,
                                  std::int64_t now) const {
  std::string slots;
  for (const auto& [k, v] : ticket.fields)
    if (k == "slots") slots = v;
  put(ticket.fields, "fingerprint", tickets::fingerprint(complaint_text(slots)).serialize());
  put(ticket.fields, "owner", ticket.owner);
  effects.zadd.push_back({keys_.recent_complaints(), now, "{ticket}"});
  effects.zadd.push_back({keys_.sla(), now, "{ticket}|analyze"});
}

store::SlaEffects TicketDesk::analyze(const tickets::Directory& directory,
                                      const std::string& number, const TicketFields& ticket,
                                      const std::vector<TicketFields>& recent,
                                      std::int64_t now) const {
  const auto& rules = config_.tickets;
  store::SlaEffects e;
  e.due_ms = field(ticket, "created_ms");
  const auto owner = field(ticket, "owner");
  const auto category = field(ticket, "category");
  const auto created = number_field(ticket, "created_ms");
  const auto mine = tickets::Fingerprint::parse(field(ticket, "fingerprint"));

  // Repeats: this customer, this category, within the repeat window.
  std::string repeat_of;
  std::int64_t repeat_at = 0;
  int repeats = 0;
  // The same matter from other customers: this month, and within the burst window.
  std::set<std::string> customers_month, customers_burst;
  std::vector<const TicketFields*> burst;
  std::string incident;
  for (const auto& other : recent) {
    const auto at = number_field(other, "created_ms");
    if (field(other, "number") == number || at > created) continue;
    if (field(other, "owner") == owner) {
      if (field(other, "category") == category && created - at <= rules.repeat_window_ms) {
        ++repeats;
        if (at >= repeat_at) repeat_at = at, repeat_of = field(other, "number");
      }
      continue;
    }
    if (tickets::similarity(mine, tickets::Fingerprint::parse(field(other, "fingerprint"))) <
        rules.same_matter_threshold)
      continue;
    customers_month.insert(field(other, "owner"));
    if (created - at <= rules.burst_window_ms) {
      customers_burst.insert(field(other, "owner"));
      burst.push_back(&other);
      if (incident.empty()) incident = field(other, "incident");
    }
  }

  const auto text = complaint_text(field(ticket, "slots"));
  const int departments = departments_involved(ticket);
  const auto grade = tickets::grade(
      {text, departments, repeats, static_cast<int>(customers_month.size()), 0, false},
      rules.grading);
  std::string reasons;
  for (const auto& r : grade.reasons) reasons += (reasons.empty() ? "" : "; ") + r;
  store::HashWrite changes{keys_.ticket(number),
                           {{"level", std::to_string(grade.level)},
                            {"level_reasons", reasons},
                            {"similar_customers", std::to_string(customers_month.size())}}};
  if (!repeat_of.empty()) {
    changes.fields.emplace_back("repeat_of", repeat_of);
    changes.fields.emplace_back("repeat_count", std::to_string(repeats));
  }
  const auto channel = field(ticket, "channel"), account = field(ticket, "account");
  auto sms = [&](const std::string& to, const std::string& text) {
    e.outbound.push_back({"analyze-" + number + "-" + std::to_string(e.outbound.size()), channel,
                          account, to, text, store::OutboundKind::reply});
  };
  const auto summary = store::quoted(text.substr(0, text.find('\n')), 90);
  if (grade.level == 1)
    for (const auto& m : directory.duty_managers)
      sms(m.phone, "【重大投诉】" + number + "（" + category + "）：" + reasons + "。" + summary);

  if (static_cast<int>(customers_burst.size()) + 1 >= rules.collective_customers) {
    const bool known = !incident.empty();
    if (!known) {  // the earliest ticket names it, so every process names it alike
      incident = number;
      std::int64_t first = created;
      for (const auto* t : burst)
        if (number_field(*t, "created_ms") <= first)
          first = number_field(*t, "created_ms"), incident = field(*t, "number");
    }
    std::string members = number;
    for (const auto* t : burst) members += "," + field(*t, "number");
    e.hset.push_back({keys_.incident(incident),
                      {{"id", incident},
                       {"category", category},
                       {"summary", summary},
                       {"customers", std::to_string(customers_burst.size() + 1)},
                       {"tickets", members},
                       {"updated_ms", std::to_string(now)}}});
    changes.fields.emplace_back("incident", incident);
    for (const auto* t : burst)
      e.hset.push_back({keys_.ticket(field(*t, "number")), {{"incident", incident}}});
    if (known) {
      sms(field(ticket, "address"),
          "您反映的问题我们已经知悉，相关部门正在紧急处理，处理进展将及时通知您。");
    } else {
      e.guard_key = keys_.incident(incident) + ":announced";
      for (const auto& m : directory.duty_managers)
        sms(m.phone, "【突发事件】" + std::to_string(customers_burst.size() + 1) +
                         "位客户短时间内反映同一问题（" + category + "）：" + summary + "。工单：" +
                         members);
    }
  }
  e.hset.insert(e.hset.begin(), std::move(changes));
  return e;
}

}  // namespace ombud::gateway

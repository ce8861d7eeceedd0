#include "console/views.hpp"

#include "tickets/cooperation.hpp"

#include <charconv>

namespace ombud::console {

std::optional<std::int64_t> number_of(const std::string& text) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
  return v;
}

namespace {
std::optional<std::int64_t> given(std::int64_t value) {
  return value != 0 ? std::optional<std::int64_t>(value) : std::nullopt;
}
}  // namespace

TicketSummary summary_of(const tickets::Ticket& t, const tickets::Directory* directory,
                         std::int64_t now_ms, const tickets::TicketDesk& desk, core::Language language) {
  TicketSummary s;
  s.number = t.number;
  s.version = number_of(tickets::version_of(t));
  s.type = t.type;
  s.state = t.state();
  s.category = t.category;
  s.category_label = desk.category_label(t.category, language);
  s.channel = t.channel;
  if (const auto& id = t.order.department; !id.empty()) {
    DepartmentView d{id, t.department_name, std::nullopt};
    if (directory)
      if (const auto* known = directory->find(id)) {
        d.name = known->name;
        d.name_en = known->label("en");
      }
    s.department = std::move(d);
  }
  s.responsible = t.order.responsible;
  s.level = given(t.level);
  s.created_ms = given(t.created_ms);
  s.updated_ms = given(t.updated_ms);
  s.sign_due_ms = given(t.sign_due_ms);
  s.due_ms = given(t.due_ms);
  s.overdue = tickets::overdue(t.due_ms, s.state, now_ms);
  s.incident = t.incident;
  s.repeat_of = t.repeat_of;
  s.customer_name = t.name;
  s.language = t.language;
  s.close_validity = t.close_validity;
  s.close_responsibility = t.close_responsibility;
  s.close_cause = t.close_cause;
  s.close_classes = tickets::class_labels({t.close_validity, t.close_responsibility, t.close_cause},
                                         desk.closing(), language);
  s.close_requested = t.close_requested_ms != 0 && t.order.state != tickets::WorkState::closed;
  s.declined_reason = t.declined_reason;
  s.legal_flag = t.legal_flag;
  s.revisit_state = t.revisit_state;
  s.revisit_due_ms = given(t.revisit_due_ms);
  s.revisit_overdue = t.revisit_overdue;
  s.call_list = t.call_list;
  s.parts_pending = t.parts_pending;
  return s;
}

SurveyView survey_of(const tickets::Ticket& t) {
  return {t.survey_round,       t.survey_state,       t.survey_rating, t.survey_comment,
          t.survey_skipped_because, given(t.survey_sent_ms), given(t.survey_answered_ms),
          t.survey_late};
}

std::vector<PartView> parts_of(const tickets::Ticket& t, const tickets::Directory* directory,
                               core::Language language) {
  std::vector<PartView> out;
  for (const auto& p : tickets::parts_of(t.order.cooperating, t.parts_json)) {
    PartView v{p.department, p.department, p.state, p.by, {}, p.text, given(p.at_ms)};
    if (directory) {
      if (const auto* d = directory->find(p.department)) v.department_name = d->label(core::to_string(language));
      if (const auto* m = p.by.empty() ? nullptr : directory->staff(p.by).second) v.by_name = m->name;
    }
    out.push_back(std::move(v));
  }
  return out;
}

RevisitView revisit_of(const tickets::Ticket& t) {
  return {t.revisit_round,   t.revisit_attempts, t.revisit_rating,      t.revisit_solved,
          t.revisit_remarks, t.revisit_by,       t.call_list_reason,    given(t.revisit_done_ms),
          t.revisit_headquarters};
}

ClosingView closing_of(const tickets::Ticket& t, const tickets::Directory* directory) {
  ClosingView v{t.close_reason, t.closed_by, t.close_requested_by, given(t.closed_ms),
                given(t.close_requested_ms), {}, {}};
  auto name = [directory](const std::string& phone) {
    const auto* m = directory && !phone.empty() ? directory->staff(phone).second : nullptr;
    return m ? m->name : std::string();
  };
  v.closed_by_name = name(t.closed_by);
  v.close_requested_by_name = name(t.close_requested_by);
  return v;
}

}  // namespace ombud::console

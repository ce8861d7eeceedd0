#include "tickets/work_order.hpp"

#include <initializer_list>
#include <utility>

namespace ombud::tickets {

const char* to_string(WorkState s) noexcept {
  switch (s) {
    case WorkState::registered:
      return "registered";
    case WorkState::dispatched:
      return "dispatched";
    case WorkState::signed_for:
      return "signed_for";
    case WorkState::replied:
      return "replied";
    case WorkState::audited:
      return "audited";
    case WorkState::result_sent:
      return "result_sent";
    case WorkState::closed:
      return "closed";
  }
  return "registered";
}

namespace {

// The classes on the timeline: "valid responsible: reason" (ids; the console names them).
std::string classes_text(const CloseClasses& c) {
  std::string out;
  for (const auto* v : {&c.validity, &c.responsibility, &c.cause})
    if (!v->empty()) out += (out.empty() ? "" : " ") + *v;
  if (!c.reason.empty()) out += (out.empty() ? "" : ": ") + c.reason;
  return out;
}

// Applies one command; `refuse` explains a command that does not fit the state.
class Transition {
 public:
  Transition(const WorkOrder& order, const Actor& actor, std::int64_t now, const WorkPolicy& p)
      : next_(order), actor_(actor), now_(now), policy_(p) {}

  Applied operator()(const Dispatch& c) {
    if (!in({WorkState::registered})) return refuse("dispatch", "registered");
    if (c.department.empty()) return refused(Refusal::needs_department, "a dispatch needs a department");
    next_.department = c.department;
    next_.responsible = c.responsible;
    next_.cooperating = c.cooperating;
    return to(c.assigned ? WorkState::signed_for : WorkState::dispatched, "dispatched", c.department);
  }
  Applied operator()(const SignFor&) {
    if (!in({WorkState::dispatched})) return refuse("sign for", "dispatched");
    next_.responsible = actor_.id;
    return to(WorkState::signed_for, "signed_for", "");
  }
  Applied operator()(const Reply& c) {
    if (!in({WorkState::signed_for})) return refuse("reply to", "signed for");
    if (c.result.empty()) return refused(Refusal::needs_result, "a reply needs the result");
    const bool holder = actor_.id == next_.responsible || actor_.role.empty();  // desk, system
    const bool head = actor_.role == "head";
    if (policy_.reply_by == ReplyBy::holder && !holder)
      return refused(Refusal::not_holder, "only the holder answers " + next_.number);
    if (policy_.reply_by == ReplyBy::holder_or_head && !holder && !head)
      return refused(Refusal::not_holder, "only the holder or the head answers " + next_.number);
    next_.reply = c.result;
    return to(WorkState::replied, "replied", c.result);
  }
  Applied operator()(const Audit& c) {
    if (!policy_.audit_required) return refused(Refusal::no_audit, "this desk does not audit replies");
    if (!in({WorkState::replied})) return refuse("audit", "replied");
    if (!c.approved)  // sent back to the department to answer again
      return to(WorkState::signed_for, "audit_rejected", c.comment);
    return to(WorkState::audited, "audited", c.comment);
  }
  Applied operator()(const SendResult&) {
    const auto ready = policy_.audit_required ? WorkState::audited : WorkState::replied;
    if (!in({ready})) return refuse("send the result of", to_string(ready));
    return to(WorkState::result_sent, "result_sent", next_.reply);
  }
  Applied operator()(const Close& c) {
    if (!in({WorkState::result_sent})) return refuse("close", "result_sent");
    return to(WorkState::closed, "closed", classes_text(c.classes));
  }
  Applied operator()(const Revisit& c) {
    if (!in({WorkState::result_sent, WorkState::closed})) return refuse("revisit", "result_sent or closed");
    std::string text = c.reached ? c.rating : "unreached";
    if (c.reached && !c.solved.empty()) text += c.solved == "yes" ? " solved" : " not solved";
    if (!c.remarks.empty()) text += ": " + c.remarks;
    log("revisited", text);
    return done();
  }
  Applied operator()(const Adopt& c) {
    if (!in({WorkState::dispatched, WorkState::signed_for})) return refuse("decide on", "not decided yet");
    if (!c.adopted && c.reason.find_first_not_of(" \t\n") == std::string::npos)
      return refused(Refusal::needs_reason, "not adopting a suggestion needs a reason");
    next_.reply = c.reason;
    return to(WorkState::closed, c.adopted ? "adopted" : "not_adopted", c.reason);
  }
  Applied operator()(const Accept&) {
    if (!in({WorkState::registered})) return refuse("accept", "registered");
    log("accepted", "");
    return done();
  }
  Applied operator()(const Decline& c) {
    if (!in({WorkState::registered, WorkState::dispatched, WorkState::signed_for, WorkState::replied,
             WorkState::audited}))
      return refuse("decline", "not answered yet");
    if (c.reason.empty()) return refused(Refusal::needs_reason, "not accepting it needs a reason");
    return to(WorkState::closed, "declined", c.reason + (c.note.empty() ? "" : ": " + c.note));
  }
  Applied operator()(const Classify& c) {
    if (!in({WorkState::closed})) return refuse("classify", "closed");
    log("classified", classes_text(c.classes));
    return done();
  }
  Applied operator()(const Transfer& c) {
    if (!in({WorkState::dispatched, WorkState::signed_for}))
      return refuse("transfer", "dispatched or signed for");
    if (c.reason.empty()) return refused(Refusal::needs_reason, "a transfer needs a reason");
    if (c.department == next_.department)
      return refused(Refusal::same_department, "it is already with " + c.department);
    ++next_.transfers;
    log("transferred", c.reason + (c.department.empty() ? "" : " → " + c.department));
    next_.responsible = c.responsible;
    if (c.department.empty()) {
      next_.department.clear();
      next_.state = WorkState::registered;
      return done();
    }
    next_.department = c.department;
    return to(WorkState::dispatched, "dispatched", c.department);
  }
  Applied operator()(const Reopen& c) {
    if (!in({WorkState::result_sent, WorkState::closed}))
      return refuse("reopen", "result_sent or closed");
    ++next_.reopened;
    next_.reply.clear();
    // Back to whoever signed for it, in a state they can answer from; nobody yet: dispatched.
    return to(next_.responsible.empty() ? WorkState::dispatched : WorkState::signed_for,
              "reopened", c.reason);
  }
  Applied operator()(const Escalate& c) {
    if (in({WorkState::closed})) return refused(Refusal::closed, "it is closed");
    if (next_.escalation && next_.escalation->level <= c.escalation.level)
      return refused(Refusal::already_escalated,
                     "it is already escalated to level " + std::to_string(next_.escalation->level));
    next_.escalation = c.escalation;
    log("escalated", "level " + std::to_string(c.escalation.level) + ": " + c.escalation.reason);
    return done();
  }
  Applied operator()(const Merge& c) {
    if (in({WorkState::closed})) return refused(Refusal::closed, "it is closed");
    if (c.original.empty() || c.original == next_.number)
      return refused(Refusal::needs_other_order, "a merge needs another work order");
    next_.merged_into = c.original;
    return to(WorkState::closed, "merged", c.original);
  }
  Applied operator()(const Assign& c) {
    if (!in({WorkState::dispatched, WorkState::signed_for}))
      return refuse("assign", "dispatched or signed for");
    if (c.responsible.empty() || c.responsible == next_.responsible)
      return refused(Refusal::needs_other_person, "an assignment needs another person");
    if (policy_.assign_needs_head && !actor_.role.empty() && actor_.role != "head") {
      if (waiting()) return refused(Refusal::request_waiting, "a request is already waiting for the head");
      next_.requested_responsible = c.responsible;
      next_.requested_assign_reason = c.reason;
      log("assign_requested", c.responsible + (c.reason.empty() ? "" : ": " + c.reason));
      return done();
    }
    return assigned(c.responsible, c.reason);
  }
  Applied operator()(const Note& c) {
    if (in({WorkState::closed})) return refused(Refusal::closed, "it is closed");
    log("note", c.text);
    return done();
  }
  Applied operator()(const FollowUp& c) {
    if (in({WorkState::closed})) return refused(Refusal::closed, "it is closed");
    log("follow_up", c.outcome + (c.days > 0 ? " " + std::to_string(c.days) : "") +
                         (c.text.empty() ? "" : ": " + c.text));
    return done();
  }
  Applied operator()(const Appoint& c) {
    if (!in({WorkState::dispatched, WorkState::signed_for}))
      return refuse("make an appointment for", "dispatched or signed for");
    if (c.text.empty()) return refused(Refusal::needs_result, "an appointment needs its time");
    log("appointment", c.text);
    return done();
  }
  Applied operator()(const Extend& c) {
    if (!in({WorkState::dispatched, WorkState::signed_for}))
      return refuse("extend", "dispatched or signed for");
    if (c.days <= 0 || c.days > 30)
      return refused(Refusal::needs_days, "an extension needs 1 to 30 days");
    if (policy_.extension_needs_head && actor_.role != "head") {
      if (waiting()) return refused(Refusal::request_waiting, "a request is already waiting for the head");
      next_.requested_extension_days = c.days;
      next_.requested_extension_reason = c.reason;
      log("extension_requested", std::to_string(c.days) + " days: " + c.reason);
      return done();
    }
    ++next_.extensions;
    log("extended", std::to_string(c.days) + " days: " + c.reason);
    return done();
  }
  Applied operator()(const Approve&) {
    if (actor_.role != "head") return refused(Refusal::head_only, "only the department head approves a request");
    if (!waiting()) return refused(Refusal::nothing_waiting, "no request is waiting");
    if (!next_.requested_responsible.empty()) {
      const auto to_whom = std::exchange(next_.requested_responsible, {});
      return assigned(to_whom, std::exchange(next_.requested_assign_reason, {}));
    }
    ++next_.extensions;
    log("extended", std::to_string(next_.requested_extension_days) +
                        " days, approved: " + next_.requested_extension_reason);
    next_.requested_extension_days = 0;
    next_.requested_extension_reason.clear();
    return done();
  }
  Applied operator()(const Reject& c) {
    if (actor_.role != "head") return refused(Refusal::head_only, "only the department head rejects a request");
    if (!waiting()) return refused(Refusal::nothing_waiting, "no request is waiting");
    const bool assign = !next_.requested_responsible.empty();
    next_.requested_responsible.clear();
    next_.requested_assign_reason.clear();
    next_.requested_extension_days = 0;
    next_.requested_extension_reason.clear();
    log(assign ? "assign_rejected" : "extension_rejected", c.reason);
    return done();
  }

 private:
  bool waiting() const { return next_.requested_extension_days > 0 || !next_.requested_responsible.empty(); }
  // Another person of the department has it now, and signs for it anew.
  Applied assigned(const std::string& to_whom, const std::string& reason) {
    next_.responsible = to_whom;
    return to(WorkState::dispatched, "assigned", reason.empty() ? to_whom : to_whom + ": " + reason);
  }
  bool in(std::initializer_list<WorkState> states) const {
    for (auto s : states)
      if (next_.state == s) return true;
    return false;
  }
  Applied refuse(const std::string& verb, const std::string& needed) const {
    return refused(Refusal::wrong_state, "cannot " + verb + " " + next_.number + ": it is " +
                                             to_string(next_.state) + " (needs: " + needed + ")");
  }
  Applied refused(Refusal why, std::string text) const {
    return {std::nullopt, std::move(text), why, next_.state};
  }
  void log(const std::string& what, const std::string& text) {
    next_.timeline.push_back({now_, actor_.id, actor_.channel, what, text});
  }
  Applied to(WorkState state, const std::string& what, const std::string& text) {
    next_.state = state;
    log(what, text);
    return done();
  }
  Applied done() {
    const auto state = next_.state;
    return {std::move(next_), {}, Refusal::none, state};
  }

  WorkOrder next_;
  const Actor& actor_;
  std::int64_t now_;
  const WorkPolicy& policy_;
};

}  // namespace

Applied apply(const WorkOrder& order, const Command& command, const Actor& actor,
              std::int64_t now_ms, const WorkPolicy& policy) {
  return std::visit(Transition(order, actor, now_ms, policy), command);
}

}  // namespace ombud::tickets

#include "core/text.hpp"

#include <boost/json.hpp>
#include <unicode/utf8.h>

#include <algorithm>
#include <utility>
#include <cctype>

namespace ombud::tickets {

namespace json = boost::json;

namespace {

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

WorkState state_from(const std::string& s) {
  for (auto st :
       {WorkState::registered, WorkState::dispatched, WorkState::signed_for, WorkState::replied,
        WorkState::audited, WorkState::result_sent, WorkState::closed})
    if (s == to_string(st)) return st;
  return WorkState::registered;
}

std::string field(const std::map<std::string, std::string>& f, const char* name) {
  auto it = f.find(name);
  return it == f.end() ? std::string() : it->second;
}

int number(const std::map<std::string, std::string>& f, const char* name) {
  const auto v = field(f, name);
  return v.empty() ? 0 : std::atoi(v.c_str());
}

}  // namespace

WorkOrder work_order_from(const std::map<std::string, std::string>& f) {
  WorkOrder o;
  o.number = field(f, "number");
  o.state = state_from(field(f, "state"));
  o.department = field(f, "department");
  o.responsible = field(f, "responsible");
  o.reply = field(f, "reply");
  o.transfers = number(f, "transfers");
  o.reopened = number(f, "reopened");
  o.extensions = number(f, "extensions");
  o.merged_into = field(f, "merged_into");
  o.requested_extension_days = number(f, "requested_extension_days");
  o.requested_extension_reason = field(f, "requested_extension_reason");
  o.requested_responsible = field(f, "requested_responsible");
  o.requested_assign_reason = field(f, "requested_assign_reason");
  const std::string cooperating = field(f, "cooperating");  // the views below point into it
  for (std::string_view rest = cooperating; !rest.empty();) {
    const auto comma = rest.find(',');
    if (comma != 0) o.cooperating.emplace_back(rest.substr(0, comma));  // no empty ids
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  if (const auto level = number(f, "escalation_level"); level > 0)
    o.escalation = Escalation{level, field(f, "escalation_reason")};
  // "timeline": the stored lines, a JSON array; "timeline+": lines to append, one JSON object
  // a line (serialized JSON has no raw line break).
  for (const char* name : {"timeline", "timeline+"}) {
    const bool stored = std::string_view(name) == "timeline";
    std::string text = field(f, name);
    if (!stored) text = "[" + replace_all(text, "\n", ",") + "]";
    boost::system::error_code ec;
    auto timeline = json::parse(text, ec);
    if (!ec && timeline.is_array())
      for (const auto& e : timeline.as_array()) {
        if (!e.is_object()) continue;
        const auto& obj = e.as_object();
        auto s = [&](const char* k) {
          auto* v = obj.if_contains(k);
          return v && v->is_string() ? std::string(v->as_string()) : std::string();
        };
        auto* at = obj.if_contains("at");
        o.timeline.push_back(
            {at && at->is_int64() ? at->as_int64() : 0, s("by"), s("via"), s("what"), s("text")});
      }
    if (stored) o.timeline_stored = o.timeline.size();
  }
  return o;
}

std::vector<std::pair<std::string, std::string>> work_order_fields(const WorkOrder& o) {
  std::string cooperating;
  for (const auto& c : o.cooperating) cooperating += (cooperating.empty() ? "" : ",") + c;
  std::string timeline;  // the new lines, one JSON object a line
  for (auto i = std::min(o.timeline_stored, o.timeline.size()); i < o.timeline.size(); ++i) {
    const auto& e = o.timeline[i];
    auto text = std::string(core::utf8_prefix(e.text, kTimelineTextBytes));
    if (text.size() < e.text.size()) text += "…";
    if (!timeline.empty()) timeline += '\n';
    timeline += json::serialize(json::object{
        {"at", e.at_ms}, {"by", e.actor}, {"via", e.channel}, {"what", e.what}, {"text", text}});
  }
  std::vector<std::pair<std::string, std::string>> fields{{"state", to_string(o.state)},
          {"department", o.department},
          {"responsible", o.responsible},
          {"cooperating", cooperating},
          {"reply", o.reply},
          {"transfers", std::to_string(o.transfers)},
          {"reopened", std::to_string(o.reopened)},
          {"extensions", std::to_string(o.extensions)},
          {"escalation_level", std::to_string(o.escalation ? o.escalation->level : 0)},
          {"escalation_reason", o.escalation ? o.escalation->reason : ""},
          {"merged_into", o.merged_into},
          {"requested_extension_days", std::to_string(o.requested_extension_days)},
          {"requested_extension_reason", o.requested_extension_reason},
          {"requested_responsible", o.requested_responsible},
          {"requested_assign_reason", o.requested_assign_reason}};
  if (!timeline.empty()) fields.emplace_back("timeline+", std::move(timeline));
  return fields;
}

}  // namespace ombud::tickets

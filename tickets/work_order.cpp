#include "tickets/work_order.hpp"

#include <initializer_list>

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

// Applies one command; `refuse` explains a command that does not fit the state.
class Transition {
 public:
  Transition(const WorkOrder& order, const Actor& actor, std::int64_t now, const WorkPolicy& p)
      : next_(order), actor_(actor), now_(now), policy_(p) {}

  Applied operator()(const Dispatch& c) {
    if (!in({WorkState::registered})) return refuse("dispatch", "registered");
    if (c.department.empty()) return refused("a dispatch needs a department");
    next_.department = c.department;
    next_.responsible = c.responsible;
    next_.cooperating = c.cooperating;
    return to(WorkState::dispatched, "dispatched", c.department);
  }
  Applied operator()(const SignFor&) {
    if (!in({WorkState::dispatched})) return refuse("sign for", "dispatched");
    next_.responsible = actor_.id;
    return to(WorkState::signed_for, "signed_for", "");
  }
  Applied operator()(const Reply& c) {
    if (!in({WorkState::signed_for})) return refuse("reply to", "signed for");
    if (c.result.empty()) return refused("a reply needs the result");
    next_.reply = c.result;
    return to(WorkState::replied, "replied", c.result);
  }
  Applied operator()(const Audit& c) {
    if (!policy_.audit_required) return refused("this desk does not audit replies");
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
  Applied operator()(const Close&) {
    if (!in({WorkState::result_sent})) return refuse("close", "result_sent");
    return to(WorkState::closed, "closed", "");
  }
  Applied operator()(const Transfer& c) {
    if (!in({WorkState::dispatched, WorkState::signed_for}))
      return refuse("transfer", "dispatched or signed for");
    if (c.reason.empty()) return refused("a transfer needs a reason");
    if (c.department == next_.department) return refused("it is already with " + c.department);
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
    return to(WorkState::dispatched, "reopened", c.reason);
  }
  Applied operator()(const Escalate& c) {
    if (in({WorkState::closed})) return refused("it is closed");
    if (next_.escalation && next_.escalation->level <= c.escalation.level)
      return refused("it is already escalated to level " + std::to_string(next_.escalation->level));
    next_.escalation = c.escalation;
    log("escalated", "level " + std::to_string(c.escalation.level) + ": " + c.escalation.reason);
    return done();
  }
  Applied operator()(const Merge& c) {
    if (in({WorkState::closed})) return refused("it is closed");
    if (c.original.empty() || c.original == next_.number)
      return refused("a merge needs another work order");
    next_.merged_into = c.original;
    return to(WorkState::closed, "merged", c.original);
  }
  Applied operator()(const Note& c) {
    if (in({WorkState::closed})) return refused("it is closed");
    log("note", c.text);
    return done();
  }
  Applied operator()(const Extend& c) {
    if (!in({WorkState::dispatched, WorkState::signed_for}))
      return refuse("extend", "dispatched or signed for");
    if (c.days <= 0) return refused("an extension needs a number of days");
    ++next_.extensions;
    log("extended", std::to_string(c.days) + " days: " + c.reason);
    return done();
  }

 private:
  bool in(std::initializer_list<WorkState> states) const {
    for (auto s : states)
      if (next_.state == s) return true;
    return false;
  }
  Applied refuse(const std::string& verb, const std::string& needed) const {
    return refused("cannot " + verb + " " + next_.number + ": it is " + to_string(next_.state) +
                   " (needs: " + needed + ")");
  }
  static Applied refused(std::string why) { return {std::nullopt, std::move(why)}; }
  void log(const std::string& what, const std::string& text) {
    next_.timeline.push_back({now_, actor_.id, actor_.channel, what, text});
  }
  Applied to(WorkState state, const std::string& what, const std::string& text) {
    next_.state = state;
    log(what, text);
    return done();
  }
  Applied done() { return {std::move(next_), {}}; }

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

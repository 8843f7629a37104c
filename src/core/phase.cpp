#include "core/phase.h"

#include <algorithm>
#include <initializer_list>

namespace ss {
namespace {

struct PhaseInfo {
  std::string_view key;
  std::string_view title;
};
constexpr PhaseInfo kPhases[kPhaseCount] = {
    {"draft", "动员部署"},    {"showcase", "材料提交与录制"}, {"review", "审核"},
    {"voting", "展播与投票"}, {"judging", "专业评审"},        {"tally", "综合计分"},
    {"publicity", "结果公示"}, {"final", "评选表彰"},          {"archived", "已归档"},
};

int Index(PhaseKey k) { return static_cast<int>(k); }

struct ActionRule {
  Action action;
  std::string_view name;
  std::initializer_list<PhaseKey> phases;
};
const ActionRule kRules[] = {
    {Action::kEditShowcase, "编辑展示材料", {PhaseKey::kDraft, PhaseKey::kShowcase}},
    {Action::kReviewShowcase, "审核展示材料", {PhaseKey::kShowcase, PhaseKey::kReview}},
    {Action::kVote, "投票", {PhaseKey::kVoting}},
    {Action::kRate, "民意测评", {PhaseKey::kVoting, PhaseKey::kJudging}},
    {Action::kScore, "评委打分", {PhaseKey::kJudging}},
    {Action::kEnterEvaluation, "录入综合评价", {PhaseKey::kJudging, PhaseKey::kTally}},
    {Action::kObject, "提出异议", {PhaseKey::kPublicity}},
    {Action::kEditRoster, "修改参评名单", {PhaseKey::kDraft, PhaseKey::kShowcase, PhaseKey::kReview}},
};

}  // namespace

std::string_view PhaseKeyName(PhaseKey key) { return kPhases[Index(key)].key; }
std::string_view PhaseDefaultTitle(PhaseKey key) { return kPhases[Index(key)].title; }

std::optional<PhaseKey> PhaseFromKey(std::string_view key) {
  for (int i = 0; i < kPhaseCount; ++i)
    if (kPhases[i].key == key) return static_cast<PhaseKey>(i);
  return std::nullopt;
}

Status PhaseSchedule::Validate() const {
  std::vector<FieldError> errors;
  const int expected = Index(PhaseKey::kFinal) + 1;
  if (static_cast<int>(phases_.size()) != expected) {
    errors.push_back({0, "phases",
                      "须依次列出 draft 到 final 共 " + std::to_string(expected) + " 个阶段（现有 " +
                          std::to_string(phases_.size()) + " 个）"});
  }
  for (std::size_t i = 0; i < phases_.size(); ++i) {
    const auto& p = phases_[i];
    std::string at = "phases[" + std::to_string(i) + "]";
    if (Index(p.key) != static_cast<int>(i)) {
      errors.push_back({0, at + ".key",
                        "第 " + std::to_string(i + 1) + " 个阶段应为 " +
                            std::string(kPhases[std::min<int>(i, kPhaseCount - 1)].key)});
    }
    if (p.name.empty()) errors.push_back({0, at + ".name", "阶段名称不能为空"});
    if (p.end < p.start) errors.push_back({0, at + ".end", "结束时间早于开始时间"});
    if (i > 0 && p.start <= phases_[i - 1].end)
      errors.push_back({0, at + ".start", "开始时间须晚于上一阶段的结束时间"});
  }
  if (errors.empty()) return Status::Ok();
  return Status(code::kInvalid, "阶段安排有误", std::move(errors));
}

const Phase* PhaseSchedule::Find(PhaseKey key) const {
  for (const auto& p : phases_)
    if (p.key == key) return &p;
  return nullptr;
}

PhaseKey PhaseSchedule::ScheduledAt(Millis now) const {
  PhaseKey at = PhaseKey::kDraft;
  for (const auto& p : phases_)
    if (p.start <= now) at = p.key;
  return at;
}

void PhaseSchedule::Shift(Millis delta) {
  for (auto& p : phases_) {
    p.start += delta;
    p.end += delta;
  }
}

PhaseKey EffectivePhase(PhaseKey stored, const PhaseSchedule& schedule, Millis now,
                        bool auto_advance) {
  if (!auto_advance || stored == PhaseKey::kArchived) return stored;
  return std::max(stored, schedule.ScheduledAt(now));
}

Status CheckAdvance(PhaseKey from, PhaseKey to) {
  if (Index(to) == Index(from) + 1) return Status::Ok();
  if (Index(to) <= Index(from)) {
    return Status(code::kWrongPhase, "阶段不能回退：当前为“" + std::string(PhaseDefaultTitle(from)) +
                                         "”，如需更正请走更正流程");
  }
  return Status(code::kWrongPhase, "阶段只能逐个推进：“" + std::string(PhaseDefaultTitle(from)) +
                                       "”之后是“" +
                                       std::string(PhaseDefaultTitle(static_cast<PhaseKey>(Index(from) + 1))) + "”");
}

PhaseAdvancePlan PlanAdvance(const PhaseSchedule& schedule, PhaseKey from, PhaseKey to, Millis now,
                             const TimeZone& tz) {
  PhaseAdvancePlan plan;
  std::vector<Phase> phases = schedule.phases();
  auto at = [&](PhaseKey key) -> int {
    for (std::size_t i = 0; i < phases.size(); ++i)
      if (phases[i].key == key) return static_cast<int>(i);
    return -1;
  };
  const int closing = at(from), opening = at(to);
  auto day_of = [&](Millis t) { return StartOfLocalDay(t, tz); };
  auto end_of_day = [&](Millis t) { return day_of(t) + kMillisPerDay - 1; };
  if (closing >= 0) {
    Phase& c = phases[static_cast<std::size_t>(closing)];
    if (c.end >= now) {
      plan.days_early = static_cast<int>((day_of(c.end) - day_of(now)) / kMillisPerDay);
      c.end = now - 1;
    }
    if (c.start > c.end) c.start = c.end;
    // Earlier phases end before the closing one starts (only an earlier early advance without
    // dates, kept from before, can leave them later).
    for (int i = closing - 1; i >= 0; --i) {
      Phase& p = phases[static_cast<std::size_t>(i)];
      const Phase& next = phases[static_cast<std::size_t>(i + 1)];
      if (p.end >= next.start) p.end = next.start - 1;
      if (p.start > p.end) p.start = p.end;
    }
  }
  if (opening >= 0) {
    Phase& o = phases[static_cast<std::size_t>(opening)];
    if (o.start < now) plan.days_late = static_cast<int>((day_of(now) - day_of(o.start)) / kMillisPerDay);
    o.start = now;
    if (o.end < now) o.end = end_of_day(now);
    for (std::size_t i = static_cast<std::size_t>(opening) + 1; i < phases.size(); ++i) {
      Phase& p = phases[i];
      const Phase& prev = phases[i - 1];
      if (p.start > prev.end) break;  // the rest keep their dates
      Millis length = p.end - p.start;
      p.start = prev.end + 1;
      p.end = p.start + length;
    }
  }
  const auto& was = schedule.phases();
  for (std::size_t i = 0; i < phases.size() && i < was.size(); ++i) {
    if (phases[i].start == was[i].start && phases[i].end == was[i].end) continue;
    plan.changes.push_back({phases[i].key, phases[i].name, was[i].start, was[i].end, phases[i].start, phases[i].end});
  }
  plan.schedule = PhaseSchedule(std::move(phases));
  return plan;
}

Status CheckAction(Action action, PhaseKey current) {
  for (const auto& r : kRules) {
    if (r.action != action) continue;
    if (std::find(r.phases.begin(), r.phases.end(), current) != r.phases.end()) return Status::Ok();
    return Status(code::kWrongPhase, "当前阶段为“" + std::string(PhaseDefaultTitle(current)) +
                                         "”，不能" + std::string(r.name));
  }
  return Status(code::kInternal, "未知操作");
}

}  // namespace ss

#include "core/roster_rules.h"

#include <algorithm>
#include <iterator>
#include <set>

#include "core/table.h"

namespace ss {

std::string RosterSnapshot::DistrictOf(std::string_view unit_code) const {
  const OrgUnit* u = tree.Find(unit_code);
  const OrgUnit* d = u ? tree.District(*u) : nullptr;
  return d ? d->code : "";
}

std::size_t Utf8Chars(std::string_view text) {
  std::size_t chars = 0;
  for (char c : text) chars += (c & 0xC0) != 0x80;
  return chars;
}

std::optional<FieldError> CheckCorrection(PhaseKey phase, const PhaseSchedule& schedule,
                                          const std::optional<std::string>& reason) {
  if (CheckAction(Action::kEditRoster, phase).ok()) return std::nullopt;
  if (reason && Utf8Chars(*reason) >= kMinCorrectionReasonChars) return std::nullopt;
  const Phase* p = schedule.Find(phase);
  return FieldError{0, "reason",
                    "当前阶段为“" + (p ? p->name : std::string(PhaseDefaultTitle(phase))) +
                        "”，修改名单属于更正，须填写更正原因（至少 4 个字）"};
}

namespace {
Status Forbidden(std::string what) { return Status(code::kForbidden, std::move(what)); }
Status Invalid(std::vector<FieldError> errors) { return Status(code::kInvalid, "提交的内容有误", std::move(errors)); }
}  // namespace

Result<Candidate> DecideCandidate(const RosterSnapshot& roster, const Actor& actor, const Candidate* current,
                                  const CandidateChange& change, std::vector<FieldError> errors) {
  Candidate next = current ? *current : Candidate{};
  if (change.no) next.no = static_cast<int>(*change.no);
  if (change.name) next.name = *change.name;
  if (change.gender) next.gender = *change.gender;
  if (change.title) next.title = *change.title;
  if (change.unit) next.unit = *change.unit;
  if (change.active) next.active = *change.active;
  // Who may: the candidate where it is now, and where it goes.
  if (current && !Allows(actor, Permission::kEditRoster, roster.DistrictOf(current->unit)))
    return Forbidden("只能修改本区的参评人");
  if (!Allows(actor, Permission::kEditRoster, roster.DistrictOf(next.unit))) {
    if (actor.role == Role::kDistrictAdmin && roster.tree.Find(next.unit)) return Forbidden("只能把参评人安排在本区的单位");
    if (ScopeOf(actor.role, Permission::kEditRoster) == Scope::kNone) return Forbidden("没有修改名单的权限");
  }
  if (!errors.empty()) return Invalid(std::move(errors));
  next.group.clear();  // derived from the unit again
  CheckCandidate(next, roster.tree, roster.config, {}, CandidateColumns{}, errors);
  if (const OrgUnit* u = roster.tree.Find(next.unit); u && !u->active) errors.push_back({0, "unit", u->name + " 已停用"});
  for (const auto& c : roster.candidates) {
    if (current && c.id == current->id) continue;
    if (c.no == next.no) errors.push_back({0, "no", "编号 " + std::to_string(next.no) + " 已被 " + c.name + " 使用"});
    if (c.active && next.active && c.unit == next.unit) errors.push_back({0, "unit", "该单位已有参评书记 " + c.name});
  }
  if (auto e = CheckCorrection(roster.phase, roster.config.schedule, change.reason)) errors.push_back(std::move(*e));
  if (!errors.empty()) return Invalid(std::move(errors));
  // Quotas must still fit when a candidate leaves a group.
  std::vector<Candidate> after = roster.candidates;
  if (current) {
    for (auto& c : after)
      if (c.id == current->id) c = next;
  } else {
    after.push_back(next);
  }
  if (Status q = ValidateQuotas(roster.config, GroupSizes(after)); !q.ok()) return q;
  return next;
}

std::vector<FieldError> RosterRowsOutOfDistrict(const RosterSnapshot& roster, const Actor& actor,
                                                const std::vector<RosterRow>& rows) {
  std::vector<FieldError> errors;
  for (const auto& r : rows) {
    // An unknown unit is the row's own problem (ReadRosterRecords names it).
    if (roster.tree.Find(r.candidate.unit) &&
        !Allows(actor, Permission::kEditRoster, roster.DistrictOf(r.candidate.unit)))
      errors.push_back({r.line, "单位代码", "单位 " + r.candidate.unit + " 不在本区，不能导入"});
    for (const auto& c : roster.candidates) {
      if (c.no == r.candidate.no && !Allows(actor, Permission::kEditRoster, roster.DistrictOf(c.unit)))
        errors.push_back({r.line, "编号", "编号 " + std::to_string(c.no) + " 是其他区的参评人（" + c.name + "）"});
    }
  }
  return errors;
}

Result<RosterPlan> PlanRosterImport(const RosterSnapshot& roster, const Actor& actor,
                                    const std::vector<CsvRecord>& records) {
  auto read = ReadRosterRecords(records, roster.tree, roster.config);
  if (!read) return read.status();
  std::vector<FieldError> outside = RosterRowsOutOfDistrict(roster, actor, read->rows);
  if (read->errors.empty() && outside.empty()) return PlanRoster(roster.candidates, read->rows, roster.config);
  if (read->errors.empty()) return OutOfDistrict(std::move(outside), "名单");
  std::set<int> bad;
  for (const auto& e : read->errors) bad.insert(e.line);
  for (const auto& e : outside) bad.insert(e.line);
  std::vector<RosterRow> good;
  for (const auto& r : read->rows)
    if (!bad.count(r.line)) good.push_back(r);
  std::vector<FieldError> errors = std::move(read->errors);
  const std::size_t outside_count = outside.size();
  errors.insert(errors.end(), std::make_move_iterator(outside.begin()), std::make_move_iterator(outside.end()));
  // The rows that are fine by themselves may still clash with the roster; quotas (no line)
  // wait until every row can be counted.
  if (auto plan = PlanRoster(roster.candidates, good, roster.config); !plan) {
    for (const auto& d : plan.status().details())
      if (d.line > 0) errors.push_back(d);
  }
  std::stable_sort(errors.begin(), errors.end(), [](const FieldError& a, const FieldError& b) { return a.line < b.line; });
  std::string message = "名单有 " + std::to_string(errors.size()) + " 处错误";
  if (outside_count) message += "（其中 " + std::to_string(outside_count) + " 处超出本区）";
  message += "，未导入任何数据";
  return Status(code::kInvalid, std::move(message), std::move(errors));
}

std::vector<FieldError> OrgRowsOutOfDistrict(const OrgTree& after, const Actor& actor,
                                             const std::vector<CsvRecord>& records) {
  std::vector<FieldError> errors;
  if (records.empty()) return errors;
  const auto& header = records.front().fields;
  auto code_col = static_cast<std::size_t>(std::find(header.begin(), header.end(), std::string("单位代码")) - header.begin());
  for (const auto& rec : records) {
    if (rec.line == 1 || code_col >= rec.fields.size()) continue;
    const std::string code = TrimCell(rec.fields[code_col]);
    const OrgUnit* u = after.Find(code);
    if (!u) continue;
    const OrgUnit* d = after.District(*u);
    if (!Allows(actor, Permission::kEditRoster, d ? d->code : ""))
      errors.push_back({rec.line, "上级单位代码", "单位 " + code + " 不在本区，不能导入"});
  }
  return errors;
}

Result<OrgUnitPlan> PlanOrgImport(const OrgTree& tree, const Actor& actor, const std::vector<CsvRecord>& records) {
  auto check = CheckOrgUnits(records, tree);
  if (!check) return check.status();
  auto after = TreeAfter(tree, check->plan);
  if (!after) return after.status();  // CheckOrgUnits leaves a plan that builds
  std::vector<FieldError> outside = OrgRowsOutOfDistrict(*after, actor, records);
  if (check->errors.empty() && outside.empty()) return std::move(check->plan);
  if (check->errors.empty()) return OutOfDistrict(std::move(outside), "单位表");
  std::vector<FieldError> errors = std::move(check->errors);
  const std::size_t outside_count = outside.size();
  errors.insert(errors.end(), std::make_move_iterator(outside.begin()), std::make_move_iterator(outside.end()));
  std::stable_sort(errors.begin(), errors.end(), [](const FieldError& a, const FieldError& b) { return a.line < b.line; });
  std::string message = "单位表有 " + std::to_string(errors.size()) + " 处错误";
  if (outside_count) message += "（其中 " + std::to_string(outside_count) + " 处超出本区）";
  message += "，未导入任何数据";
  return Status(code::kInvalid, std::move(message), std::move(errors));
}

Status OutOfDistrict(std::vector<FieldError> errors, std::string_view table) {
  if (errors.empty()) return Status::Ok();
  std::stable_sort(errors.begin(), errors.end(), [](const FieldError& a, const FieldError& b) { return a.line < b.line; });
  std::string message = std::string(table) + "有 " + std::to_string(errors.size()) + " 处超出本区，未导入任何数据";
  return Status(code::kInvalid, std::move(message), std::move(errors));
}

}  // namespace ss

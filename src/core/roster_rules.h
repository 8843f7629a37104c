// The rules for changing a campaign's roster by hand or by import, as pure decisions on
// the roster read at one moment (no I/O): the API handlers load the roster, ask these, and
// write what they answer.
//
//  - CheckCorrection: in the roster phases (draft, showcase) anything goes; later a change
//    is a correction and needs a reason of at least 4 characters.
//  - DecideCandidate: a candidate created or changed through the form: the actor's district,
//    the tree and configuration, one active secretary per unit, a unique 序号, the correction
//    reason and the award quotas. Returns the candidate to store, or why not.
//  - RosterRowsOutOfDistrict / OrgRowsOutOfDistrict / OutOfDistrict: an import lies wholly in
//    the caller's district — every row, changed or not — or is refused as a whole.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/campaign.h"
#include "core/candidate.h"
#include "core/csv.h"
#include "core/org.h"
#include "core/org_import.h"
#include "core/phase.h"
#include "core/policy.h"
#include "core/roster.h"
#include "core/status.h"

namespace ss {

// The roster as the rules see it: the campaign's configuration, its tree, every candidate
// (disabled ones too) and the phase in effect now. Borrowed, not owned.
struct RosterSnapshot {
  const CampaignConfig& config;
  const OrgTree& tree;
  const std::vector<Candidate>& candidates;
  PhaseKey phase = PhaseKey::kDraft;

  // The district code of a unit; "" for the city or an unknown unit.
  std::string DistrictOf(std::string_view unit_code) const;
};

// The minimum length of a correction reason, in characters (not bytes).
inline constexpr std::size_t kMinCorrectionReasonChars = 4;

// Number of UTF-8 characters in `text` (continuation bytes are not counted).
std::size_t Utf8Chars(std::string_view text);

// A "reason" field error naming the phase when the roster may not change in `phase` without
// a reason and `reason` is missing or too short; nullopt when the change may go ahead.
std::optional<FieldError> CheckCorrection(PhaseKey phase, const PhaseSchedule& schedule,
                                          const std::optional<std::string>& reason);

// What a form asks to change on a candidate; an absent field keeps the current value.
struct CandidateChange {
  std::optional<std::int64_t> no;  // already range-checked by the form (1 … 999999)
  std::optional<std::string> name, gender, title, unit;
  std::optional<bool> active;
  std::optional<std::string> reason;
};

// The candidate `current` (null to create one) becomes after `change` by `actor`.
// `form_errors` are the problems the form reader found already; they are reported after
// the permission checks (kForbidden first) and before the roster rules. Failures: kForbidden
// with a message, kInvalid "提交的内容有误" with field errors, or ValidateQuotas' failure.
// The returned candidate keeps current's id (0 for a new one) and has its group derived.
Result<Candidate> DecideCandidate(const RosterSnapshot& roster, const Actor& actor, const Candidate* current,
                                  const CandidateChange& change, std::vector<FieldError> form_errors = {});

// Roster import rows the actor may not edit: a unit outside their district, or a 序号 that
// belongs to a candidate of another district. One error per row and cause, columns 单位代码/序号.
std::vector<FieldError> RosterRowsOutOfDistrict(const RosterSnapshot& roster, const Actor& actor,
                                                const std::vector<RosterRow>& rows);

// A roster import checked in one pass: every row's own problems, the rows outside the actor's
// district and, among the rows with neither, the conflicts of the roster after the import
// (one secretary per unit). kInvalid naming how many problems (and how many lie outside the
// district) with every one of them by line; else the plan (PlanRoster's, quotas included).
Result<RosterPlan> PlanRosterImport(const RosterSnapshot& roster, const Actor& actor,
                                    const std::vector<CsvRecord>& records);

// Org-unit import records (header first, as read) whose unit, in the tree after the import,
// lies outside the actor's district. Column 上级单位代码. A unit not in `after` is skipped:
// its row has a problem of its own.
std::vector<FieldError> OrgRowsOutOfDistrict(const OrgTree& after, const Actor& actor,
                                             const std::vector<CsvRecord>& records);

// An org-unit import checked in one pass, as PlanRosterImport: every row's problems
// (CheckOrgUnits) and every row outside the actor's district, changed or not. kInvalid naming
// how many problems (and how many lie outside the district) with each by line; else the plan.
Result<OrgUnitPlan> PlanOrgImport(const OrgTree& tree, const Actor& actor, const std::vector<CsvRecord>& records);

// kInvalid "<table>有 N 处超出本区，未导入任何数据" with the errors sorted by line; ok when none.
Status OutOfDistrict(std::vector<FieldError> errors, std::string_view table);

}  // namespace ss

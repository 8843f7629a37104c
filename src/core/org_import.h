// Org-unit import: a table of units (the console's .xlsx, row 1 the header) checked against
// a campaign's tree and planned as inserts and renames. Rows are keyed by 单位代码: a known
// code may change its name only (level and parent stay); a new code adds a unit under
// 上级单位代码, which may itself be a new unit of the same file. Only towns, streets,
// villages and communities are imported; the city and districts come from the campaign file.
// Either every row is good or nothing is imported.
#pragma once

#include <vector>

#include "core/csv.h"
#include "core/org.h"
#include "core/status.h"

namespace ss {

// 单位代码, 单位名称, 层级 and 上级单位代码 are required; 上级单位 and 所属区, when given,
// must agree with the tree.
inline constexpr const char* kOrgUnitColumns[] = {"单位代码", "单位名称", "层级", "上级单位代码", "上级单位", "所属区"};

struct OrgUnitPlan {
  std::vector<OrgUnit> inserts;  // towns and streets first, so parents come before children
  std::vector<OrgUnit> updates;  // renamed units
  int unchanged = 0;
};

// kInvalid with one FieldError per problem (line and column name).
Result<OrgUnitPlan> PlanOrgUnits(const std::vector<CsvRecord>& records, const OrgTree& tree);

// The tree as it will be once `plan` is applied (for scope checks and the answer).
Result<OrgTree> TreeAfter(const OrgTree& tree, const OrgUnitPlan& plan);

}  // namespace ss

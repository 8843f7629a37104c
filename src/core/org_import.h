// Org-unit import: a table of units (the console's .xlsx, row 1 the header) checked against
// a campaign's tree and planned as inserts and renames. Rows are keyed by 单位代码: a known
// code may change its name only (level and parent stay); a new code adds a unit under
// 上级单位代码, which may itself be a new unit of the same file. Only towns, streets,
// villages and communities are imported; the city and districts come from the campaign file.
// Either every row is good or nothing is imported; every problem of every row is told at once.
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

// Every problem of every row in one pass: the row's own (empty cells, the level, a repeated
// code, a known unit's level or parent changed), the tree's after the import (an unknown
// parent or one of the wrong level, sent back to its row) and 上级单位/所属区 that disagree
// with the codes. `plan` holds the rows without a problem; the tree after it holds together.
struct OrgUnitCheck {
  OrgUnitPlan plan;
  std::vector<FieldError> errors;  // by line
};

// Fails only when the table cannot be read (the header lacks a required column).
Result<OrgUnitCheck> CheckOrgUnits(const std::vector<CsvRecord>& records, const OrgTree& tree);

// CheckOrgUnits' plan, or kInvalid with one FieldError per problem (line and column name).
Result<OrgUnitPlan> PlanOrgUnits(const std::vector<CsvRecord>& records, const OrgTree& tree);

// The tree as it will be once `plan` is applied (for scope checks and the answer).
Result<OrgTree> TreeAfter(const OrgTree& tree, const OrgUnitPlan& plan);

}  // namespace ss

// Roster import: a table of candidates (CSV from Excel, or rows parsed from .xlsx in the
// browser) checked row by row against a campaign, then planned against the roster already
// stored. Rows are keyed by 编号: a known number updates that candidate (so its id, votes and
// scores stay), a new one adds a candidate. Either every row is good or nothing is imported.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/campaign.h"
#include "core/candidate.h"
#include "core/csv.h"
#include "core/org.h"
#include "core/status.h"

namespace ss {

// The columns, by their header names. 编号, 姓名, 性别, 职务 and 单位代码 are required; when
// 单位, 上级单位, 所属区 or 组别 are present they must agree with the org tree. 编号 is what the
// console and the public pages call the number; a header of 序号 (files made before the two
// were named alike) is read as 编号.
inline constexpr const char* kRosterColumns[] = {"编号", "姓名", "性别", "职务", "单位代码",
                                                 "单位", "上级单位", "所属区", "组别"};

struct RosterRow {
  int line = 0;
  Candidate candidate;
};

// Header and rows of a CSV; every problem with its line and column.
Result<std::vector<RosterRow>> ParseRosterCsv(std::string_view text, const OrgTree& tree,
                                              const CampaignConfig& config);

// The rows of a table as read, with every problem of every row (a bad header fails at once).
struct RosterRead {
  std::vector<RosterRow> rows;      // every data row, good or not
  std::vector<FieldError> errors;   // sorted by line
};
Result<RosterRead> ReadRosterRecords(const std::vector<CsvRecord>& records, const OrgTree& tree,
                                     const CampaignConfig& config);

// The same checks on records already split into fields (the first is the header).
Result<std::vector<RosterRow>> ParseRosterRecords(const std::vector<CsvRecord>& records,
                                                  const OrgTree& tree, const CampaignConfig& config);

struct RosterPlan {
  std::vector<Candidate> inserts;
  std::vector<Candidate> updates;  // with the stored id
  int unchanged = 0;
};

// Merges the rows into `existing`: a unit must not end up with two candidates, and award
// quotas must still fit the group sizes.
Result<RosterPlan> PlanRoster(const std::vector<Candidate>& existing, const std::vector<RosterRow>& rows,
                              const CampaignConfig& config);

// The roster as CSV with the columns above (UTF-8 with a BOM, so Excel opens it right).
std::string RosterToCsv(const std::vector<Candidate>& candidates, const OrgTree& tree,
                        const CampaignConfig& config);

}  // namespace ss

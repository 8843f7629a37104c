#include "core/roster.h"

#include "core/table.h"

#include <algorithm>
#include <map>

namespace ss {
namespace {

bool ParseInt(const std::string& s, int& out) {
  if (s.empty() || s.size() > 9) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

Result<std::vector<RosterRow>> ParseRosterCsv(std::string_view text, const OrgTree& tree,
                                              const CampaignConfig& config) {
  auto records = ParseCsv(text);
  if (!records) return records.status();
  return ParseRosterRecords(*records, tree, config);
}

Result<std::vector<RosterRow>> ParseRosterRecords(const std::vector<CsvRecord>& records,
                                                  const OrgTree& tree, const CampaignConfig& config) {
  auto read = ReadRosterRecords(records, tree, config);
  if (!read) return read.status();
  if (!read->errors.empty()) {
    std::string message = "名单有 " + std::to_string(read->errors.size()) + " 处错误，未导入任何数据";
    return Status(code::kInvalid, std::move(message), std::move(read->errors));
  }
  return std::move(read->rows);
}

Result<RosterRead> ReadRosterRecords(const std::vector<CsvRecord>& records, const OrgTree& tree,
                                     const CampaignConfig& config) {
  static constexpr const char* kRequired[] = {"编号", "姓名", "性别", "职务", "单位代码"};
  // An older file's 序号 is the same column.
  std::vector<CsvRecord> renamed;
  const std::vector<CsvRecord>* input = &records;
  auto older = [](const std::string& f) { return TrimCell(f) == "序号"; };
  if (!records.empty() && std::any_of(records[0].fields.begin(), records[0].fields.end(), older)) {
    renamed = records;
    for (auto& f : renamed[0].fields)
      if (older(f)) f = "编号";
    input = &renamed;
  }
  auto table = Table::Read(*input, kRosterColumns, kRequired, "编号,姓名,性别,职务,单位代码,…");
  if (!table) return table.status();
  const auto& header = table->Header();
  std::vector<FieldError> errors;
  CandidateColumns names{"编号", "姓名", "性别", "职务", "单位代码", "组别"};
  std::vector<RosterRow> rows;
  std::vector<CandidateSource> sources;
  for (std::size_t r = 0; r < table->size(); ++r) {
    const auto& rec = table->Row(r);
    auto get = [&](const char* name) { return table->Cell(r, name); };
    if (rec.fields.size() > header.fields.size()) {
      errors.push_back({rec.line, "", "列数（" + std::to_string(rec.fields.size()) + "）多于表头（" +
                                          std::to_string(header.fields.size()) + "）"});
    }
    RosterRow row;
    row.line = rec.line;
    Candidate& c = row.candidate;
    std::string no = get("编号");
    if (!ParseInt(no, c.no)) c.no = 0;  // CheckCandidate reports it
    c.name = get("姓名");
    c.gender = get("性别");
    c.title = get("职务");
    c.unit = get("单位代码");
    c.group = get("组别");
    CandidateSource src{rec.line, ""};
    CheckCandidate(c, tree, config, src, names, errors);
    // Optional columns must agree with the tree, so that a row shifted by one is caught.
    if (const OrgUnit* u = tree.Find(c.unit)) {
      auto expect = [&](const char* column, const OrgUnit* unit) {
        std::string given = get(column);
        if (!given.empty() && unit && given != unit->name)
          errors.push_back({rec.line, column, "“" + given + "”与单位代码 " + c.unit + " 不符，应为“" + unit->name + "”"});
      };
      expect("单位", u);
      expect("上级单位", tree.Parent(*u));
      expect("所属区", tree.District(*u));
    }
    rows.push_back(std::move(row));
    sources.push_back(src);
  }
  std::vector<Candidate> list;
  for (const auto& r : rows) list.push_back(r.candidate);
  CheckCandidatesUnique(list, sources, names, errors);
  std::stable_sort(errors.begin(), errors.end(), [](const FieldError& a, const FieldError& b) { return a.line < b.line; });
  return RosterRead{std::move(rows), std::move(errors)};
}

Result<RosterPlan> PlanRoster(const std::vector<Candidate>& existing, const std::vector<RosterRow>& rows,
                              const CampaignConfig& config) {
  std::map<int, Candidate> final_by_no;
  for (const auto& c : existing) final_by_no[c.no] = c;
  RosterPlan plan;
  for (const auto& row : rows) {
    auto it = final_by_no.find(row.candidate.no);
    if (it == final_by_no.end()) {
      plan.inserts.push_back(row.candidate);
      final_by_no[row.candidate.no] = row.candidate;
      continue;
    }
    Candidate updated = row.candidate;
    updated.id = it->second.id;
    updated.active = it->second.active;
    updated.revision = it->second.revision;
    const Candidate& old = it->second;
    if (old.name == updated.name && old.gender == updated.gender && old.title == updated.title &&
        old.unit == updated.unit && old.group == updated.group) {
      ++plan.unchanged;
    } else {
      plan.updates.push_back(updated);
    }
    it->second = updated;
  }
  std::vector<FieldError> errors;
  std::map<std::string, int> unit_holder;  // unit → no
  for (const auto& [no, c] : final_by_no) {
    if (!c.active) continue;
    auto [it, fresh] = unit_holder.emplace(c.unit, no);
    if (!fresh) {
      int line = 0;
      for (const auto& r : rows)
        if (r.candidate.no == no || r.candidate.no == it->second) line = r.line;
      errors.push_back({line, "单位代码", "单位 " + c.unit + " 已有参评书记（编号 " + std::to_string(it->second) + "）"});
    }
  }
  std::vector<Candidate> all;
  for (const auto& [no, c] : final_by_no) all.push_back(c);
  AppendDetails(errors, ValidateQuotas(config, GroupSizes(all)));
  if (!errors.empty()) return Status(code::kInvalid, "导入后名单会有冲突，未导入任何数据", std::move(errors));
  return plan;
}

std::string RosterToCsv(const std::vector<Candidate>& candidates, const OrgTree& tree,
                        const CampaignConfig& config) {
  std::string out = "\xEF\xBB\xBF";
  for (std::size_t i = 0; i < std::size(kRosterColumns); ++i) {
    if (i) out += ',';
    out += kRosterColumns[i];
  }
  out += "\r\n";
  for (const auto& c : candidates) {
    const OrgUnit* u = tree.Find(c.unit);
    const OrgUnit* p = u ? tree.Parent(*u) : nullptr;
    const OrgUnit* d = u ? tree.District(*u) : nullptr;
    const Group* g = config.FindGroup(c.group);
    std::vector<std::string> f = {std::to_string(c.no), c.name, c.gender, c.title, c.unit,
                                  u ? u->name : "", p ? p->name : "", d ? d->name : "",
                                  g ? g->name : c.group};
    for (std::size_t i = 0; i < f.size(); ++i) {
      if (i) out += ',';
      out += CsvField(f[i]);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace ss

#include "core/table.h"

#include <algorithm>

namespace ss {

std::string TrimCell(std::string_view s) {
  constexpr std::string_view kIdeographic = "\xE3\x80\x80";
  for (bool changed = true; changed;) {
    changed = false;
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1), changed = true;
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1), changed = true;
    if (s.substr(0, 3) == kIdeographic) s.remove_prefix(3), changed = true;
    if (s.size() >= 3 && s.substr(s.size() - 3) == kIdeographic) s.remove_suffix(3), changed = true;
  }
  return std::string(s);
}

Result<Table> Table::Read(const std::vector<CsvRecord>& records, std::span<const char* const> known,
                          std::span<const char* const> required, std::string_view empty_hint) {
  if (records.empty()) return Status(code::kInvalid, "文件是空的：第一行应为表头（" + std::string(empty_hint) + "）");
  Table t;
  t.records_ = &records;
  std::vector<FieldError> errors;
  const auto& header = records.front();
  std::string known_list;
  for (const char* k : known) known_list += (known_list.empty() ? "" : "、") + std::string(k);
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    std::string name = TrimCell(header.fields[i]);
    if (name.empty()) continue;
    if (std::find(known.begin(), known.end(), std::string_view(name)) == known.end()) {
      errors.push_back({header.line, name, "未知的列。可用的列：" + known_list});
    } else if (!t.columns_.emplace(name, i).second) {
      errors.push_back({header.line, name, "列名重复"});
    }
  }
  for (const char* r : required)
    if (!t.columns_.count(std::string_view(r))) errors.push_back({header.line, r, "缺少这一列"});
  if (!errors.empty()) return Status(code::kInvalid, "表头有误", std::move(errors));
  if (records.size() == 1) return Status(code::kInvalid, "文件中没有数据行");
  return t;
}

std::string Table::Cell(std::size_t i, std::string_view column) const {
  auto it = columns_.find(column);
  const auto& fields = Row(i).fields;
  if (it == columns_.end() || it->second >= fields.size()) return {};
  return TrimCell(fields[it->second]);
}

}  // namespace ss

// A table from a spreadsheet or a CSV file: the first record is the header naming the
// columns, every later record a row. Cells are read by column name and trimmed of spaces,
// including the ideographic space (U+3000) that Chinese input leaves around text.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv.h"
#include "core/status.h"

namespace ss {

class Table {
 public:
  // kInvalid, naming the header line and each bad column, for an unknown or repeated column
  // name or a missing required one; kInvalid for an empty file or a header without rows.
  // `empty_hint` says what the header should hold, for the empty-file message. The table
  // refers to `records`, which must outlive it.
  static Result<Table> Read(const std::vector<CsvRecord>& records, std::span<const char* const> known,
                            std::span<const char* const> required, std::string_view empty_hint);

  std::size_t size() const { return records_->size() - 1; }  // data rows
  const CsvRecord& Row(std::size_t i) const { return (*records_)[i + 1]; }
  const CsvRecord& Header() const { return records_->front(); }
  // The trimmed cell of row i in `column`; "" when the column or the cell is absent.
  std::string Cell(std::size_t i, std::string_view column) const;

 private:
  const std::vector<CsvRecord>* records_ = nullptr;
  std::map<std::string, std::size_t, std::less<>> columns_;
};

// `text` without surrounding spaces, tabs and ideographic spaces.
std::string TrimCell(std::string_view text);

}  // namespace ss

// Excel workbooks (.xlsx) through libxlsxwriter: sheets of text and numbers with a bold,
// frozen header row — what every table in the console exports. Blocking (it writes a
// temporary file): call from the blocking pool.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "core/status.h"

namespace ss::report {

using Cell = std::variant<std::string, double>;

struct Sheet {
  std::string name;                     // at most 31 characters, as Excel wants
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
  std::vector<double> widths;           // column widths in characters; missing ones default
};

// The workbook's bytes.
Result<std::string> WriteXlsx(const std::vector<Sheet>& sheets);

inline constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

}  // namespace ss::report

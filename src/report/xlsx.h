// Excel workbooks (.xlsx) through libxlsxwriter: sheets of text and numbers with a bold,
// frozen header row — what every table in the console exports. Blocking (it writes a
// temporary file): call from the blocking pool.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "core/status.h"
#include "core/time.h"

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

// What an export is called when saved: "<scope>_<what>_<YYYY-MM-DD>.xlsx", the day in `tz`
// ("海南区_参评名单_2026-12-03.xlsx"; without a scope "用户_2026-12-03.xlsx"), so that a folder of
// downloads from several districts and days says what each file is and sorts by itself.
std::string ExportFileName(std::string_view scope, std::string_view what, Millis now, const TimeZone& tz);

inline constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

}  // namespace ss::report

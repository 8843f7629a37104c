// An RFC 4180 CSV reader: comma-separated, fields optionally in double quotes with "" for a
// quote, records ended by CRLF or LF, quoted fields may span lines. A UTF-8 byte order mark
// (as Excel writes it) is skipped. Blank lines are skipped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace ss {

struct CsvRecord {
  int line = 0;  // the file line the record starts on, 1-based
  std::vector<std::string> fields;
};

// kInvalid naming the line for an unterminated quote or a quote inside an unquoted field;
// kInvalid when the text is not UTF-8 (telling the user how to save it from Excel).
Result<std::vector<CsvRecord>> ParseCsv(std::string_view text);

bool IsValidUtf8(std::string_view text);

}  // namespace ss

#include "core/csv.h"

namespace ss {

bool IsValidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int extra = 0;
    unsigned cp = 0;
    if (c < 0x80) { ++i; continue; }
    else if ((c & 0xE0) == 0xC0) { extra = 1; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { extra = 2; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { extra = 3; cp = c & 0x07; }
    else return false;
    if (i + extra >= s.size()) return false;
    for (int k = 1; k <= extra; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += extra + 1;
  }
  return true;
}

Result<std::vector<CsvRecord>> ParseCsv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (!IsValidUtf8(text)) {
    return Status(code::kInvalid,
                  "文件不是 UTF-8 编码。请在 Excel 中“另存为”并选择“CSV UTF-8（逗号分隔）”，或直接导入 .xlsx 文件");
  }
  std::vector<CsvRecord> out;
  CsvRecord rec;
  std::string field;
  int line = 1;
  rec.line = 1;
  bool in_quotes = false, quoted = false, record_has_content = false;

  auto end_field = [&] {
    rec.fields.push_back(std::move(field));
    field.clear();
    quoted = false;
  };
  auto end_record = [&] {
    end_field();
    // A blank line is one empty unquoted field: skip it.
    bool blank = rec.fields.size() == 1 && rec.fields[0].empty() && !record_has_content;
    if (!blank) out.push_back(std::move(rec));
    rec = CsvRecord{};
    record_has_content = false;
  };

  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    switch (c) {
      case '"':
        if (!field.empty() || quoted) {
          return Status(code::kInvalid, "CSV 格式错误", {{line, "", "引号只能出现在字段开头，字段内的引号须写成两个引号 \"\""}});
        }
        in_quotes = quoted = record_has_content = true;
        break;
      case ',':
        record_has_content = true;
        end_field();
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') break;  // CRLF: the LF ends the record
        [[fallthrough]];
      case '\n':
        end_record();
        ++line;
        rec.line = line;
        break;
      default:
        if (quoted) {
          return Status(code::kInvalid, "CSV 格式错误", {{line, "", "右引号之后只能是逗号或换行"}});
        }
        record_has_content = true;
        field += c;
    }
  }
  if (in_quotes) return Status(code::kInvalid, "CSV 格式错误", {{rec.line, "", "引号没有闭合"}});
  if (!field.empty() || !rec.fields.empty() || record_has_content) end_record();
  return out;
}

}  // namespace ss

#include "report/xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace ss::report {

Result<std::string> WriteXlsx(const std::vector<Sheet>& sheets) {
  char path[] = "/tmp/shuangshai-xlsx-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return Status(code::kInternal, "无法创建临时文件");
  close(fd);
  struct Remove {
    const char* p;
    ~Remove() { std::remove(p); }
  } remove{path};

  lxw_workbook* wb = workbook_new(path);
  if (!wb) return Status(code::kInternal, "无法生成 Excel 文件");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  format_set_bg_color(bold, 0xF2F2F2);
  format_set_border(bold, LXW_BORDER_THIN);
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");  // keep codes like 150303004001 as text
  for (const auto& sheet : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
    if (!ws) {
      workbook_close(wb);
      return Status(code::kInternal, "工作表名称无效：" + sheet.name);
    }
    for (std::size_t c = 0; c < sheet.header.size(); ++c) {
      double width = c < sheet.widths.size() ? sheet.widths[c] : 14;
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width, text);
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), sheet.header[c].c_str(), bold);
    }
    worksheet_freeze_panes(ws, 1, 0);
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
      const auto& row = sheet.rows[r];
      for (std::size_t c = 0; c < row.size(); ++c) {
        auto rr = static_cast<lxw_row_t>(r + 1);
        auto cc = static_cast<lxw_col_t>(c);
        if (const auto* s = std::get_if<std::string>(&row[c])) worksheet_write_string(ws, rr, cc, s->c_str(), text);
        else worksheet_write_number(ws, rr, cc, std::get<double>(row[c]), nullptr);
      }
    }
  }
  if (workbook_close(wb) != LXW_NO_ERROR) return Status(code::kInternal, "无法生成 Excel 文件");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string ExportFileName(std::string_view scope, std::string_view what, Millis now, const TimeZone& tz) {
  std::string name;
  if (!scope.empty()) {
    name += scope;
    name += '_';
  }
  name += what;
  name += '_';
  name += FormatLocalDate(now, tz);
  name += ".xlsx";
  return name;
}

}  // namespace ss::report

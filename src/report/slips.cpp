#include "report/slips.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "report/drawing.h"

#include <algorithm>
#include <cmath>
#include <memory>

namespace ss::report {
namespace {

// A4 in points; a 10 mm margin that every printer can reach, the rest split into 2 × 5 slips.
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.890;
constexpr double kMargin = 28.35;
constexpr int kColumns = 2;
constexpr int kRows = kSlipsPerPage / kColumns;
constexpr double kSlipWidth = (kPageWidth - 2 * kMargin) / kColumns;
constexpr double kSlipHeight = (kPageHeight - 2 * kMargin) / kRows;
constexpr double kPad = 11;             // from the cut line to the content
constexpr double kMaxQr = 100;          // ≈ 35 mm: a phone reads it from arm's length
constexpr double kCodeFontSize = 17;    // shrunk when the longest code would not fit
constexpr const char* kSans = "Noto Sans CJK SC";
constexpr const char* kMono = "Noto Sans Mono CJK SC";
constexpr const char* kInstruction = "微信扫码或在投票页输入投票码，仅可使用一次";

void DrawCutLines(cairo_t* cr) {
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
  cairo_set_line_width(cr, 0.5);
  const double dash[] = {4, 3};
  cairo_set_dash(cr, dash, 2, 0);
  for (int c = 0; c <= kColumns; ++c) {
    double x = kMargin + c * kSlipWidth;
    cairo_move_to(cr, x, kMargin);
    cairo_line_to(cr, x, kPageHeight - kMargin);
  }
  for (int r = 0; r <= kRows; ++r) {
    double y = kMargin + r * kSlipHeight;
    cairo_move_to(cr, kMargin, y);
    cairo_line_to(cr, kPageWidth - kMargin, y);
  }
  cairo_stroke(cr);
  cairo_restore(cr);
}

Status CheckSheet(const SlipSheet& sheet) {
  if (sheet.codes.empty()) return Status(code::kBadParam, "没有要打印的投票码");
  if (sheet.codes.size() > kMaxSlips)
    return Status(code::kBadParam, "一次最多打印 " + std::to_string(kMaxSlips) + " 个投票码，而不是 " + std::to_string(sheet.codes.size()));
  if (sheet.url_base.empty()) return Status(code::kBadParam, "缺少投票页地址");
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < sheet.codes.size() && errors.size() < 20; ++i) {
    const std::string& c = sheet.codes[i];
    bool ok = !c.empty() && c.size() <= 32 &&
              std::all_of(c.begin(), c.end(), [](char ch) { return (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'); });
    if (!ok) errors.push_back({0, "codes[" + std::to_string(i) + "]", "投票码应为 1 到 32 个字母或数字"});
  }
  if (!errors.empty()) return Status(code::kBadParam, "投票码格式不对", std::move(errors));
  return Status::Ok();
}

}  // namespace

std::string GroupedCode(std::string_view code) {
  std::string out;
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += '-';
    out += code[i];
  }
  return out;
}

std::string SlipUrl(std::string_view url_base, std::string_view code) {
  std::string url(url_base);
  url += url_base.find('?') == std::string_view::npos ? "?code=" : "&code=";
  url += code;  // letters and digits only (CheckSheet): nothing to escape
  return url;
}

Result<std::string> BallotSlipsPdf(const SlipSheet& sheet) {
  if (Status s = CheckSheet(sheet); !s.ok()) return s;

  std::string pdf;
  std::unique_ptr<cairo_surface_t, CairoFree> surface(cairo_pdf_surface_create_for_stream(Append, &pdf, kPageWidth, kPageHeight));
  std::string title = sheet.campaign_name;
  title += " · ";
  title += sheet.branch;
  title += " · 投票码";
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Shuangshai");
  std::unique_ptr<cairo_t, CairoFree> cairo(cairo_create(surface.get()));
  cairo_t* cr = cairo.get();

  // A font map of this call's own, freed with it: nothing outlives the call (the per-thread
  // default map would save ≈ 25 ms a sheet but keeps its fonts for the thread's life). One
  // Pango context for the whole sheet, at 72 dpi so that a font size is in points (the PDF's
  // unit), without hinting (vector output: metrics stay exact).
  std::unique_ptr<PangoFontMap, GFree> fonts(pango_cairo_font_map_new());
  std::unique_ptr<PangoContext, GFree> ctx(pango_font_map_create_context(fonts.get()));
  pango_cairo_update_context(cr, ctx.get());
  pango_cairo_context_set_resolution(ctx.get(), 72);
  std::unique_ptr<cairo_font_options_t, CairoFree> options(cairo_font_options_create());
  cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(ctx.get(), options.get());
  if (Status s = CheckFont(ctx.get(), kSans, "投票码纸条"); !s.ok()) return s;
  if (Status s = CheckFont(ctx.get(), kMono, "投票码纸条"); !s.ok()) return s;

  // Everything but the code is the same on every slip: laid out once.
  const double inner = kSlipWidth - 2 * kPad;
  Layout name = MakeLayout(ctx.get(), Font(kSans, "", 8), inner, 2, sheet.campaign_name);
  Layout branch = MakeLayout(ctx.get(), Font(kSans, "Bold", 11), inner, 2, sheet.branch);
  Layout instruction = MakeLayout(ctx.get(), Font(kSans, "", 7.5), inner, 2, kInstruction);
  Layout label = MakeLayout(ctx.get(), Font(kSans, "", 7), inner, 1, "投票码");
  const double name_h = Height(name.get()), branch_h = Height(branch.get());
  const double instruction_h = Height(instruction.get()), label_h = Height(label.get());
  const double band_top = kPad + name_h + 3 + branch_h + 6;
  const double band_bottom = kSlipHeight - kPad - instruction_h - 5;
  const double qr = std::min(kMaxQr, band_bottom - band_top);
  const double code_width = inner - qr - 14;  // ≥ 4 modules of quiet zone before the QR code

  // The code's size: the longest code, grouped, must fit beside the QR code.
  std::string longest = GroupedCode(*std::max_element(sheet.codes.begin(), sheet.codes.end(),
                                                      [](const std::string& a, const std::string& b) { return a.size() < b.size(); }));
  double code_size = kCodeFontSize;
  Layout code = MakeLayout(ctx.get(), Font(kMono, "Bold", code_size), code_width, 1, longest);
  pango_layout_set_width(code.get(), -1);  // measured unwrapped: never "…" in a code
  if (double w = Width(code.get()); w > code_width) {
    code_size = std::floor(code_size * code_width / w * 2) / 2;
    code = MakeLayout(ctx.get(), Font(kMono, "Bold", code_size), code_width, 1, longest);
    pango_layout_set_width(code.get(), -1);
  }
  const double code_h = Height(code.get());
  const double block_top = band_top + (band_bottom - band_top - label_h - 2 - code_h) / 2;

  const std::size_t pages = (sheet.codes.size() + kSlipsPerPage - 1) / kSlipsPerPage;
  for (std::size_t i = 0; i < sheet.codes.size(); ++i) {
    const std::size_t page = i / kSlipsPerPage;
    const int slot = static_cast<int>(i % kSlipsPerPage);
    if (slot == 0) {
      DrawCutLines(cr);
      std::string footer = sheet.branch;
      footer += "　第 ";
      footer += std::to_string(page + 1);
      footer += " / ";
      footer += std::to_string(pages);
      footer += " 页　沿虚线裁开";
      Layout f = MakeLayout(ctx.get(), Font(kSans, "", 6.5), kPageWidth - 2 * kMargin, 1, footer);
      cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
      Show(cr, f.get(), kMargin, kPageHeight - kMargin + 4);
    }
    const double x = kMargin + (slot % kColumns) * kSlipWidth;
    const double y = kMargin + (slot / kColumns) * kSlipHeight;
    cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
    Show(cr, name.get(), x + kPad, y + kPad);
    cairo_set_source_rgb(cr, 0.70, 0.05, 0.05);  // the party's red for the branch
    Show(cr, branch.get(), x + kPad, y + kPad + name_h + 3);
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    Show(cr, label.get(), x + kPad, y + block_top);
    std::string grouped = GroupedCode(sheet.codes[i]);
    pango_layout_set_text(code.get(), grouped.data(), static_cast<int>(grouped.size()));
    cairo_set_source_rgb(cr, 0, 0, 0);
    Show(cr, code.get(), x + kPad, y + block_top + label_h + 2);
    Show(cr, instruction.get(), x + kPad, y + kSlipHeight - kPad - instruction_h);
    const double qr_top = y + band_top + (band_bottom - band_top - qr) / 2;
    if (Status s = DrawQr(cr, SlipUrl(sheet.url_base, sheet.codes[i]), x + kSlipWidth - kPad - qr, qr_top, qr); !s.ok()) return s;
    if (slot == kSlipsPerPage - 1 || i + 1 == sheet.codes.size()) cairo_show_page(cr);
  }
  cairo.reset();
  cairo_surface_finish(surface.get());
  if (cairo_status_t st = cairo_surface_status(surface.get()); st != CAIRO_STATUS_SUCCESS)
    return Status(code::kInternal, std::string("生成 PDF 失败：") + cairo_status_to_string(st));
  surface.reset();
  return pdf;
}

}  // namespace ss::report

#include "report/share_poster.h"

#include "report/drawing.h"

namespace ss::report {
namespace {

constexpr const char* kSans = "Noto Sans CJK SC";
constexpr double kPad = 56;
constexpr double kQr = 300;  // ≈ 40 % of the width: read from a screen or a print alike

void Fill(cairo_t* cr, double r, double g, double b, double x, double y, double w, double h) {
  cairo_set_source_rgb(cr, r, g, b);
  cairo_rectangle(cr, x, y, w, h);
  cairo_fill(cr);
}

}  // namespace

Result<std::string> SharePosterPng(const SharePoster& p) {
  std::unique_ptr<cairo_surface_t, CairoFree> surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, kPosterWidth, kPosterHeight));
  std::unique_ptr<cairo_t, CairoFree> cr(cairo_create(surface.get()));
  std::unique_ptr<PangoFontMap, GFree> fonts(pango_cairo_font_map_new());
  std::unique_ptr<PangoContext, GFree> ctx(pango_font_map_create_context(fonts.get()));
  pango_cairo_update_context(cr.get(), ctx.get());
  pango_cairo_context_set_resolution(ctx.get(), 72);  // sizes in pixels
  if (Status s = CheckFont(ctx.get(), kSans, "分享海报"); !s.ok()) return s;

  const double inner = kPosterWidth - 2 * kPad;
  // The party red band with the campaign's name, then white.
  Layout tag = MakeLayout(ctx.get(), Font(kSans, "Bold", 30), inner, 1, "晒党建 · 晒成绩");
  Layout campaign = MakeLayout(ctx.get(), Font(kSans, "", 30), inner, 3, p.campaign_name);
  const double band = 72 + Height(tag.get()) + 24 + Height(campaign.get()) + 64;  // as tall as its words
  Fill(cr.get(), 1, 1, 1, 0, 0, kPosterWidth, kPosterHeight);
  Fill(cr.get(), 0.784, 0.086, 0.114, 0, 0, kPosterWidth, band);
  cairo_set_source_rgb(cr.get(), 1, 0.92, 0.6);
  Show(cr.get(), tag.get(), kPad, 72);
  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  Show(cr.get(), campaign.get(), kPad, 72 + Height(tag.get()) + 24);

  double y = band + 56;
  Layout name = MakeLayout(ctx.get(), Font(kSans, "Bold", 56), inner, 2, p.number_and_name);
  cairo_set_source_rgb(cr.get(), 0.1, 0.1, 0.1);
  Show(cr.get(), name.get(), kPad, y);
  y += Height(name.get()) + 16;
  Layout subtitle = MakeLayout(ctx.get(), Font(kSans, "", 30), inner, 2, p.subtitle);
  cairo_set_source_rgb(cr.get(), 0.27, 0.27, 0.27);
  Show(cr.get(), subtitle.get(), kPad, y);
  y += Height(subtitle.get()) + 28;
  if (!p.excerpt.empty()) {
    Layout excerpt = MakeLayout(ctx.get(), Font(kSans, "", 28), inner, 3, p.excerpt);
    cairo_set_source_rgb(cr.get(), 0.2, 0.2, 0.2);
    Show(cr.get(), excerpt.get(), kPad, y);
  }

  // The QR code centred near the bottom, on white with its quiet zone, and what it does.
  const double qr_x = (kPosterWidth - kQr) / 2, qr_y = kPosterHeight - kQr - 170;
  if (Status s = DrawQr(cr.get(), p.url, qr_x, qr_y, kQr); !s.ok()) return s;
  Layout hint = MakeLayout(ctx.get(), Font(kSans, "Bold", 30), inner, 1, "微信扫码，观看展示、为TA投票");
  pango_layout_set_alignment(hint.get(), PANGO_ALIGN_CENTER);
  cairo_set_source_rgb(cr.get(), 0.784, 0.086, 0.114);
  Show(cr.get(), hint.get(), kPad, qr_y + kQr + 36);

  std::string png;
  if (cairo_surface_write_to_png_stream(surface.get(), Append, &png) != CAIRO_STATUS_SUCCESS)
    return Status(code::kInternal, "分享海报无法生成");
  return png;
}

}  // namespace ss::report

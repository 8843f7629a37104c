#include "report/drawing.h"

namespace ss::report {

cairo_status_t Append(void* out, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(out)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

std::string Font(const char* family, const char* style, double size) {
  std::string f = family;
  f += ", ";
  f += style;
  f += ' ';
  f += std::to_string(size);
  return f;
}

// A layout `width` points wide, at most `max_lines` lines (the last one ends in "…").
Layout MakeLayout(PangoContext* ctx, const std::string& font, double width, int max_lines, std::string_view text) {
  Layout l(pango_layout_new(ctx));
  FontDescription d(pango_font_description_from_string(font.c_str()));
  pango_layout_set_font_description(l.get(), d.get());
  pango_layout_set_width(l.get(), pango_units_from_double(width));
  pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height(l.get(), -max_lines);
  pango_layout_set_ellipsize(l.get(), PANGO_ELLIPSIZE_END);
  pango_layout_set_text(l.get(), text.data(), static_cast<int>(text.size()));
  return l;
}

double Height(PangoLayout* l) {
  PangoRectangle logical;
  pango_layout_get_extents(l, nullptr, &logical);
  return pango_units_to_double(logical.height);
}

double Width(PangoLayout* l) {
  PangoRectangle logical;
  pango_layout_get_extents(l, nullptr, &logical);
  return pango_units_to_double(logical.width);
}

void Show(cairo_t* cr, PangoLayout* l, double x, double y) {
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, l);
}

// Without the CJK font, fontconfig would quietly substitute one that draws boxes for 汉字.
Status CheckFont(PangoContext* ctx, const char* family, std::string_view what) {
  FontDescription want(pango_font_description_from_string(Font(family, "", 10).c_str()));
  std::unique_ptr<PangoFont, GFree> font(pango_context_load_font(ctx, want.get()));
  std::string got;
  if (font) {
    FontDescription d(pango_font_describe(font.get()));
    if (const char* f = pango_font_description_get_family(d.get())) got = f;
  }
  if (got != family)
    return Status(code::kUnavailable, std::string("缺少中文字体 ") + family + "（Debian 软件包 fonts-noto-cjk），无法生成" + std::string(what));
  return Status::Ok();
}

// The QR code as a 1-bit image of one pixel per module, scaled up without smoothing: the
// PDF says /Interpolate false, so viewers and printers keep the edges sharp. (Drawn as
// vector runs, 500 slips took 834 ms and 2 MB, mostly printing and compressing coordinates;
// as images ≈ 150 ms and 460 KiB.)
Status DrawQr(cairo_t* cr, const std::string& text, double x, double y, double size) {
  std::unique_ptr<QRcode, QrFree> qr(QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!qr) return Status(code::kBadParam, "地址太长，放不进二维码");
  const int n = qr->width;
  std::unique_ptr<cairo_surface_t, CairoFree> image(cairo_image_surface_create(CAIRO_FORMAT_A8, n, n));
  unsigned char* pixels = cairo_image_surface_get_data(image.get());
  const int stride = cairo_image_surface_get_stride(image.get());
  for (int row = 0; row < n; ++row)
    for (int col = 0; col < n; ++col)
      pixels[row * stride + col] = (qr->data[row * n + col] & 1) ? 255 : 0;
  cairo_surface_mark_dirty(image.get());
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_scale(cr, size / n, size / n);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_pattern_t* mask = cairo_pattern_create_for_surface(image.get());
  cairo_pattern_set_filter(mask, CAIRO_FILTER_NEAREST);
  cairo_mask(cr, mask);
  cairo_pattern_destroy(mask);
  cairo_restore(cr);
  return Status::Ok();
}

}  // namespace ss::report

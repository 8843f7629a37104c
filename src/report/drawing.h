// What the PDF slips and the PNG share posters draw with: Cairo surfaces, Pango text in the
// Noto CJK fonts (checked present: fontconfig would otherwise draw boxes for 汉字) and QR
// codes by libqrencode. Each call works on the caller's own surface and layouts.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace ss::report {

struct CairoFree {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
  void operator()(cairo_t* c) const { cairo_destroy(c); }
  void operator()(cairo_font_options_t* o) const { cairo_font_options_destroy(o); }
};
struct GFree {
  void operator()(gpointer p) const { g_object_unref(p); }
};
struct FontFree {
  void operator()(PangoFontDescription* d) const { pango_font_description_free(d); }
};
struct QrFree {
  void operator()(QRcode* q) const { QRcode_free(q); }
};
using Layout = std::unique_ptr<PangoLayout, GFree>;
using FontDescription = std::unique_ptr<PangoFontDescription, FontFree>;

// A cairo write function that appends to the std::string `out` points at.
cairo_status_t Append(void* out, const unsigned char* data, unsigned int length);

// "Noto Sans CJK SC, Bold 17".
std::string Font(const char* family, const char* style, double size);

// A layout `width` points wide, at most `max_lines` lines (the last one ends in "…").
Layout MakeLayout(PangoContext* ctx, const std::string& font, double width, int max_lines, std::string_view text);
double Height(PangoLayout* l);
double Width(PangoLayout* l);
void Show(cairo_t* cr, PangoLayout* l, double x, double y);

// kUnavailable naming the Debian package when `family` is not installed; `what` is what
// cannot be made without it ("投票码纸条").
Status CheckFont(PangoContext* ctx, const char* family, std::string_view what);

// `text` as a QR code (level M) `size` points square at (x, y), modules kept sharp.
Status DrawQr(cairo_t* cr, const std::string& text, double x, double y, double size);

}  // namespace ss::report

#include "core/showcase/share.h"

#include "core/showcase/feed.h"

namespace ss::showcase {

std::string Excerpt(std::string_view utf8, std::size_t max_chars) {
  std::size_t chars = 0, i = 0;
  while (i < utf8.size() && chars < max_chars) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++chars;
  }
  if (i >= utf8.size()) return std::string(utf8);
  return std::string(utf8.substr(0, i)) + "…";
}

namespace {

std::string Meta(std::string_view attribute, std::string_view key, std::string_view value) {
  if (value.empty()) return "";
  return "<meta " + std::string(attribute) + "=\"" + std::string(key) + "\" content=\"" + XmlEscape(value) + "\">\n";
}

std::string Head(const ShareCard& c) {
  std::string h = "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n";
  h += "<title>" + XmlEscape(c.title + " · " + c.site_name) + "</title>\n";
  h += Meta("name", "description", c.description);
  h += Meta("property", "og:type", c.video.empty() ? "article" : "video.other");
  h += Meta("property", "og:site_name", c.site_name);
  h += Meta("property", "og:title", c.title);
  h += Meta("property", "og:description", c.description);
  h += Meta("property", "og:url", c.page_url);
  h += Meta("property", "og:image", c.image);
  h += Meta("property", "og:video", c.video);
  if (!c.video.empty()) h += Meta("property", "og:video:type", "video/mp4");
  h += Meta("itemprop", "name", c.title);
  h += Meta("itemprop", "description", c.description);
  h += Meta("itemprop", "image", c.image);
  h += Meta("name", "twitter:card", c.image.empty() ? "summary" : "summary_large_image");
  h += "<link rel=\"canonical\" href=\"" + XmlEscape(c.page_url) + "\">\n";
  return h;
}

}  // namespace

std::string SharePageHtml(const ShareCard& c) {
  std::string h = Head(c);
  h += "<meta http-equiv=\"refresh\" content=\"0;url=" + XmlEscape(c.page_url) + "\">\n</head>\n<body>\n";
  h += "<p style=\"font-size:20px;line-height:1.6;padding:24px\"><a href=\"" + XmlEscape(c.page_url) + "\">查看" +
       XmlEscape(c.title) + "的展示材料</a></p>\n</body>\n</html>\n";
  return h;
}

std::string EmbedPlayerHtml(const ShareCard& c) {
  std::string h = Head(c);
  h += "<style>html,body{margin:0;height:100%;background:#000}video{width:100%;height:100%;display:block}"
       "a{position:fixed;left:8px;bottom:8px;color:#fff;font:14px sans-serif;background:rgba(0,0,0,.55);"
       "padding:4px 8px;border-radius:4px;text-decoration:none}</style>\n</head>\n<body>\n";
  if (c.video.empty()) {
    h += "<a href=\"" + XmlEscape(c.page_url) + "\" target=\"_blank\" rel=\"noopener\">视频尚未公开，查看" + XmlEscape(c.title) + "</a>\n";
  } else {
    h += "<video controls playsinline preload=\"none\"";
    if (!c.image.empty()) h += " poster=\"" + XmlEscape(c.image) + "\"";
    h += " src=\"" + XmlEscape(c.video) + "\" title=\"" + XmlEscape(c.title) + "\"></video>\n";
    h += "<a href=\"" + XmlEscape(c.page_url) + "\" target=\"_blank\" rel=\"noopener\">" + XmlEscape(c.title) + "</a>\n";
  }
  h += "</body>\n</html>\n";
  return h;
}

}  // namespace ss::showcase

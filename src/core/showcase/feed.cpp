#include "core/showcase/feed.h"

#include <boost/json.hpp>

namespace ss::showcase {
namespace json = boost::json;

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out += c;
    }
  }
  return out;
}

std::string JsonFeed(const FeedChannel& channel, const std::vector<FeedItem>& items) {
  json::array out;
  for (const auto& i : items) {
    json::object o{{"id", i.url},
                   {"url", i.url},
                   {"title", i.title},
                   {"summary", i.summary},
                   {"content_text", i.content_text},
                   {"date_published", FormatUtc(i.published)}};
    if (!i.image.empty()) o["image"] = i.image;
    if (!i.tags.empty()) {
      json::array tags;
      for (const auto& t : i.tags) tags.emplace_back(t);
      o["tags"] = std::move(tags);
    }
    if (!i.video.empty())
      o["attachments"] = json::array{json::object{{"url", i.video}, {"mime_type", "video/mp4"}, {"size_in_bytes", i.video_bytes}}};
    out.push_back(std::move(o));
  }
  return json::serialize(json::object{{"version", "https://jsonfeed.org/version/1.1"},
                                      {"title", channel.title},
                                      {"home_page_url", channel.home_url},
                                      {"feed_url", channel.feed_url},
                                      {"description", channel.description},
                                      {"language", "zh-CN"},
                                      {"items", std::move(out)}});
}

std::string RssFeed(const FeedChannel& channel, const std::vector<FeedItem>& items) {
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n";
  x += "<title>" + XmlEscape(channel.title) + "</title>\n";
  x += "<link>" + XmlEscape(channel.home_url) + "</link>\n";
  x += "<description>" + XmlEscape(channel.description) + "</description>\n";
  x += "<language>zh-cn</language>\n";
  x += "<atom:link href=\"" + XmlEscape(channel.feed_url) + "\" rel=\"self\" type=\"application/rss+xml\"/>\n";
  if (!items.empty()) x += "<lastBuildDate>" + FormatHttpDate(items.front().published) + "</lastBuildDate>\n";
  for (const auto& i : items) {
    x += "<item>\n<title>" + XmlEscape(i.title) + "</title>\n";
    x += "<link>" + XmlEscape(i.url) + "</link>\n";
    x += "<guid isPermaLink=\"true\">" + XmlEscape(i.url) + "</guid>\n";
    x += "<pubDate>" + FormatHttpDate(i.published) + "</pubDate>\n";
    for (const auto& t : i.tags) x += "<category>" + XmlEscape(t) + "</category>\n";
    x += "<description>" + XmlEscape(i.summary + "\n\n" + i.content_text) + "</description>\n";
    if (!i.video.empty())
      x += "<enclosure url=\"" + XmlEscape(i.video) + "\" length=\"" + std::to_string(i.video_bytes) + "\" type=\"video/mp4\"/>\n";
    x += "</item>\n";
  }
  x += "</channel>\n</rss>\n";
  return x;
}

}  // namespace ss::showcase

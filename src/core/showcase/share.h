// What a link to a secretary looks like where it is shared (WeChat chats and Moments, QQ,
// Weibo, other sites): a small server-written page whose head carries the card — Open Graph
// (og:title, og:description, og:image, og:video), the itemprop tags WeChat's browser reads and
// a Twitter card — and which sends a person on to the public candidate page. And the video
// alone, for other sites to embed in an <iframe> (the only page that may be framed). Pure:
// the API fills the card, this writes the HTML with everything escaped (feed.h's XmlEscape,
// whose entities HTML knows too).
#pragma once

#include <string>
#include <string_view>

namespace ss::showcase {

struct ShareCard {
  std::string title;        // "编号 97 钟庆梅 · 新桥社区党组织书记"
  std::string site_name;    // the campaign's name
  std::string description;  // district · unit, and the start of the first section
  std::string page_url;     // absolute: the public candidate page (canonical; where a person goes)
  std::string image;        // absolute poster URL, may be empty
  std::string video;        // absolute MP4 URL, may be empty
};

// The share page: the card in its head, a refresh to page_url and a link for who has none.
std::string SharePageHtml(const ShareCard& card);

// The embeddable player: the poster first, the video on tap, nothing else on the page.
std::string EmbedPlayerHtml(const ShareCard& card);

// At most `max_chars` characters of `utf8` (code points), "…" added when cut.
std::string Excerpt(std::string_view utf8, std::size_t max_chars);

}  // namespace ss::showcase

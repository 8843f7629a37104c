// The approved showcases as feeds that readers, aggregators and the organization department's
// own WeChat tools take in: JSON Feed 1.1 (jsonfeed.org/version/1.1) and RSS 2.0. One item per
// secretary's public version, newest approval first, its video as an attachment (RSS:
// enclosure), its poster as the image. Pure: the API gathers the items, this only writes them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace ss::showcase {

struct FeedChannel {
  std::string title;        // the campaign's name
  std::string home_url;     // absolute: the campaign's public home
  std::string feed_url;     // absolute: this feed
  std::string description;
};

struct FeedItem {
  std::string url;           // absolute: the candidate's public page (also the item's id)
  std::string title;         // "编号 97 钟庆梅（新桥社区党组织书记）"
  std::string summary;       // "海南区 · 新桥社区 · 村(社区)党组织书记组"
  std::string content_text;  // every section, headed, in the campaign's order
  std::vector<std::string> tags;  // the themes
  Millis published = 0;      // approved at
  std::string image;         // absolute poster URL, may be empty
  std::string video;         // absolute MP4 URL, may be empty
  std::int64_t video_bytes = 0;
};

std::string JsonFeed(const FeedChannel& channel, const std::vector<FeedItem>& items);
std::string RssFeed(const FeedChannel& channel, const std::vector<FeedItem>& items);

// <, >, &, " and ' as entities; control characters XML 1.0 forbids are dropped.
std::string XmlEscape(std::string_view text);

}  // namespace ss::showcase

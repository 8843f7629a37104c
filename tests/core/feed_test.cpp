// The showcase feeds (core/showcase/feed.h): JSON Feed 1.1 and RSS 2.0 as their specs ask.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/showcase/feed.h"

namespace ss::showcase {
namespace {

FeedChannel Channel() {
  return {"乌海市“晒党建、晒成绩”活动", "https://vote.example.cn/c/1", "https://vote.example.cn/api/v1/campaigns/1/feed.json",
          "参评书记的展示材料"};
}

FeedItem Item() {
  FeedItem i;
  i.url = "https://vote.example.cn/c/1/candidates/97";
  i.title = "编号 97 钟庆梅（新桥社区党组织书记）";
  i.summary = "海南区 · 新桥社区";
  i.content_text = "【工作成效】\n办成实事 <36> 件 & 更多";
  i.tags = {"领导基层社会治理"};
  i.published = 1'764'810'000'000;  // 2025-12-04T01:00:00Z
  i.image = "https://vote.example.cn/media/videos/abc/poster.jpg";
  i.video = "https://vote.example.cn/media/videos/abc/video.mp4";
  i.video_bytes = 12345;
  return i;
}

TEST(Feed, JsonFeedOneOne) {
  auto v = boost::json::parse(JsonFeed(Channel(), {Item()})).as_object();
  EXPECT_EQ(v.at("version").as_string(), "https://jsonfeed.org/version/1.1");
  EXPECT_EQ(v.at("feed_url").as_string(), "https://vote.example.cn/api/v1/campaigns/1/feed.json");
  auto item = v.at("items").at(0).as_object();
  EXPECT_EQ(item.at("id").as_string(), "https://vote.example.cn/c/1/candidates/97");
  EXPECT_EQ(item.at("date_published").as_string(), "2025-12-04T01:00:00Z");
  EXPECT_EQ(item.at("attachments").at(0).at("mime_type").as_string(), "video/mp4");
  EXPECT_EQ(item.at("attachments").at(0).at("size_in_bytes").as_int64(), 12345);
  EXPECT_EQ(item.at("tags").at(0).as_string(), "领导基层社会治理");
  FeedItem bare = Item();
  bare.video.clear();
  bare.image.clear();
  auto no_media = boost::json::parse(JsonFeed(Channel(), {bare})).at("items").at(0).as_object();
  EXPECT_FALSE(no_media.contains("attachments"));
  EXPECT_FALSE(no_media.contains("image"));
}

TEST(Feed, RssTwoWithEscapesDatesAndEnclosures) {
  std::string x = RssFeed(Channel(), {Item()});
  EXPECT_EQ(x.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"", 0), 0u);
  EXPECT_NE(x.find("<pubDate>Thu, 04 Dec 2025 01:00:00 GMT</pubDate>"), std::string::npos) << x;
  EXPECT_NE(x.find("办成实事 &lt;36&gt; 件 &amp; 更多"), std::string::npos) << "escaped";
  EXPECT_EQ(x.find("<36>"), std::string::npos);
  EXPECT_NE(x.find("<enclosure url=\"https://vote.example.cn/media/videos/abc/video.mp4\" length=\"12345\" type=\"video/mp4\"/>"),
            std::string::npos);
  EXPECT_NE(x.find("<guid isPermaLink=\"true\">https://vote.example.cn/c/1/candidates/97</guid>"), std::string::npos);
  EXPECT_NE(x.find("rel=\"self\""), std::string::npos);
  // Every element opened is closed.
  for (const char* tag : {"channel", "item", "title", "link", "description", "pubDate", "guid", "category"}) {
    std::string open = std::string("<") + tag + ">", close = std::string("</") + tag + ">";
    std::size_t opens = 0, closes = 0;
    std::string with_attributes = std::string("<") + tag + " ";
    for (std::size_t p = x.find(open); p != std::string::npos; p = x.find(open, p + 1)) ++opens;
    for (std::size_t p = x.find(with_attributes); p != std::string::npos; p = x.find(with_attributes, p + 1)) ++opens;
    for (std::size_t p = x.find(close); p != std::string::npos; p = x.find(close, p + 1)) ++closes;
    EXPECT_EQ(opens, closes) << tag;
  }
  EXPECT_EQ(XmlEscape("a\x01'b\""), "a&apos;b&quot;") << "a control character XML forbids is dropped";
}

}  // namespace
}  // namespace ss::showcase

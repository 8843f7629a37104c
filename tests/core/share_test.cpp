// Share cards and the embeddable player (core/showcase/share.h).
#include <gtest/gtest.h>

#include "core/showcase/share.h"

namespace ss::showcase {
namespace {

ShareCard Card() {
  return {"编号 97 钟庆梅 · 新桥社区党组织书记", "乌海市“晒党建、晒成绩”活动", "海南区 · 新桥社区 <b>",
          "https://vote.example.cn/c/1/candidates/97", "https://vote.example.cn/media/videos/a/poster.jpg",
          "https://vote.example.cn/media/videos/a/video.mp4"};
}

TEST(Share, TheCardIsInTheHeadEscapedAndThePageMovesOn) {
  std::string h = SharePageHtml(Card());
  EXPECT_NE(h.find("<meta property=\"og:title\" content=\"编号 97 钟庆梅 · 新桥社区党组织书记\">"), std::string::npos);
  EXPECT_NE(h.find("<meta property=\"og:image\" content=\"https://vote.example.cn/media/videos/a/poster.jpg\">"), std::string::npos);
  EXPECT_NE(h.find("<meta property=\"og:video:type\" content=\"video/mp4\">"), std::string::npos);
  EXPECT_NE(h.find("<meta itemprop=\"image\""), std::string::npos) << "what WeChat's browser reads";
  EXPECT_NE(h.find("<meta property=\"og:site_name\" content=\"乌海市“晒党建、晒成绩”活动\">"), std::string::npos);
  EXPECT_NE(h.find("海南区 · 新桥社区 &lt;b&gt;"), std::string::npos);
  EXPECT_EQ(h.find("<b>"), std::string::npos);
  EXPECT_NE(h.find("<meta http-equiv=\"refresh\" content=\"0;url=https://vote.example.cn/c/1/candidates/97\">"), std::string::npos);
  ShareCard bare = Card();
  bare.image.clear();
  bare.video.clear();
  std::string b = SharePageHtml(bare);
  EXPECT_EQ(b.find("og:image"), std::string::npos);
  EXPECT_NE(b.find("content=\"article\""), std::string::npos);
  EXPECT_NE(b.find("content=\"summary\""), std::string::npos);
}

TEST(Share, ThePlayerShowsThePosterFirst) {
  std::string h = EmbedPlayerHtml(Card());
  EXPECT_NE(h.find("<video controls playsinline preload=\"none\" poster=\"https://vote.example.cn/media/videos/a/poster.jpg\""),
            std::string::npos);
  ShareCard none = Card();
  none.video.clear();
  EXPECT_NE(EmbedPlayerHtml(none).find("视频尚未公开"), std::string::npos);
  EXPECT_EQ(EmbedPlayerHtml(none).find("<video"), std::string::npos);
}

TEST(Share, ExcerptsCountCharactersNotBytes) {
  EXPECT_EQ(Excerpt("坚持党建引领", 4), "坚持党建…");
  EXPECT_EQ(Excerpt("坚持", 4), "坚持");
  EXPECT_EQ(Excerpt("ab坚c", 3), "ab坚…");
}

}  // namespace
}  // namespace ss::showcase

// The share poster (report/share_poster.h): a phone-sized PNG whose QR code zbarimg reads back
// as the share link.
#include "report/share_poster.h"

#include <gtest/gtest.h>

#include "output.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <unistd.h>

namespace ss::report {
namespace {
namespace fs = std::filesystem;


SharePoster Poster() {
  return {"乌海市2022年镇(街道)、村(社区)党组织书记“晒党建、晒成绩”活动", "编号 97 钟庆梅", "海南区 · 新桥社区 · 社区党组织书记",
          "新桥社区党组织坚持党建引领，把支部建在网格上，组织党员联系群众、解决难事。",
          "https://vote.example.cn/share/c/1/candidates/97"};
}

TEST(SharePoster, APhoneSizedPngWhoseQrCodeIsTheShareLink) {
  auto png = SharePosterPng(Poster());
  ASSERT_TRUE(png.ok()) << png.status().ToString();
  ASSERT_GT(png->size(), 24u);
  EXPECT_EQ(png->substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  // IHDR: width and height, big-endian, at bytes 16–23.
  auto be32 = [&](std::size_t at) {
    return (static_cast<unsigned char>((*png)[at]) << 24) | (static_cast<unsigned char>((*png)[at + 1]) << 16) |
           (static_cast<unsigned char>((*png)[at + 2]) << 8) | static_cast<unsigned char>((*png)[at + 3]);
  };
  EXPECT_EQ(be32(16), static_cast<unsigned>(kPosterWidth));
  EXPECT_EQ(be32(20), static_cast<unsigned>(kPosterHeight));
  ASSERT_EQ(std::system("command -v zbarimg >/dev/null"), 0) << "zbarimg missing: scripts/install-deps.sh test installs zbar-tools";
  fs::path file = fs::temp_directory_path() / ("shuangshai-poster-" + std::to_string(::getpid()) + ".png");
  std::ofstream(file, std::ios::binary) << *png;
  std::string decoded = Output("zbarimg -q --raw '" + file.string() + "' 2>/dev/null");
  fs::remove(file);
  while (!decoded.empty() && (decoded.back() == '\n' || decoded.back() == '\r')) decoded.pop_back();
  EXPECT_EQ(decoded, "https://vote.example.cn/share/c/1/candidates/97");
}

TEST(SharePoster, ALinkTooLongForAQrCodeIsRefused) {
  SharePoster p = Poster();
  p.url = "https://vote.example.cn/" + std::string(5000, 'a');
  EXPECT_EQ(SharePosterPng(p).status().code(), code::kBadParam);
}

}  // namespace
}  // namespace ss::report

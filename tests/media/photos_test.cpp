// Photos through libvips (media/photos.h) on real pictures made by ffmpeg: the sizes written,
// turned upright by the EXIF orientation, stripped of EXIF (with its GPS position), alpha
// flattened; a renamed text file, a truncated JPEG and a tiny picture refused; the same
// through the binary's photo-sizes child.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "media/photos.h"

namespace ss::media {
namespace {
namespace fs = std::filesystem;

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void Write(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

// A picture from ffmpeg's test source, `size` like "1600x1200", as .jpg or .png (with alpha).
fs::path Make(const fs::path& dir, const std::string& name, const std::string& size) {
  fs::path out = dir / name;
  bool png = out.extension() == ".png";
  std::string cmd = "ffmpeg -nostdin -hide_banner -loglevel error -y -f lavfi -i testsrc2=size=" + size + " -frames:v 1 " +
                    (png ? "-vf format=rgba,colorchannelmixer=aa=0.5 " : "") + out.string();
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  return out;
}

// An APP1 Exif segment (little-endian TIFF): Orientation = `orientation`, and a GPS IFD whose
// latitude reference is "N" — what a phone writes — inserted after the JPEG's SOI.
std::string WithExif(const std::string& jpeg, int orientation) {
  auto u16 = [](std::string& s, int v) { s += static_cast<char>(v & 0xff); s += static_cast<char>((v >> 8) & 0xff); };
  auto u32 = [&](std::string& s, std::uint32_t v) { u16(s, v & 0xffff); u16(s, v >> 16); };
  std::string tiff = "II";
  u16(tiff, 42);
  u32(tiff, 8);
  // IFD0 at 8: two entries (12 bytes each) and the next-IFD offset: 2 + 24 + 4 = 30 → GPS IFD at 38.
  u16(tiff, 2);
  u16(tiff, 0x0112); u16(tiff, 3); u32(tiff, 1); u16(tiff, orientation); u16(tiff, 0);
  u16(tiff, 0x8825); u16(tiff, 4); u32(tiff, 1); u32(tiff, 38);
  u32(tiff, 0);
  u16(tiff, 1);
  u16(tiff, 0x0001); u16(tiff, 2); u32(tiff, 2); tiff += std::string("N\0\0\0", 4);
  u32(tiff, 0);
  std::string body = std::string("Exif\0\0", 6) + tiff;
  std::string app1 = "\xff\xe1";
  std::size_t len = body.size() + 2;
  app1 += static_cast<char>(len >> 8);
  app1 += static_cast<char>(len & 0xff);
  return jpeg.substr(0, 2) + app1 + body + jpeg.substr(2);
}

// The width and height in a baseline or progressive JPEG's SOF segment.
std::pair<int, int> JpegSize(const std::string& j) {
  for (std::size_t i = 2; i + 9 < j.size();) {
    if (static_cast<unsigned char>(j[i]) != 0xff) return {0, 0};
    unsigned char marker = static_cast<unsigned char>(j[i + 1]);
    std::size_t len = (static_cast<unsigned char>(j[i + 2]) << 8) | static_cast<unsigned char>(j[i + 3]);
    if (marker == 0xc0 || marker == 0xc1 || marker == 0xc2) {
      int h = (static_cast<unsigned char>(j[i + 5]) << 8) | static_cast<unsigned char>(j[i + 6]);
      int w = (static_cast<unsigned char>(j[i + 7]) << 8) | static_cast<unsigned char>(j[i + 8]);
      return {w, h};
    }
    i += 2 + len;
  }
  return {0, 0};
}

class Photos : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ss-photos-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
  PhotoRules rules_;
};

TEST_F(Photos, ALargePhotoGetsEverySizeUprightAndWithoutExif) {
  fs::path plain = Make(dir_, "plain.jpg", "1600x1200");
  fs::path phone = dir_ / "phone.jpg";
  Write(phone, WithExif(Read(plain), 6));  // taken with the phone turned: displayed 1200 × 1600
  ASSERT_NE(Read(phone).find("Exif"), std::string::npos);
  auto done = WritePhotoSizes(phone, dir_ / "out", rules_);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->width, 1200);
  EXPECT_EQ(done->height, 1600);
  ASSERT_EQ(done->sizes.size(), 2u) << "480 and 960; 1920 is wider than the photo";
  for (const auto& s : done->sizes) {
    std::string out = Read(dir_ / "out" / (std::to_string(s.name) + ".jpg"));
    EXPECT_EQ(JpegSize(out), std::make_pair(s.width, s.height));
    EXPECT_EQ(out.find("Exif"), std::string::npos) << "EXIF (and its GPS block) stripped";
    EXPECT_EQ(out.find("http://ns.adobe.com/xap"), std::string::npos) << "no XMP";
  }
  EXPECT_EQ(done->sizes[0].width, 480);
  EXPECT_EQ(done->sizes[0].height, 640) << "upright: portrait";
  EXPECT_GT(done->bytes, 0);
  EXPECT_FALSE(fs::exists(dir_ / "out" / "480.jpg.part"));
}

TEST_F(Photos, APngWithAlphaIsFlattenedAndANarrowOneKeptAtItsSize) {
  fs::path png = Make(dir_, "logo.png", "400x300");
  auto done = WritePhotoSizes(png, dir_ / "out", rules_);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  ASSERT_EQ(done->sizes.size(), 1u);
  EXPECT_EQ(done->sizes[0].name, 480);
  EXPECT_EQ(JpegSize(Read(dir_ / "out" / "480.jpg")), std::make_pair(400, 300)) << "never enlarged";
}

TEST_F(Photos, WhatIsNotAGoodPhotoIsRefusedWithItsReason) {
  Write(dir_ / "notes.jpg", "这不是照片，是改了扩展名的文字。\n");
  EXPECT_EQ(WritePhotoSizes(dir_ / "notes.jpg", dir_ / "a", rules_).status().code(), kNotAPhoto);
  std::string whole = Read(Make(dir_, "big.jpg", "1600x1200"));
  Write(dir_ / "cut.jpg", whole.substr(0, whole.size() / 3));
  auto cut = WritePhotoSizes(dir_ / "cut.jpg", dir_ / "b", rules_);
  EXPECT_EQ(cut.status().code(), kPhotoDamaged) << cut.status().ToString();
  EXPECT_FALSE(fs::exists(dir_ / "b" / "480.jpg")) << "nothing half-written is left to serve";
  auto tiny = WritePhotoSizes(Make(dir_, "tiny.jpg", "200x150"), dir_ / "c", rules_);
  EXPECT_EQ(tiny.status().code(), kPhotoTooSmall);
  PhotoRules strict = rules_;
  strict.max_pixels = 1'000'000;
  EXPECT_EQ(WritePhotoSizes(dir_ / "big.jpg", dir_ / "d", strict).status().code(), kPhotoTooLarge);
}

TEST_F(Photos, TheChildProcessGivesTheSameAnswers) {
  fs::path jpg = Make(dir_, "a.jpg", "1000x750");
  auto done = ProcessPhotoInChild(SS_BINARY, jpg, dir_ / "out", rules_);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  ASSERT_EQ(done->sizes.size(), 2u);
  EXPECT_EQ(done->sizes[1].width, 960);
  EXPECT_TRUE(fs::exists(dir_ / "out" / "960.jpg"));
  Write(dir_ / "x.png", "not a png");
  auto refused = ProcessPhotoInChild(SS_BINARY, dir_ / "x.png", dir_ / "out2", rules_);
  EXPECT_EQ(refused.status().code(), kNotAPhoto) << refused.status().ToString();
  EXPECT_EQ(ProcessPhotoInChild("/nonexistent/shuangshai", jpg, dir_ / "out3", rules_).status().code(), code::kUnavailable);
  // A damaged picture is refused for good, with its reason (the child logs on stderr only).
  std::string whole = Read(jpg);
  Write(dir_ / "cut.jpg", whole.substr(0, whole.size() / 3));
  auto cut = ProcessPhotoInChild(SS_BINARY, dir_ / "cut.jpg", dir_ / "out4", rules_);
  EXPECT_EQ(cut.status().code(), kPhotoDamaged) << cut.status().ToString();
  EXPECT_EQ(ReadPhotoResultJson("a log line\n{\"code\":\"photo_damaged\",\"message\":\"m\"}\n").status().code(), kPhotoDamaged);
}

}  // namespace
}  // namespace ss::media

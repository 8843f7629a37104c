// The photo rules: sizes allowed, the sizes written, their addresses.
#include <gtest/gtest.h>

#include "core/media/photo.h"

namespace ss::media {
namespace {

TEST(Photo, SizeLimitsEitherWayRound) {
  PhotoRules rules;
  EXPECT_TRUE(CheckPhoto(320, 240, rules).ok());
  EXPECT_TRUE(CheckPhoto(240, 320, rules).ok()) << "a portrait photo";
  EXPECT_EQ(CheckPhoto(300, 240, rules).code(), kPhotoTooSmall);
  EXPECT_EQ(CheckPhoto(320, 200, rules).code(), kPhotoTooSmall);
  EXPECT_EQ(CheckPhoto(12000, 9000, rules).code(), kPhotoTooLarge) << "108 megapixels";
  EXPECT_TRUE(CheckPhoto(10000, 10000, rules).ok()) << "exactly 100 megapixels";
  EXPECT_EQ(CheckPhoto(200, 100, rules).message(), "照片太小（200×100），至少要 320×240 像素");
}

TEST(Photo, SizesUpToTheOriginalNeverEnlarged) {
  PhotoRules rules;
  auto big = PhotoSizesFor(4000, 3000, rules);
  ASSERT_EQ(big.size(), 3u);
  EXPECT_EQ(big[0].name, 480);
  EXPECT_EQ(big[0].height, 360);
  EXPECT_EQ(big[2].width, 1920);
  EXPECT_EQ(big[2].height, 1440);
  auto mid = PhotoSizesFor(1000, 750, rules);
  ASSERT_EQ(mid.size(), 2u) << "480 and 960, not 1920";
  auto narrow = PhotoSizesFor(400, 600, rules);
  ASSERT_EQ(narrow.size(), 1u);
  EXPECT_EQ(narrow[0].name, 480);
  EXPECT_EQ(narrow[0].width, 400) << "kept at its own size";
  EXPECT_EQ(narrow[0].height, 600);
}

TEST(Photo, AddressesAndSrcset) {
  PhotoRules rules;
  auto sizes = PhotoSizesFor(1000, 750, rules);
  EXPECT_EQ(Srcset("abc", sizes), "/media/photos/abc/480.jpg 480w, /media/photos/abc/960.jpg 960w");
  EXPECT_EQ(PhotoUrl("abc", sizes.back()), "/media/photos/abc/960.jpg");
  EXPECT_TRUE(IsPhotoFileName("1920.jpg", rules));
  EXPECT_FALSE(IsPhotoFileName("1921.jpg", rules));
  EXPECT_FALSE(IsPhotoFileName("../480.jpg", rules));
}

}  // namespace
}  // namespace ss::media

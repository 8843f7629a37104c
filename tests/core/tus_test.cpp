// The tus 1.0.0 rules (core/media/tus.h): metadata, creation, PATCH.
#include <gtest/gtest.h>

#include "core/media/refusals.h"
#include "core/media/tus.h"

namespace ss::media {
namespace {

// base64 of "clip.mp4", "video", "video/mp4", "说明.txt", "宣讲.mov"
constexpr const char* kClip = "Y2xpcC5tcDQ=";
constexpr const char* kVideo = "dmlkZW8=";
constexpr const char* kMp4 = "dmlkZW8vbXA0";
constexpr const char* kText = "6K+05piOLnR4dA==";
constexpr const char* kChinese = "5a6j6K6yLm1vdg==";

const std::uint64_t kPlenty = 100ULL << 30;

std::string Meta(const char* filename, const char* kind = nullptr) {
  std::string m = std::string("filename ") + filename;
  if (kind) m += std::string(",kind ") + kind;
  return m;
}

TEST(UploadMetadata, DecodesPairsAndKeysWithoutValues) {
  auto m = ParseUploadMetadata(std::string("filename ") + kClip + ", filetype " + kMp4 + ",is_confidential");
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->at("filename"), "clip.mp4");
  EXPECT_EQ(m->at("filetype"), "video/mp4");
  EXPECT_EQ(m->at("is_confidential"), "");
  EXPECT_EQ(m->size(), 3u);
  EXPECT_TRUE(ParseUploadMetadata("")->empty());
  EXPECT_EQ(ParseUploadMetadata(std::string("filename ") + kChinese)->at("filename"), "宣讲.mov");
}

TEST(UploadMetadata, RefusesBadBase64DuplicateKeysAndEmptyKeys) {
  for (const char* bad : {"filename Y2xpcC5tcDQ", "filename Y2x$cC5tcDQ=", "filename Y2xp=C5tcDQ=", "a Zg==,a Zg==", " ,a Zg==",
                          "filename Y2xp cC5t"}) {
    auto m = ParseUploadMetadata(bad);
    ASSERT_FALSE(m.ok()) << bad;
    EXPECT_EQ(m.status().code(), kUploadMetadata) << bad;
  }
}

TEST(UploadNumber, DigitsOnly) {
  EXPECT_EQ(ParseUploadNumber("0"), 0u);
  EXPECT_EQ(ParseUploadNumber("2147483648"), 2147483648u);
  for (const char* bad : {"", "-1", "+1", "1.5", " 1", "1e3", "9999999999999999999"}) EXPECT_FALSE(ParseUploadNumber(bad)) << bad;
}

TEST(UploadCreation, AcceptsAVideoWithinTheLimits) {
  UploadRules rules;
  auto u = CheckCreation("1.0.0", "1048576", std::string("filename ") + kClip + ",filetype " + kMp4, rules, kPlenty);
  ASSERT_TRUE(u.ok()) << u.status().message();
  EXPECT_EQ(u->kind, UploadKind::kVideo);
  EXPECT_EQ(u->filename, "clip.mp4");
  EXPECT_EQ(u->filetype, "video/mp4");
  EXPECT_EQ(u->length, 1048576u);
}

TEST(UploadCreation, EachRefusalHasItsOwnCode) {
  UploadRules rules;
  auto code = [&](std::string_view version, std::string_view length, const std::string& meta, std::uint64_t free_bytes) {
    auto u = CheckCreation(version, length, meta, rules, free_bytes);
    return u.ok() ? std::string("ok") : u.status().code();
  };
  EXPECT_EQ(code("", "10", Meta(kClip), kPlenty), kTusUnsupported);
  EXPECT_EQ(code("0.2.2", "10", Meta(kClip), kPlenty), kTusUnsupported);
  EXPECT_EQ(code("1.0.0", "", Meta(kClip), kPlenty), kUploadLength);
  EXPECT_EQ(code("1.0.0", "ten", Meta(kClip), kPlenty), kUploadLength);
  EXPECT_EQ(code("1.0.0", "0", Meta(kClip), kPlenty), kUploadLength);
  EXPECT_EQ(code("1.0.0", "10", "", kPlenty), kUploadMetadata);  // no filename
  EXPECT_EQ(code("1.0.0", "10", Meta(kClip, "YXVkaW8="), kPlenty), kUploadMetadata);  // kind "audio"
  EXPECT_EQ(code("1.0.0", "10", Meta(kText), kPlenty), kUploadFileType);
  EXPECT_EQ(code("1.0.0", "10", Meta(kClip, "cGhvdG8="), kPlenty), kUploadFileType);  // an .mp4 as a photo
  EXPECT_EQ(code("1.0.0", std::to_string((2ULL << 30) + 1), Meta(kClip, kVideo), kPlenty), kUploadTooLarge);
  EXPECT_EQ(code("1.0.0", std::to_string(2ULL << 30), Meta(kClip, kVideo), kPlenty), "ok");
  // The disk keeps its reserve: 1 GiB free takes a 400 MiB upload but not a 600 MiB one.
  EXPECT_EQ(code("1.0.0", std::to_string(400ULL << 20), Meta(kClip), 1ULL << 30), "ok");
  EXPECT_EQ(code("1.0.0", std::to_string(600ULL << 20), Meta(kClip), 1ULL << 30), kInsufficientStorage);
  EXPECT_EQ(code("1.0.0", "10", Meta(kClip), 100), kInsufficientStorage);
  EXPECT_EQ(HttpStatusOf(kInsufficientStorage), 507u);
  EXPECT_EQ(HttpStatusOf(kUploadTooLarge), 413u);
}

TEST(UploadCreation, TheMessageNamesTheLimitAndTheFile) {
  auto u = CheckCreation("1.0.0", std::to_string(3ULL << 30), Meta(kClip), UploadRules{}, kPlenty);
  ASSERT_FALSE(u.ok());
  EXPECT_EQ(u.status().message(), "视频不能超过 2 GB（这个文件 3 GB）");
  auto t = CheckCreation("1.0.0", "10", Meta(kText), UploadRules{}, kPlenty);
  EXPECT_NE(t.status().message().find("说明.txt"), std::string::npos) << t.status().message();
}

TEST(UploadPatch, OnlyAtTheStoredOffsetWithinTheLength) {
  UploadState u{.length = 1000, .offset = 400, .expires_at = 10'000};
  auto code = [&](std::string_view type, std::string_view offset, std::optional<std::uint64_t> length, Millis now = 5'000) {
    Status s = CheckPatch(u, "1.0.0", type, offset, length, now);
    return s.ok() ? std::string("ok") : s.code();
  };
  EXPECT_EQ(code("application/offset+octet-stream", "400", 600), "ok");
  EXPECT_EQ(code("application/offset+octet-stream", "400", std::nullopt), "ok");
  EXPECT_EQ(code("Application/Offset+Octet-Stream; charset=x", "400", 1), "ok");
  EXPECT_EQ(code("application/octet-stream", "400", 600), kUploadContentType);
  EXPECT_EQ(code("application/offset+octet-stream", "", 600), kUploadOffset);
  EXPECT_EQ(code("application/offset+octet-stream", "0", 600), kOffsetMismatch);
  EXPECT_EQ(code("application/offset+octet-stream", "500", 500), kOffsetMismatch);
  EXPECT_EQ(code("application/offset+octet-stream", "400", 601), kUploadOverflow);
  EXPECT_EQ(code("application/offset+octet-stream", "400", 600, 10'000), kUploadExpired);
  EXPECT_EQ(CheckPatch(u, "1.0.1", "application/offset+octet-stream", "400", 1, 0).code(), kTusUnsupported);
  Status mismatch = CheckPatch(u, "1.0.0", "application/offset+octet-stream", "0", 1, 0);
  EXPECT_NE(mismatch.message().find("400 字节"), std::string::npos) << mismatch.message();
}

TEST(UploadPatch, ACompleteUploadNeverExpires) {
  UploadState done{.length = 10, .offset = 10, .expires_at = 1};
  EXPECT_FALSE(Expired(done, 1'000'000));
  UploadState open{.length = 10, .offset = 3, .expires_at = 1};
  EXPECT_TRUE(Expired(open, 1));
}

TEST(FormatBytes, AsTheMessagesSayIt) {
  EXPECT_EQ(FormatBytes(2ULL << 30), "2 GB");
  EXPECT_EQ(FormatBytes((3ULL << 30) / 2), "1.5 GB");
  EXPECT_EQ(FormatBytes(20ULL << 20), "20 MB");
  EXPECT_EQ(FormatBytes(2048), "2 KB");
  EXPECT_EQ(FormatBytes(12), "12 字节");
}

}  // namespace
}  // namespace ss::media

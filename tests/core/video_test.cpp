// What makes an upload a video (core/media/video.h): ffprobe's answers, first bytes, limits,
// and the transcode's progress.
#include <gtest/gtest.h>

#include "core/media/video.h"

namespace ss::media {
namespace {

// Trimmed from ffprobe 5.1's answer for a 3 s 1280×720 H.264/AAC test clip.
constexpr const char* kClip = R"({"streams":[
  {"index":0,"codec_name":"h264","codec_type":"video","width":1280,"height":720,"duration":"3.000000",
   "disposition":{"default":1,"attached_pic":0}},
  {"index":1,"codec_name":"aac","codec_type":"audio","duration":"3.000000"}],
 "format":{"format_name":"mov,mp4,m4a,3gp,3g2,mj2","duration":"3.000000","size":"98304"}})";

TEST(VideoProbe, ReadsTheStreamsOfARealClip) {
  auto p = ReadProbe(kClip);
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(p->video_codec, "h264");
  EXPECT_EQ(p->width, 1280);
  EXPECT_EQ(p->height, 720);
  EXPECT_TRUE(p->has_audio);
  EXPECT_DOUBLE_EQ(p->duration_s, 3.0);
  EXPECT_TRUE(CheckVideo(*p, VideoRules{}).ok());
}

TEST(VideoProbe, APictureOrAnAudioFileIsNotAVideo) {
  // A JPEG renamed .mp4, as ffprobe sees it.
  auto jpeg = ReadProbe(R"({"streams":[{"codec_name":"mjpeg","codec_type":"video","width":320,"height":240}],
                            "format":{"format_name":"jpeg_pipe"}})");
  ASSERT_FALSE(jpeg.ok());
  EXPECT_EQ(jpeg.status().code(), kNotAVideo);
  // An MP3 with its cover picture.
  auto mp3 = ReadProbe(R"({"streams":[{"codec_type":"audio","codec_name":"mp3"},
                           {"codec_type":"video","codec_name":"png","width":500,"height":500,"disposition":{"attached_pic":1}}],
                           "format":{"format_name":"mp3","duration":"200.0"}})");
  EXPECT_EQ(mp3.status().code(), kNotAVideo);
  EXPECT_EQ(ReadProbe("{}").status().code(), kNotAVideo);
  EXPECT_EQ(ReadProbe("not json").status().code(), kNotAVideo);
}

TEST(VideoProbe, AnUnreadableFileIsDamagedWhenItStartsLikeAVideo) {
  std::string mp4("\0\0\0\x20" "ftypisom\0\0\x02\0", 16);
  EXPECT_EQ(Unreadable(mp4).code(), kVideoDamaged);
  EXPECT_EQ(Unreadable(std::string("RIFF\x10\0\0\0AVI LIST", 16)).code(), kVideoDamaged);
  EXPECT_EQ(Unreadable(std::string("\x1a\x45\xdf\xa3\x01\0\0\0", 8)).code(), kVideoDamaged);
  EXPECT_EQ(Unreadable("hello, this is a text file\n").code(), kNotAVideo);
  EXPECT_EQ(Unreadable("%PDF-1.7\n").code(), kNotAVideo);
  EXPECT_EQ(Unreadable("").code(), kNotAVideo);
}

TEST(VideoProbe, TooShortAndTooLongAreRefusedWithTheLimit) {
  VideoProbe p{"mov,mp4", "h264", 1920, 1080, true, 0.4};
  EXPECT_EQ(CheckVideo(p, VideoRules{}).code(), kVideoTooShort);
  p.duration_s = 45 * 60;
  Status s = CheckVideo(p, VideoRules{1, 30 * 60});
  EXPECT_EQ(s.code(), kVideoTooLong);
  EXPECT_EQ(s.message(), "视频不能超过 30 分钟（这个视频约 45 分钟）");
}

TEST(TranscodeProgressTest, FollowsOutTimeAndEnds) {
  TranscodeProgress t(10.0);
  EXPECT_FALSE(t.Feed("frame=10"));
  EXPECT_TRUE(t.Feed("out_time_us=2500000"));
  EXPECT_EQ(t.permille(), 250);
  EXPECT_FALSE(t.Feed("out_time_us=2000000"));  // never backwards
  EXPECT_TRUE(t.Feed("out_time_ms=9999000\n"));
  EXPECT_EQ(t.permille(), 999);                  // 1000 only at the end
  EXPECT_FALSE(t.Feed("out_time_us=N/A"));
  EXPECT_FALSE(t.ended());
  EXPECT_TRUE(t.Feed("progress=end"));
  EXPECT_EQ(t.permille(), 1000);
  EXPECT_TRUE(t.ended());
}

}  // namespace
}  // namespace ss::media

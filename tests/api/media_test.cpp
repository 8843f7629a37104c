// The media pipeline over HTTP (jobs/transcoder.h, http/file_reply.h): a real video made with
// ffmpeg's test sources is uploaded, transcoded to 720p H.264/AAC with fast start and a poster,
// and served with byte ranges; a renamed text file and a truncated video are refused with
// their reasons; a transcode interrupted by SIGKILL finishes after the restart.
#include <gtest/gtest.h>

#include <thread>

#include "harness.h"
#include "uploader.h"

namespace ss::testing {
namespace {

// A clip from ffmpeg's test sources: `seconds` long, `size` (e.g. "1920x1080"), with a tone.
std::string MakeClip(const fs::path& dir, const std::string& name, int seconds, const std::string& size) {
  fs::path out = dir / name;
  std::string cmd = "ffmpeg -nostdin -hide_banner -loglevel error -y -f lavfi -i testsrc2=size=" + size +
                    ":rate=25:duration=" + std::to_string(seconds) + " -f lavfi -i sine=frequency=440:duration=" +
                    std::to_string(seconds) + " -c:v libx264 -preset ultrafast -c:a aac -shortest " + out.string();
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  return ReadFile(out);
}

// Uploads `bytes` in two pieces and returns the upload's address.
std::string Upload(Uploader& up, const std::string& bytes, const std::string& filename) {
  Response created = up.Create(bytes.size(), Metadata(97, filename));
  EXPECT_EQ(created.status, 201u) << created.body;
  std::string location = created.Header("location");
  std::size_t half = bytes.size() / 2;
  EXPECT_EQ(up.Patch(location, 0, bytes.substr(0, half)).status, 204u);
  EXPECT_EQ(up.Patch(location, half, bytes.substr(half)).status, 204u);
  return location;
}

// Polls the upload until its processing is done or failed (or `wait` passes).
boost::json::object Processed(Staff& staff, const std::string& location, std::chrono::seconds wait = std::chrono::seconds(90)) {
  auto until = std::chrono::steady_clock::now() + wait;
  boost::json::object last;
  while (std::chrono::steady_clock::now() < until) {
    Response r = staff.Get(location);
    if (r.status != 200) return {};
    last = r.Json().as_object();
    if (last["processing"].is_object()) {
      auto state = last["processing"].as_object()["state"].as_string();
      if (state == "done" || state == "failed") return last;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ADD_FAILURE() << "processing did not end: " << boost::json::serialize(last);
  return last;
}

TEST(Media, AVideoIsTranscodedTo720pWithAPosterAndServedWithRanges) {
  TempDir dir;
  Server server(dir.path);
  Staff zhong(server, "cand097", server.Accounts().at("cand097"));
  Uploader up(zhong);
  std::string clip = MakeClip(dir.path, "source.mp4", 3, "1920x1080");
  std::string location = Upload(up, clip, "宣讲视频.mp4");
  boost::json::object done = Processed(zhong, location);
  ASSERT_TRUE(done["processing"].is_object()) << boost::json::serialize(done);
  auto& p = done["processing"].as_object();
  ASSERT_EQ(p["state"].as_string(), "done") << boost::json::serialize(p);
  EXPECT_EQ(p["progress"].as_double(), 100.0);
  auto& result = p["result"].as_object();
  EXPECT_EQ(result["width"].as_int64(), 1280);
  EXPECT_EQ(result["height"].as_int64(), 720);
  EXPECT_TRUE(result["has_audio"].as_bool());
  EXPECT_NEAR(static_cast<double>(result["duration_ms"].as_int64()), 3000, 200);
  std::string video_url(result["video"].as_string()), poster_url(result["poster"].as_string());

  // Anyone with the address plays it: the whole file, then a range from the middle.
  Client c = server.Connect();
  Response whole = c.Get(video_url);
  ASSERT_EQ(whole.status, 200u);
  EXPECT_EQ(whole.Header("content-type"), "video/mp4");
  EXPECT_EQ(whole.Header("accept-ranges"), "bytes");
  EXPECT_EQ(whole.Header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(whole.body.size(), static_cast<std::size_t>(result["bytes"].as_int64()));
  // Fast start: the index (moov) comes before the media data (mdat).
  EXPECT_LT(whole.body.find("moov"), whole.body.find("mdat"));
  std::string etag = whole.Header("etag");
  ASSERT_FALSE(etag.empty());
  std::size_t size = whole.body.size();
  Response part = c.Get(video_url, {{"Range", "bytes=1000-1999"}});  // the same connection: kept alive
  EXPECT_EQ(part.status, 206u);
  EXPECT_EQ(part.Header("content-range"), "bytes 1000-1999/" + std::to_string(size));
  EXPECT_TRUE(part.body == whole.body.substr(1000, 1000));
  Response tail = c.Get(video_url, {{"Range", "bytes=-500"}});
  EXPECT_EQ(tail.status, 206u);
  EXPECT_TRUE(tail.body == whole.body.substr(size - 500));
  EXPECT_EQ(c.Get(video_url, {{"Range", "bytes=" + std::to_string(size) + "-"}}).status, 416u);
  // If-Range with an old validator: the whole file instead of a range of another version.
  EXPECT_EQ(c.Get(video_url, {{"Range", "bytes=0-9"}, {"If-Range", "\"old\""}}).status, 200u);
  EXPECT_EQ(c.Get(video_url, {{"If-None-Match", etag}}).status, 304u);
  Response head = c.Send(verb::head, video_url);
  EXPECT_EQ(head.status, 200u);
  EXPECT_EQ(head.Header("content-length"), std::to_string(size));
  Response poster = c.Get(poster_url);
  EXPECT_EQ(poster.status, 200u);
  EXPECT_EQ(poster.Header("content-type"), "image/jpeg");
  EXPECT_EQ(poster.body.substr(0, 3), "\xFF\xD8\xFF");
  EXPECT_EQ(c.Get("/media/videos/0123456789abcdef0123456789abcdef/video.mp4").status, 404u);
  EXPECT_EQ(c.Get(video_url.substr(0, video_url.rfind('/')) + "/source.mp4").status, 404u);

  // What was served is H.264/AAC at 720p (ffprobe on the downloaded bytes).
  fs::path got = dir.path / "got.mp4";
  std::ofstream(got, std::ios::binary) << whole.body;
  std::string cmd = "ffprobe -v error -show_entries stream=codec_name,height -of csv=p=0 " + got.string();
  FILE* f = popen(cmd.c_str(), "r");
  char buf[256] = {};
  std::string streams;
  while (fgets(buf, sizeof buf, f)) streams += buf;
  pclose(f);
  EXPECT_NE(streams.find("h264,720"), std::string::npos) << streams;
  EXPECT_NE(streams.find("aac"), std::string::npos) << streams;
}

TEST(Media, APhotoIsSizedAndServedAndAFakeOneRefused) {
  TempDir dir;
  Server server(dir.path);
  Staff zhong(server, "cand097", server.Accounts().at("cand097"));
  Uploader up(zhong);
  fs::path jpg = dir.path / "photo.jpg";
  std::string cmd = "ffmpeg -nostdin -hide_banner -loglevel error -y -f lavfi -i testsrc2=size=1600x1200 -frames:v 1 " + jpg.string();
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::string bytes = ReadFile(jpg);
  Response created = up.Create(bytes.size(), PhotoMetadata(97, "议事会.jpg"));
  ASSERT_EQ(created.status, 201u) << created.body;
  std::string location = created.Header("location");
  ASSERT_EQ(up.Patch(location, 0, bytes).status, 204u);
  boost::json::object done = Processed(zhong, location);
  EXPECT_EQ(done["kind"].as_string(), "photo");
  auto& p = done["processing"].as_object();
  ASSERT_EQ(p["state"].as_string(), "done") << boost::json::serialize(p);
  auto& result = p["result"].as_object();
  EXPECT_EQ(result["width"].as_int64(), 1600);
  EXPECT_EQ(result["sizes"].as_array().size(), 2u) << "480 and 960";
  std::string id = location.substr(location.rfind('/') + 1);
  EXPECT_EQ(result["srcset"].as_string(), "/media/photos/" + id + "/480.jpg 480w, /media/photos/" + id + "/960.jpg 960w");
  EXPECT_EQ(result["src"].as_string(), "/media/photos/" + id + "/960.jpg");

  Client c = server.Connect();
  Response thumb = c.Get(std::string(result["thumb"].as_string()));
  ASSERT_EQ(thumb.status, 200u);
  EXPECT_EQ(thumb.Header("content-type"), "image/jpeg");
  EXPECT_EQ(thumb.Header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(thumb.body.substr(0, 3), "\xFF\xD8\xFF");
  EXPECT_EQ(thumb.body.find("Exif"), std::string::npos);
  EXPECT_EQ(c.Get("/media/photos/" + id + "/1920.jpg").status, 404u) << "not written: wider than the photo";
  EXPECT_EQ(c.Get("/media/photos/" + id + "/original.jpg").status, 404u) << "the original is never served";
  EXPECT_EQ(c.Send(verb::head, "/media/photos/" + id + "/480.jpg").status, 200u);

  // A document renamed .jpg is refused for good, with the reason for the uploader.
  std::string text = "会议纪要：这不是照片。";
  Response fake = up.Create(text.size(), PhotoMetadata(97, "纪要.jpg"));
  ASSERT_EQ(fake.status, 201u) << fake.body;
  ASSERT_EQ(up.Patch(fake.Header("location"), 0, text).status, 204u);
  boost::json::object refused = Processed(zhong, fake.Header("location"));
  auto& rp = refused["processing"].as_object();
  EXPECT_EQ(rp["state"].as_string(), "failed");
  EXPECT_EQ(rp["error"].as_string(), "这不是照片文件（支持 JPG、PNG、WebP 格式）");
}

TEST(Media, AFakeAndATruncatedVideoAreRefusedWithTheirReasons) {
  TempDir dir;
  Server server(dir.path);
  Staff zhong(server, "cand097", server.Accounts().at("cand097"));
  Uploader up(zhong);
  std::string fake = Upload(up, std::string(5000, 'x') + "这是一份文字材料，不是视频。", "改了名字的文档.mp4");
  std::string clip = MakeClip(dir.path, "whole.mp4", 2, "640x360");
  std::string truncated = Upload(up, clip.substr(0, clip.size() / 3), "没传完.mp4");
  auto a = Processed(zhong, fake)["processing"].as_object();
  EXPECT_EQ(a["state"].as_string(), "failed");
  EXPECT_EQ(a["error"].as_string(), "这不是视频文件，请上传手机或相机录制的视频（MP4、MOV 等）");
  EXPECT_EQ(a["attempts"].as_int64(), 1);  // not retried: no retry makes it a video
  auto b = Processed(zhong, truncated)["processing"].as_object();
  EXPECT_EQ(b["state"].as_string(), "failed");
  EXPECT_NE(std::string(b["error"].as_string()).find("不完整或已损坏"), std::string::npos) << b["error"];
}

TEST(Media, ATranscodeInterruptedByAKillFinishesAfterTheRestart) {
  TempDir dir;
  std::string clip = MakeClip(dir.path, "long.mp4", 20, "1920x1080");
  std::string location;
  {
    Server server(dir.path);
    Staff zhong(server, "cand097", server.Accounts().at("cand097"));
    Uploader up(zhong);
    location = Upload(up, clip, "长视频.mp4");
    // Killed while ffmpeg is at work.
    bool running = false;
    for (int i = 0; i < 300 && !running; ++i) {
      auto o = zhong.Get(location).Json().as_object();
      running = o["processing"].is_object() && o["processing"].as_object()["state"].as_string() == "running" &&
                o["processing"].as_object()["progress"].as_double() > 0;
      if (!running) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_TRUE(running) << "the transcode never got going";
    server.Kill();
  }
  Server again(dir.path, {}, /*init=*/false);
  Staff zhong(again, "cand097", again.Accounts().at("cand097"));
  auto p = Processed(zhong, location, std::chrono::seconds(180))["processing"].as_object();
  EXPECT_EQ(p["state"].as_string(), "done") << boost::json::serialize(p);
  EXPECT_EQ(p["attempts"].as_int64(), 2);
  Response video = again.Connect().Get(std::string(p["result"].as_object()["video"].as_string()));
  EXPECT_EQ(video.status, 200u);
  EXPECT_GT(video.body.size(), 10000u);
}

}  // namespace
}  // namespace ss::testing

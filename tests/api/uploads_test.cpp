// Resumable uploads over HTTP (api/media.h, tus 1.0.0): created, appended in pieces,
// interrupted and resumed, resumed after a restart, terminated, expired; every refusal with
// its own code, and a refused request changes nothing.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <thread>

#include "harness.h"
#include "uploader.h"

namespace ss::testing {
namespace {

using bhttp::verb;

TEST(Uploads, OptionsSayWhatTheServerOffers) {
  TempDir dir;
  Server server(dir.path);
  Response r = server.Connect().Send(verb::options, "/api/v1/uploads");
  EXPECT_EQ(r.status, 204u);
  EXPECT_EQ(r.Header("tus-resumable"), "1.0.0");
  EXPECT_EQ(r.Header("tus-version"), "1.0.0");
  EXPECT_EQ(r.Header("tus-extension"), "creation,termination,expiration");
  EXPECT_EQ(r.Header("tus-max-size"), std::to_string(2ULL << 30));
}

TEST(Uploads, ACandidateUploadsInPiecesAndTheFileIsWhatWasSent) {
  TempDir dir;
  Server server(dir.path);
  Staff zhong(server, "cand097", server.Accounts().at("cand097"));
  ASSERT_TRUE(zhong.ok());
  Uploader up(zhong);
  const std::string video = Bytes(3 * 1024 * 1024 + 17);
  Response created = up.Create(video.size(), Metadata(97));
  ASSERT_EQ(created.status, 201u) << created.body;
  std::string location = created.Header("location");
  ASSERT_EQ(location.rfind("/api/v1/uploads/", 0), 0u) << location;
  EXPECT_EQ(created.Header("tus-resumable"), "1.0.0");
  EXPECT_NE(created.Header("upload-expires").find("GMT"), std::string::npos);

  Response head = up.Head(location);
  EXPECT_EQ(head.status, 200u);
  EXPECT_EQ(head.Header("upload-offset"), "0");
  EXPECT_EQ(head.Header("upload-length"), std::to_string(video.size()));
  EXPECT_EQ(head.Header("cache-control"), "no-store");

  const std::size_t half = 1'500'000;
  Response first = up.Patch(location, 0, video.substr(0, half));
  ASSERT_EQ(first.status, 204u) << first.body;
  EXPECT_EQ(first.Header("upload-offset"), std::to_string(half));
  // A client that lost track and sends from 0 again is told where the server is; nothing moves.
  Response stale = up.Patch(location, 0, video.substr(0, 10));
  EXPECT_EQ(stale.status, 409u);
  EXPECT_EQ(stale.Json().at("code").as_string(), "offset_mismatch");
  EXPECT_EQ(up.Head(location).Header("upload-offset"), std::to_string(half));

  Response rest = up.Patch(location, half, video.substr(half));
  ASSERT_EQ(rest.status, 204u) << rest.body;
  EXPECT_EQ(rest.Header("upload-offset"), std::to_string(video.size()));
  EXPECT_EQ(rest.Header("upload-expires"), "");  // a finished upload does not expire
  EXPECT_TRUE(ReadFile(PartFile(dir.path, location)) == video);
}

TEST(Uploads, EachRefusalHasItsCodeAndChangesNothing) {
  TempDir dir;
  fs::path config = dir.path / "small.toml";
  std::ofstream(config) << "[media]\nmax_video_mb = 1\n";
  Server server(dir.path, {"--config", config.string()});
  auto accounts = server.Accounts();
  Staff zhong(server, "cand097", accounts.at("cand097"));
  Staff hainan(server, "hainan", accounts.at("hainan"));
  Staff judge(server, "judge1", accounts.at("judge1"));
  Staff organizer(server, "organizer", accounts.at("organizer"));
  Uploader up(zhong);
  auto code = [](const Response& r) { return r.body.empty() ? std::string() : std::string(r.Json().at("code").as_string()); };

  EXPECT_EQ(code(up.Create(100, Metadata(97), {{"Tus-Resumable", "0.2.2"}})), "tus_version");
  EXPECT_EQ(up.Create(100, Metadata(97), {{"Tus-Resumable", "0.2.2"}}).status, 412u);
  EXPECT_EQ(code(up.Create(100, Metadata(97), {{"Upload-Length", "a lot"}})), "upload_length");
  Response big = up.Create(2 * 1024 * 1024, Metadata(97));
  EXPECT_EQ(big.status, 413u);
  EXPECT_EQ(big.Json().at("message").as_string(), "视频不能超过 1 MB（这个文件 2 MB）");
  Response text = up.Create(100, Metadata(97, "说明.txt"));
  EXPECT_EQ(text.status, 415u);
  EXPECT_EQ(code(text), "upload_file_type");
  EXPECT_EQ(code(up.Create(100, "filename " + B64("a.mp4"))), "upload_metadata");  // no campaign, candidate
  EXPECT_EQ(code(up.Create(100, "filename not-base64!")), "upload_metadata");
  EXPECT_EQ(up.Create(100, Metadata(96)).status, 403u);  // another candidate's showcase
  EXPECT_EQ(up.Create(100, Metadata(9999)).status, 404u);
  EXPECT_EQ(Uploader(hainan).Create(100, Metadata(53)).status, 403u);  // 53 is in 乌达区
  EXPECT_EQ(Uploader(hainan).Create(100, Metadata(97)).status, 201u);
  EXPECT_EQ(Uploader(judge).Create(100, Metadata(97)).status, 403u);
  EXPECT_EQ(server.Connect().Send(verb::post, "/api/v1/uploads", {{"Tus-Resumable", "1.0.0"}, {"Upload-Length", "100"}}).status,
            401u);

  Response created = up.Create(100, Metadata(97));
  ASSERT_EQ(created.status, 201u);
  std::string location = created.Header("location");
  Response wrong_type = up.Patch(location, 0, "0123456789", {{"Content-Type", "application/octet-stream"}});
  EXPECT_EQ(wrong_type.status, 415u);
  EXPECT_EQ(code(wrong_type), "upload_content_type");
  EXPECT_EQ(code(up.Patch(location, 0, "0123", {{"Upload-Offset", "-1"}})), "upload_offset");
  Response overflow = up.Patch(location, 0, std::string(101, 'x'));
  EXPECT_EQ(overflow.status, 413u);
  EXPECT_EQ(code(overflow), "upload_overflow");
  // Someone else's upload is not there for them, and a made-up id is not there at all.
  EXPECT_EQ(Uploader(organizer).Head(location).status, 404u);
  EXPECT_EQ(Uploader(organizer).Patch(location, 0, "0123").status, 404u);
  EXPECT_EQ(up.Head("/api/v1/uploads/../../etc/passwd").status, 404u);
  EXPECT_EQ(up.Head("/api/v1/uploads/0123456789abcdef0123456789abcdef").status, 404u);
  // A PATCH without the CSRF token is refused before it reads a byte.
  Response forged = server.Connect().Send(verb::patch, location,
                                          {{"Cookie", zhong.cookie()}, {"Origin", "http://127.0.0.1"}, {"Tus-Resumable", "1.0.0"},
                                           {"Upload-Offset", "0"}, {"Content-Type", "application/offset+octet-stream"}},
                                          "0123456789");
  EXPECT_EQ(forged.status, 403u);
  EXPECT_EQ(up.Head(location).Header("upload-offset"), "0");
  EXPECT_EQ(fs::file_size(PartFile(dir.path, location)), 0u);
}

// Sends a PATCH's header and `sent` bytes of a body of `declared`, then drops the connection.
void DropMidway(const Server& server, Staff& staff, const std::string& location, std::uint64_t offset,
                const std::string& sent, std::size_t declared) {
  asio::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server.port()));
  std::string head = "PATCH " + location + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(server.port()) +
                     "\r\nOrigin: http://127.0.0.1:" + std::to_string(server.port()) + "\r\nCookie: " + staff.cookie() +
                     "\r\nX-CSRF-Token: " + staff.csrf() +
                     "\r\nTus-Resumable: 1.0.0\r\nContent-Type: application/offset+octet-stream\r\nUpload-Offset: " +
                     std::to_string(offset) + "\r\nContent-Length: " + std::to_string(declared) + "\r\n\r\n";
  asio::write(socket, asio::buffer(head));
  asio::write(socket, asio::buffer(sent));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  socket.close();
}

TEST(Uploads, AnInterruptedPatchKeepsWhatArrivedAndResumesFromThere) {
  TempDir dir;
  Server server(dir.path);
  Staff zhong(server, "cand097", server.Accounts().at("cand097"));
  Uploader up(zhong);
  const std::string video = Bytes(2'000'000, 11);
  std::string location = up.Create(video.size(), Metadata(97)).Header("location");
  ASSERT_FALSE(location.empty());
  DropMidway(server, zhong, location, 0, video.substr(0, 700'000), video.size());
  // The server saves what it got once it sees the connection gone.
  std::uint64_t offset = 0;
  for (int i = 0; i < 100 && offset == 0; ++i) {
    offset = std::stoull(up.Head(location).Header("upload-offset"));
    if (offset == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(offset, 700'000u);
  Response rest = up.Patch(location, offset, video.substr(offset));
  ASSERT_EQ(rest.status, 204u) << rest.body;
  EXPECT_TRUE(ReadFile(PartFile(dir.path, location)) == video);
}

TEST(Uploads, AnUploadResumesAfterTheServerIsKilled) {
  TempDir dir;
  const std::string video = Bytes(1'200'000, 13);
  std::string location;
  {
    Server server(dir.path);
    Staff zhong(server, "cand097", server.Accounts().at("cand097"));
    Uploader up(zhong);
    location = up.Create(video.size(), Metadata(97)).Header("location");
    ASSERT_EQ(up.Patch(location, 0, video.substr(0, 800'000)).status, 204u);
    server.Kill();
  }
  Server again(dir.path, {}, /*init=*/false);
  Staff zhong(again, "cand097", again.Accounts().at("cand097"));
  Uploader up(zhong);
  Response head = up.Head(location);
  ASSERT_EQ(head.status, 200u);
  EXPECT_EQ(head.Header("upload-offset"), "800000");
  ASSERT_EQ(up.Patch(location, 800'000, video.substr(800'000)).status, 204u);
  EXPECT_TRUE(ReadFile(PartFile(dir.path, location)) == video);
}

TEST(Uploads, TerminationRemovesTheUploadAndItsFile) {
  TempDir dir;
  Server server(dir.path);
  Staff zhong(server, "cand097", server.Accounts().at("cand097"));
  Uploader up(zhong);
  std::string location = up.Create(1000, Metadata(97)).Header("location");
  ASSERT_EQ(up.Patch(location, 0, Bytes(400)).status, 204u);
  ASSERT_TRUE(fs::exists(PartFile(dir.path, location)));
  Response gone = zhong.Send(verb::delete_, location, "", {{"Tus-Resumable", "1.0.0"}});
  EXPECT_EQ(gone.status, 204u);
  EXPECT_EQ(up.Head(location).status, 404u);
  EXPECT_FALSE(fs::exists(PartFile(dir.path, location)));
  EXPECT_EQ(zhong.Send(verb::delete_, location, "", {{"Tus-Resumable", "1.0.0"}}).status, 404u);
}

TEST(Uploads, AnUnfinishedUploadExpiresAndIsSweptAway) {
  TempDir dir;
  fs::path config = dir.path / "short.toml";
  std::ofstream(config) << "[media]\nupload_expiry_seconds = 1\n";
  Server server(dir.path, {"--config", config.string()});
  Staff zhong(server, "cand097", server.Accounts().at("cand097"));
  Uploader up(zhong);
  std::string unfinished = up.Create(1000, Metadata(97)).Header("location");
  std::string finished = up.Create(10, Metadata(97)).Header("location");
  ASSERT_EQ(up.Patch(unfinished, 0, Bytes(400)).status, 204u);
  ASSERT_EQ(up.Patch(finished, 0, Bytes(10)).status, 204u);
  // Past the expiry the upload is gone (410 before the sweeper's pass, 404 after it) and
  // its file is removed; a finished one stays.
  bool swept = false;
  for (int i = 0; i < 100 && !swept; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    swept = !fs::exists(PartFile(dir.path, unfinished));
  }
  EXPECT_TRUE(swept);
  unsigned status = up.Head(unfinished).status;
  EXPECT_TRUE(status == 404u || status == 410u) << status;
  EXPECT_NE(up.Patch(unfinished, 400, Bytes(10)).status, 204u);
  EXPECT_EQ(up.Head(finished).status, 200u);
  EXPECT_TRUE(fs::exists(PartFile(dir.path, finished)));
}

}  // namespace
}  // namespace ss::testing

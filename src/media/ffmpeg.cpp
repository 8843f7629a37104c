#include "media/ffmpeg.h"

#include <cstdio>
#include <fstream>
#include <spdlog/spdlog.h>
#include <vector>

#include "media/child_process.h"

namespace ss::media {
namespace fs = std::filesystem;
namespace {

std::string FirstBytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::string b(256, '\0');
  in.read(b.data(), static_cast<std::streamsize>(b.size()));
  b.resize(static_cast<std::size_t>(in.gcount()));
  return b;
}

}  // namespace

Result<VideoProbe> Probe(const fs::path& file) {
  ChildRun r = RunChild({"ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", file.string()}, {}, nullptr);
  if (r.exit_code != 0) {
    if (r.exit_code < 0 && r.err_tail.find("无法启动") != std::string::npos)
      return Status(code::kUnavailable, r.err_tail + "（请安装 ffmpeg）");
    return Unreadable(FirstBytes(file));
  }
  return ReadProbe(r.out);
}

Status Transcode(const fs::path& in, const fs::path& out, const VideoProbe& probe, const std::function<void(int)>& progress,
                 const std::atomic<bool>& cancel) {
  fs::path part = out.string() + ".part";
  std::vector<std::string> args = {"ffmpeg", "-nostdin", "-hide_banner", "-v", "error", "-y", "-i", in.string(),
                                   "-map", "0:v:0", "-map", "0:a:0?", "-sn", "-dn",
                                   // Even sides, at most 720 lines, never enlarged.
                                   "-vf", "scale=-2:'trunc(min(720,ih)/2)*2'", "-c:v", "libx264", "-preset", "veryfast",
                                   "-crf", "23", "-pix_fmt", "yuv420p", "-profile:v", "high", "-c:a", "aac", "-b:a", "128k",
                                   "-ac", "2", "-movflags", "+faststart", "-f", "mp4", "-progress", "pipe:1", "-nostats",
                                   part.string()};
  TranscodeProgress reader(probe.duration_s);
  ChildRun r = RunChild(args, [&](std::string_view line) {
    if (reader.Feed(line) && progress) progress(reader.permille());
  }, &cancel);
  if (r.cancelled) {
    std::error_code ec;
    fs::remove(part, ec);
    return Status(code::kUnavailable, "转码被中断（服务器正在停止），稍后会继续");
  }
  if (r.exit_code != 0) {
    std::error_code ec;
    fs::remove(part, ec);
    spdlog::warn("转码 {} 失败（退出码 {}）：{}", in.string(), r.exit_code, r.err_tail);
    if (r.exit_code < 0) return Status(code::kUnavailable, "无法启动转码程序 ffmpeg，请联系管理员");
    return Status(kVideoDamaged, "视频无法转码：文件可能不完整或已损坏，请重新导出后上传");
  }
  std::error_code ec;
  fs::rename(part, out, ec);
  if (ec) return Status(code::kUnavailable, "转码结果无法保存：" + ec.message());
  return Status::Ok();
}

Status Poster(const fs::path& video, const fs::path& jpeg, double at_s) {
  fs::path part = jpeg.string() + ".part.jpg";
  char at[32];
  std::snprintf(at, sizeof at, "%.3f", at_s);
  ChildRun r = RunChild({"ffmpeg", "-nostdin", "-hide_banner", "-v", "error", "-y", "-ss", at, "-i", video.string(), "-frames:v", "1",
                 "-vf", "scale=-2:'trunc(min(720,ih)/2)*2'", "-q:v", "3", part.string()},
                {}, nullptr);
  std::error_code ec;
  if (r.exit_code != 0 || !fs::exists(part, ec) || fs::file_size(part, ec) == 0) {
    fs::remove(part, ec);
    spdlog::warn("截取封面 {} 失败：{}", video.string(), r.err_tail);
    return Status(code::kUnavailable, "无法从视频截取封面");
  }
  fs::rename(part, jpeg, ec);
  if (ec) return Status(code::kUnavailable, "封面无法保存：" + ec.message());
  return Status::Ok();
}

bool Available() {
  ChildRun a = RunChild({"ffprobe", "-version"}, {}, nullptr);
  ChildRun b = RunChild({"ffmpeg", "-version"}, {}, nullptr);
  return a.exit_code == 0 && b.exit_code == 0;
}

}  // namespace ss::media

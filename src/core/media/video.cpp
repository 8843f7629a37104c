#include "core/media/video.h"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace ss::media {
namespace json = boost::json;
namespace {

double NumberOf(const json::value* v) {
  if (!v) return 0;
  if (v->is_double()) return v->as_double();
  if (v->is_int64()) return static_cast<double>(v->as_int64());
  if (v->is_string()) {
    std::string s(v->as_string());
    char* end = nullptr;
    double d = std::strtod(s.c_str(), &end);
    return end && *end == '\0' && std::isfinite(d) ? d : 0;
  }
  return 0;
}

std::string TextOf(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : std::string();
}

// Still pictures that ffprobe reports as a "video" stream.
bool IsPictureFormat(std::string_view format) {
  for (std::string_view f : {"image2", "png_pipe", "jpeg_pipe", "webp_pipe", "gif", "bmp_pipe", "tiff_pipe", "svg_pipe"})
    if (format == f) return true;
  return false;
}

std::string Minutes(double s) { return std::to_string(static_cast<long long>(std::ceil(s / 60))) + " 分钟"; }

}  // namespace

Result<VideoProbe> ReadProbe(std::string_view text) {
  boost::system::error_code ec;
  json::value root = json::parse(text, ec);
  if (ec || !root.is_object()) return Status(kNotAVideo, "不是有效的视频文件，请上传手机或相机录制的视频");
  const json::object& o = root.as_object();
  VideoProbe out;
  double format_duration = 0;
  if (auto f = o.find("format"); f != o.end() && f->value().is_object()) {
    out.format = TextOf(f->value().as_object(), "format_name");
    format_duration = NumberOf(f->value().as_object().if_contains("duration"));
  }
  bool video = false;
  double stream_duration = 0;
  if (auto s = o.find("streams"); s != o.end() && s->value().is_array()) {
    for (const auto& v : s->value().as_array()) {
      if (!v.is_object()) continue;
      const json::object& st = v.as_object();
      std::string type = TextOf(st, "codec_type");
      if (type == "audio") out.has_audio = true;
      if (type != "video" || video) continue;
      // A cover picture inside an audio file is a video stream with attached_pic set.
      if (const json::value* d = st.if_contains("disposition"); d && d->is_object()) {
        if (NumberOf(d->as_object().if_contains("attached_pic")) != 0) continue;
      }
      video = true;
      out.video_codec = TextOf(st, "codec_name");
      out.width = static_cast<int>(NumberOf(st.if_contains("width")));
      out.height = static_cast<int>(NumberOf(st.if_contains("height")));
      stream_duration = NumberOf(st.if_contains("duration"));
    }
  }
  if (!video || IsPictureFormat(out.format) || out.width <= 0 || out.height <= 0)
    return Status(kNotAVideo, "这不是视频文件（没有视频画面），请上传手机或相机录制的视频");
  out.duration_s = format_duration > 0 ? format_duration : stream_duration;
  return out;
}

Status Unreadable(std::string_view b) {
  auto at = [&](std::size_t i) { return i < b.size() ? static_cast<unsigned char>(b[i]) : 0x100; };
  bool container =
      (b.size() >= 8 && b.substr(4, 4) == "ftyp") ||                                   // MP4, MOV, 3GP
      (b.size() >= 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 3) == "AVI") ||        // AVI
      (at(0) == 0x1A && at(1) == 0x45 && at(2) == 0xDF && at(3) == 0xA3) ||             // Matroska, WebM
      b.substr(0, 3) == "FLV" ||                                                        // Flash video
      (at(0) == 0x30 && at(1) == 0x26 && at(2) == 0xB2 && at(3) == 0x75) ||             // ASF, WMV
      (at(0) == 0x00 && at(1) == 0x00 && at(2) == 0x01 && (at(3) == 0xBA || at(3) == 0xB3)) ||  // MPEG
      (at(0) == 0x47 && at(188) == 0x47) ||                                             // MPEG-TS
      (b.size() >= 8 && (b.substr(4, 4) == "moov" || b.substr(4, 4) == "mdat" || b.substr(4, 4) == "wide"));
  if (container) return Status(kVideoDamaged, "视频文件不完整或已损坏（可能没有传完或导出出错），请重新导出后上传");
  return Status(kNotAVideo, "这不是视频文件，请上传手机或相机录制的视频（MP4、MOV 等）");
}

Status CheckVideo(const VideoProbe& p, const VideoRules& rules) {
  if (p.duration_s < rules.min_duration_s) return Status(kVideoTooShort, "视频太短（不到 1 秒），请上传完整的宣讲视频");
  if (p.duration_s > rules.max_duration_s)
    return Status(kVideoTooLong, "视频不能超过 " + Minutes(rules.max_duration_s) + "（这个视频约 " + Minutes(p.duration_s) + "）");
  return Status::Ok();
}

bool TranscodeProgress::Feed(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
  auto eq = line.find('=');
  if (eq == std::string_view::npos) return false;
  std::string_view key = line.substr(0, eq), value = line.substr(eq + 1);
  if (key == "progress" && value == "end") {
    ended_ = true;
    if (permille_ == 1000) return false;
    permille_ = 1000;
    return true;
  }
  // out_time_us (and, despite its name, out_time_ms) are microseconds.
  if (key != "out_time_us" && key != "out_time_ms") return false;
  long long us = 0;
  auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), us);
  if (ec != std::errc() || us < 0 || duration_s_ <= 0) return false;
  int now = static_cast<int>(std::min(999.0, static_cast<double>(us) / 1e6 / duration_s_ * 1000));
  if (now <= permille_) return false;
  permille_ = now;
  return true;
}

}  // namespace ss::media

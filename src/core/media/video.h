// What makes an uploaded file a video we can show, decided from what ffprobe says about it
// (media/ffmpeg.h runs it) and from its first bytes: pure, so that every refusal is unit-tested.
//
// A file ffprobe cannot read is "damaged" when its first bytes are those of a video
// container (a truncated MP4, a half-copied AVI) and "not a video" otherwise (a renamed
// document). A file it reads must have a video stream that is not a still picture, last at
// least a second and at most VideoRules::max_duration_s.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace ss::media {

inline constexpr const char* kNotAVideo = "not_a_video";
inline constexpr const char* kVideoDamaged = "video_damaged";
inline constexpr const char* kVideoTooShort = "video_too_short";
inline constexpr const char* kVideoTooLong = "video_too_long";

struct VideoProbe {
  std::string format;       // ffprobe's format_name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
  std::string video_codec;  // "h264", "hevc", …
  int width = 0, height = 0;
  bool has_audio = false;
  double duration_s = 0;
};

struct VideoRules {
  double min_duration_s = 1;
  double max_duration_s = 60 * 60;
};

// Reads ffprobe's JSON (-print_format json -show_format -show_streams). kNotAVideo when it
// names no video stream (or only a picture: an attached cover, a still image format).
Result<VideoProbe> ReadProbe(std::string_view ffprobe_json);

// The refusal for a file ffprobe could not read, from its first bytes (up to a few dozen).
Status Unreadable(std::string_view first_bytes);

Status CheckVideo(const VideoProbe& probe, const VideoRules& rules);

// ffmpeg's -progress output, line by line: the thousandths of `duration_s` done so far.
class TranscodeProgress {
 public:
  explicit TranscodeProgress(double duration_s) : duration_s_(duration_s) {}
  // Feeds one "key=value" line; true when the progress moved.
  bool Feed(std::string_view line);
  int permille() const { return permille_; }
  bool ended() const { return ended_; }

 private:
  double duration_s_;
  int permille_ = 0;
  bool ended_ = false;
};

}  // namespace ss::media

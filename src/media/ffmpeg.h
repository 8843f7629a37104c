// ffprobe and ffmpeg as child processes (never linked in: a codec's crash stays in its own
// process), at a lower CPU priority (nice 10) so that a transcode never starves the web
// server. Every call blocks: run it on a job thread (jobs/transcoder.h), never on an I/O thread.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>

#include "core/media/video.h"
#include "core/status.h"

namespace ss::media {

// ffprobe's reading of `file`, checked (core/media/video.h): kNotAVideo or kVideoDamaged
// when it cannot be read, with the reason in Chinese.
Result<VideoProbe> Probe(const std::filesystem::path& file);

// `in` → `out`: H.264 (yuv420p, at most 720 lines high, even sides) and AAC in an MP4 with
// the index at the front (fast start), written to `out` + ".part" and renamed when complete.
// `progress` gets the thousandths done as they move. `cancel` set: ffmpeg is stopped and
// kUnavailable returned (the job runs again later). A failure of ffmpeg itself is
// kVideoDamaged (the input could not be decoded to its end).
Status Transcode(const std::filesystem::path& in, const std::filesystem::path& out, const VideoProbe& probe,
                 const std::function<void(int)>& progress, const std::atomic<bool>& cancel);

// One frame at `at_s` seconds (or the first), as a JPEG at most 720 lines high.
Status Poster(const std::filesystem::path& video, const std::filesystem::path& jpeg, double at_s);

// Whether ffprobe and ffmpeg can be run (at start-up, to say so once).
bool Available();

}  // namespace ss::media

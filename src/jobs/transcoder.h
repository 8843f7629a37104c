// The media pipeline's worker (issue 9): turns finished video uploads into videos a phone
// plays. Each of `workers` threads claims the oldest due "transcode" job (store/jobs.h; a
// finished video upload queues one in the same write), probes the upload, refuses for good
// what is not a video or is damaged (the reason stays on the job for the uploader), then
// transcodes it (media/ffmpeg.h, nice 10) with its progress on the job, takes a poster, and
// leaves the result: {"duration_ms", "width", "height", "bytes", "has_audio", "video", "poster"}.
//
// A failure that may pass (the disk, ffmpeg missing, a stop) is retried after retry_delay
// while attempts are left. A transcode interrupted by a kill finishes after the restart (the
// store's Recover at start-up, jobs/job_loop.h). Destroying the Transcoder stops ffmpeg and
// puts its job back.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include "core/media/video.h"
#include "jobs/job_loop.h"
#include "media/upload_files.h"
#include "store/store.h"

namespace ss::jobs {

inline constexpr const char* kTranscode = "transcode";

class Transcoder {
 public:
  struct Options {
    int workers = 1;                            // transcodes at once (each takes a core)
    std::chrono::milliseconds idle_poll{2000};  // how often an idle worker looks for due jobs
    Millis retry_delay = 30'000;
    media::VideoRules rules;
  };

  Transcoder(store::Store& store, const media::UploadFiles& uploads, std::filesystem::path videos_dir, Options options);
  Transcoder(const Transcoder&) = delete;
  Transcoder& operator=(const Transcoder&) = delete;

  // A job was queued: a free worker looks now instead of at its next poll.
  void Wake() { loop_.Wake(); }
  // Where an upload's video and poster go (and are served from).
  std::filesystem::path DirOf(std::string_view upload_id) const { return videos_dir_ / std::string(upload_id); }

 private:
  void RunJob(const store::JobRecord& job);

  store::Store& store_;
  const media::UploadFiles& uploads_;
  std::filesystem::path videos_dir_;
  Options options_;
  JobLoop loop_;  // last: its threads stop before the rest goes
};

}  // namespace ss::jobs

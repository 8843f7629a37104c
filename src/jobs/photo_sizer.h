// The media pipeline's photo worker (issue 9): a finished photo upload queues a "photo" job in
// the same write (store/media.h); a thread of its own claims it and has this binary's
// `photo-sizes` child (media/photos.h, nice 10) write the sizes a page shows, upright and
// without metadata, into <photos_dir>/<upload id>/<width>.jpg. A picture refused (not a
// photo, damaged, too small, too large) fails for good with its reason for the uploader; a
// failure that may pass (the disk, the child dying) is tried again after retry_delay.
// The result: {"width", "height", "bytes", "sizes": [{name, width, height}], "src", "srcset", "thumb"}.
#pragma once

#include <filesystem>
#include <string>

#include "core/media/photo.h"
#include "jobs/job_loop.h"
#include "media/upload_files.h"
#include "store/store.h"

namespace ss::jobs {

inline constexpr const char* kPhoto = "photo";

class PhotoSizer {
 public:
  struct Options {
    std::chrono::milliseconds idle_poll{2000};
    Millis retry_delay = 30'000;
    media::PhotoRules rules;
    std::filesystem::path self = "/proc/self/exe";  // the program whose photo-sizes runs
  };

  PhotoSizer(store::Store& store, const media::UploadFiles& uploads, std::filesystem::path photos_dir, Options options);
  PhotoSizer(const PhotoSizer&) = delete;
  PhotoSizer& operator=(const PhotoSizer&) = delete;

  void Wake() { loop_.Wake(); }
  std::filesystem::path DirOf(std::string_view upload_id) const { return photos_dir_ / std::string(upload_id); }
  const media::PhotoRules& rules() const { return options_.rules; }

 private:
  void RunJob(const store::JobRecord& job);

  store::Store& store_;
  const media::UploadFiles& uploads_;
  std::filesystem::path photos_dir_;
  Options options_;
  JobLoop loop_;  // last: its thread stops before the rest goes
};

}  // namespace ss::jobs

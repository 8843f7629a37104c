// Media routes (issue 9): resumable uploads by the tus 1.0.0 protocol (core/media/tus.h) under
// /api/v1/uploads — OPTIONS (what the server offers), POST (create), HEAD (where it stands),
// PATCH (append at the offset) and DELETE (terminate) — for staff who may edit the showcase
// the upload is for (core MayEditShowcase), named in its metadata ("campaign", "candidate").
//
// A PATCH body is streamed: read from the socket in pieces on the I/O thread, written and
// synced on the blocking pool, and only then is the offset moved in the store, so an offset a
// client is told is on disk. A dropped connection keeps what arrived. One PATCH at a time per
// upload (423 for a second). The sweeper removes unfinished uploads past their expiry. A
// finished video goes to the transcoder (jobs/transcoder.h), a photo to the photo sizer
// (jobs/photo_sizer.h); GetUpload shows their progress.
#pragma once

#include <boost/json.hpp>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "api/routes.h"
#include "core/media/tus.h"
#include "jobs/photo_sizer.h"
#include "jobs/transcoder.h"
#include "media/upload_files.h"

namespace ss::api {

struct MediaServices {
  explicit MediaServices(media::UploadFiles f) : files(std::move(f)) {}
  media::UploadFiles files;
  media::UploadRules rules;
  // Turns finished video uploads into playable videos; null: none run (tests of the uploads).
  jobs::Transcoder* transcoder = nullptr;
  // Turns finished photo uploads into the sizes a page shows; null: none run.
  jobs::PhotoSizer* photos = nullptr;

  // Uploads a PATCH or DELETE is working on now.
  std::mutex mu;
  std::set<std::string> busy;
};

// Removes unfinished uploads past their expiry (file and record) every `every`, on a thread
// of its own; stops when destroyed.
class UploadSweeper {
 public:
  UploadSweeper(store::Store& store, MediaServices& media, std::chrono::milliseconds every);
  ~UploadSweeper();
  UploadSweeper(const UploadSweeper&) = delete;
  UploadSweeper& operator=(const UploadSweeper&) = delete;
  // One pass now: how many uploads it removed.
  int SweepOnce();

 private:
  void Run();
  store::Store& store_;
  MediaServices& media_;
  std::chrono::milliseconds every_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

// A media job (transcode or photo) as the uploader and the showcase pages show it: {state, progress (percent),
// attempts, error?, result? (when done)}.
boost::json::object ProcessingJson(const store::JobRecord& job);

// A video whose transcode is done: its paths under /media and its size (feeds, share cards).
struct ReadyVideo {
  std::string video, poster;
  std::int64_t bytes = 0;
};
std::optional<ReadyVideo> FindReadyVideo(store::Store& store, const std::string& upload_id);

http::Handler UploadOptions(Services& s);
http::Handler CreateUpload(Services& s);
http::Handler UploadStatus(Services& s);  // HEAD
http::Handler AppendUpload(Services& s);  // PATCH, a streaming route
http::Handler DeleteUpload(Services& s);
// GET /api/v1/uploads/{uid}: the upload and its processing (state, progress, the reason a
// video was refused, the video and poster once ready), for its creator.
http::Handler GetUpload(Services& s);
// GET and HEAD /media/videos/{uid}/{file}: a transcoded video (video.mp4) or its poster
// (poster.jpg), with byte ranges and a year's caching (the files never change). The id is
// 128 random bits: a video is reachable by whoever was given its address.
http::Handler MediaFile(Services& s);
// GET and HEAD /media/photos/{uid}/{width}.jpg: a photo's size (jobs/photo_sizer.h), upright
// and without metadata, cached for a year like the videos.
http::Handler PhotoFile(Services& s);

}  // namespace ss::api

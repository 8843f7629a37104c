#include "jobs/photo_sizer.h"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include "media/photos.h"

namespace ss::jobs {
namespace fs = std::filesystem;

PhotoSizer::PhotoSizer(store::Store& store, const media::UploadFiles& uploads, fs::path photos_dir, Options options)
    : store_(store),
      uploads_(uploads),
      photos_dir_(std::move(photos_dir)),
      options_(std::move(options)),
      loop_(store, kPhoto, 1, options_.idle_poll, [this](const store::JobRecord& job) { RunJob(job); }) {}

void PhotoSizer::RunJob(const store::JobRecord& job) {
  const std::string& id = job.subject;
  auto fail = [&](const Status& why, bool retry) { FailJob(store_, job, why, retry, options_.retry_delay, "照片"); };

  if (!media::UploadFiles::ValidId(id)) return fail(Status(code::kInternal, "照片任务指向的上传编号无效"), false);
  auto written = media::ProcessPhotoInChild(options_.self, uploads_.PathOf(id), DirOf(id), options_.rules);
  if (!written) return fail(written.status(), written.status().code() == code::kUnavailable);
  if (written->sizes.empty()) return fail(Status(code::kInternal, "照片处理没有写出任何尺寸"), false);
  boost::json::array sizes;
  for (const auto& s : written->sizes)
    sizes.push_back(boost::json::object{{"name", s.name}, {"width", s.width}, {"height", s.height}});
  boost::json::object result{{"width", written->width},
                             {"height", written->height},
                             {"bytes", written->bytes},
                             {"sizes", std::move(sizes)},
                             {"src", media::PhotoUrl(id, written->sizes.back())},
                             {"srcset", media::Srcset(id, written->sizes)},
                             {"thumb", media::PhotoUrl(id, written->sizes.front())}};
  Status done = store_.jobs().Finish(job.id, boost::json::serialize(result), NowMillis()).Wait();
  if (!done.ok()) return fail(done, true);
  spdlog::info("照片 {} 处理完成：{}×{}，{} 个尺寸", id, written->width, written->height, written->sizes.size());
}

}  // namespace ss::jobs

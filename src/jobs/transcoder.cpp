#include "jobs/transcoder.h"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include "media/ffmpeg.h"

namespace ss::jobs {
namespace fs = std::filesystem;

Transcoder::Transcoder(store::Store& store, const media::UploadFiles& uploads, fs::path videos_dir, Options options)
    : store_(store),
      uploads_(uploads),
      videos_dir_(std::move(videos_dir)),
      options_(options),
      loop_(store, kTranscode, options.workers, options.idle_poll, [this](const store::JobRecord& job) { RunJob(job); }) {}

void Transcoder::RunJob(const store::JobRecord& job) {
  const std::string& id = job.subject;
  auto fail = [&](const Status& why, bool retry) { FailJob(store_, job, why, retry, options_.retry_delay, "视频"); };

  if (!media::UploadFiles::ValidId(id)) return fail(Status(code::kInternal, "转码任务指向的上传编号无效"), false);
  fs::path input = uploads_.PathOf(id);
  auto probe = media::Probe(input);
  if (!probe) return fail(probe.status(), probe.status().code() == code::kUnavailable);
  if (Status ok = media::CheckVideo(*probe, options_.rules); !ok.ok()) return fail(ok, false);

  fs::path dir = DirOf(id);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return fail(Status(code::kUnavailable, "无法创建视频目录：" + ec.message()), true);
  Millis last_report = 0;
  auto report = [&](int permille) {
    Millis now = NowMillis();
    if (now - last_report < 1000 && permille < 1000) return;  // at most once a second
    last_report = now;
    (void)store_.jobs().SetProgress(job.id, std::min(permille, 990), now).Wait();
  };
  fs::path video = dir / "video.mp4", poster = dir / "poster.jpg";
  auto started = std::chrono::steady_clock::now();
  if (Status t = media::Transcode(input, video, *probe, report, loop_.stopping()); !t.ok())
    return fail(t, t.code() == code::kUnavailable);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (Status p = media::Poster(video, poster, std::min(1.0, probe->duration_s / 2)); !p.ok()) return fail(p, true);
  // What the phone will play: the transcode's own dimensions.
  auto out = media::Probe(video);
  if (!out) return fail(out.status(), true);
  boost::json::object result{{"duration_ms", static_cast<std::int64_t>(out->duration_s * 1000)},
                             {"width", out->width},
                             {"height", out->height},
                             {"bytes", static_cast<std::int64_t>(fs::file_size(video, ec))},
                             {"has_audio", out->has_audio},
                             {"video", "/media/videos/" + id + "/video.mp4"},
                             {"poster", "/media/videos/" + id + "/poster.jpg"}};
  Status done = store_.jobs().Finish(job.id, boost::json::serialize(result), NowMillis()).Wait();
  if (!done.ok()) return fail(done, true);
  spdlog::info("视频 {} 转码完成：{:.1f} 秒的视频用了 {:.1f} 秒，{}×{}", id, probe->duration_s, seconds, out->width, out->height);
}

}  // namespace ss::jobs

#include "cli/demo_showcases.h"

#include <chrono>
#include <filesystem>
#include <map>
#include <thread>

#include "cli/console.h"
#include "jobs/transcoder.h"
#include "media/child_process.h"
#include "media/ffmpeg.h"
#include "media/upload_files.h"

namespace ss::cli {
namespace fs = std::filesystem;
namespace {

// A few words per section, about the candidate's own unit, longer than a submission needs.
std::string SectionText(const std::string& title, const std::string& unit) {
  return unit + "党组织围绕“" + title + "”，坚持党建引领，把支部建在网格上，组织党员联系群众、解决难事。\n" +
         "我们建立问题清单、责任清单和成效清单，每月召开一次群众议事会，问需于民、问计于民，逐项销号。";
}

// Candidates round the districts in turn, from the front of each list (the towns and streets
// come first in the roster) and from its back (villages and communities) by turns.
std::vector<const Candidate*> Pick(const std::vector<Candidate>& all, const OrgTree& tree, int count) {
  std::map<std::string, std::vector<const Candidate*>> by_district;
  for (const auto& c : all) {
    const OrgUnit* u = tree.Find(c.unit);
    const OrgUnit* d = u ? tree.District(*u) : nullptr;
    if (c.active && d) by_district[d->code].push_back(&c);
  }
  std::vector<const Candidate*> out;
  for (std::size_t round = 0; static_cast<int>(out.size()) < count && round < all.size(); ++round) {
    for (auto& [code, list] : by_district) {
      if (round >= list.size() || static_cast<int>(out.size()) >= count) continue;
      // 0, n-1, 1, n-2, …: every candidate once.
      std::size_t at = round % 2 == 0 ? round / 2 : list.size() - 1 - round / 2;
      out.push_back(list[at]);
    }
  }
  return out;
}

}  // namespace

Result<int> SeedDemoShowcases(store::Store& store, std::int64_t campaign, const CampaignConfig& config,
                              const std::string& media_dir, int count, Millis now) {
  if (count <= 0) return 0;
  if (!media::Available()) return Status(code::kUnavailable, "找不到 ffmpeg，未创建演示展示材料（安装 ffmpeg 后重新 init 即可）");
  auto units = store.roster().OrgUnits(campaign);
  if (!units) return units.status();
  auto tree = OrgTree::Build(*units);
  if (!tree) return tree.status();
  auto candidates = store.roster().Candidates(campaign);
  if (!candidates) return candidates.status();
  auto organizer = store.users().FindByUsername("organizer");
  if (!organizer) return organizer.status();

  media::UploadFiles files(fs::path(media_dir) / "uploads");
  if (Status s = files.Init(); !s.ok()) return s;
  // One clip for all: 4 s of ffmpeg's test picture with a tone.
  fs::path clip = fs::path(media_dir) / "demo-source.mp4";
  media::ChildRun made = media::RunChild(
      {"ffmpeg", "-nostdin", "-hide_banner", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=960x540:rate=25:duration=4",
       "-f", "lavfi", "-i", "sine=frequency=440:duration=4", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest",
       clip.string()},
      {}, nullptr);
  if (made.exit_code != 0) return Status(code::kUnavailable, "ffmpeg 未能生成演示视频：" + made.err_tail);
  const auto bytes = static_cast<std::int64_t>(fs::file_size(clip));

  std::vector<const Candidate*> picked = Pick(*candidates, *tree, count);
  std::map<std::int64_t, std::string> video_of;
  for (const Candidate* c : picked) {
    store::UploadRecord u;
    u.id = media::UploadFiles::NewId();
    u.owner = organizer->id;
    u.campaign_id = campaign;
    u.candidate_id = c->id;
    u.kind = "video";
    u.filename = c->name + "宣讲视频.mp4";
    u.length = bytes;
    u.created_at = u.updated_at = now;
    u.expires_at = now + 86'400'000;
    std::error_code ec;
    fs::copy_file(clip, files.PathOf(u.id), fs::copy_options::overwrite_existing, ec);
    if (ec) return Status(code::kUnavailable, "无法写入演示视频：" + ec.message());
    if (Status s = store.uploads().Create(u).Wait(); !s.ok()) return s;
    // Completing it queues its transcode, as a finished upload does.
    if (auto done = store.uploads().Advance(u.id, 0, bytes, now, u.expires_at).Wait(); !done) return done.status();
    video_of[c->id] = u.id;
  }
  {
    // The real transcoder does the work; init waits for every job.
    jobs::Transcoder::Options options;
    options.idle_poll = std::chrono::milliseconds(100);
    jobs::Transcoder transcoder(store, files, fs::path(media_dir) / "videos", options);
    transcoder.Wake();
    auto until = std::chrono::steady_clock::now() + std::chrono::minutes(3);
    for (auto& [cid, upload] : video_of) {
      for (;;) {
        auto job = store.jobs().Find(jobs::kTranscode, upload);
        if (!job) return job.status();
        if (*job && (*job)->state == store::JobState::kDone) break;
        if (*job && (*job)->state == store::JobState::kFailed) return Status(code::kInternal, "演示视频转码失败：" + (*job)->error);
        if (std::chrono::steady_clock::now() > until) return Status(code::kTimeout, "演示视频转码超时");
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
  }
  std::error_code ec;
  fs::remove(clip, ec);

  int made_count = 0;
  for (const Candidate* c : picked) {
    const OrgUnit* unit = tree->Find(c->unit);
    showcase::Content content;
    for (const auto& title : config.showcase_sections) content.sections[title] = SectionText(title, unit->name);
    auto themes = config.ThemesFor(unit->level);
    for (std::size_t i = 0; i < themes.size() && i < 2; ++i) content.themes.push_back(themes[i]);
    content.video = video_of[c->id];
    const std::string target = "campaign:" + std::to_string(campaign) + "/candidate:" + std::to_string(c->id);
    auto saved = store.showcases().SaveDraft(campaign, c->id, content, 0, "organizer", now, ConsoleAudit("showcase.save", target)).Wait();
    if (!saved) return saved.status();
    auto submitted = store.showcases().Submit(campaign, c->id, saved->updated_at, "organizer", now, ConsoleAudit("showcase.submit", target)).Wait();
    if (!submitted) return submitted.status();
    auto approved = store.showcases()
                        .Decide(campaign, c->id, submitted->versions, true, "演示数据", "organizer", now,
                                ConsoleAudit("showcase.approve", target))
                        .Wait();
    if (!approved) return approved.status();
    ++made_count;
  }
  return made_count;
}

}  // namespace ss::cli

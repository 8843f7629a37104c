// Resumable uploads (api/media.h): the tus 1.0.0 routes.
#include <boost/json.hpp>
#include <charconv>
#include <spdlog/spdlog.h>

#include "api/auth.h"
#include "api/committed.h"
#include "api/media.h"
#include "core/media/refusals.h"
#include "http/file_reply.h"

namespace ss::api {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;
using http::bhttp::field;
using http::Context;
using http::Reply;

constexpr std::size_t kPiece = 512 * 1024;  // read from the socket, then written on the pool

std::string Location(const std::string& id) { return "/api/v1/uploads/" + id; }

http::bhttp::response<http::bhttp::empty_body> TusResponse(const http::Request& req, http::bhttp::status status) {
  http::bhttp::response<http::bhttp::empty_body> res{status, req.version()};
  res.set("Tus-Resumable", media::kTusVersion);
  res.set(field::cache_control, "no-store");
  res.keep_alive(req.keep_alive());
  return res;
}

std::optional<std::int64_t> ParseId(const std::map<std::string, std::string>& meta, const char* key) {
  auto it = meta.find(key);
  if (it == meta.end()) return std::nullopt;
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
  if (ec != std::errc() || p != it->second.data() + it->second.size() || v <= 0) return std::nullopt;
  return v;
}

// Holds an upload for one request: a second request for it gets kUploadBusy.
class Hold {
 public:
  Hold(MediaServices& m, std::string id) : m_(m), id_(std::move(id)) {
    std::lock_guard lock(m_.mu);
    held_ = m_.busy.insert(id_).second;
  }
  ~Hold() {
    if (!held_) return;
    std::lock_guard lock(m_.mu);
    m_.busy.erase(id_);
  }
  bool held() const { return held_; }

 private:
  MediaServices& m_;
  std::string id_;
  bool held_ = false;
};

// The upload named by the path, if the signed-in member owns it. Unknown and foreign ids
// are both "not found": an id names nothing to someone else.
asio::awaitable<Result<store::UploadRecord>> OwnUpload(Services& s, Context& ctx) {
  auto who = co_await RequireStaff(s, ctx);
  if (!who) co_return who.status();
  const std::string id = ctx.Param("uid");
  if (!media::UploadFiles::ValidId(id)) co_return media::Refusal(media::kUploadNotFound);
  auto get = [&s, &id] { return s.store.uploads().Get(id); };
  auto found = co_await http::Offload(ctx.blocking, get);
  if (!found) co_return found.status();
  if (!*found || (*found)->owner != who->user.id) co_return media::Refusal(media::kUploadNotFound);
  co_return **found;
}

media::UploadState StateOf(const store::UploadRecord& u) {
  return media::UploadState{static_cast<std::uint64_t>(u.length), static_cast<std::uint64_t>(u.offset), u.expires_at};
}

void SetProgress(http::bhttp::response<http::bhttp::empty_body>& res, const store::UploadRecord& u) {
  res.set("Upload-Offset", std::to_string(u.offset));
  res.set("Upload-Length", std::to_string(u.length));
  if (u.completed_at == 0) res.set("Upload-Expires", FormatHttpDate(u.expires_at));
}

}  // namespace

json::object ProcessingJson(const store::JobRecord& j) {
  json::object p{{"state", store::JobStateKey(j.state)}, {"progress", j.progress / 10.0}, {"attempts", j.attempts}};
  if (!j.error.empty()) p["error"] = j.error;
  if (j.state == store::JobState::kDone) {
    boost::system::error_code ec;
    json::value result = json::parse(j.result, ec);
    if (!ec) p["result"] = std::move(result);
  }
  return p;
}

std::optional<ReadyVideo> FindReadyVideo(store::Store& store, const std::string& upload_id) {
  if (upload_id.empty()) return std::nullopt;
  auto job = store.jobs().Find(jobs::kTranscode, upload_id);
  if (!job || !*job || (*job)->state != store::JobState::kDone) return std::nullopt;
  boost::system::error_code ec;
  json::value result = json::parse((*job)->result, ec);
  if (ec || !result.is_object()) return std::nullopt;
  const auto& o = result.as_object();
  ReadyVideo v;
  if (auto p = o.if_contains("video"); p && p->is_string()) v.video = p->as_string();
  if (auto p = o.if_contains("poster"); p && p->is_string()) v.poster = p->as_string();
  if (auto p = o.if_contains("bytes"); p && p->is_int64()) v.bytes = p->as_int64();
  if (v.video.empty()) return std::nullopt;
  return v;
}

http::Handler UploadOptions(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto res = TusResponse(ctx.request, http::bhttp::status::no_content);
    res.set("Tus-Version", media::kTusVersion);
    res.set("Tus-Extension", media::kTusExtensions);
    res.set("Tus-Max-Size", std::to_string(s.media->rules.max_video_bytes));
    co_return http::MakeReply(std::move(res));
  };
}

http::Handler CreateUpload(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    const http::Request& req = ctx.request;
    auto who = co_await RequireStaff(s, ctx);
    if (!who) co_return http::ErrorReply(req, who.status());
    MediaServices& m = *s.media;
    auto free_bytes = [&m] { return m.files.FreeBytes(); };
    std::uint64_t free = co_await http::Offload(ctx.blocking, free_bytes);
    auto asked = media::CheckCreation(req["Tus-Resumable"], req["Upload-Length"], req["Upload-Metadata"], m.rules, free);
    if (!asked) co_return http::ErrorReply(req, asked.status());
    auto campaign = ParseId(asked->metadata, "campaign");
    auto candidate = ParseId(asked->metadata, "candidate");
    if (!campaign || !candidate)
      co_return http::ErrorReply(req, media::Refusal(media::kUploadMetadata, "上传信息须注明活动和参评书记（campaign、candidate 为编号）"));
    std::shared_ptr<const CampaignView> view = s.catalog.Fresh(*campaign);
    if (!view) {
      auto load = [&s, &campaign] { return s.catalog.Load(*campaign); };
      auto loaded = co_await http::Offload(ctx.blocking, load);
      if (!loaded) co_return http::ErrorReply(req, loaded.status());
      view = *loaded;
    }
    const Directory::Entry* entry = view->directory->ById(*candidate);
    if (!entry) co_return http::ErrorReply(req, Status(code::kNotFound, "本活动中没有这位参评书记"));
    std::string district = entry->district ? entry->district->code : "";
    if (!MayEditShowcase(who->actor, *candidate, district)) co_return http::ErrorReply(req, media::Refusal(media::kUploadNotYours));

    Millis now = NowMillis();
    store::UploadRecord u;
    u.id = media::UploadFiles::NewId();
    u.owner = who->user.id;
    u.campaign_id = *campaign;
    u.candidate_id = *candidate;
    u.kind = std::string(media::UploadKindKey(asked->kind));
    u.filename = asked->filename;
    u.filetype = asked->filetype;
    u.length = static_cast<std::int64_t>(asked->length);
    u.created_at = u.updated_at = now;
    u.expires_at = now + m.rules.lifetime;
    auto create_file = [&m, &u] { return m.files.Create(u.id); };
    if (Status made = co_await http::Offload(ctx.blocking, create_file); !made.ok()) {
      spdlog::error("{}", made.message());
      co_return http::ErrorReply(req, Status(code::kUnavailable, "服务器暂时无法保存上传的文件，请稍后重试"));
    }
    Status stored = co_await Committed(s.store.uploads().Create(u));
    if (!stored.ok()) {
      auto remove = [&m, &u] { return m.files.Remove(u.id); };
      (void)co_await http::Offload(ctx.blocking, remove);
      co_return http::ErrorReply(req, stored);
    }
    http::bhttp::response<http::bhttp::string_body> res{http::bhttp::status::created, req.version()};
    res.set("Tus-Resumable", media::kTusVersion);
    res.set(field::location, Location(u.id));
    res.set("Upload-Offset", "0");
    res.set("Upload-Expires", FormatHttpDate(u.expires_at));
    res.set(field::cache_control, "no-store");
    res.set(field::content_type, "application/json; charset=utf-8");
    res.keep_alive(req.keep_alive());
    res.body() = json::serialize(json::object{{"id", u.id}, {"location", Location(u.id)}, {"expires_at", FormatUtc(u.expires_at)}});
    co_return http::MakeReply(std::move(res));
  };
}

http::Handler UploadStatus(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto u = co_await OwnUpload(s, ctx);
    if (!u) co_return http::ErrorReply(ctx.request, u.status());
    if (media::Expired(StateOf(*u), NowMillis())) co_return http::ErrorReply(ctx.request, media::Refusal(media::kUploadExpired));
    auto res = TusResponse(ctx.request, http::bhttp::status::ok);
    SetProgress(res, *u);
    co_return http::MakeReply(std::move(res));
  };
}

http::Handler AppendUpload(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    const http::Request& req = ctx.request;
    auto u = co_await OwnUpload(s, ctx);
    if (!u) co_return http::ErrorReply(req, u.status());
    MediaServices& m = *s.media;
    std::optional<std::uint64_t> content_length;
    if (auto it = req.find(field::content_length); it != req.end()) content_length = media::ParseUploadNumber(it->value());
    Millis now = NowMillis();
    if (Status ok = media::CheckPatch(StateOf(*u), req["Tus-Resumable"], req[field::content_type], req["Upload-Offset"],
                                      content_length, now);
        !ok.ok())
      co_return http::ErrorReply(req, ok);
    Hold hold(m, u->id);
    if (!hold.held()) co_return http::ErrorReply(req, media::Refusal(media::kUploadBusy));

    auto open = [&m, &u] { return m.files.OpenAt(u->id, static_cast<std::uint64_t>(u->offset)); };
    auto file = co_await http::Offload(ctx.blocking, open);
    if (!file) {
      spdlog::error("{}", file.status().message());
      co_return http::ErrorReply(req, Status(code::kUnavailable, "服务器暂时无法继续这次上传，请稍后重试"));
    }
    const std::uint64_t room = static_cast<std::uint64_t>(u->length - u->offset);
    std::uint64_t received = 0;
    std::string piece(kPiece, '\0');
    boost::system::error_code ec;
    bool overflow = false;
    Status written;
    while (true) {
      std::size_t filled = 0;
      while (filled < piece.size()) {
        std::size_t n = co_await ctx.body->Read(piece.data() + filled, piece.size() - filled, ec);
        filled += n;
        if (ec || n == 0) break;
      }
      if (received + filled > room) {
        overflow = true;  // nothing of this request is kept: the file is cut back on the next one
        break;
      }
      if (filled > 0) {
        std::string_view bytes(piece.data(), filled);
        auto write = [&file, bytes] { return file->Write(bytes); };
        written = co_await http::Offload(ctx.blocking, write);
        if (!written.ok()) break;
        received += filled;
      }
      if (ec || ctx.body->done() || filled < piece.size()) break;
    }
    if (overflow) co_return http::ErrorReply(req, media::Refusal(media::kUploadOverflow));
    if (written.ok() && received > 0) {
      auto sync = [&file] { return file->Sync(); };
      written = co_await http::Offload(ctx.blocking, sync);
    }
    if (!written.ok()) {
      spdlog::error("上传 {}：{}", u->id, written.message());
      co_return http::ErrorReply(req, Status(code::kUnavailable, "服务器保存上传的文件时出错，请稍后从断点继续"));
    }
    store::UploadRecord now_at = *u;
    if (received > 0) {
      Millis at = NowMillis();
      auto moved = co_await Committed(s.store.uploads().Advance(u->id, u->offset, u->offset + static_cast<std::int64_t>(received),
                                                                at, at + m.rules.lifetime));
      if (!moved) co_return http::ErrorReply(req, moved.status());
      now_at = *moved;
      if (now_at.completed_at != 0 && now_at.kind == "video" && m.transcoder) m.transcoder->Wake();
      if (now_at.completed_at != 0 && now_at.kind == "photo" && m.photos) m.photos->Wake();
    }
    // A connection that dropped hears nothing; what arrived is kept and HEAD says so.
    if (ec) co_return http::ErrorReply(req, Status(code::kTimeout, "上传中断，已保存收到的部分，请从断点继续"));
    auto res = TusResponse(req, http::bhttp::status::no_content);
    SetProgress(res, now_at);
    co_return http::MakeReply(std::move(res));
  };
}

http::Handler DeleteUpload(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto u = co_await OwnUpload(s, ctx);
    if (!u) co_return http::ErrorReply(ctx.request, u.status());
    MediaServices& m = *s.media;
    Hold hold(m, u->id);
    if (!hold.held()) co_return http::ErrorReply(ctx.request, media::Refusal(media::kUploadBusy));
    Status gone = co_await Committed(s.store.uploads().Delete(u->id));
    if (!gone.ok()) co_return http::ErrorReply(ctx.request, gone);
    auto remove = [&m, &u] { return m.files.Remove(u->id); };
    if (Status removed = co_await http::Offload(ctx.blocking, remove); !removed.ok()) spdlog::warn("{}", removed.message());
    co_return http::MakeReply(TusResponse(ctx.request, http::bhttp::status::no_content));
  };
}

http::Handler GetUpload(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto u = co_await OwnUpload(s, ctx);
    if (!u) co_return http::ErrorReply(ctx.request, u.status());
    auto find = [&s, &u] { return s.store.jobs().Find(std::string(store::JobKindOf(u->kind)), u->id); };
    auto job = co_await http::Offload(ctx.blocking, find);
    if (!job) co_return http::ErrorReply(ctx.request, job.status());
    json::object o{{"id", u->id},
                   {"kind", u->kind},
                   {"filename", u->filename},
                   {"length", u->length},
                   {"offset", u->offset},
                   {"complete", u->completed_at != 0},
                   {"candidate_id", u->candidate_id},
                   {"created_at", FormatUtc(u->created_at)}};
    if (u->completed_at == 0) o["expires_at"] = FormatUtc(u->expires_at);
    o["processing"] = *job ? json::value(ProcessingJson(**job)) : json::value(nullptr);
    co_return http::JsonReply(ctx.request, json::serialize(o));
  };
}

http::Handler PhotoFile(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    const std::string id = ctx.Param("uid");
    const std::string name = ctx.Param("file");
    if (!media::UploadFiles::ValidId(id) || !s.media->photos || !media::IsPhotoFileName(name, s.media->photos->rules()))
      co_return http::ErrorReply(ctx.request, 404, code::kNotFound, "没有这个文件");
    co_return co_await http::ServeFile(ctx, s.media->photos->DirOf(id) / name, "image/jpeg", "public, max-age=31536000, immutable");
  };
}

http::Handler MediaFile(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    const std::string id = ctx.Param("uid");
    const std::string name = ctx.Param("file");
    std::string_view type = name == "video.mp4" ? "video/mp4" : name == "poster.jpg" ? "image/jpeg" : "";
    if (!media::UploadFiles::ValidId(id) || type.empty() || !s.media->transcoder)
      co_return http::ErrorReply(ctx.request, 404, code::kNotFound, "没有这个文件");
    co_return co_await http::ServeFile(ctx, s.media->transcoder->DirOf(id) / name, type, "public, max-age=31536000, immutable");
  };
}

UploadSweeper::UploadSweeper(store::Store& store, MediaServices& media, std::chrono::milliseconds every)
    : store_(store), media_(media), every_(every), thread_([this] { Run(); }) {}

UploadSweeper::~UploadSweeper() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void UploadSweeper::Run() {
  std::unique_lock lock(mu_);
  while (!cv_.wait_for(lock, every_, [this] { return stop_; })) {
    lock.unlock();
    SweepOnce();
    lock.lock();
  }
}

int UploadSweeper::SweepOnce() {
  auto expired = store_.uploads().Expired(NowMillis(), 1000);
  if (!expired) {
    spdlog::warn("清理过期上传：{}", expired.status().message());
    return 0;
  }
  int removed = 0;
  for (const auto& u : *expired) {
    Hold hold(media_, u.id);
    if (!hold.held()) continue;  // a PATCH is writing it: it is not idle
    if (!store_.uploads().Delete(u.id).Wait().ok()) continue;
    (void)media_.files.Remove(u.id);
    ++removed;
  }
  if (removed > 0) spdlog::info("已清理 {} 个过期未完成的上传", removed);
  return removed;
}

}  // namespace ss::api

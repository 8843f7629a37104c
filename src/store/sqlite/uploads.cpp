// Resumable uploads on SQLite (store/media.h: UploadRepository).
#include <string>

#include "store/sqlite/repositories.h"

namespace ss::store::sqlite {
namespace {

constexpr const char* kColumns =
    "id, owner, campaign_id, candidate_id, kind, filename, filetype, length, offset, created_at, updated_at,"
    " expires_at, completed_at";

UploadRecord ReadUpload(Statement& q) {
  UploadRecord u;
  u.id = q.Text(0);
  u.owner = q.Int(1);
  u.campaign_id = q.Int(2);
  u.candidate_id = q.Int(3);
  u.kind = q.Text(4);
  u.filename = q.Text(5);
  u.filetype = q.Text(6);
  u.length = q.Int(7);
  u.offset = q.Int(8);
  u.created_at = q.Int(9);
  u.updated_at = q.Int(10);
  u.expires_at = q.Int(11);
  u.completed_at = q.IsNull(12) ? 0 : q.Int(12);
  return u;
}

std::optional<UploadRecord> ReadOne(Connection& db, const std::string& id, Status* error) {
  auto q = db.Prepare(std::string("SELECT ") + kColumns + " FROM uploads WHERE id = ?");
  q->Bind(1, id);
  std::optional<UploadRecord> out;
  if (q->Step()) out = ReadUpload(*q);
  *error = q->error();
  return out;
}

}  // namespace

Pending<Status> Uploads::Create(const UploadRecord& u) {
  return db_.Write([u](Connection& db) -> Status {
    auto q = db.Prepare(
        "INSERT INTO uploads(id, owner, campaign_id, candidate_id, kind, filename, filetype, length, offset, created_at,"
        " updated_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)");
    q->Bind(1, u.id).Bind(2, u.owner).Bind(3, u.campaign_id).Bind(4, u.candidate_id).Bind(5, u.kind).Bind(6, u.filename);
    q->Bind(7, u.filetype).Bind(8, u.length).Bind(9, u.created_at).Bind(10, u.created_at).Bind(11, u.expires_at);
    q->Step();
    return q->error();
  });
}

Result<std::optional<UploadRecord>> Uploads::Get(const std::string& id) {
  auto db = db_.Read();
  Status error;
  auto out = ReadOne(*db, id, &error);
  if (!error.ok()) return error;
  return out;
}

Pending<Result<UploadRecord>> Uploads::Advance(const std::string& id, std::int64_t from, std::int64_t to, Millis now,
                                               Millis expires_at) {
  return db_.Write([id, from, to, now, expires_at](Connection& db) -> Result<UploadRecord> {
    Status error;
    auto u = ReadOne(db, id, &error);
    if (!error.ok()) return error;
    if (!u) return Status(code::kNotFound, "没有这个上传，或它已被删除");
    if (u->offset != from) return Status(code::kConflict, "上传位置已被另一个请求改变");
    if (to < from || to > u->length) return Status(code::kInvalid, "上传位置超出了文件大小");
    auto q = db.Prepare(
        "UPDATE uploads SET offset = ?, updated_at = ?, expires_at = ?,"
        " completed_at = CASE WHEN ? = length THEN ? ELSE NULL END WHERE id = ?");
    q->Bind(1, to).Bind(2, now).Bind(3, expires_at).Bind(4, to).Bind(5, now).Bind(6, id);
    q->Step();
    if (!q->error().ok()) return q->error();
    // A finished video is transcoded (jobs/transcoder.h), a photo sized (jobs/photo_sizer.h):
    // its job is queued in this write, so no finished upload is ever left without one.
    if (to == u->length && (u->kind == "video" || u->kind == "photo")) {
      auto job = db.Prepare(
          "INSERT INTO jobs(kind, subject, max_attempts, run_after, created_at, updated_at)"
          " VALUES (?, ?, 3, ?, ?, ?) ON CONFLICT (kind, subject) DO NOTHING");
      job->Bind(1, std::string(JobKindOf(u->kind))).Bind(2, id).Bind(3, now).Bind(4, now).Bind(5, now);
      job->Step();
      if (!job->error().ok()) return job->error();
    }
    u->offset = to;
    u->updated_at = now;
    u->expires_at = expires_at;
    u->completed_at = to == u->length ? now : 0;
    return *u;
  });
}

Pending<Status> Uploads::Delete(const std::string& id) {
  return db_.Write([id](Connection& db) -> Status {
    auto q = db.Prepare("DELETE FROM uploads WHERE id = ?");
    q->Bind(1, id);
    q->Step();
    if (!q->error().ok()) return q->error();
    if (db.Changes() == 0) return Status(code::kNotFound, "没有这个上传，或它已被删除");
    return Status::Ok();
  });
}

Result<std::vector<UploadRecord>> Uploads::Expired(Millis now, int limit) {
  auto db = db_.Read();
  auto q = db->Prepare(std::string("SELECT ") + kColumns +
                       " FROM uploads WHERE completed_at IS NULL AND expires_at <= ? ORDER BY expires_at LIMIT ?");
  q->Bind(1, now).Bind(2, limit);
  std::vector<UploadRecord> out;
  while (q->Step()) out.push_back(ReadUpload(*q));
  if (!q->error().ok()) return q->error();
  return out;
}

}  // namespace ss::store::sqlite

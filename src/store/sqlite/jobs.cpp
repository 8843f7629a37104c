// Background jobs on SQLite (store/jobs.h: JobRepository).
#include <functional>
#include <string>

#include "store/sqlite/repositories.h"

namespace ss::store {

std::string_view JobStateKey(JobState s) {
  switch (s) {
    case JobState::kQueued: return "queued";
    case JobState::kRunning: return "running";
    case JobState::kDone: return "done";
    case JobState::kFailed: return "failed";
  }
  return "queued";
}

}  // namespace ss::store

namespace ss::store::sqlite {
namespace {

constexpr const char* kColumns =
    "id, kind, subject, state, attempts, max_attempts, progress, error, result, run_after, created_at, updated_at";

JobState StateFrom(std::string_view key) {
  if (key == "running") return JobState::kRunning;
  if (key == "done") return JobState::kDone;
  if (key == "failed") return JobState::kFailed;
  return JobState::kQueued;
}

JobRecord ReadJob(Statement& q) {
  JobRecord j;
  j.id = q.Int(0);
  j.kind = q.Text(1);
  j.subject = q.Text(2);
  j.state = StateFrom(q.Text(3));
  j.attempts = static_cast<int>(q.Int(4));
  j.max_attempts = static_cast<int>(q.Int(5));
  j.progress = static_cast<int>(q.Int(6));
  j.error = q.Text(7);
  j.result = q.Text(8);
  j.run_after = q.Int(9);
  j.created_at = q.Int(10);
  j.updated_at = q.Int(11);
  return j;
}

std::optional<JobRecord> FindJob(Connection& db, const std::string& where, std::int64_t id, const std::string& kind,
                                 const std::string& subject, Status* error) {
  auto q = db.Prepare(std::string("SELECT ") + kColumns + " FROM jobs WHERE " + where);
  if (id) q->Bind(1, id);
  else q->Bind(1, kind).Bind(2, subject);
  std::optional<JobRecord> out;
  if (q->Step()) out = ReadJob(*q);
  *error = q->error();
  return out;
}

// One UPDATE of a job by id; kNotFound when there is none.
Status UpdateJob(Connection& db, const char* set, std::int64_t id, const std::function<void(Statement&)>& bind) {
  auto q = db.Prepare(std::string("UPDATE jobs SET ") + set + " WHERE id = ?");
  bind(*q);
  q->Step();
  if (!q->error().ok()) return q->error();
  if (db.Changes() == 0) return Status(code::kNotFound, "没有这个后台任务：" + std::to_string(id));
  return Status::Ok();
}

}  // namespace

Pending<Result<JobRecord>> Jobs::Enqueue(const std::string& kind, const std::string& subject, int max_attempts, Millis now) {
  return db_.Write([kind, subject, max_attempts, now](Connection& db) -> Result<JobRecord> {
    auto q = db.Prepare(
        "INSERT INTO jobs(kind, subject, max_attempts, run_after, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (kind, subject) DO NOTHING");
    q->Bind(1, kind).Bind(2, subject).Bind(3, max_attempts).Bind(4, now).Bind(5, now).Bind(6, now);
    q->Step();
    if (!q->error().ok()) return q->error();
    Status error;
    auto job = FindJob(db, "kind = ? AND subject = ?", 0, kind, subject, &error);
    if (!error.ok()) return error;
    if (!job) return Status(code::kInternal, "后台任务写入后读不到");
    return *job;
  });
}

Pending<Result<std::optional<JobRecord>>> Jobs::Claim(const std::string& kind, Millis now) {
  return db_.Write([kind, now](Connection& db) -> Result<std::optional<JobRecord>> {
    auto q = db.Prepare(std::string("SELECT ") + kColumns +
                        " FROM jobs WHERE state = 'queued' AND kind = ? AND run_after <= ? ORDER BY run_after, id LIMIT 1");
    q->Bind(1, kind).Bind(2, now);
    std::optional<JobRecord> job;
    if (q->Step()) job = ReadJob(*q);
    if (!q->error().ok()) return q->error();
    if (!job) return job;
    Status s = UpdateJob(db, "state = 'running', attempts = attempts + 1, progress = 0, updated_at = ?", job->id,
                         [&](Statement& u) { u.Bind(1, now).Bind(2, job->id); });
    if (!s.ok()) return s;
    job->state = JobState::kRunning;
    job->attempts += 1;
    job->progress = 0;
    job->updated_at = now;
    return job;
  });
}

Pending<Status> Jobs::SetProgress(std::int64_t id, int progress, Millis now) {
  return db_.Write([id, progress, now](Connection& db) -> Status {
    return UpdateJob(db, "progress = ?, updated_at = ?", id, [&](Statement& u) { u.Bind(1, progress).Bind(2, now).Bind(3, id); });
  });
}

Pending<Status> Jobs::Finish(std::int64_t id, const std::string& result, Millis now) {
  return db_.Write([id, result, now](Connection& db) -> Status {
    return UpdateJob(db, "state = 'done', progress = 1000, error = '', result = ?, updated_at = ?", id,
                     [&](Statement& u) { u.Bind(1, result).Bind(2, now).Bind(3, id); });
  });
}

Pending<Status> Jobs::Fail(std::int64_t id, const std::string& error, bool retry, Millis retry_at, Millis now) {
  return db_.Write([id, error, retry, retry_at, now](Connection& db) -> Status {
    return UpdateJob(db,
                     "state = CASE WHEN ? AND attempts < max_attempts THEN 'queued' ELSE 'failed' END,"
                     " error = ?, run_after = ?, updated_at = ?",
                     id, [&](Statement& u) { u.Bind(1, retry ? 1 : 0).Bind(2, error).Bind(3, retry_at).Bind(4, now).Bind(5, id); });
  });
}

Pending<Result<int>> Jobs::Recover(Millis now) {
  return db_.Write([now](Connection& db) -> Result<int> {
    auto q = db.Prepare(
        "UPDATE jobs SET state = CASE WHEN attempts < max_attempts THEN 'queued' ELSE 'failed' END,"
        " error = CASE WHEN attempts < max_attempts THEN error ELSE '处理过程中服务器多次中断，请重新上传' END,"
        " run_after = ?, updated_at = ? WHERE state = 'running'");
    q->Bind(1, now).Bind(2, now);
    q->Step();
    if (!q->error().ok()) return q->error();
    return db.Changes();
  });
}

Result<std::optional<JobRecord>> Jobs::Find(const std::string& kind, const std::string& subject) {
  auto db = db_.Read();
  Status error;
  auto out = FindJob(*db, "kind = ? AND subject = ?", 0, kind, subject, &error);
  if (!error.ok()) return error;
  return out;
}

}  // namespace ss::store::sqlite

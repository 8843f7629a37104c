#include "store/sqlite/database.h"

#include <chrono>

#include "store/sqlite/migrations.h"

namespace ss::store::sqlite {
namespace {

Status Migrate(Connection& db, const std::string& path) {
  Status s = db.Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
  if (!s.ok()) return Status(code::kUnavailable, "无法初始化数据库 " + path + "：" + s.message());
  int current = 0;
  {
    auto q = db.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (q->Step()) current = static_cast<int>(q->Int(0));
  }
  const auto& all = Migrations();
  int latest = all.empty() ? 0 : all.back().version;
  if (current > latest) {
    return Status("schema_too_new", "数据库 " + path + " 的结构版本为 " + std::to_string(current) +
                                        "，比本程序支持的版本 " + std::to_string(latest) +
                                        " 新：请使用更新版本的 shuangshai");
  }
  for (const auto& m : all) {
    if (m.version <= current) continue;
    Transaction tx(db);
    if (!tx.begin_status().ok()) return tx.begin_status();
    if (Status e = db.Exec(m.sql); !e.ok())
      return Status(code::kInternal, "数据库迁移 " + std::to_string(m.version) + " 失败：" + e.message());
    auto ins = db.Prepare("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)");
    ins->Bind(1, m.version).Bind(2, m.name).Bind(3, NowMillis());
    ins->Step();
    if (!ins->error().ok()) return ins->error();
    if (Status c = tx.Commit(); !c.ok()) return c;
  }
  return Status::Ok();
}

}  // namespace

Database::~Database() { Close(); }

void Database::Close() {
  if (watcher_.joinable()) {
    watcher_.request_stop();
    watcher_.join();
  }
  if (writer_) writer_->Stop();
}

Status Database::Open(const std::string& path, int readers) {
  auto writer = Connection::Open(path, true);
  if (!writer) return writer.status();
  write_conn_ = std::move(*writer);
  if (Status s = Migrate(*write_conn_, path); !s.ok()) return s;
  for (int i = 0; i < std::max(1, readers); ++i) {
    auto r = Connection::Open(path, false);
    if (!r) return r.status();
    free_.push_back(std::move(*r));
  }
  auto w = Connection::Open(path, false);
  if (!w) return w.status();
  watch_ = std::move(*w);
  writer_ = std::make_unique<Writer>(
      *write_conn_, [this](std::int64_t revision) { own_revision_.store(revision, std::memory_order_release); },
      [this] { BumpGeneration(); });
  watcher_ = std::jthread([this](std::stop_token stop) { Watch(stop); });
  return Status::Ok();
}

Database::Lease Database::Read() {
  std::unique_lock lock(pool_mu_);
  pool_cv_.wait(lock, [&] { return !free_.empty(); });
  auto c = std::move(free_.back());
  free_.pop_back();
  return Lease(*this, std::move(c));
}

void Database::Return(std::unique_ptr<Connection> c) {
  {
    std::lock_guard lock(pool_mu_);
    free_.push_back(std::move(c));
  }
  pool_cv_.notify_one();
}

void Database::BumpGeneration() {
  {
    std::lock_guard lock(gen_mu_);
    generation_.fetch_add(1, std::memory_order_acq_rel);
  }
  gen_cv_.notify_all();
}

std::uint64_t Database::WaitForGeneration(std::uint64_t seen, std::chrono::milliseconds timeout) {
  std::unique_lock lock(gen_mu_);
  gen_cv_.wait_for(lock, timeout, [&] { return generation_.load(std::memory_order_acquire) != seen; });
  return generation_.load(std::memory_order_acquire);
}

// Another process (the CLI importing a roster while the server runs) commits through its own
// connection; the catalog revision it moves tells us. Our own catalog writes move the
// generation at once, and the watcher knows their revision, so it does not move it again.
void Database::Watch(std::stop_token stop) {
  std::int64_t seen = -1;
  std::mutex m;
  std::condition_variable_any cv;
  while (!stop.stop_requested()) {
    {
      auto q = watch_->Prepare("SELECT revision FROM catalog_revision WHERE id = 1");
      if (q->Step()) {
        std::int64_t v = q->Int(0);
        if (seen != -1 && v != seen && v != own_revision_.load(std::memory_order_acquire)) BumpGeneration();
        seen = v;
      }
    }
    std::unique_lock lock(m);
    cv.wait_for(lock, stop, std::chrono::milliseconds(500), [] { return false; });
  }
}

Status AppendAudit(Connection& db, AuditEntry e) {
  {
    auto head = db.Prepare("SELECT last_id, last_hash FROM audit_head WHERE id = 1");
    if (!head->Step()) return head->error().ok() ? Status(code::kInternal, "审计日志头缺失") : head->error();
    e.id = head->Int(0) + 1;
    e.prev_hash = head->Text(1);
  }
  if (e.at == 0) e.at = NowMillis();
  e.hash = AuditHash(e);
  auto q = db.Prepare(
      "INSERT INTO audit_log(id, at, actor_id, actor, role, action, target, district, before, after, reason, ip,"
      " request_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q->Bind(1, e.id).Bind(2, e.at).Bind(3, e.actor_id).Bind(4, e.actor).Bind(5, e.role).Bind(6, e.action)
      .Bind(7, e.target).Bind(8, e.district).Bind(9, e.before).Bind(10, e.after).Bind(11, e.reason).Bind(12, e.ip)
      .Bind(13, e.request_id).Bind(14, e.prev_hash).Bind(15, e.hash);
  q->Step();
  if (!q->error().ok()) return q->error();
  auto move = db.Prepare("UPDATE audit_head SET last_id = ?, last_hash = ? WHERE id = 1 AND last_id = ?");
  move->Bind(1, e.id).Bind(2, e.hash).Bind(3, e.id - 1);
  move->Step();
  if (!move->error().ok()) return move->error();
  if (db.Changes() != 1) return Status(code::kConflict, "审计日志被同时写入，请重试");
  return Status::Ok();
}

}  // namespace ss::store::sqlite

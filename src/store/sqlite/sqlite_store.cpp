#include "store/sqlite/sqlite_store.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <thread>
#include <vector>

#include "store/sqlite/db.h"
#include "store/sqlite/migrations.h"

namespace ss::store::sqlite {
namespace {

// Read connections, lent one at a time.
class ReaderPool {
 public:
  void Add(std::unique_ptr<Connection> c) { free_.push_back(std::move(c)); }

  class Lease {
   public:
    Lease(ReaderPool& pool, std::unique_ptr<Connection> c) : pool_(pool), c_(std::move(c)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (c_) pool_.Return(std::move(c_));
    }
    Connection& operator*() { return *c_; }
    Connection* operator->() { return c_.get(); }

   private:
    ReaderPool& pool_;
    std::unique_ptr<Connection> c_;
  };

  Lease Take() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !free_.empty(); });
    auto c = std::move(free_.back());
    free_.pop_back();
    return Lease(*this, std::move(c));
  }

 private:
  void Return(std::unique_ptr<Connection> c) {
    {
      std::lock_guard lock(mu_);
      free_.push_back(std::move(c));
    }
    cv_.notify_one();
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> free_;
};

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

class SqliteStore;

class Campaigns final : public CampaignRepository {
 public:
  explicit Campaigns(SqliteStore& s) : s_(s) {}
  Result<std::vector<CampaignRecord>> List() override;
  Result<CampaignRecord> Get(std::int64_t id) override;
  Result<std::int64_t> Create(const CampaignDocument& doc, PhaseKey phase, Millis now) override;
  Status SetPhase(std::int64_t id, PhaseKey from, PhaseKey to, Millis now) override;

 private:
  SqliteStore& s_;
};

class Roster final : public RosterRepository {
 public:
  explicit Roster(SqliteStore& s) : s_(s) {}
  Result<std::vector<OrgUnit>> OrgUnits(std::int64_t campaign) override;
  Result<std::vector<Candidate>> Candidates(std::int64_t campaign) override;
  Status ApplyRoster(std::int64_t campaign, const RosterPlan& plan, Millis now) override;

 private:
  SqliteStore& s_;
};

class SqliteStore final : public Store {
 public:
  SqliteStore() : campaigns_(*this), roster_(*this) {}

  CampaignRepository& campaigns() override { return campaigns_; }
  RosterRepository& roster() override { return roster_; }

  std::uint64_t Generation() override { return generation_.load(std::memory_order_acquire); }

  int SchemaVersion() override {
    auto db = readers_.Take();
    auto q = db->Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    return q->Step() ? static_cast<int>(q->Int(0)) : 0;
  }

  // Runs `fn(Connection&)` in a write transaction and commits; bumps the generation.
  template <class Fn>
  auto Write(Fn fn) -> decltype(fn(std::declval<Connection&>())) {
    std::lock_guard lock(write_mu_);
    Transaction tx(*writer_);
    if (!tx.begin_status().ok()) return Status(code::kUnavailable, "数据库繁忙：" + tx.begin_status().message());
    auto result = fn(*writer_);
    if (!result.ok()) return result;
    if (Status c = tx.Commit(); !c.ok()) return Status(code::kInternal, "提交失败：" + c.message());
    generation_.fetch_add(1, std::memory_order_acq_rel);
    return result;
  }

  ReaderPool::Lease Read() { return readers_.Take(); }

  Status Open(const std::string& path, const StoreOptions& options) {
    auto writer = Connection::Open(path, true);
    if (!writer) return writer.status();
    writer_ = std::move(*writer);
    if (Status s = Migrate(*writer_, path); !s.ok()) return s;
    for (int i = 0; i < std::max(1, options.readers); ++i) {
      auto r = Connection::Open(path, false);
      if (!r) return r.status();
      readers_.Add(std::move(*r));
    }
    auto w = Connection::Open(path, false);
    if (!w) return w.status();
    watch_ = std::move(*w);
    watcher_ = std::jthread([this](std::stop_token stop) { Watch(stop); });
    return Status::Ok();
  }

  ~SqliteStore() override {
    if (watcher_.joinable()) {
      watcher_.request_stop();
      watcher_.join();
    }
  }

 private:
  // Another process (the CLI importing a roster while the server runs) commits through its
  // own connection; PRAGMA data_version on our watch connection changes when it does.
  // Our own commits bump the generation directly in Write().
  void Watch(std::stop_token stop) {
    std::int64_t seen = -1;
    std::mutex m;
    std::condition_variable_any cv;
    while (!stop.stop_requested()) {
      {
        auto q = watch_->Prepare("PRAGMA data_version");
        if (q->Step()) {
          std::int64_t v = q->Int(0);
          if (seen != -1 && v != seen) generation_.fetch_add(1, std::memory_order_acq_rel);
          seen = v;
        }
      }
      std::unique_lock lock(m);
      cv.wait_for(lock, stop, std::chrono::milliseconds(500), [] { return false; });
    }
  }

 private:
  Campaigns campaigns_;
  Roster roster_;
  std::mutex write_mu_;
  std::unique_ptr<Connection> writer_;
  ReaderPool readers_;
  std::unique_ptr<Connection> watch_;
  std::atomic<std::uint64_t> generation_{1};
  std::jthread watcher_;  // last: stops before the connections go
};

// Status-only results share the Write template with Result<T>.
struct Done {
  Status status;
  bool ok() const { return status.ok(); }
  Done(Status s = {}) : status(std::move(s)) {}  // NOLINT
};

Result<CampaignRecord> ReadCampaign(Statement& q) {
  CampaignRecord r;
  r.id = q.Int(0);
  auto config = ConfigFromJson(q.Text(1));
  if (!config) return Status(code::kInternal, "活动 " + std::to_string(r.id) + " 的配置已损坏：" + config.status().ToString());
  r.config = std::move(*config);
  r.phase = PhaseFromKey(q.Text(2)).value_or(PhaseKey::kDraft);
  r.created_at = q.Int(3);
  r.updated_at = q.Int(4);
  return r;
}

Result<std::vector<CampaignRecord>> Campaigns::List() {
  auto db = s_.Read();
  auto q = db->Prepare("SELECT id, config, phase, created_at, updated_at FROM campaigns ORDER BY id DESC");
  std::vector<CampaignRecord> out;
  while (q->Step()) {
    auto r = ReadCampaign(*q);
    if (!r) return r.status();
    out.push_back(std::move(*r));
  }
  if (!q->error().ok()) return q->error();
  return out;
}

Result<CampaignRecord> Campaigns::Get(std::int64_t id) {
  auto db = s_.Read();
  auto q = db->Prepare("SELECT id, config, phase, created_at, updated_at FROM campaigns WHERE id = ?");
  q->Bind(1, id);
  if (!q->Step()) {
    if (!q->error().ok()) return q->error();
    return Status(code::kNotFound, "没有编号为 " + std::to_string(id) + " 的活动");
  }
  return ReadCampaign(*q);
}

Status InsertCandidate(Connection& db, std::int64_t campaign, const Candidate& c, Millis now) {
  auto q = db.Prepare(
      "INSERT INTO candidates(campaign_id, no, name, gender, title, unit_code, group_key, active, created_at, updated_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q->Bind(1, campaign).Bind(2, c.no).Bind(3, c.name).Bind(4, c.gender).Bind(5, c.title).Bind(6, c.unit)
      .Bind(7, c.group).Bind(8, c.active ? 1 : 0).Bind(9, now).Bind(10, now);
  q->Step();
  return q->error();
}

Result<std::int64_t> Campaigns::Create(const CampaignDocument& doc, PhaseKey phase, Millis now) {
  return s_.Write([&](Connection& db) -> Result<std::int64_t> {
    auto q = db.Prepare("INSERT INTO campaigns(name, config, phase, created_at, updated_at) VALUES (?, ?, ?, ?, ?)");
    q->Bind(1, doc.config.name).Bind(2, ConfigToJson(doc.config)).Bind(3, PhaseKeyName(phase)).Bind(4, now).Bind(5, now);
    q->Step();
    if (!q->error().ok()) return q->error();
    std::int64_t id = db.LastInsertId();
    int seq = 0;
    for (const auto& u : doc.units) {
      auto ins = db.Prepare("INSERT INTO org_units(campaign_id, code, name, level, parent_code, seq) VALUES (?, ?, ?, ?, ?, ?)");
      ins->Bind(1, id).Bind(2, u.code).Bind(3, u.name).Bind(4, LevelKey(u.level));
      if (u.parent.empty()) ins->BindNull(5);
      else ins->Bind(5, u.parent);
      ins->Bind(6, seq++);
      ins->Step();
      if (!ins->error().ok()) return ins->error();
    }
    for (const auto& c : doc.candidates) {
      if (Status s = InsertCandidate(db, id, c, now); !s.ok()) return s;
    }
    return id;
  });
}

Status Campaigns::SetPhase(std::int64_t id, PhaseKey from, PhaseKey to, Millis now) {
  return s_.Write([&](Connection& db) -> Done {
    auto q = db.Prepare("UPDATE campaigns SET phase = ?, updated_at = ? WHERE id = ? AND phase = ?");
    q->Bind(1, PhaseKeyName(to)).Bind(2, now).Bind(3, id).Bind(4, PhaseKeyName(from));
    q->Step();
    if (!q->error().ok()) return q->error();
    if (db.Changes() == 0) return Status(code::kConflict, "活动阶段已被他人更改，请刷新后重试");
    return Status::Ok();
  }).status;
}

Result<std::vector<OrgUnit>> Roster::OrgUnits(std::int64_t campaign) {
  auto db = s_.Read();
  auto q = db->Prepare("SELECT code, name, level, parent_code FROM org_units WHERE campaign_id = ? ORDER BY seq");
  q->Bind(1, campaign);
  std::vector<OrgUnit> out;
  while (q->Step()) {
    OrgUnit u{q->Text(0), q->Text(1), LevelFromKey(q->Text(2)).value_or(Level::kCity), q->Text(3)};
    out.push_back(std::move(u));
  }
  if (!q->error().ok()) return q->error();
  if (out.empty()) {
    auto c = db->Prepare("SELECT 1 FROM campaigns WHERE id = ?");
    c->Bind(1, campaign);
    if (!c->Step()) return Status(code::kNotFound, "没有编号为 " + std::to_string(campaign) + " 的活动");
  }
  return out;
}

Result<std::vector<Candidate>> Roster::Candidates(std::int64_t campaign) {
  auto db = s_.Read();
  auto q = db->Prepare(
      "SELECT id, no, name, gender, title, unit_code, group_key, active FROM candidates"
      " WHERE campaign_id = ? ORDER BY no");
  q->Bind(1, campaign);
  std::vector<Candidate> out;
  while (q->Step()) {
    Candidate c;
    c.id = q->Int(0);
    c.no = static_cast<int>(q->Int(1));
    c.name = q->Text(2);
    c.gender = q->Text(3);
    c.title = q->Text(4);
    c.unit = q->Text(5);
    c.group = q->Text(6);
    c.active = q->Int(7) != 0;
    out.push_back(std::move(c));
  }
  if (!q->error().ok()) return q->error();
  return out;
}

Status Roster::ApplyRoster(std::int64_t campaign, const RosterPlan& plan, Millis now) {
  return s_.Write([&](Connection& db) -> Done {
    // Updates first with the unit moved aside would be needed if units swapped; units are
    // not unique in the schema, so plain updates suffice (PlanRoster checks uniqueness).
    for (const auto& c : plan.updates) {
      auto q = db.Prepare(
          "UPDATE candidates SET name = ?, gender = ?, title = ?, unit_code = ?, group_key = ?, updated_at = ?"
          " WHERE id = ? AND campaign_id = ?");
      q->Bind(1, c.name).Bind(2, c.gender).Bind(3, c.title).Bind(4, c.unit).Bind(5, c.group).Bind(6, now)
          .Bind(7, c.id).Bind(8, campaign);
      q->Step();
      if (!q->error().ok()) return q->error();
      if (db.Changes() != 1) return Status(code::kConflict, "名单已被他人更改，请重新导入");
    }
    for (const auto& c : plan.inserts) {
      if (Status s = InsertCandidate(db, campaign, c, now); !s.ok()) return s;
    }
    auto t = db.Prepare("UPDATE campaigns SET updated_at = ? WHERE id = ?");
    t->Bind(1, now).Bind(2, campaign);
    t->Step();
    return t->error();
  }).status;
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, const StoreOptions& options) {
  auto store = std::make_unique<SqliteStore>();
  if (Status s = store->Open(path, options); !s.ok()) return s;
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace ss::store::sqlite

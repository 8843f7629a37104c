// Staff accounts, sessions and sign-in failure counters.
#include "store/sqlite/repositories.h"

namespace ss::store::sqlite {
namespace {

constexpr const char* kUserColumns =
    "id, username, display_name, role, district_code, candidate_id, password_hash, disabled, created_at, updated_at,"
    " last_login_at, password_changed_at";

UserRecord ReadUser(Statement& q) {
  UserRecord u;
  u.id = q.Int(0);
  u.username = q.Text(1);
  u.display_name = q.Text(2);
  u.role = RoleFromKey(q.Text(3)).value_or(Role::kJudge);
  u.district = q.Text(4);
  u.candidate_id = q.Int(5);
  u.password_hash = q.Text(6);
  u.disabled = q.Int(7) != 0;
  u.created_at = q.Int(8);
  u.updated_at = q.Int(9);
  u.last_login_at = q.Int(10);
  u.password_changed_at = q.Int(11);
  return u;
}

Status InsertSession(Connection& db, const SessionRecord& s) {
  auto q = db.Prepare(
      "INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, last_seen_at, ip, user_agent)"
      " VALUES (?, ?, ?, ?, ?, ?, ?)");
  q->Bind(1, s.token_hash).Bind(2, s.user_id).Bind(3, s.csrf_token).Bind(4, s.created_at).Bind(5, s.last_seen_at)
      .Bind(6, s.ip).Bind(7, s.user_agent);
  q->Step();
  return q->error();
}

Status DeleteExpiredSessions(Connection& db, Millis idle_before, Millis created_before) {
  auto q = db.Prepare("DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?");
  q->Bind(1, idle_before).Bind(2, created_before);
  q->Step();
  return q->error();
}

Status EndSessions(Connection& db, std::int64_t user, const std::string& keep) {
  auto q = db.Prepare("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?");
  q->Bind(1, user).Bind(2, keep);
  q->Step();
  return q->error();
}

}  // namespace

Pending<Result<std::int64_t>> Users::Create(const UserRecord& u, const AuditEvent& audit) {
  return db_.Write([u, audit](Connection& db) -> Result<std::int64_t> {
    auto q = db.Prepare(
        "INSERT INTO users(username, display_name, role, district_code, candidate_id, password_hash, disabled,"
        " created_at, updated_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q->Bind(1, u.username).Bind(2, u.display_name).Bind(3, RoleKey(u.role)).Bind(4, u.district).Bind(5, u.candidate_id)
        .Bind(6, u.password_hash).Bind(7, u.disabled ? 1 : 0).Bind(8, u.created_at).Bind(9, u.created_at)
        .Bind(10, u.created_at);
    q->Step();
    if (!q->error().ok()) {
      if (q->error().code() == code::kConflict) return Status(code::kConflict, "用户名 " + u.username + " 已被使用");
      return q->error();
    }
    std::int64_t id = db.LastInsertId();
    AuditEvent e = audit;
    e.target = "user:" + std::to_string(id);
    if (Status s = AppendAudit(db, e); !s.ok()) return s;
    return id;
  });
}

Result<UserRecord> Users::Get(std::int64_t id) {
  auto db = db_.Read();
  auto q = db->Prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?");
  q->Bind(1, id);
  if (!q->Step()) {
    if (!q->error().ok()) return q->error();
    return Status(code::kNotFound, "没有编号为 " + std::to_string(id) + " 的用户");
  }
  return ReadUser(*q);
}

Result<UserRecord> Users::FindByUsername(const std::string& username) {
  auto db = db_.Read();
  auto q = db->Prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE username = ?");
  q->Bind(1, username);
  if (!q->Step()) {
    if (!q->error().ok()) return q->error();
    return Status(code::kNotFound, "没有用户 " + username);
  }
  return ReadUser(*q);
}

Result<std::pair<std::vector<UserRecord>, int>> Users::List(const UserQuery& query) {
  auto db = db_.Read();
  const char* where = " FROM users WHERE (?1 = '' OR role = ?1) AND (?2 = '' OR instr(username, ?2) > 0 OR instr(display_name, ?2) > 0)";
  int total = 0;
  {
    auto c = db->Prepare(std::string("SELECT COUNT(*)") + where);
    c->Bind(1, query.role).Bind(2, query.q);
    if (c->Step()) total = static_cast<int>(c->Int(0));
    if (!c->error().ok()) return c->error();
  }
  auto q = db->Prepare(std::string("SELECT ") + kUserColumns + where + " ORDER BY id LIMIT ?3 OFFSET ?4");
  q->Bind(1, query.role).Bind(2, query.q).Bind(3, query.page_size).Bind(4, static_cast<std::int64_t>(query.page - 1) * query.page_size);
  std::vector<UserRecord> out;
  while (q->Step()) out.push_back(ReadUser(*q));
  if (!q->error().ok()) return q->error();
  return std::pair{std::move(out), total};
}

Pending<Status> Users::Update(const UserRecord& u, Millis now, const AuditEvent& audit) {
  return db_.Write([u, now, audit](Connection& db) -> Status {
    auto q = db.Prepare(
        "UPDATE users SET display_name = ?, role = ?, district_code = ?, candidate_id = ?, disabled = ?, updated_at = ?"
        " WHERE id = ?");
    q->Bind(1, u.display_name).Bind(2, RoleKey(u.role)).Bind(3, u.district).Bind(4, u.candidate_id)
        .Bind(5, u.disabled ? 1 : 0).Bind(6, now).Bind(7, u.id);
    q->Step();
    if (!q->error().ok()) return q->error();
    if (db.Changes() != 1) return Status(code::kNotFound, "没有编号为 " + std::to_string(u.id) + " 的用户");
    if (u.disabled) {
      if (Status s = EndSessions(db, u.id, ""); !s.ok()) return s;
    }
    return AppendAudit(db, audit);
  });
}

Pending<Status> Users::SetPassword(std::int64_t id, const std::string& hash, Millis now,
                                   const std::string& keep_session, const AuditEvent& audit) {
  return db_.Write([id, hash, now, keep_session, audit](Connection& db) -> Status {
    auto q = db.Prepare("UPDATE users SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE id = ?");
    q->Bind(1, hash).Bind(2, now).Bind(3, now).Bind(4, id);
    q->Step();
    if (!q->error().ok()) return q->error();
    if (db.Changes() != 1) return Status(code::kNotFound, "没有编号为 " + std::to_string(id) + " 的用户");
    if (Status s = EndSessions(db, id, keep_session); !s.ok()) return s;
    return AppendAudit(db, audit);
  });
}

Result<bool> Users::IsKnownAddress(std::int64_t id, const std::string& ip) {
  auto db = db_.Read();
  auto q = db->Prepare("SELECT 1 FROM user_known_addresses WHERE user_id = ? AND ip = ?");
  q->Bind(1, id).Bind(2, ip);
  bool known = q->Step();
  if (!q->error().ok()) return q->error();
  return known;
}

Sessions::Sessions(Database& db) : db_(db) {}

void Sessions::Attach() {
  db_.writer().AddFold([this](Connection& c) { return FoldTouches(c); });
}

Pending<Status> Sessions::Create(const SessionRecord& s) {
  return db_.Write([s](Connection& db) -> Status { return InsertSession(db, s); });
}

Pending<Status> Sessions::SignIn(const store::SignIn& in) {
  return db_.Write([in](Connection& db) -> Status {
    const SessionRecord& s = in.session;
    auto q = db.Prepare("UPDATE users SET last_login_at = ? WHERE id = ?");
    q->Bind(1, s.created_at).Bind(2, s.user_id);
    q->Step();
    if (!q->error().ok()) return q->error();
    if (db.Changes() != 1) return Status(code::kNotFound, "没有编号为 " + std::to_string(s.user_id) + " 的用户");
    auto k = db.Prepare(
        "INSERT INTO user_known_addresses(user_id, ip, last_seen_at) VALUES (?, ?, ?)"
        " ON CONFLICT(user_id, ip) DO UPDATE SET last_seen_at = excluded.last_seen_at");
    k->Bind(1, s.user_id).Bind(2, s.ip).Bind(3, s.created_at);
    k->Step();
    if (!k->error().ok()) return k->error();
    for (const auto& key : in.clear_counters) {
      auto c = db.Prepare("DELETE FROM login_failures WHERE key = ?");
      c->Bind(1, key);
      c->Step();
      if (!c->error().ok()) return c->error();
    }
    if (in.idle_before || in.created_before) {
      if (Status e = DeleteExpiredSessions(db, in.idle_before, in.created_before); !e.ok()) return e;
    }
    if (Status e = InsertSession(db, s); !e.ok()) return e;
    return AppendAudit(db, in.audit);
  });
}

Result<std::optional<SessionRecord>> Sessions::Find(const std::string& token_hash) {
  auto db = db_.Read();
  auto q = db->Prepare(
      "SELECT token_hash, user_id, csrf_token, created_at, last_seen_at, ip, user_agent FROM sessions WHERE token_hash = ?");
  q->Bind(1, token_hash);
  if (!q->Step()) {
    if (!q->error().ok()) return q->error();
    return std::optional<SessionRecord>();
  }
  SessionRecord r{q->Text(0), q->Int(1), q->Text(2), q->Int(3), q->Int(4), q->Text(5), q->Text(6)};
  {
    std::lock_guard lock(touch_mu_);
    if (auto it = touches_.find(token_hash); it != touches_.end()) r.last_seen_at = std::max(r.last_seen_at, it->second);
  }
  return std::optional<SessionRecord>(std::move(r));
}

void Sessions::Touch(const std::string& token_hash, Millis now) {
  {
    std::lock_guard lock(touch_mu_);
    Millis& seen = touches_[token_hash];
    seen = std::max(seen, now);
  }
  db_.writer().MarkToFold();
}

Status Sessions::FoldTouches(Connection& db) {
  std::unordered_map<std::string, Millis> batch;
  {
    std::lock_guard lock(touch_mu_);
    batch.swap(touches_);
  }
  for (const auto& [hash, seen] : batch) {
    auto q = db.Prepare("UPDATE sessions SET last_seen_at = MAX(last_seen_at, ?) WHERE token_hash = ?");
    q->Bind(1, seen).Bind(2, hash);
    q->Step();
    if (!q->error().ok()) return q->error();
  }
  return Status::Ok();
}

Pending<Status> Sessions::Delete(const std::string& token_hash) {
  return db_.Write([token_hash](Connection& db) -> Status {
    auto q = db.Prepare("DELETE FROM sessions WHERE token_hash = ?");
    q->Bind(1, token_hash);
    q->Step();
    return q->error();
  });
}

Pending<Status> Sessions::DeleteExpired(Millis idle_before, Millis created_before) {
  return db_.Write([idle_before, created_before](Connection& db) -> Status {
    return DeleteExpiredSessions(db, idle_before, created_before);
  });
}

Result<FailureCounter> Throttle::Get(const std::string& key) {
  auto db = db_.Read();
  auto q = db->Prepare("SELECT failures, last_failure, locked_until FROM login_failures WHERE key = ?");
  q->Bind(1, key);
  FailureCounter c;
  if (q->Step()) c = FailureCounter{static_cast<int>(q->Int(0)), q->Int(1), q->Int(2)};
  if (!q->error().ok()) return q->error();
  return c;
}

Pending<Result<std::vector<FailureCounter>>> Throttle::AddFailures(const std::vector<std::pair<std::string, int>>& keys,
                                                               Millis now, const ThrottlePolicy& policy) {
  return db_.Write([keys, now, policy](Connection& db) -> Result<std::vector<FailureCounter>> {
    std::vector<FailureCounter> out;
    for (const auto& [key, lock_after] : keys) {
      FailureCounter c;
      {
        auto q = db.Prepare("SELECT failures, last_failure, locked_until FROM login_failures WHERE key = ?");
        q->Bind(1, key);
        if (q->Step()) c = FailureCounter{static_cast<int>(q->Int(0)), q->Int(1), q->Int(2)};
        if (!q->error().ok()) return q->error();
      }
      c = AfterFailure(c, now, lock_after, policy);
      auto q = db.Prepare(
          "INSERT INTO login_failures(key, failures, last_failure, locked_until) VALUES (?, ?, ?, ?)"
          " ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, last_failure = excluded.last_failure,"
          " locked_until = excluded.locked_until");
      q->Bind(1, key).Bind(2, c.failures).Bind(3, c.last_failure).Bind(4, c.locked_until);
      q->Step();
      if (!q->error().ok()) return q->error();
      out.push_back(c);
    }
    return out;
  });
}

Pending<Status> Throttle::Clear(const std::string& key) {
  return db_.Write([key](Connection& db) -> Status {
    auto q = db.Prepare("DELETE FROM login_failures WHERE key = ?");
    q->Bind(1, key);
    q->Step();
    return q->error();
  });
}

}  // namespace ss::store::sqlite

#include "store/sqlite/repositories.h"

namespace ss::store::sqlite {
namespace {

constexpr const char* kColumns =
    "id, at, actor_id, actor, role, action, target, district, before, after, reason, ip, request_id, prev_hash, hash";

AuditEntry ReadEntry(Statement& q) {
  AuditEntry e;
  e.id = q.Int(0);
  e.at = q.Int(1);
  e.actor_id = q.Int(2);
  e.actor = q.Text(3);
  e.role = q.Text(4);
  e.action = q.Text(5);
  e.target = q.Text(6);
  e.district = q.Text(7);
  e.before = q.Text(8);
  e.after = q.Text(9);
  e.reason = q.Text(10);
  e.ip = q.Text(11);
  e.request_id = q.Text(12);
  e.prev_hash = q.Text(13);
  e.hash = q.Text(14);
  return e;
}

}  // namespace

Pending<Status> AuditLog::Append(const AuditEvent& event) {
  return db_.Write([event](Connection& db) -> Status { return AppendAudit(db, event); });
}

Result<std::pair<std::vector<AuditEntry>, int>> AuditLog::List(const AuditQuery& a) {
  auto db = db_.Read();
  // ?5 district scope: that district's entries, plus the caller's own (?6).
  const char* where =
      " FROM audit_log WHERE (?1 = '' OR actor = ?1)"
      " AND (?2 = '' OR action = ?2 OR (substr(?2, -1) = '.' AND substr(action, 1, length(?2)) = ?2))"
      " AND (?3 = '' OR instr('/' || target || '/', '/' || ?3 || '/') > 0)"
      " AND (?4 = 0 OR at >= ?4) AND (?7 = 0 OR at < ?7)"
      " AND (?5 = '' OR district = ?5 OR actor_id = ?6)";
  auto bind = [&](Statement& q) {
    q.Bind(1, a.actor).Bind(2, a.action).Bind(3, a.target).Bind(4, a.from).Bind(5, a.district).Bind(6, a.actor_id)
        .Bind(7, a.to);
  };
  int total = 0;
  {
    auto c = db->Prepare(std::string("SELECT COUNT(*)") + where);
    bind(*c);
    if (c->Step()) total = static_cast<int>(c->Int(0));
    if (!c->error().ok()) return c->error();
  }
  auto q = db->Prepare(std::string("SELECT ") + kColumns + where + " ORDER BY id DESC LIMIT ?8 OFFSET ?9");
  bind(*q);
  q->Bind(8, a.page_size).Bind(9, static_cast<std::int64_t>(a.page - 1) * a.page_size);
  std::vector<AuditEntry> out;
  while (q->Step()) out.push_back(ReadEntry(*q));
  if (!q->error().ok()) return q->error();
  return std::pair{std::move(out), total};
}

Result<std::vector<AuditEntry>> AuditLog::All() {
  auto db = db_.Read();
  auto q = db->Prepare(std::string("SELECT ") + kColumns + " FROM audit_log ORDER BY id");
  std::vector<AuditEntry> out;
  while (q->Step()) out.push_back(ReadEntry(*q));
  if (!q->error().ok()) return q->error();
  return out;
}

}  // namespace ss::store::sqlite

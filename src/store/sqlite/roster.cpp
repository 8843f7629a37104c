#include "store/sqlite/repositories.h"

namespace ss::store::sqlite {

Status InsertCandidate(Connection& db, std::int64_t campaign, const Candidate& c, Millis now, std::int64_t* id) {
  auto q = db.Prepare(
      "INSERT INTO candidates(campaign_id, no, name, gender, title, unit_code, group_key, active, created_at, updated_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q->Bind(1, campaign).Bind(2, c.no).Bind(3, c.name).Bind(4, c.gender).Bind(5, c.title).Bind(6, c.unit)
      .Bind(7, c.group).Bind(8, c.active ? 1 : 0).Bind(9, now).Bind(10, now);
  q->Step();
  if (!q->error().ok()) {
    if (q->error().code() == code::kConflict) return Status(code::kConflict, "序号 " + std::to_string(c.no) + " 已被使用");
    return q->error();
  }
  if (id) *id = db.LastInsertId();
  return Status::Ok();
}

namespace {

Status WriteCandidate(Connection& db, std::int64_t campaign, const Candidate& c, Millis now) {
  auto q = db.Prepare(
      "UPDATE candidates SET no = ?, name = ?, gender = ?, title = ?, unit_code = ?, group_key = ?, active = ?,"
      " updated_at = ? WHERE id = ? AND campaign_id = ?");
  q->Bind(1, c.no).Bind(2, c.name).Bind(3, c.gender).Bind(4, c.title).Bind(5, c.unit).Bind(6, c.group)
      .Bind(7, c.active ? 1 : 0).Bind(8, now).Bind(9, c.id).Bind(10, campaign);
  q->Step();
  if (!q->error().ok()) {
    if (q->error().code() == code::kConflict) return Status(code::kConflict, "序号 " + std::to_string(c.no) + " 已被使用");
    return q->error();
  }
  if (db.Changes() != 1) return Status(code::kNotFound, "本活动中没有编号为 " + std::to_string(c.id) + " 的参评人");
  return Status::Ok();
}

Status TouchCampaign(Connection& db, std::int64_t campaign, Millis now) {
  auto t = db.Prepare("UPDATE campaigns SET updated_at = ? WHERE id = ?");
  t->Bind(1, now).Bind(2, campaign);
  t->Step();
  return t->error();
}

Candidate ReadCandidate(Statement& q) {
  Candidate c;
  c.id = q.Int(0);
  c.no = static_cast<int>(q.Int(1));
  c.name = q.Text(2);
  c.gender = q.Text(3);
  c.title = q.Text(4);
  c.unit = q.Text(5);
  c.group = q.Text(6);
  c.active = q.Int(7) != 0;
  return c;
}

}  // namespace

Result<std::vector<OrgUnit>> Roster::OrgUnits(std::int64_t campaign) {
  auto db = db_.Read();
  auto q = db->Prepare("SELECT code, name, level, parent_code, active FROM org_units WHERE campaign_id = ? ORDER BY seq");
  q->Bind(1, campaign);
  std::vector<OrgUnit> out;
  while (q->Step()) {
    out.push_back(OrgUnit{q->Text(0), q->Text(1), LevelFromKey(q->Text(2)).value_or(Level::kCity), q->Text(3), q->Int(4) != 0});
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
  auto db = db_.Read();
  auto q = db->Prepare(
      "SELECT id, no, name, gender, title, unit_code, group_key, active FROM candidates"
      " WHERE campaign_id = ? ORDER BY no");
  q->Bind(1, campaign);
  std::vector<Candidate> out;
  while (q->Step()) out.push_back(ReadCandidate(*q));
  if (!q->error().ok()) return q->error();
  return out;
}

Result<Candidate> Roster::GetCandidate(std::int64_t campaign, std::int64_t id) {
  auto db = db_.Read();
  auto q = db->Prepare(
      "SELECT id, no, name, gender, title, unit_code, group_key, active FROM candidates WHERE campaign_id = ? AND id = ?");
  q->Bind(1, campaign).Bind(2, id);
  if (!q->Step()) {
    if (!q->error().ok()) return q->error();
    return Status(code::kNotFound, "本活动中没有编号为 " + std::to_string(id) + " 的参评人");
  }
  return ReadCandidate(*q);
}

Status Roster::ApplyRoster(std::int64_t campaign, const RosterPlan& plan, Millis now, const AuditEvent& audit) {
  return db_.WriteCatalog([&](Connection& db) -> Done {
    for (const auto& c : plan.updates) {
      if (Status s = WriteCandidate(db, campaign, c, now); !s.ok()) {
        if (s.code() == code::kNotFound) return Status(code::kConflict, "名单已被他人更改，请重新导入");
        return s;
      }
    }
    for (const auto& c : plan.inserts) {
      if (Status s = InsertCandidate(db, campaign, c, now, nullptr); !s.ok()) return s;
    }
    if (Status s = TouchCampaign(db, campaign, now); !s.ok()) return s;
    return AppendAudit(db, audit);
  }).status;
}

Result<std::int64_t> Roster::CreateCandidate(std::int64_t campaign, const Candidate& c, Millis now, const AuditEvent& audit) {
  return db_.WriteCatalog([&](Connection& db) -> Result<std::int64_t> {
    std::int64_t id = 0;
    if (Status s = InsertCandidate(db, campaign, c, now, &id); !s.ok()) return s;
    if (Status s = TouchCampaign(db, campaign, now); !s.ok()) return s;
    AuditEvent e = audit;
    e.target = "campaign:" + std::to_string(campaign) + "/candidate:" + std::to_string(id);
    if (Status s = AppendAudit(db, e); !s.ok()) return s;
    return id;
  });
}

Status Roster::UpdateCandidate(std::int64_t campaign, const Candidate& c, Millis now, const AuditEvent& audit) {
  return db_.WriteCatalog([&](Connection& db) -> Done {
    if (Status s = WriteCandidate(db, campaign, c, now); !s.ok()) return s;
    if (Status s = TouchCampaign(db, campaign, now); !s.ok()) return s;
    return AppendAudit(db, audit);
  }).status;
}

namespace {

Status InsertOrgUnit(Connection& db, std::int64_t campaign, const OrgUnit& u) {
  auto q = db.Prepare(
      "INSERT INTO org_units(campaign_id, code, name, level, parent_code, seq, active)"
      " VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM org_units WHERE campaign_id = ?), ?)");
  q->Bind(1, campaign).Bind(2, u.code).Bind(3, u.name).Bind(4, LevelKey(u.level)).Bind(5, u.parent).Bind(6, campaign)
      .Bind(7, u.active ? 1 : 0);
  q->Step();
  if (!q->error().ok()) {
    if (q->error().code() == code::kConflict) return Status(code::kConflict, "单位代码 " + u.code + " 已存在");
    return q->error();
  }
  return Status::Ok();
}

Status WriteOrgUnit(Connection& db, std::int64_t campaign, const OrgUnit& u) {
  auto q = db.Prepare("UPDATE org_units SET name = ?, active = ? WHERE campaign_id = ? AND code = ?");
  q->Bind(1, u.name).Bind(2, u.active ? 1 : 0).Bind(3, campaign).Bind(4, u.code);
  q->Step();
  if (!q->error().ok()) return q->error();
  if (db.Changes() != 1) return Status(code::kNotFound, "没有代码为 " + u.code + " 的单位");
  return Status::Ok();
}

}  // namespace

Status Roster::CreateOrgUnit(std::int64_t campaign, const OrgUnit& u, const AuditEvent& audit) {
  return db_.WriteCatalog([&](Connection& db) -> Done {
    if (Status s = InsertOrgUnit(db, campaign, u); !s.ok()) return s;
    if (Status s = TouchCampaign(db, campaign, NowMillis()); !s.ok()) return s;
    return AppendAudit(db, audit);
  }).status;
}

Status Roster::ApplyOrgUnits(std::int64_t campaign, const OrgUnitPlan& plan, const AuditEvent& audit) {
  return db_.WriteCatalog([&](Connection& db) -> Done {
    for (const auto& u : plan.inserts)
      if (Status s = InsertOrgUnit(db, campaign, u); !s.ok()) return s;
    for (const auto& u : plan.updates)
      if (Status s = WriteOrgUnit(db, campaign, u); !s.ok()) return s;
    if (Status s = TouchCampaign(db, campaign, NowMillis()); !s.ok()) return s;
    return AppendAudit(db, audit);
  }).status;
}

Status Roster::UpdateOrgUnit(std::int64_t campaign, const OrgUnit& u, const AuditEvent& audit) {
  return db_.WriteCatalog([&](Connection& db) -> Done {
    if (Status s = WriteOrgUnit(db, campaign, u); !s.ok()) return s;
    if (Status s = TouchCampaign(db, campaign, NowMillis()); !s.ok()) return s;
    return AppendAudit(db, audit);
  }).status;
}

}  // namespace ss::store::sqlite

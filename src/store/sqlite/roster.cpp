#include "store/sqlite/repositories.h"

#include <limits>
#include <map>
#include <optional>

namespace ss::store::sqlite {

namespace {

// A constraint of the candidates table, said as the user knows it.
Status CandidateConflict(const Status& error, const Candidate& c) {
  if (error.code() != code::kConflict) return error;
  if (error.message().find("unit_code") != std::string::npos)
    return Status(code::kConflict, "单位 " + c.unit + " 已有在任的参评书记（每个单位只能有一位）");
  if (error.message().find("candidates.no") != std::string::npos)
    return Status(code::kConflict, "编号 " + std::to_string(c.no) + " 已被使用");
  return error;
}

}  // namespace

Status InsertCandidate(Connection& db, std::int64_t campaign, const Candidate& c, Millis now, std::int64_t* id) {
  auto q = db.Prepare(
      "INSERT INTO candidates(campaign_id, no, name, gender, title, unit_code, group_key, active, created_at, updated_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q->Bind(1, campaign).Bind(2, c.no).Bind(3, c.name).Bind(4, c.gender).Bind(5, c.title).Bind(6, c.unit)
      .Bind(7, c.group).Bind(8, c.active ? 1 : 0).Bind(9, now).Bind(10, now);
  q->Step();
  if (!q->error().ok()) return CandidateConflict(q->error(), c);
  if (id) *id = db.LastInsertId();
  return Status::Ok();
}

Result<std::map<std::string, int>> GroupSizesNow(Connection& db, std::int64_t campaign) {
  std::map<std::string, int> sizes;
  auto q = db.Prepare("SELECT group_key, COUNT(*) FROM candidates WHERE campaign_id = ? AND active = 1 GROUP BY group_key");
  q->Bind(1, campaign);
  while (q->Step()) sizes[q->Text(0)] = static_cast<int>(q->Int(1));
  if (!q->error().ok()) return q->error();
  return sizes;
}

Status CheckQuotas(Connection& db, std::int64_t campaign, const CampaignConfig* config,
                   const std::map<std::string, int>* before) {
  std::optional<CampaignConfig> stored;
  if (!config) {
    auto q = db.Prepare("SELECT config FROM campaigns WHERE id = ?");
    q->Bind(1, campaign);
    if (!q->Step()) return q->error().ok() ? Status(code::kNotFound, "没有编号为 " + std::to_string(campaign) + " 的活动") : q->error();
    auto parsed = ConfigFromJson(q->Text(0));
    if (!parsed) return Status(code::kInternal, "活动 " + std::to_string(campaign) + " 的配置已损坏");
    stored = std::move(*parsed);
    config = &*stored;
  }
  auto sizes = GroupSizesNow(db, campaign);
  if (!sizes) return sizes.status();
  if (before) {
    // Only the groups this write made smaller are held to their quotas: a roster that is
    // still being filled in may be short of a quota, and growing never breaks one.
    bool shrank = false;
    for (const auto& g : config->groups) {
      auto was = before->find(g.key);
      int now = (*sizes)[g.key];
      if (was != before->end() && now < was->second) shrank = true;
      else (*sizes)[g.key] = std::numeric_limits<int>::max() / 2;
    }
    if (!shrank) return Status::Ok();
  }
  return ValidateQuotas(*config, *sizes);
}

namespace {

// The row must still be at c.revision: the decision to write it was made on that version.
Status WriteCandidate(Connection& db, std::int64_t campaign, const Candidate& c, Millis now) {
  auto q = db.Prepare(
      "UPDATE candidates SET no = ?, name = ?, gender = ?, title = ?, unit_code = ?, group_key = ?, active = ?,"
      " updated_at = ?, revision = revision + 1 WHERE id = ? AND campaign_id = ? AND revision = ?");
  q->Bind(1, c.no).Bind(2, c.name).Bind(3, c.gender).Bind(4, c.title).Bind(5, c.unit).Bind(6, c.group)
      .Bind(7, c.active ? 1 : 0).Bind(8, now).Bind(9, c.id).Bind(10, campaign).Bind(11, c.revision);
  q->Step();
  if (!q->error().ok()) return CandidateConflict(q->error(), c);
  if (db.Changes() == 1) return Status::Ok();
  auto exists = db.Prepare("SELECT 1 FROM candidates WHERE id = ? AND campaign_id = ?");
  exists->Bind(1, c.id).Bind(2, campaign);
  if (exists->Step())
    return Status(code::kConflict, "参评人 " + c.name + " 的信息已被他人修改，请刷新后再操作");
  return Status(code::kNotFound, "本活动中没有编号为 " + std::to_string(c.id) + " 的参评人");
}

Status TouchCampaign(Connection& db, std::int64_t campaign, Millis now) {
  auto t = db.Prepare("UPDATE campaigns SET updated_at = ? WHERE id = ?");
  t->Bind(1, now).Bind(2, campaign);
  t->Step();
  if (!t->error().ok()) return t->error();
  if (db.Changes() != 1) return Status(code::kNotFound, "没有编号为 " + std::to_string(campaign) + " 的活动");
  return Status::Ok();
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
  c.revision = q.Int(8);
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
      "SELECT id, no, name, gender, title, unit_code, group_key, active, revision FROM candidates"
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
      "SELECT id, no, name, gender, title, unit_code, group_key, active, revision FROM candidates"
      " WHERE campaign_id = ? AND id = ?");
  q->Bind(1, campaign).Bind(2, id);
  if (!q->Step()) {
    if (!q->error().ok()) return q->error();
    return Status(code::kNotFound, "本活动中没有编号为 " + std::to_string(id) + " 的参评人");
  }
  return ReadCandidate(*q);
}

// Every roster write starts by touching its campaign's row: on a database with several
// writers that row lock queues the roster writes of one campaign, so the checks below see
// what the others committed.
Pending<Status> Roster::ApplyRoster(std::int64_t campaign, const RosterPlan& plan, Millis now, const AuditEvent& audit) {
  return db_.WriteCatalog([campaign, plan, now, audit](Connection& db) -> Status {
    if (Status s = TouchCampaign(db, campaign, now); !s.ok()) return s;
    auto before = GroupSizesNow(db, campaign);
    if (!before) return before.status();
    for (const auto& c : plan.updates) {
      if (Status s = WriteCandidate(db, campaign, c, now); !s.ok()) {
        if (s.code() == code::kNotFound || s.message().find("已被他人修改") != std::string::npos)
          return Status(code::kConflict, "名单已被他人更改，请重新导入");
        return s;
      }
    }
    for (const auto& c : plan.inserts) {
      if (Status s = InsertCandidate(db, campaign, c, now, nullptr); !s.ok()) return s;
    }
    if (Status s = CheckQuotas(db, campaign, nullptr, &*before); !s.ok()) return s;
    return AppendAudit(db, audit);
  });
}

Pending<Result<std::int64_t>> Roster::CreateCandidate(std::int64_t campaign, const Candidate& c, Millis now,
                                                      const AuditEvent& audit) {
  return db_.WriteCatalog([campaign, c, now, audit](Connection& db) -> Result<std::int64_t> {
    if (Status s = TouchCampaign(db, campaign, now); !s.ok()) return s;
    std::int64_t id = 0;
    if (Status s = InsertCandidate(db, campaign, c, now, &id); !s.ok()) return s;
    AuditEvent e = audit;
    e.target = "campaign:" + std::to_string(campaign) + "/candidate:" + std::to_string(id);
    if (Status s = AppendAudit(db, e); !s.ok()) return s;
    return id;
  });
}

Pending<Status> Roster::UpdateCandidate(std::int64_t campaign, const Candidate& c, Millis now, const AuditEvent& audit) {
  return db_.WriteCatalog([campaign, c, now, audit](Connection& db) -> Status {
    if (Status s = TouchCampaign(db, campaign, now); !s.ok()) return s;
    auto before = GroupSizesNow(db, campaign);
    if (!before) return before.status();
    if (Status s = WriteCandidate(db, campaign, c, now); !s.ok()) return s;
    if (Status s = CheckQuotas(db, campaign, nullptr, &*before); !s.ok()) return s;
    return AppendAudit(db, audit);
  });
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
  if (!u.active) {
    auto busy = db.Prepare("SELECT name FROM candidates WHERE campaign_id = ? AND unit_code = ? AND active = 1");
    busy->Bind(1, campaign).Bind(2, u.code);
    if (busy->Step())
      return Status(code::kInvalid, "该单位还有参评书记 " + busy->Text(0) + "，请先停用或调整参评人",
                    {{0, "active", "该单位还有参评书记 " + busy->Text(0) + "，请先停用或调整参评人"}});
    if (!busy->error().ok()) return busy->error();
  }
  auto q = db.Prepare("UPDATE org_units SET name = ?, active = ? WHERE campaign_id = ? AND code = ?");
  q->Bind(1, u.name).Bind(2, u.active ? 1 : 0).Bind(3, campaign).Bind(4, u.code);
  q->Step();
  if (!q->error().ok()) return q->error();
  if (db.Changes() != 1) return Status(code::kNotFound, "没有代码为 " + u.code + " 的单位");
  return Status::Ok();
}

}  // namespace

Pending<Status> Roster::CreateOrgUnit(std::int64_t campaign, const OrgUnit& u, const AuditEvent& audit) {
  return db_.WriteCatalog([campaign, u, audit](Connection& db) -> Status {
    if (Status s = TouchCampaign(db, campaign, NowMillis()); !s.ok()) return s;
    if (Status s = InsertOrgUnit(db, campaign, u); !s.ok()) return s;
    return AppendAudit(db, audit);
  });
}

Pending<Status> Roster::ApplyOrgUnits(std::int64_t campaign, const OrgUnitPlan& plan, const AuditEvent& audit) {
  return db_.WriteCatalog([campaign, plan, audit](Connection& db) -> Status {
    if (Status s = TouchCampaign(db, campaign, NowMillis()); !s.ok()) return s;
    for (const auto& u : plan.inserts)
      if (Status s = InsertOrgUnit(db, campaign, u); !s.ok()) return s;
    for (const auto& u : plan.updates)
      if (Status s = WriteOrgUnit(db, campaign, u); !s.ok()) return s;
    return AppendAudit(db, audit);
  });
}

Pending<Status> Roster::UpdateOrgUnit(std::int64_t campaign, const OrgUnit& u, const AuditEvent& audit) {
  return db_.WriteCatalog([campaign, u, audit](Connection& db) -> Status {
    if (Status s = TouchCampaign(db, campaign, NowMillis()); !s.ok()) return s;
    if (Status s = WriteOrgUnit(db, campaign, u); !s.ok()) return s;
    return AppendAudit(db, audit);
  });
}

}  // namespace ss::store::sqlite

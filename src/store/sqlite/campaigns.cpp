#include "store/sqlite/repositories.h"

namespace ss::store::sqlite {
namespace {

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

}  // namespace


Result<std::vector<CampaignRecord>> Campaigns::List() {
  auto db = db_.Read();
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
  auto db = db_.Read();
  auto q = db->Prepare("SELECT id, config, phase, created_at, updated_at FROM campaigns WHERE id = ?");
  q->Bind(1, id);
  if (!q->Step()) {
    if (!q->error().ok()) return q->error();
    return Status(code::kNotFound, "没有编号为 " + std::to_string(id) + " 的活动");
  }
  return ReadCampaign(*q);
}

Pending<Result<std::int64_t>> Campaigns::Create(const CampaignDocument& doc, PhaseKey phase, Millis now, const AuditEvent& audit) {
  return db_.WriteCatalog([doc, phase, now, audit](Connection& db) -> Result<std::int64_t> {
    auto q = db.Prepare("INSERT INTO campaigns(name, config, phase, created_at, updated_at) VALUES (?, ?, ?, ?, ?)");
    q->Bind(1, doc.config.name).Bind(2, ConfigToJson(doc.config)).Bind(3, PhaseKeyName(phase)).Bind(4, now).Bind(5, now);
    q->Step();
    if (!q->error().ok()) return q->error();
    std::int64_t id = db.LastInsertId();
    int seq = 0;
    for (const auto& u : doc.units) {
      auto ins = db.Prepare(
          "INSERT INTO org_units(campaign_id, code, name, level, parent_code, seq, active) VALUES (?, ?, ?, ?, ?, ?, ?)");
      ins->Bind(1, id).Bind(2, u.code).Bind(3, u.name).Bind(4, LevelKey(u.level));
      if (u.parent.empty()) ins->BindNull(5);
      else ins->Bind(5, u.parent);
      ins->Bind(6, seq++).Bind(7, u.active ? 1 : 0);
      ins->Step();
      if (!ins->error().ok()) return ins->error();
    }
    for (const auto& c : doc.candidates) {
      if (Status s = InsertCandidate(db, id, c, now, nullptr); !s.ok()) return s;
    }
    AuditEvent e = audit;
    e.target = "campaign:" + std::to_string(id);
    if (Status s = AppendAudit(db, e); !s.ok()) return s;
    return id;
  });
}

Pending<Status> Campaigns::SetPhase(std::int64_t id, PhaseKey from, PhaseKey to, const PhaseSchedule& schedule, Millis now,
                                    const AuditEvent& audit) {
  return db_.WriteCatalog([id, from, to, schedule, now, audit](Connection& db) -> Status {
    auto read = db.Prepare("SELECT id, config, phase, created_at, updated_at FROM campaigns WHERE id = ?");
    read->Bind(1, id);
    if (!read->Step()) {
      if (!read->error().ok()) return read->error();
      return Status(code::kNotFound, "没有编号为 " + std::to_string(id) + " 的活动");
    }
    auto record = ReadCampaign(*read);
    if (!record) return record.status();
    CampaignConfig config = std::move(record->config);
    if (!schedule.phases().empty()) config.schedule = schedule;
    auto q = db.Prepare("UPDATE campaigns SET phase = ?, config = ?, updated_at = ? WHERE id = ? AND phase = ?");
    q->Bind(1, PhaseKeyName(to)).Bind(2, ConfigToJson(config)).Bind(3, now).Bind(4, id).Bind(5, PhaseKeyName(from));
    q->Step();
    if (!q->error().ok()) return q->error();
    if (db.Changes() == 0) return Status(code::kConflict, "活动阶段已被他人更改，请刷新后重试");
    return AppendAudit(db, audit);
  });
}

Pending<Status> Campaigns::UpdateConfig(std::int64_t id, const CampaignConfig& config, Millis expected_updated_at,
                                        Millis now, const AuditEvent& audit) {
  return db_.WriteCatalog([id, config, expected_updated_at, now, audit](Connection& db) -> Status {
    auto q = db.Prepare("UPDATE campaigns SET name = ?, config = ?, updated_at = ? WHERE id = ? AND updated_at = ?");
    q->Bind(1, config.name).Bind(2, ConfigToJson(config)).Bind(3, now).Bind(4, id).Bind(5, expected_updated_at);
    q->Step();
    if (!q->error().ok()) return q->error();
    if (db.Changes() == 0) return Status(code::kConflict, "活动设置已被他人修改，请刷新后再保存");
    // The quotas against the roster as it is now, inside this write (the row lock above
    // keeps roster writes of this campaign out until it commits).
    if (Status quotas = CheckQuotas(db, id, &config); !quotas.ok()) return quotas;
    return AppendAudit(db, audit);
  });
}

}  // namespace ss::store::sqlite

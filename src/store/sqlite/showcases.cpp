// Showcases on SQLite (store/showcases.h: ShowcaseRepository).
#include <string>

#include "core/showcase/showcase_json.h"
#include "store/sqlite/repositories.h"

namespace ss::store::sqlite {
namespace {

constexpr const char* kColumns =
    "campaign_id, candidate_id, state, draft, versions, approved_version, comment, updated_at, updated_by, decided_at,"
    " decided_by";

Result<ShowcaseRecord> ReadShowcase(Statement& q) {
  ShowcaseRecord r;
  r.campaign_id = q.Int(0);
  r.candidate_id = q.Int(1);
  r.state = showcase::ParseState(q.Text(2)).value_or(showcase::State::kDraft);
  auto draft = showcase::ParseContentText(q.Text(3));
  if (!draft) return draft.status();
  r.draft = std::move(*draft);
  r.versions = static_cast<int>(q.Int(4));
  r.approved_version = static_cast<int>(q.Int(5));
  r.comment = q.Text(6);
  r.updated_at = q.Int(7);
  r.updated_by = q.Text(8);
  r.decided_at = q.IsNull(9) ? 0 : q.Int(9);
  r.decided_by = q.IsNull(10) ? "" : q.Text(10);
  return r;
}

Result<std::optional<ShowcaseRecord>> ReadOne(Connection& db, std::int64_t campaign, std::int64_t candidate) {
  auto q = db.Prepare(std::string("SELECT ") + kColumns + " FROM showcases WHERE campaign_id = ? AND candidate_id = ?");
  q->Bind(1, campaign).Bind(2, candidate);
  std::optional<ShowcaseRecord> out;
  if (q->Step()) {
    auto r = ReadShowcase(*q);
    if (!r) return r.status();
    out = std::move(*r);
  }
  if (!q->error().ok()) return q->error();
  return out;
}

constexpr const char* kVersionColumns =
    "campaign_id, candidate_id, number, content, submitted_at, submitted_by, decision, decided_at, decided_by, comment";

Result<ShowcaseVersion> ReadVersion(Statement& q) {
  ShowcaseVersion v;
  v.campaign_id = q.Int(0);
  v.candidate_id = q.Int(1);
  v.number = static_cast<int>(q.Int(2));
  auto content = showcase::ParseContentText(q.Text(3));
  if (!content) return content.status();
  v.content = std::move(*content);
  v.submitted_at = q.Int(4);
  v.submitted_by = q.Text(5);
  v.decision = q.Text(6);
  v.decided_at = q.IsNull(7) ? 0 : q.Int(7);
  v.decided_by = q.IsNull(8) ? "" : q.Text(8);
  v.comment = q.Text(9);
  return v;
}

// The stored working copy must be the one the editor saw.
Status CheckFresh(const std::optional<ShowcaseRecord>& stored, Millis expected) {
  Millis at = stored ? stored->updated_at : 0;
  if (at != expected) return Status(code::kConflict, "展示材料已被他人修改（" + (stored ? stored->updated_by : std::string()) + "），请刷新后再改");
  return Status::Ok();
}

Status Write(Connection& db, const ShowcaseRecord& r) {
  auto q = db.Prepare(
      "INSERT INTO showcases(campaign_id, candidate_id, state, draft, versions, approved_version, comment, updated_at,"
      " updated_by, decided_at, decided_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (campaign_id, candidate_id) DO UPDATE SET state = excluded.state, draft = excluded.draft,"
      " versions = excluded.versions, approved_version = excluded.approved_version, comment = excluded.comment,"
      " updated_at = excluded.updated_at, updated_by = excluded.updated_by, decided_at = excluded.decided_at,"
      " decided_by = excluded.decided_by");
  q->Bind(1, r.campaign_id).Bind(2, r.candidate_id).Bind(3, showcase::StateKey(r.state)).Bind(4, showcase::ContentText(r.draft));
  q->Bind(5, r.versions).Bind(6, r.approved_version).Bind(7, r.comment).Bind(8, r.updated_at).Bind(9, r.updated_by);
  if (r.decided_at) q->Bind(10, r.decided_at).Bind(11, r.decided_by);
  q->Step();
  return q->error();
}

Status Audit(Connection& db, const AuditEntry& audit, std::int64_t campaign, std::int64_t candidate, std::string after) {
  AuditEntry e = audit;
  e.target = "campaign:" + std::to_string(campaign) + "/candidate:" + std::to_string(candidate);
  if (e.after.empty()) e.after = std::move(after);
  return AppendAudit(db, e);
}

// What the audit log keeps of a saved draft: its shape, not its text (a draft is saved often,
// and every version's text is kept in showcase_versions).
std::string DraftSummary(const showcase::Content& c) {
  boost::json::object sections;
  for (const auto& [title, text] : c.sections) sections[title] = showcase::CharCount(text);
  boost::json::array themes;
  for (const auto& t : c.themes) themes.emplace_back(t);
  return boost::json::serialize(boost::json::object{{"sections_chars", std::move(sections)}, {"themes", std::move(themes)},
                                                    {"video", c.video}, {"photos", c.photos.size()}});
}

}  // namespace

Result<std::optional<ShowcaseRecord>> Showcases::Get(std::int64_t campaign, std::int64_t candidate) {
  auto db = db_.Read();
  return ReadOne(*db, campaign, candidate);
}

Pending<Result<ShowcaseRecord>> Showcases::SaveDraft(std::int64_t campaign, std::int64_t candidate,
                                                     const showcase::Content& content, Millis expected,
                                                     const std::string& by, Millis now, const AuditEntry& audit) {
  return db_.Write([=](Connection& db) -> Result<ShowcaseRecord> {
    auto stored = ReadOne(db, campaign, candidate);
    if (!stored) return stored.status();
    if (*stored)
      if (Status s = showcase::CheckEditable((*stored)->state); !s.ok()) return s;
    if (Status s = CheckFresh(*stored, expected); !s.ok()) return s;
    ShowcaseRecord r = stored->value_or(ShowcaseRecord{});
    r.campaign_id = campaign;
    r.candidate_id = candidate;
    r.state = showcase::State::kDraft;
    r.draft = content;
    r.updated_at = std::max(now, r.updated_at + 1);  // each save its own stamp, for the next one to name
    r.updated_by = by;
    if (Status s = Write(db, r); !s.ok()) return s;
    if (Status s = Audit(db, audit, campaign, candidate, DraftSummary(content)); !s.ok()) return s;
    return r;
  });
}

Pending<Result<ShowcaseRecord>> Showcases::Submit(std::int64_t campaign, std::int64_t candidate, Millis expected,
                                                  const std::string& by, Millis now, const AuditEntry& audit) {
  return db_.Write([=](Connection& db) -> Result<ShowcaseRecord> {
    auto stored = ReadOne(db, campaign, candidate);
    if (!stored) return stored.status();
    if (!*stored) return Status(showcase::kIncomplete, "还没有保存任何展示材料");
    if (Status s = showcase::CheckEditable((*stored)->state); !s.ok()) return s;
    if (Status s = CheckFresh(*stored, expected); !s.ok()) return s;
    ShowcaseRecord r = **stored;
    r.versions += 1;
    r.state = showcase::State::kSubmitted;
    r.comment.clear();
    r.updated_at = std::max(now, r.updated_at + 1);
    r.updated_by = by;
    auto q = db.Prepare(
        "INSERT INTO showcase_versions(campaign_id, candidate_id, number, content, submitted_at, submitted_by)"
        " VALUES (?, ?, ?, ?, ?, ?)");
    q->Bind(1, campaign).Bind(2, candidate).Bind(3, r.versions).Bind(4, showcase::ContentText(r.draft)).Bind(5, now).Bind(6, by);
    q->Step();
    if (!q->error().ok()) return q->error();
    if (Status s = Write(db, r); !s.ok()) return s;
    if (Status s = Audit(db, audit, campaign, candidate, "{\"version\":" + std::to_string(r.versions) + "}"); !s.ok()) return s;
    return r;
  });
}

Pending<Result<ShowcaseRecord>> Showcases::Decide(std::int64_t campaign, std::int64_t candidate, int version, bool approve,
                                                  const std::string& comment, const std::string& by, Millis now,
                                                  const AuditEntry& audit) {
  return db_.Write([=](Connection& db) -> Result<ShowcaseRecord> {
    auto stored = ReadOne(db, campaign, candidate);
    if (!stored) return stored.status();
    if (!*stored) return showcase::CheckReviewable(showcase::State::kDraft);
    if (Status s = showcase::CheckReviewable((*stored)->state); !s.ok()) return s;
    ShowcaseRecord r = **stored;
    if (version != r.versions)
      return Status(code::kConflict, "待审核的是第 " + std::to_string(r.versions) + " 版，不是第 " + std::to_string(version) + " 版，请刷新");
    const char* decision = approve ? "approved" : "returned";
    auto q = db.Prepare(
        "UPDATE showcase_versions SET decision = ?, decided_at = ?, decided_by = ?, comment = ?"
        " WHERE campaign_id = ? AND candidate_id = ? AND number = ? AND decision = ''");
    q->Bind(1, decision).Bind(2, now).Bind(3, by).Bind(4, comment).Bind(5, campaign).Bind(6, candidate).Bind(7, version);
    q->Step();
    if (!q->error().ok()) return q->error();
    if (db.Changes() != 1) return Status(code::kConflict, "这一版已经审核过了，请刷新");
    r.state = approve ? showcase::State::kApproved : showcase::State::kReturned;
    if (approve) r.approved_version = version;
    r.comment = comment;
    r.decided_at = now;
    r.decided_by = by;
    if (Status s = Write(db, r); !s.ok()) return s;
    boost::json::object after{{"version", version}, {"decision", decision}};
    if (!comment.empty()) after["comment"] = comment;
    if (Status s = Audit(db, audit, campaign, candidate, boost::json::serialize(after)); !s.ok()) return s;
    return r;
  });
}

Result<std::vector<ShowcaseVersion>> Showcases::Versions(std::int64_t campaign, std::int64_t candidate) {
  auto db = db_.Read();
  auto q = db->Prepare(std::string("SELECT ") + kVersionColumns +
                       " FROM showcase_versions WHERE campaign_id = ? AND candidate_id = ? ORDER BY number DESC");
  q->Bind(1, campaign).Bind(2, candidate);
  std::vector<ShowcaseVersion> out;
  while (q->Step()) {
    auto v = ReadVersion(*q);
    if (!v) return v.status();
    out.push_back(std::move(*v));
  }
  if (!q->error().ok()) return q->error();
  return out;
}

Result<std::optional<ShowcaseVersion>> Showcases::Approved(std::int64_t campaign, std::int64_t candidate) {
  auto db = db_.Read();
  auto q = db->Prepare(std::string("SELECT ") + kVersionColumns +
                       " FROM showcase_versions v WHERE campaign_id = ? AND candidate_id = ? AND number ="
                       " (SELECT approved_version FROM showcases s WHERE s.campaign_id = v.campaign_id"
                       " AND s.candidate_id = v.candidate_id)");
  q->Bind(1, campaign).Bind(2, candidate);
  std::optional<ShowcaseVersion> out;
  if (q->Step()) {
    auto v = ReadVersion(*q);
    if (!v) return v.status();
    out = std::move(*v);
  }
  if (!q->error().ok()) return q->error();
  return out;
}

Result<std::vector<ShowcaseRecord>> Showcases::List(std::int64_t campaign) {
  auto db = db_.Read();
  auto q = db->Prepare(std::string("SELECT ") + kColumns + " FROM showcases WHERE campaign_id = ? ORDER BY candidate_id");
  q->Bind(1, campaign);
  std::vector<ShowcaseRecord> out;
  while (q->Step()) {
    auto r = ReadShowcase(*q);
    if (!r) return r.status();
    out.push_back(std::move(*r));
  }
  if (!q->error().ok()) return q->error();
  return out;
}

}  // namespace ss::store::sqlite

// Quarantined votes and their review on SQLite (store/review.h).
#include <algorithm>
#include <cmath>

#include "core/integrity/log_entry.h"
#include "store/sqlite/repositories.h"

namespace ss::store {

const char* FlagStateKey(FlagState s) {
  switch (s) {
    case FlagState::kReview: return "review";
    case FlagState::kReleased: return "released";
    case FlagState::kInvalidated: return "invalidated";
  }
  return "review";
}

std::optional<FlagState> ParseFlagState(std::string_view key) {
  for (FlagState s : {FlagState::kReview, FlagState::kReleased, FlagState::kInvalidated})
    if (key == FlagStateKey(s)) return s;
  return std::nullopt;
}

}  // namespace ss::store

namespace ss::store::sqlite {

Status QuarantineVote(Connection& db, std::int64_t vote_id, const CastVote& v) {
  Status error;
  const std::int64_t index = LogSize(db, v.campaign_id, &error);
  if (!error.ok()) return error;
  auto entry = AppendEntryAt(db, v.campaign_id, index,
                             integrity::EncodeDecision(integrity::EntryType::kQuarantine, vote_id, v.campaign_id, v.cast_at));
  if (!entry) return entry.status();
  auto q = db.Prepare(
      "INSERT INTO vote_flags(vote_id, campaign_id, candidate_id, cast_at, day, hour, score, evidence, ip)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q->Bind(1, vote_id).Bind(2, v.campaign_id).Bind(3, v.candidate_id).Bind(4, v.cast_at).Bind(5, v.day).Bind(6, v.hour);
  q->Bind(7, static_cast<std::int64_t>(std::lround(v.quarantine->score * 1000))).Bind(8, v.quarantine->evidence).Bind(9, v.ip);
  q->Step();
  return q->error();
}

Result<std::vector<FlagCounts>> Review::Counts(std::int64_t campaign) {
  auto db = db_.Read();
  auto q = db->Prepare(
      "SELECT candidate_id, SUM(state = 'review'), SUM(state = 'released'), SUM(state = 'invalidated')"
      " FROM vote_flags WHERE campaign_id = ? GROUP BY candidate_id ORDER BY candidate_id");
  q->Bind(1, campaign);
  std::vector<FlagCounts> out;
  while (q->Step()) out.push_back(FlagCounts{q->Int(0), q->Int(1), q->Int(2), q->Int(3)});
  if (!q->error().ok()) return q->error();
  return out;
}

Result<std::vector<Flag>> Review::Flags(std::int64_t campaign, std::int64_t candidate, std::optional<FlagState> state,
                                        int limit, int offset) {
  auto db = db_.Read();
  std::string sql =
      "SELECT vote_id, campaign_id, candidate_id, cast_at, day, hour, score, evidence, ip, state,"
      " COALESCE(decided_at, 0), COALESCE(decided_by, ''), COALESCE(reason, '') FROM vote_flags WHERE campaign_id = ?";
  if (candidate > 0) sql += " AND candidate_id = ?";
  if (state) sql += " AND state = ?";
  sql += " ORDER BY cast_at, vote_id LIMIT ? OFFSET ?";
  auto q = db->Prepare(sql);
  int i = 1;
  q->Bind(i++, campaign);
  if (candidate > 0) q->Bind(i++, candidate);
  if (state) q->Bind(i++, FlagStateKey(*state));
  q->Bind(i, limit);
  q->Bind(i + 1, offset);
  std::vector<Flag> out;
  while (q->Step()) {
    Flag f;
    f.vote_id = q->Int(0);
    f.campaign_id = q->Int(1);
    f.candidate_id = q->Int(2);
    f.cast_at = q->Int(3);
    f.day = q->Int(4);
    f.hour = static_cast<int>(q->Int(5));
    f.score = static_cast<double>(q->Int(6)) / 1000.0;
    f.evidence = q->Text(7);
    f.ip = q->Text(8);
    f.state = ParseFlagState(q->Text(9)).value_or(FlagState::kReview);
    f.decided_at = q->Int(10);
    f.decided_by = q->Text(11);
    f.reason = q->Text(12);
    out.push_back(std::move(f));
  }
  if (!q->error().ok()) return q->error();
  return out;
}

Pending<Result<Decided>> Review::Decide(const Decision& d, const AuditEntry& audit) {
  return db_.Write([d, audit](Connection& db) -> Result<Decided> {
    Decided out;
    const auto type = d.release ? integrity::EntryType::kRelease : integrity::EntryType::kInvalidate;
    const char* to = d.release ? "released" : "invalidated";
    Status error;
    std::int64_t index = LogSize(db, d.campaign_id, &error);
    if (!error.ok()) return error;
    for (std::int64_t vote : d.vote_ids) {
      auto q = db.Prepare("SELECT candidate_id, day, hour, state FROM vote_flags WHERE vote_id = ? AND campaign_id = ?");
      q->Bind(1, vote).Bind(2, d.campaign_id);
      if (!q->Step()) {
        if (!q->error().ok()) return q->error();
        return Status(code::kNotFound, "选票 " + std::to_string(vote) + " 没有被隔离，不在审核队列中");
      }
      Decided::Moved m{q->Int(0), q->Int(1), static_cast<int>(q->Int(2))};
      if (!d.only_candidates.empty() &&
          std::find(d.only_candidates.begin(), d.only_candidates.end(), m.candidate_id) == d.only_candidates.end())
        return Status(code::kForbidden, "选票 " + std::to_string(vote) + " 不是本区参评人的，不能审核");
      if (q->Text(3) != "review")
        return Status(code::kConflict, "选票 " + std::to_string(vote) + " 已经审核过了（刷新后重试）");
      auto entry = AppendEntryAt(db, d.campaign_id, index++, integrity::EncodeDecision(type, vote, d.campaign_id, d.at));
      if (!entry) return entry.status();
      auto u = db.Prepare("UPDATE vote_flags SET state = ?, decided_at = ?, decided_by = ?, reason = ? WHERE vote_id = ?");
      u->Bind(1, to).Bind(2, d.at).Bind(3, d.by).Bind(4, d.reason).Bind(5, vote);
      u->Step();
      if (!u->error().ok()) return u->error();
      if (d.release) {
        auto c = db.Prepare(
            "INSERT INTO vote_counts(campaign_id, candidate_id, day, hour, n) VALUES (?, ?, ?, ?, 1)"
            " ON CONFLICT(campaign_id, candidate_id, day, hour) DO UPDATE SET n = n + 1");
        c->Bind(1, d.campaign_id).Bind(2, m.candidate_id).Bind(3, m.day).Bind(4, m.hour);
        c->Step();
        if (!c->error().ok()) return c->error();
      }
      out.votes.push_back(m);
    }
    if (Status s = AppendAudit(db, audit); !s.ok()) return s;
    return out;
  });
}

}  // namespace ss::store::sqlite

// The verifiable log on SQLite (store/log.h).
#include "core/integrity/log_entry.h"
#include "core/integrity/merkle.h"
#include "store/sqlite/repositories.h"

namespace ss::store::sqlite {
namespace {

TreeHeadRecord ReadHead(Statement& q) {
  return TreeHeadRecord{q.Int(0), q.Int(1), q.Int(2), q.Text(3), q.Text(4)};
}

constexpr const char* kHeadColumns = "campaign_id, tree_size, timestamp, root_hash, signature";

}  // namespace

std::int64_t LogSize(Connection& db, std::int64_t campaign, Status* error) {
  // The last key of the campaign's range in the primary key: one B-tree descent.
  auto q = db.Prepare("SELECT idx FROM log_entries WHERE campaign_id = ? ORDER BY idx DESC LIMIT 1");
  q->Bind(1, campaign);
  std::int64_t size = q->Step() ? q->Int(0) + 1 : 0;
  *error = q->error();
  return size;
}

Result<LogLeaf> AppendEntryAt(Connection& db, std::int64_t campaign, std::int64_t index, std::string entry) {
  LogLeaf leaf{index, std::move(entry), {}};
  leaf.leaf_hash = integrity::ToBytes(integrity::LeafHash(leaf.entry));
  auto q = db.Prepare("INSERT INTO log_entries(campaign_id, idx, entry, leaf_hash) VALUES (?, ?, ?, ?)");
  q->Bind(1, campaign).Bind(2, leaf.index).BindBlob(3, leaf.entry).BindBlob(4, leaf.leaf_hash);
  q->Step();
  if (!q->error().ok()) return q->error();
  return leaf;
}

std::string VoteEntryBytes(std::int64_t vote_id, const CastVote& v) {
  return integrity::EncodeVote(vote_id, v.campaign_id, v.candidate_id, v.log_voter, v.cast_at);
}

Pending<Result<LogLeaf>> Log::Append(std::int64_t campaign, const std::string& entry) {
  return db_.Write([campaign, entry](Connection& db) -> Result<LogLeaf> {
    Status error;
    std::int64_t index = LogSize(db, campaign, &error);
    if (!error.ok()) return error;
    return AppendEntryAt(db, campaign, index, entry);
  });
}

Result<std::int64_t> Log::Size(std::int64_t campaign) {
  auto db = db_.Read();
  Status error;
  std::int64_t n = LogSize(*db, campaign, &error);
  if (!error.ok()) return error;
  return n;
}

Result<std::vector<LogLeaf>> Log::Entries(std::int64_t campaign, std::int64_t start, std::int64_t end) {
  auto db = db_.Read();
  auto q = db->Prepare("SELECT idx, entry, leaf_hash FROM log_entries WHERE campaign_id = ? AND idx >= ? AND idx < ? ORDER BY idx");
  q->Bind(1, campaign).Bind(2, start).Bind(3, end);
  std::vector<LogLeaf> out;
  while (q->Step()) out.push_back(LogLeaf{q->Int(0), q->Text(1), q->Text(2)});
  if (!q->error().ok()) return q->error();
  return out;
}

Status Log::LeafHashes(std::int64_t campaign, std::int64_t start, std::int64_t end, std::vector<std::string>& out) {
  auto db = db_.Read();
  auto q = db->Prepare("SELECT leaf_hash FROM log_entries WHERE campaign_id = ? AND idx >= ? AND idx < ? ORDER BY idx");
  q->Bind(1, campaign).Bind(2, start).Bind(3, end);
  while (q->Step()) out.push_back(q->Text(0));
  return q->error();
}

Pending<Status> Log::PublishHead(const TreeHeadRecord& head) {
  return db_.Write([head](Connection& db) -> Status {
    auto q = db.Prepare(std::string("INSERT INTO tree_heads(") + kHeadColumns + ") VALUES (?, ?, ?, ?, ?)");
    q->Bind(1, head.campaign_id).Bind(2, head.tree_size).Bind(3, head.timestamp);
    q->BindBlob(4, head.root_hash).BindBlob(5, head.signature);
    q->Step();
    return q->error();
  });
}

Result<std::optional<TreeHeadRecord>> Log::LatestHead(std::int64_t campaign) {
  auto db = db_.Read();
  auto q = db->Prepare(std::string("SELECT ") + kHeadColumns +
                       " FROM tree_heads WHERE campaign_id = ? ORDER BY tree_size DESC LIMIT 1");
  q->Bind(1, campaign);
  std::optional<TreeHeadRecord> out;
  if (q->Step()) out = ReadHead(*q);
  if (!q->error().ok()) return q->error();
  return out;
}

Result<std::optional<TreeHeadRecord>> Log::HeadOfSize(std::int64_t campaign, std::int64_t tree_size) {
  auto db = db_.Read();
  auto q = db->Prepare(std::string("SELECT ") + kHeadColumns + " FROM tree_heads WHERE campaign_id = ? AND tree_size = ?");
  q->Bind(1, campaign).Bind(2, tree_size);
  std::optional<TreeHeadRecord> out;
  if (q->Step()) out = ReadHead(*q);
  if (!q->error().ok()) return q->error();
  return out;
}

Result<std::vector<TreeHeadRecord>> Log::Heads(std::int64_t campaign, Millis from, Millis to, int limit) {
  auto db = db_.Read();
  // Heads grow with time and size together (the sealer's clock): size order is time order.
  auto q = db->Prepare(std::string("SELECT ") + kHeadColumns +
                       " FROM tree_heads WHERE campaign_id = ? AND timestamp >= ? AND (? = 0 OR timestamp <= ?)"
                       " ORDER BY tree_size LIMIT ?");
  q->Bind(1, campaign).Bind(2, from).Bind(3, to).Bind(4, to).Bind(5, limit);
  std::vector<TreeHeadRecord> out;
  while (q->Step()) out.push_back(ReadHead(*q));
  if (!q->error().ok()) return q->error();
  return out;
}

}  // namespace ss::store::sqlite

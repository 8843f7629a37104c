#include "store/sqlite/migrations.h"

namespace ss::store::sqlite {

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "campaigns, org units and candidates", R"sql(
CREATE TABLE campaigns (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL,
  config      TEXT    NOT NULL,   -- CampaignConfig as JSON (core/campaign_json.h)
  phase       TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,   -- Unix ms, UTC
  updated_at  INTEGER NOT NULL
);
CREATE TABLE org_units (
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
  code        TEXT    NOT NULL,
  name        TEXT    NOT NULL,
  level       TEXT    NOT NULL,
  parent_code TEXT,
  seq         INTEGER NOT NULL,   -- import order: parents before children
  PRIMARY KEY (campaign_id, code)
);
CREATE TABLE candidates (
  id          INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
  no          INTEGER NOT NULL,
  name        TEXT    NOT NULL,
  gender      TEXT    NOT NULL,
  title       TEXT    NOT NULL,
  unit_code   TEXT    NOT NULL,
  group_key   TEXT    NOT NULL,
  active      INTEGER NOT NULL DEFAULT 1,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  UNIQUE (campaign_id, no),
  FOREIGN KEY (campaign_id, unit_code) REFERENCES org_units(campaign_id, code)
);
CREATE INDEX candidates_by_unit ON candidates(campaign_id, unit_code);
)sql"},
      {2, "staff accounts, sessions, sign-in throttling, audit log", R"sql(
ALTER TABLE org_units ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
CREATE TABLE users (
  id                  INTEGER PRIMARY KEY,
  username            TEXT    NOT NULL UNIQUE,
  display_name        TEXT    NOT NULL,
  role                TEXT    NOT NULL,
  district_code       TEXT    NOT NULL DEFAULT '',
  candidate_id        INTEGER NOT NULL DEFAULT 0,
  password_hash       TEXT    NOT NULL,
  disabled            INTEGER NOT NULL DEFAULT 0,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL,
  last_login_at       INTEGER NOT NULL DEFAULT 0,
  password_changed_at INTEGER NOT NULL
);
CREATE TABLE user_known_addresses (
  user_id      INTEGER NOT NULL REFERENCES users(id),
  ip           TEXT    NOT NULL,
  last_seen_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, ip)
);
CREATE TABLE sessions (
  token_hash   TEXT    PRIMARY KEY,  -- SHA-256 of the cookie's token; the token is never stored
  user_id      INTEGER NOT NULL REFERENCES users(id),
  csrf_token   TEXT    NOT NULL,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  ip           TEXT    NOT NULL,
  user_agent   TEXT    NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id);
CREATE TABLE login_failures (
  key          TEXT    PRIMARY KEY,  -- account:NAME, pair:NAME|IP, ip:IP
  failures     INTEGER NOT NULL,
  last_failure INTEGER NOT NULL,
  locked_until INTEGER NOT NULL
);
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,   -- 1, 2, 3… without gaps
  at         INTEGER NOT NULL,
  actor_id   INTEGER NOT NULL,
  actor      TEXT    NOT NULL,
  role       TEXT    NOT NULL,
  action     TEXT    NOT NULL,
  target     TEXT    NOT NULL,
  district   TEXT    NOT NULL,
  before     TEXT    NOT NULL,
  after      TEXT    NOT NULL,
  reason     TEXT    NOT NULL,
  ip         TEXT    NOT NULL,
  request_id TEXT    NOT NULL,
  prev_hash  TEXT    NOT NULL,
  hash       TEXT    NOT NULL
);
CREATE INDEX audit_by_district ON audit_log(district, id);
-- Append-only: the program never changes an entry, and the database refuses to.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
)sql"},
      {3, "catalog revision", R"sql(
-- Moves on with every change to campaigns, org units or candidates (not with sessions or
-- sign-in counters), so that read caches in every process know when to rebuild.
CREATE TABLE catalog_revision (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  revision INTEGER NOT NULL
);
INSERT INTO catalog_revision(id, revision) VALUES (1, 0);
)sql"},
      {4, "invariants in the write: one active secretary per unit, candidate revisions, the audit head", R"sql(
-- One active secretary per unit, whoever writes (several app nodes included).
CREATE UNIQUE INDEX candidates_one_active_per_unit ON candidates(campaign_id, unit_code) WHERE active = 1;
-- An update names the revision it was decided on; another write in between makes it a conflict.
ALTER TABLE candidates ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
-- The newest audit entry, in one row that every appender reads and moves in its own
-- transaction (FOR UPDATE on PostgreSQL): appenders queue on it, ids have no gaps, the chain
-- never forks. prev_hash is unique as a second guard.
CREATE TABLE audit_head (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  last_id   INTEGER NOT NULL,
  last_hash TEXT    NOT NULL
);
INSERT INTO audit_head(id, last_id, last_hash)
  SELECT 1, COALESCE(MAX(id), 0), COALESCE((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') FROM audit_log;
CREATE UNIQUE INDEX audit_log_prev_hash ON audit_log(prev_hash);
)sql"},
      {5, "online voting: voters, one-time codes, votes with their rules as constraints, counts, server keys", R"sql(
-- Keys the server signs and hashes with (voter tokens, proof-of-work, phone hashes), made
-- once and shared by every node that opens the database.
CREATE TABLE server_keys (
  name       TEXT    PRIMARY KEY,
  secret     TEXT    NOT NULL,
  created_at INTEGER NOT NULL
);
-- A voter is a verified phone, kept only as a keyed hash and its last four digits, or a
-- party member's ballot code (phone_hash "member:<code id>").
CREATE TABLE voters (
  id         INTEGER PRIMARY KEY,
  phone_hash TEXT    NOT NULL UNIQUE,
  phone_tail TEXT    NOT NULL,
  kind       TEXT    NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE voter_otps (
  phone_hash TEXT    PRIMARY KEY,
  code_hash  TEXT    NOT NULL,   -- keyed hash of the code; '' once used or exhausted
  sent_at    INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  attempts   INTEGER NOT NULL,
  day        INTEGER NOT NULL,
  sent_today INTEGER NOT NULL
);
-- One row per accepted vote. The per-voter rules hold as constraints, whoever writes: the
-- n-th vote of a voter on a day has day_seq n (at most the daily quota), the n-th for one
-- candidate candidate_seq n, the n-th in one group group_seq n; two concurrent writers
-- that both saw n-1 cannot both insert n.
CREATE TABLE votes (
  id            INTEGER PRIMARY KEY,
  campaign_id   INTEGER NOT NULL REFERENCES campaigns(id),
  candidate_id  INTEGER NOT NULL REFERENCES candidates(id),
  group_key     TEXT    NOT NULL,
  voter_id      INTEGER NOT NULL REFERENCES voters(id),
  day           INTEGER NOT NULL,   -- campaign day (days since 1970-01-01, campaign time zone)
  day_seq       INTEGER NOT NULL,
  candidate_seq INTEGER NOT NULL,
  group_seq     INTEGER NOT NULL,
  cast_at       INTEGER NOT NULL,
  receipt_secret TEXT   NOT NULL,   -- the receipt's random part (core/voting/receipt.h)
  idem_key      TEXT,               -- the client's Idempotency-Key, if any
  pow           TEXT    NOT NULL,   -- the proof-of-work challenge: each is used once
  ip            TEXT    NOT NULL
);
-- A challenge is bound to its voter (its salt says whose), so uniqueness per voter is enough,
-- and the index stays in voter order instead of random order.
CREATE UNIQUE INDEX votes_pow ON votes(voter_id, pow);
CREATE UNIQUE INDEX votes_day_seq ON votes(campaign_id, voter_id, day, day_seq);
CREATE UNIQUE INDEX votes_candidate_seq ON votes(campaign_id, voter_id, day, candidate_id, candidate_seq);
CREATE UNIQUE INDEX votes_group_seq ON votes(campaign_id, voter_id, day, group_key, group_seq);
CREATE UNIQUE INDEX votes_idem ON votes(voter_id, idem_key) WHERE idem_key IS NOT NULL;
CREATE INDEX votes_by_time ON votes(campaign_id, cast_at);
-- Counts per candidate and local hour, moved in the same unit as each vote: the in-memory
-- tally is rebuilt from these rows at start-up, not from every vote.
CREATE TABLE vote_counts (
  campaign_id  INTEGER NOT NULL,
  candidate_id INTEGER NOT NULL,
  day          INTEGER NOT NULL,
  hour         INTEGER NOT NULL,
  n            INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, candidate_id, day, hour)
) WITHOUT ROWID;
)sql"},
      {6, "party members' ballot codes, in batches per branch", R"sql(
CREATE TABLE ballot_batches (
  id          INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
  district    TEXT    NOT NULL,   -- the district unit's code (district admins see their own)
  branch      TEXT    NOT NULL,   -- 党支部
  count       INTEGER NOT NULL,
  created_at  INTEGER NOT NULL,
  created_by  TEXT    NOT NULL
);
CREATE INDEX ballot_batches_campaign ON ballot_batches(campaign_id, district);
-- A code's state: revoked once revoked_at is set, else redeemed once it has a voter.
CREATE TABLE ballot_codes (
  id          INTEGER PRIMARY KEY,
  batch_id    INTEGER NOT NULL REFERENCES ballot_batches(id),
  code        TEXT    NOT NULL UNIQUE,
  voter_id    INTEGER UNIQUE REFERENCES voters(id),
  redeemed_at INTEGER,
  revoked_at  INTEGER
);
CREATE INDEX ballot_codes_batch ON ballot_codes(batch_id);
)sql"},
      {7, "the vote path: three indexes fewer per vote", R"sql(
-- Each index a vote goes into costs the writer a B-tree insert at a random place (they are
-- in voter order), and these three halved its rate (bench/cast_bench: 25,000 → 55,000 votes
-- a second). On SQLite one writer decides every vote inside its write, so the per-candidate
-- and per-group rules are exact without a constraint; the daily quota keeps its unique index
-- (the one the voter's day is read through). The PostgreSQL schema, where several nodes
-- write, will carry all three rules as constraints (candidate_seq and group_seq stay for it).
-- The daily snapshot reads the hourly counts instead of votes by time.
DROP INDEX votes_candidate_seq;
DROP INDEX votes_group_seq;
DROP INDEX votes_by_time;
)sql"},
      {8, "the verifiable log: one per campaign, its entries and the signed tree heads", R"sql(
-- Entry idx n of a campaign is leaf n of its Merkle tree (docs/log.md); entry holds the
-- canonical bytes, leaf_hash = SHA-256(0x00 || entry). Appended in the same transaction as
-- the change it records, never updated or deleted.
CREATE TABLE log_entries (
  campaign_id INTEGER NOT NULL,
  idx         INTEGER NOT NULL,
  entry       BLOB    NOT NULL,
  leaf_hash   BLOB    NOT NULL,
  PRIMARY KEY (campaign_id, idx)
) WITHOUT ROWID;
-- Inclusion proofs are asked by leaf hash.
CREATE INDEX log_entries_leaf ON log_entries(campaign_id, leaf_hash);
-- A vote's place in the log, for its receipt.
ALTER TABLE votes ADD COLUMN leaf_index INTEGER;
-- Every head the sealer published: one per tree size.
CREATE TABLE tree_heads (
  campaign_id INTEGER NOT NULL,
  tree_size   INTEGER NOT NULL,
  timestamp   INTEGER NOT NULL,   -- ms since the epoch, as signed
  root_hash   BLOB    NOT NULL,
  signature   BLOB    NOT NULL,
  PRIMARY KEY (campaign_id, tree_size)
) WITHOUT ROWID;
)sql"},
      {9, "quarantined votes and their review", R"sql(
-- One row per vote the detector quarantined, made in the vote's own unit. The vote stays in
-- votes (it used its voter's quota) and in the log; it is counted in vote_counts only once
-- released. score is in thousandths (0–1000).
CREATE TABLE vote_flags (
  vote_id      INTEGER PRIMARY KEY,
  campaign_id  INTEGER NOT NULL,
  candidate_id INTEGER NOT NULL,
  cast_at      INTEGER NOT NULL,
  day          INTEGER NOT NULL,
  hour         INTEGER NOT NULL,
  score        INTEGER NOT NULL,
  evidence     TEXT    NOT NULL,
  ip           TEXT    NOT NULL,
  state        TEXT    NOT NULL DEFAULT 'review' CHECK (state IN ('review', 'released', 'invalidated')),
  decided_at   INTEGER,
  decided_by   TEXT,
  reason       TEXT
);
CREATE INDEX vote_flags_queue ON vote_flags(campaign_id, candidate_id, state, cast_at);
)sql"},
      {10, "leaves are found by hash in memory, not through an index", R"sql(
-- Each vote inserted into this index at a random place (hashes are uniform): two thirds of
-- the vote's write (cast_bench: 19,491 votes/s with it, 60,297 without). The in-memory tree
-- that serves proofs finds a leaf by its hash instead (integrity::MerkleTree::Find).
DROP INDEX log_entries_leaf;
)sql"},
      {11, "resumable uploads (tus)", R"sql(
-- One row per upload while it arrives and after; its bytes are in the media directory's
-- uploads/ folder. offset is what is synced on disk: a restart resumes from it.
CREATE TABLE uploads (
  id           TEXT    PRIMARY KEY,
  owner        INTEGER NOT NULL,
  campaign_id  INTEGER NOT NULL DEFAULT 0,
  candidate_id INTEGER NOT NULL DEFAULT 0,
  kind         TEXT    NOT NULL CHECK (kind IN ('video', 'photo')),
  filename     TEXT    NOT NULL,
  filetype     TEXT    NOT NULL DEFAULT '',
  length       INTEGER NOT NULL CHECK (length > 0),
  offset       INTEGER NOT NULL DEFAULT 0 CHECK (offset >= 0 AND offset <= length),
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  completed_at INTEGER
) WITHOUT ROWID;
CREATE INDEX uploads_expiring ON uploads(expires_at) WHERE completed_at IS NULL;
)sql"},
      {12, "background jobs (media transcodes), persistent across restarts", R"sql(
CREATE TABLE jobs (
  id           INTEGER PRIMARY KEY,
  kind         TEXT    NOT NULL,
  subject      TEXT    NOT NULL,
  state        TEXT    NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
  attempts     INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL,
  progress     INTEGER NOT NULL DEFAULT 0,   -- thousandths
  error        TEXT    NOT NULL DEFAULT '',
  result       TEXT    NOT NULL DEFAULT '',  -- JSON
  run_after    INTEGER NOT NULL,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  UNIQUE (kind, subject)
);
CREATE INDEX jobs_due ON jobs(kind, state, run_after);
)sql"},
      {13, "showcases: each candidate's working copy and its submitted versions", R"sql(
CREATE TABLE showcases (
  campaign_id      INTEGER NOT NULL,
  candidate_id     INTEGER NOT NULL,
  state            TEXT    NOT NULL CHECK (state IN ('draft', 'submitted', 'approved', 'returned')),
  draft            TEXT    NOT NULL,          -- JSON (core/showcase/showcase_json.h)
  versions         INTEGER NOT NULL DEFAULT 0,
  approved_version INTEGER NOT NULL DEFAULT 0,
  comment          TEXT    NOT NULL DEFAULT '',
  updated_at       INTEGER NOT NULL,
  updated_by       TEXT    NOT NULL,
  decided_at       INTEGER,
  decided_by       TEXT,
  PRIMARY KEY (campaign_id, candidate_id)
) WITHOUT ROWID;
-- Never updated but for their decision: what was submitted stays as it was.
CREATE TABLE showcase_versions (
  campaign_id  INTEGER NOT NULL,
  candidate_id INTEGER NOT NULL,
  number       INTEGER NOT NULL,
  content      TEXT    NOT NULL,
  submitted_at INTEGER NOT NULL,
  submitted_by TEXT    NOT NULL,
  decision     TEXT    NOT NULL DEFAULT '' CHECK (decision IN ('', 'approved', 'returned')),
  decided_at   INTEGER,
  decided_by   TEXT,
  comment      TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (campaign_id, candidate_id, number)
) WITHOUT ROWID;
)sql"},
  };
  return kMigrations;
}

}  // namespace ss::store::sqlite

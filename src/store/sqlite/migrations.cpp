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
  };
  return kMigrations;
}

}  // namespace ss::store::sqlite

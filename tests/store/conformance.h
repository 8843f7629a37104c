// The store conformance suite: the same cases run against every Store implementation.
//
// A backend is a name and a function that makes a fresh, empty database and returns the URL
// that store::OpenStore takes for it. The fixture opens it (and may open it again, to check
// that data survives a restart).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "store/store.h"

namespace ss::tests {

namespace fs = std::filesystem;

// A temporary directory removed at the end of the test.
struct ScratchDir {
  fs::path path;
  ScratchDir() {
    std::string tmpl = (fs::temp_directory_path() / "shuangshai-store-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) std::abort();
    path = tmpl;
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
};

struct Backend {
  std::string name;  // a C identifier: it names the parameterized tests
  // Makes a fresh, empty database (files may go under `scratch`) and returns its URL.
  std::function<std::string(const fs::path& scratch)> fresh_url;
};

// The store's writes, in one place: each with the audit entry an organizer's action would
// carry (the store appends it in the same transaction).
inline store::AuditEvent TestAudit(const std::string& action, const std::string& target, Millis at) {
  store::AuditEvent e;
  e.at = at;
  e.actor = "conformance-test";
  e.role = "admin";
  e.action = action;
  e.target = target;
  return e;
}

inline Result<std::int64_t> CreateCampaign(store::Store& s, const CampaignDocument& doc, PhaseKey phase, Millis now) {
  return s.campaigns().Create(doc, phase, now, TestAudit("campaign.create", "campaign", now)).Wait();
}

inline Status SetPhase(store::Store& s, std::int64_t id, PhaseKey from, PhaseKey to, Millis now) {
  auto record = s.campaigns().Get(id);
  PhaseSchedule schedule = record ? record->config.schedule : PhaseSchedule{};
  return s.campaigns().SetPhase(id, from, to, schedule, now, TestAudit("campaign.phase", "campaign:" + std::to_string(id), now)).Wait();
}

inline Status ApplyRoster(store::Store& s, std::int64_t id, const RosterPlan& plan, Millis now) {
  return s.roster().ApplyRoster(id, plan, now, TestAudit("roster.import", "campaign:" + std::to_string(id), now)).Wait();
}

inline std::vector<Backend> Backends();

// A fresh, empty store of the backend under test; Reopen() closes and opens it again (what
// survives a restart).
class FreshStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    url_ = GetParam().fresh_url(scratch_.path);
    Open();
  }
  void Reopen() {
    store_->Close();
    store_.reset();
    Open();
  }
  store::Store& s() { return *store_; }

  ScratchDir scratch_;
  std::string url_;
  std::unique_ptr<store::Store> store_;

 private:
  void Open() {
    auto opened = store::OpenStore(url_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(*opened);
  }
};

inline std::vector<Backend> Backends() {
  std::vector<Backend> all = {
      {"SQLite", [](const fs::path& scratch) { return "sqlite:" + (scratch / "shuangshai.db").string(); }},
  };
  // PostgreSQL plugs in here, e.g. when SS_TEST_POSTGRES_URL is set:
  //   all.push_back({"PostgreSQL", [](const fs::path&) { return CreateFreshPostgresDatabase(); }});
  return all;
}

}  // namespace ss::tests

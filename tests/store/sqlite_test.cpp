// SQLite-specific store cases: database files and their schema version.
#include <sqlite3.h>

#include <gtest/gtest.h>

#include "../core/demo.h"
#include "conformance.h"

namespace ss::tests {
namespace {

using store::OpenStore;

// Runs one SQL statement on the file with the plain C API, outside the store.
void RunSql(const fs::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  std::string message = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << message;
}

TEST(SqliteStoreTest, PlainPathAndSqliteUrlOpenTheSameFile) {
  ScratchDir scratch;
  fs::path file = scratch.path / "shuangshai.db";
  {
    auto s = OpenStore(file.string());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    auto id = CreateCampaign(**s, DemoDocument(), PhaseKey::kDraft, 1);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
  }
  EXPECT_TRUE(fs::exists(file));
  auto s = OpenStore("sqlite:" + file.string());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  auto list = (*s)->campaigns().List();
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 1u);
}

TEST(SqliteStoreTest, PathInAMissingDirectoryIsUnavailable) {
  ScratchDir scratch;
  std::string path = (scratch.path / "no-such-dir" / "shuangshai.db").string();
  auto s = OpenStore(path);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), code::kUnavailable);
  EXPECT_NE(s.status().message().find(path), std::string::npos) << s.status().message();
  EXPECT_FALSE(fs::exists(scratch.path / "no-such-dir"));
}

TEST(SqliteStoreTest, DatabaseFromANewerShuangshaiIsRefused) {
  ScratchDir scratch;
  fs::path file = scratch.path / "shuangshai.db";
  int latest = 0;
  {
    auto s = OpenStore(file.string());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    latest = (*s)->SchemaVersion();
  }
  ASSERT_GE(latest, 1);
  RunSql(file, "INSERT INTO schema_migrations(version, name, applied_at) VALUES (" +
                   std::to_string(latest + 1) + ", 'from the future', 0)");
  auto s = OpenStore(file.string());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), "schema_too_new");
  EXPECT_NE(s.status().message().find(file.string()), std::string::npos) << s.status().message();
}

TEST(SqliteStoreTest, NotADatabaseFileFails) {
  ScratchDir scratch;
  fs::path file = scratch.path / "notes.txt";
  {
    std::ofstream out(file);
    out << "这不是数据库文件，只是一段文字。This is not an SQLite database at all.\n";
  }
  auto s = OpenStore(file.string());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), code::kUnavailable) << s.status().ToString();
  EXPECT_NE(s.status().message().find(file.string()), std::string::npos) << s.status().ToString();
}

}  // namespace
}  // namespace ss::tests

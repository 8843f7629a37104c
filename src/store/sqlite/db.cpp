#include "store/sqlite/db.h"

#include <cstdio>
#include <cstdlib>

namespace ss::store::sqlite {

Statement& Statement::Bind(int i, std::int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}

Statement& Statement::Bind(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindBlob(int i, std::string_view bytes) {
  sqlite3_bind_blob(stmt_, i, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindNull(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

bool Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) {
    sqlite3* db = sqlite3_db_handle(stmt_);
    std::string msg = sqlite3_errmsg(db);
    int ext = sqlite3_extended_errcode(db);
    if ((ext & 0xff) == SQLITE_CONSTRAINT)
      error_ = Status(code::kConflict, "数据冲突：" + msg);
    else if ((ext & 0xff) == SQLITE_BUSY)
      error_ = Status(code::kUnavailable, "数据库繁忙，请稍后重试");
    else
      error_ = Status(code::kInternal, "数据库错误：" + msg);
  }
  return false;
}

std::string Statement::Text(int col) const {
  if (sqlite3_column_type(stmt_, col) == SQLITE_BLOB) {
    const void* b = sqlite3_column_blob(stmt_, col);
    return std::string(static_cast<const char*>(b), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)));
  }
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (!p) return {};
  return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)));
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  error_ = Status();
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, bool create) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Status(code::kUnavailable, "无法打开数据库 " + path + "：" + msg + "（请检查路径是否存在、是否有写权限）");
  }
  std::unique_ptr<Connection> conn(new Connection(db));
  sqlite3_busy_timeout(db, 5000);
  // FULL: a commit is on disk before we acknowledge it (SPEC §9). Group commit keeps it fast.
  for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
    Status s = conn->Exec(pragma);
    if (!s.ok()) {
      return Status(code::kUnavailable, "无法使用数据库 " + path + "：" + s.message() + "（请检查是否有写权限）");
    }
  }
  return conn;
}

Connection::~Connection() {
  cache_.clear();
  for (sqlite3_stmt* s = sqlite3_next_stmt(db_, nullptr); s; s = sqlite3_next_stmt(db_, nullptr)) sqlite3_finalize(s);
  sqlite3_close(db_);
}

Stmt Connection::Prepare(std::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it != cache_.end()) return Stmt(it->second.get());
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "sqlite: cannot prepare %.*s: %s\n", static_cast<int>(sql.size()), sql.data(), sqlite3_errmsg(db_));
    std::abort();
  }
  auto [pos, _] = cache_.emplace(std::string(sql), std::make_unique<Statement>(stmt));
  return Stmt(pos->second.get());
}

Status Connection::Exec(const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    return Status(code::kInternal, msg);
  }
  return Status::Ok();
}

Status Connection::Error(std::string_view what) const {
  return Status(code::kInternal, std::string(what) + "：" + sqlite3_errmsg(db_));
}

Transaction::Transaction(Connection& db) : db_(db) {
  begin_ = db_.Exec("BEGIN IMMEDIATE");
  if (!begin_.ok()) done_ = true;
}

Transaction::~Transaction() {
  // ROLLBACK fails only when SQLite has already rolled the transaction back itself.
  if (!done_) (void)db_.Exec("ROLLBACK");
}

Status Transaction::Commit() {
  if (done_) return begin_.ok() ? Status(code::kInternal, "事务已结束") : begin_;
  Status s = db_.Exec("COMMIT");
  done_ = s.ok();
  return s;
}

}  // namespace ss::store::sqlite

// A thin RAII layer over the SQLite C API: a Connection owns a sqlite3* and caches its
// prepared statements; a Statement binds parameters and reads columns; a Transaction rolls
// back unless committed. Only prepared statements with bound parameters are used.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/status.h"

namespace ss::store::sqlite {

class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds by 1-based position; returns *this so calls chain.
  Statement& Bind(int i, std::int64_t v);
  Statement& Bind(int i, int v) { return Bind(i, static_cast<std::int64_t>(v)); }
  Statement& Bind(int i, std::string_view v);
  Statement& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  Statement& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  Statement& BindBlob(int i, std::string_view bytes);
  Statement& BindNull(int i);

  // True when a row is ready, false when done; a failure is returned as a Status via error().
  bool Step();
  const Status& error() const { return error_; }

  std::int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::string Text(int col) const;  // a BLOB column's bytes as they are
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

  // Clears bindings and resets, ready for reuse (done on return to the cache).
  void Reset();
  sqlite3_stmt* raw() { return stmt_; }

 private:
  sqlite3_stmt* stmt_;
  Status error_;
};

// A cached statement on loan: reset when the loan ends, so that no statement keeps a read
// snapshot open after its caller is done with it.
class Stmt {
 public:
  explicit Stmt(Statement* s) : s_(s) {}
  Stmt(Stmt&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() { if (s_) s_->Reset(); }
  Statement* operator->() { return s_; }
  Statement& operator*() { return *s_; }

 private:
  Statement* s_;
};

class Connection {
 public:
  // Opens (creating when `create`) and applies the connection settings: WAL, synchronous
  // FULL, foreign keys, a busy timeout.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, bool create);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A cached prepared statement, ready to bind. Aborts on SQL that does not compile: that
  // is a programming error, caught by every test run.
  Stmt Prepare(std::string_view sql);

  // Runs statements without parameters (migrations, pragmas).
  Status Exec(const std::string& sql);

  // "sqlite: <message>" for the last error.
  Status Error(std::string_view what) const;
  std::int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  int Changes() const { return sqlite3_changes(db_); }
  sqlite3* raw() { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

// BEGIN IMMEDIATE on construction; ROLLBACK in the destructor unless Commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Connection& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  const Status& begin_status() const { return begin_; }
  Status Commit();

 private:
  Connection& db_;
  Status begin_;
  bool done_ = false;
};

}  // namespace ss::store::sqlite

// Inside the SQLite store: the connections and the ways to use them. Read() lends a pooled
// read connection; Write() runs a function in a write transaction on the one writer
// connection and commits it; WriteCatalog() does the same for changes the read caches must
// see (campaigns, org units, candidates) and moves the catalog revision and the generation
// on. AppendAudit() chains an audit entry inside such a transaction.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "core/audit.h"
#include "core/status.h"
#include "store/sqlite/db.h"

namespace ss::store::sqlite {

// Status-only results go through Write() like Result<T>.
struct Done {
  Status status;
  bool ok() const { return status.ok(); }
  Done(Status s = {}) : status(std::move(s)) {}  // NOLINT: implicit by design
};

class Database {
 public:
  class Lease {
   public:
    Lease(Database& db, std::unique_ptr<Connection> c) : db_(db), c_(std::move(c)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (c_) db_.Return(std::move(c_));
    }
    Connection& operator*() { return *c_; }
    Connection* operator->() { return c_.get(); }

   private:
    Database& db_;
    std::unique_ptr<Connection> c_;
  };

  ~Database();

  // Opens the writer, migrates, opens `readers` read connections and starts the watcher.
  Status Open(const std::string& path, int readers);

  Lease Read();

  template <class Fn>
  auto Write(Fn fn) -> decltype(fn(std::declval<Connection&>())) {
    return Commit(fn, false);
  }
  template <class Fn>
  auto WriteCatalog(Fn fn) -> decltype(fn(std::declval<Connection&>())) {
    return Commit(fn, true);
  }

  std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

 private:
  template <class Fn>
  auto Commit(Fn& fn, bool catalog) -> decltype(fn(std::declval<Connection&>())) {
    std::lock_guard lock(write_mu_);
    Transaction tx(*writer_);
    if (!tx.begin_status().ok()) return Status(code::kUnavailable, "数据库繁忙：" + tx.begin_status().message());
    auto result = fn(*writer_);
    if (!result.ok()) return result;
    if (catalog) {
      if (Status s = writer_->Exec("UPDATE catalog_revision SET revision = revision + 1"); !s.ok()) return s;
    }
    if (Status c = tx.Commit(); !c.ok()) return Status(code::kInternal, "提交失败：" + c.message());
    if (catalog) generation_.fetch_add(1, std::memory_order_acq_rel);
    return result;
  }
  void Return(std::unique_ptr<Connection> c);
  void Watch(std::stop_token stop);

  std::mutex write_mu_;
  std::unique_ptr<Connection> writer_;
  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Connection>> free_;
  std::unique_ptr<Connection> watch_;
  std::atomic<std::uint64_t> generation_{1};
  std::jthread watcher_;  // last: stops before the connections go
};

// Appends `event` to the audit log inside the caller's write transaction: assigns the next
// id, chains it to the last entry's hash.
Status AppendAudit(Connection& db, AuditEntry event);

}  // namespace ss::store::sqlite

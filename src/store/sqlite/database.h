// Inside the SQLite store: the connections and the ways to use them.
//
// Read() lends a pooled read connection (WAL: readers never wait for the writer). Write(fn)
// queues `fn` for the writer (writer.h), which runs it inside a batch transaction in a
// savepoint of its own and answers through the returned Pending after the commit; `fn` must
// therefore own what it uses (capture by value). WriteCatalog(fn) does the same for changes
// the read caches must see (campaigns, org units, candidates): the batch moves the catalog
// revision and the generation on. AppendAudit() chains an audit entry inside such a unit.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "core/audit.h"
#include "core/status.h"
#include "store/pending.h"
#include "store/sqlite/db.h"
#include "store/sqlite/writer.h"

namespace ss::store::sqlite {

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

  // Opens the writer, migrates, opens `readers` read connections, starts the writer thread
  // and the watcher.
  Status Open(const std::string& path, int readers);
  // Drains the writer (every queued unit is committed and answered; later ones are refused).
  void Close();

  Lease Read();

  template <class Fn>
  auto Write(Fn fn) -> Pending<std::invoke_result_t<Fn&, Connection&>> {
    return Submit(std::move(fn), false);
  }
  template <class Fn>
  auto WriteCatalog(Fn fn) -> Pending<std::invoke_result_t<Fn&, Connection&>> {
    return Submit(std::move(fn), true);
  }

  Writer& writer() { return *writer_; }

  std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }
  // Blocks until the generation differs from `seen` or `timeout` passes; returns it.
  std::uint64_t WaitForGeneration(std::uint64_t seen, std::chrono::milliseconds timeout);

 private:
  template <class Fn>
  auto Submit(Fn fn, bool catalog) -> Pending<std::invoke_result_t<Fn&, Connection&>> {
    using R = std::invoke_result_t<Fn&, Connection&>;
    Promise<R> promise;
    auto pending = promise.pending();
    writer_->Submit(std::make_unique<FnUnit<R, Fn, Promise<R>>>(std::move(fn), std::move(promise), catalog));
    return pending;
  }
  void Return(std::unique_ptr<Connection> c);
  void Watch(std::stop_token stop);
  void BumpGeneration();

  std::unique_ptr<Connection> write_conn_;
  std::unique_ptr<Writer> writer_;
  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Connection>> free_;
  std::unique_ptr<Connection> watch_;
  std::atomic<std::uint64_t> generation_{1};
  std::atomic<std::int64_t> own_revision_{-1};  // the catalog revision our last catalog commit wrote
  std::mutex gen_mu_;
  std::condition_variable gen_cv_;
  std::jthread watcher_;  // last: stops before the connections go
};

// Appends `event` to the audit log inside the caller's write unit: takes the next id and the
// previous hash from the one-row audit_head (which serializes appenders on any backend, so
// the chain never forks) and moves the head on.
Status AppendAudit(Connection& db, AuditEntry event);

}  // namespace ss::store::sqlite

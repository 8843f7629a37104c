// The writer: the one thread that owns SQLite's write connection and commits every write of
// the product (group commit).
//
// Units are queued from any thread. Whenever the writer is free it takes everything queued
// (up to kMaxBatch units) and runs it in one transaction, each unit in a savepoint of its own:
// a unit that fails is rolled back alone and answered with its own failure; the others commit
// together and share one fsync (synchronous=FULL). Each unit is answered only after the
// commit, so an ok answer is durable. If the commit itself fails, every unit of the batch is
// answered with that failure and nothing of it is kept.
//
// High-rate bookkeeping that need not be durable at once (session touches) is kept in memory
// by its repository, which registers a fold: once something is marked to fold, the writer
// runs the fold as one more unit of its next batch, or after kCoalesceInterval at the latest
// when nothing else is queued. What a crash loses is what was not folded yet.
//
// Work that a batch's units leave for its end (the votes' hourly counts, summed per batch
// instead of one upsert per vote) is an epilogue: it runs in every batch after the units,
// inside the same transaction, and a failure of it fails the whole batch — it is part of the
// units' changes, durable with them or not at all.
//
// Stop() refuses new units (kUnavailable, before anything is acknowledged), commits every
// unit already queued and answers it, then ends the thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/status.h"
#include "store/sqlite/db.h"

namespace ss::store::sqlite {

class Writer {
 public:
  struct Unit {
    virtual ~Unit() = default;
    // Runs inside the batch's transaction, in its own savepoint; a failure undoes this unit only.
    virtual Status Apply(Connection& db) = 0;
    // Called once, after the batch: `outcome` is ok when the unit's changes are committed,
    // else why not (the unit's own failure, the commit's, or a refusal while stopping).
    virtual void Finish(const Status& outcome) = 0;
    bool catalog = false;  // moves the catalog revision (campaigns, org units, candidates)
  };

  struct Stats {
    std::uint64_t batches = 0, units = 0, failed_units = 0, largest_batch = 0;
  };

  static constexpr std::size_t kMaxBatch = 4096;
  static constexpr std::chrono::milliseconds kCoalesceInterval{5000};

  // For a batch that moves the catalog: `on_catalog_revision` gets the revision it writes just
  // before the commit (and -1 if the commit then fails), `on_catalog_commit` runs after it.
  // Both run on the writer thread.
  Writer(Connection& db, std::function<void(std::int64_t)> on_catalog_revision, std::function<void()> on_catalog_commit);
  ~Writer();  // Stop()s
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void Submit(std::unique_ptr<Unit> unit);
  // Registers a fold (before any write); it runs on the writer thread inside a batch.
  void AddFold(std::function<Status(Connection&)> fold);
  // Registers an epilogue (before any write). At the end of every batch, on the writer thread,
  // `write` runs inside the transaction (it must be cheap when its units left it nothing to
  // do) — or `discard` instead when the transaction is gone already; either way what the
  // units left is cleared.
  struct Epilogue {
    std::function<Status(Connection&)> write;
    std::function<void()> discard;
  };
  void AddEpilogue(Epilogue epilogue);
  // Something waits to be folded: run the folds within kCoalesceInterval.
  void MarkToFold();
  void Stop();
  Stats stats() const;

 private:
  void Run();
  void RunBatch(std::deque<std::unique_ptr<Unit>>& batch, bool with_fold);

  Connection& db_;
  std::function<void(std::int64_t)> on_catalog_revision_;
  std::function<void()> on_catalog_commit_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<Unit>> queue_;
  std::vector<std::function<Status(Connection&)>> folds_;
  std::vector<Epilogue> epilogues_;  // set before the first write: read unlocked
  bool fold_due_ = false;
  std::chrono::steady_clock::time_point fold_since_{};
  bool stopping_ = false;
  Stats stats_;
  std::thread thread_;  // last: starts after the members it uses
};

// A unit made of a function of the connection that returns R (Status or Result<T>); its
// outcome goes to `promise` after the batch.
template <class R, class Fn, class P>
class FnUnit final : public Writer::Unit {
 public:
  FnUnit(Fn fn, P promise, bool moves_catalog) : fn_(std::move(fn)), promise_(std::move(promise)) {
    catalog = moves_catalog;
  }
  Status Apply(Connection& db) override {
    result_.emplace(fn_(db));
    return StatusOfResult(*result_);
  }
  void Finish(const Status& outcome) override {
    if (!outcome.ok() && (!result_ || StatusOfResult(*result_).ok())) {
      promise_.Set(R(outcome));
      return;
    }
    promise_.Set(std::move(*result_));
  }

 private:
  static Status StatusOfResult(const Status& s) { return s; }
  template <class T>
  static Status StatusOfResult(const Result<T>& r) {
    return r.status();
  }
  Fn fn_;
  P promise_;
  std::optional<R> result_;
};

}  // namespace ss::store::sqlite

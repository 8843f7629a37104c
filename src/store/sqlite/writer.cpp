#include "store/sqlite/writer.h"

#include <exception>

namespace ss::store::sqlite {
namespace {

// Runs one prepared statement without parameters (transaction control).
Status Run1(Connection& db, std::string_view sql) {
  auto q = db.Prepare(sql);
  q->Step();
  return q->error();
}

}  // namespace

Writer::Writer(Connection& db, std::function<void(std::int64_t)> on_catalog_revision,
               std::function<void()> on_catalog_commit)
    : db_(db),
      on_catalog_revision_(std::move(on_catalog_revision)),
      on_catalog_commit_(std::move(on_catalog_commit)),
      thread_([this] { Run(); }) {}

Writer::~Writer() { Stop(); }

void Writer::Submit(std::unique_ptr<Unit> unit) {
  {
    std::lock_guard lock(mu_);
    if (!stopping_) {
      queue_.push_back(std::move(unit));
      cv_.notify_one();
      return;
    }
  }
  unit->Finish(Status(code::kUnavailable, "服务正在停止，本次操作没有保存，请稍后重试"));
}

void Writer::AddFold(std::function<Status(Connection&)> fold) {
  std::lock_guard lock(mu_);
  folds_.push_back(std::move(fold));
}

void Writer::AddEpilogue(Epilogue epilogue) {
  std::lock_guard lock(mu_);
  epilogues_.push_back(std::move(epilogue));
}

void Writer::MarkToFold() {
  std::lock_guard lock(mu_);
  if (fold_due_) return;
  fold_due_ = true;
  fold_since_ = std::chrono::steady_clock::now();
  cv_.notify_one();
}

void Writer::Stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
}

Writer::Stats Writer::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

void Writer::Run() {
  std::deque<std::unique_ptr<Unit>> batch;
  for (;;) {
    bool with_fold = false;
    {
      std::unique_lock lock(mu_);
      // Folds ride along with the next batch, or go alone once they have waited long enough.
      auto fold_ready = [&] { return fold_due_ && std::chrono::steady_clock::now() - fold_since_ >= kCoalesceInterval; };
      while (queue_.empty() && !stopping_ && !fold_ready()) {
        if (fold_due_) cv_.wait_until(lock, fold_since_ + kCoalesceInterval);
        else cv_.wait(lock);
      }
      if (queue_.empty() && !fold_due_ && stopping_) return;
      while (!queue_.empty() && batch.size() < kMaxBatch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      with_fold = fold_due_;
      fold_due_ = false;
    }
    RunBatch(batch, with_fold);
    batch.clear();
  }
}

void Writer::RunBatch(std::deque<std::unique_ptr<Unit>>& batch, bool with_fold) {
  std::vector<Status> outcomes(batch.size());
  auto finish_all = [&](const Status& failure) {
    for (std::size_t i = 0; i < batch.size(); ++i) batch[i]->Finish(outcomes[i].ok() ? failure : outcomes[i]);
  };
  if (Status begin = Run1(db_, "BEGIN IMMEDIATE"); !begin.ok()) {
    finish_all(Status(code::kUnavailable, "数据库繁忙，请稍后重试"));
    return;
  }
  bool catalog = false;
  bool aborted = false;  // SQLite rolled the whole transaction back (I/O error, disk full)
  for (std::size_t i = 0; i < batch.size() && !aborted; ++i) {
    Status s = Run1(db_, "SAVEPOINT unit");
    if (s.ok()) {
      try {
        s = batch[i]->Apply(db_);
      } catch (const std::exception& e) {
        s = Status(code::kInternal, std::string("写入出错：") + e.what());
      }
    }
    if (sqlite3_get_autocommit(db_.raw())) {
      aborted = true;
      outcomes[i] = s.ok() ? Status(code::kUnavailable, "数据库写入失败，请稍后重试") : s;
      break;
    }
    if (!s.ok()) {
      (void)Run1(db_, "ROLLBACK TO unit");  // cannot fail while the transaction is open
      outcomes[i] = s;
    } else {
      catalog = catalog || batch[i]->catalog;
    }
    (void)Run1(db_, "RELEASE unit");
  }
  if (!aborted && with_fold) {
    std::vector<std::function<Status(Connection&)>> folds;
    {
      std::lock_guard lock(mu_);
      folds = folds_;
    }
    for (auto& fold : folds) {
      if (!Run1(db_, "SAVEPOINT fold").ok()) break;
      // A fold that fails loses only bookkeeping (it says so in its own contract).
      if (!fold(db_).ok() && !sqlite3_get_autocommit(db_.raw())) (void)Run1(db_, "ROLLBACK TO fold");
      if (sqlite3_get_autocommit(db_.raw())) {
        aborted = true;
        break;
      }
      (void)Run1(db_, "RELEASE fold");
    }
  }
  Status committed;
  // Every epilogue runs or discards, even after one failed: each clears what its units left,
  // so that nothing of a rolled-back batch is carried into the next.
  for (auto& epilogue : epilogues_) {
    if (aborted || !committed.ok() || sqlite3_get_autocommit(db_.raw())) {
      epilogue.discard();
      continue;
    }
    Status s = epilogue.write(db_);
    if (!s.ok()) committed = s;
    if (sqlite3_get_autocommit(db_.raw())) aborted = true;
  }
  if (!aborted && !committed.ok()) {
    if (!sqlite3_get_autocommit(db_.raw())) (void)Run1(db_, "ROLLBACK");
    committed = Status(code::kUnavailable, "数据库写入失败，本次操作没有保存：" + committed.message());
  }
  std::int64_t revision = 0;
  if (aborted) {
    committed = Status(code::kUnavailable, "数据库写入失败，请稍后重试");
  } else if (committed.ok()) {
    if (catalog) {
      auto q = db_.Prepare("UPDATE catalog_revision SET revision = revision + 1 WHERE id = 1 RETURNING revision");
      if (q->Step()) revision = q->Int(0);
      while (q->Step()) {
      }
      if (!q->error().ok()) committed = q->error();
    }
    if (committed.ok() && catalog && on_catalog_revision_) on_catalog_revision_(revision);
    if (committed.ok()) committed = Run1(db_, "COMMIT");
    if (!committed.ok()) {
      if (!sqlite3_get_autocommit(db_.raw())) (void)Run1(db_, "ROLLBACK");
      committed = Status(code::kUnavailable, "数据库提交失败，本次操作没有保存：" + committed.message());
    }
  }
  if (catalog && on_catalog_revision_ && !committed.ok()) on_catalog_revision_(-1);
  if (committed.ok() && catalog && on_catalog_commit_) on_catalog_commit_();
  {
    std::lock_guard lock(mu_);
    ++stats_.batches;
    stats_.units += batch.size();
    stats_.largest_batch = std::max<std::uint64_t>(stats_.largest_batch, batch.size());
    for (const auto& o : outcomes) stats_.failed_units += !o.ok();
    if (!committed.ok()) stats_.failed_units += batch.size();
  }
  finish_all(committed);
}

}  // namespace ss::store::sqlite

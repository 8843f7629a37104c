// Background jobs in the store (media transcodes now; exports later): a persistent queue, so
// that a job outlives the process that was running it.
//
// A job is named by its kind and subject (one transcode per upload) and moves queued →
// running → done | failed. A failed attempt with attempts left goes back to queued with a
// time before which it is not claimed (the retry's delay); a job found running at start-up
// belongs to a process that died and is queued again (Recover). Progress and the last error
// are kept for the person waiting on it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/status.h"
#include "core/time.h"
#include "store/pending.h"

namespace ss::store {

enum class JobState { kQueued, kRunning, kDone, kFailed };
std::string_view JobStateKey(JobState s);  // "queued", "running", "done", "failed"

struct JobRecord {
  std::int64_t id = 0;
  std::string kind;     // "transcode"
  std::string subject;  // what it works on: an upload's id
  JobState state = JobState::kQueued;
  int attempts = 0;     // started so far
  int max_attempts = 3;
  int progress = 0;     // thousandths of the work done, for the waiting user
  std::string error;    // the last attempt's failure, in Chinese, for the user
  std::string result;   // JSON the job left when done
  Millis run_after = 0; // not claimed before
  Millis created_at = 0;
  Millis updated_at = 0;
};

class JobRepository {
 public:
  virtual ~JobRepository() = default;
  // Queues (kind, subject) unless it exists; either way the job as it is.
  virtual Pending<Result<JobRecord>> Enqueue(const std::string& kind, const std::string& subject, int max_attempts,
                                             Millis now) = 0;
  // The oldest queued job of `kind` due at `now`, now running (its attempts counted); nullopt
  // when none is due.
  virtual Pending<Result<std::optional<JobRecord>>> Claim(const std::string& kind, Millis now) = 0;
  virtual Pending<Status> SetProgress(std::int64_t id, int progress, Millis now) = 0;
  virtual Pending<Status> Finish(std::int64_t id, const std::string& result, Millis now) = 0;
  // A failed attempt: queued again at `retry_at` while attempts are left and `retry` is true
  // (the input may be fine and the failure passing), else failed for good.
  virtual Pending<Status> Fail(std::int64_t id, const std::string& error, bool retry, Millis retry_at, Millis now) = 0;
  // Every running job queued again (at start-up, before any is claimed); how many.
  virtual Pending<Result<int>> Recover(Millis now) = 0;
  virtual Result<std::optional<JobRecord>> Find(const std::string& kind, const std::string& subject) = 0;
};

}  // namespace ss::store

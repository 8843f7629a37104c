// Media in the store: resumable uploads (tus, core/media/tus.h) as they arrive. The bytes
// are on disk (media/upload_files.h); the store keeps what the protocol needs to resume —
// the declared length and the offset up to which the bytes are synced — so that an upload
// resumes after a restart from exactly what was acknowledged.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "store/pending.h"

namespace ss::store {

struct UploadRecord {
  std::string id;                // random, URL-safe: the upload's address
  std::int64_t owner = 0;        // the staff account that created it; only it may continue
  std::int64_t campaign_id = 0;  // 0: none named
  std::int64_t candidate_id = 0; // 0: none named
  std::string kind;              // "video" | "photo" (media::UploadKindKey)
  std::string filename;          // as the user named it
  std::string filetype;          // as the browser said, may be empty
  std::int64_t length = 0;
  std::int64_t offset = 0;       // bytes on disk and synced
  Millis created_at = 0;
  Millis updated_at = 0;
  Millis expires_at = 0;         // an unfinished upload is gone after this
  Millis completed_at = 0;       // 0 while unfinished
};

// The job a finished upload of `kind` queues: "transcode" for a video, "photo" for a photo.
inline std::string_view JobKindOf(std::string_view upload_kind) { return upload_kind == "video" ? "transcode" : "photo"; }

class UploadRepository {
 public:
  virtual ~UploadRepository() = default;
  // kConflict when the id is taken.
  virtual Pending<Status> Create(const UploadRecord& upload) = 0;
  virtual Result<std::optional<UploadRecord>> Get(const std::string& id) = 0;
  // Moves the offset from `from` to `to` (the bytes between are synced on disk) and sets the
  // expiry; completes the upload when `to` is its length, and then queues its job (store/jobs.h,
  // JobKindOf: a video's "transcode", a photo's "photo") in the same write. kConflict when the stored offset
  // is no longer `from` (another request moved it); kInvalid when `to` is past the length.
  virtual Pending<Result<UploadRecord>> Advance(const std::string& id, std::int64_t from, std::int64_t to, Millis now,
                                                Millis expires_at) = 0;
  // kNotFound when there is none.
  virtual Pending<Status> Delete(const std::string& id) = 0;
  // Unfinished uploads whose expiry is at or before `now`, oldest first, at most `limit`.
  virtual Result<std::vector<UploadRecord>> Expired(Millis now, int limit) = 0;
};

}  // namespace ss::store

// The tus 1.0.0 resumable-upload protocol (tus.io/protocols/resumable-upload), core plus the
// creation, termination and expiration extensions, as pure rules: what a request must carry,
// what an upload may be, and whether a PATCH fits the upload as it stands. The server
// (api/uploads.cpp) does the I/O; every refusal here has its own code (core/media/refusals.h).
//
// An upload is created with its length known (Upload-Defer-Length is not offered: a browser
// always knows the file's size), is appended to only at its current offset, and expires
// `UploadRules::lifetime` after its last PATCH; an expired upload is gone (410) and its file
// removed by the sweeper.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/time.h"

namespace ss::media {

inline constexpr std::string_view kTusVersion = "1.0.0";
inline constexpr std::string_view kTusExtensions = "creation,termination,expiration";
inline constexpr std::string_view kOffsetContentType = "application/offset+octet-stream";

enum class UploadKind { kVideo, kPhoto };
std::string_view UploadKindKey(UploadKind kind);  // "video", "photo"
std::optional<UploadKind> ParseUploadKind(std::string_view key);

struct UploadRules {
  std::uint64_t max_video_bytes = 2ULL << 30;  // 2 GiB (SPEC §4)
  std::uint64_t max_photo_bytes = 20ULL << 20;
  Millis lifetime = 24LL * 3600 * 1000;        // since the last PATCH
  // Free space kept on the disk beyond the upload's own length (the database, the
  // transcodes): an upload that would eat into it is refused at creation.
  std::uint64_t disk_reserve = 512ULL << 20;

  std::uint64_t MaxBytes(UploadKind kind) const { return kind == UploadKind::kVideo ? max_video_bytes : max_photo_bytes; }
};

// Upload-Metadata: comma-separated "key base64value" pairs (the value may be absent). Keys
// are ASCII without spaces or commas and appear once. kBadParam naming the bad pair.
Result<std::map<std::string, std::string>> ParseUploadMetadata(std::string_view header);

// Upload-Length / Upload-Offset: a non-negative decimal number (digits only, < 2^63).
std::optional<std::uint64_t> ParseUploadNumber(std::string_view text);

// What a creation request asks for, once checked.
struct NewUpload {
  UploadKind kind = UploadKind::kVideo;
  std::string filename;  // from the metadata's "filename", as the user named it
  std::string filetype;  // the metadata's "filetype" (what the browser says), may be empty
  std::uint64_t length = 0;
  std::map<std::string, std::string> metadata;  // every pair, decoded
};

// POST /uploads: Tus-Resumable, Upload-Length, the metadata's "kind" (video|photo, default
// video) and "filename" (required, a file name of a kind that fits), the size within the
// kind's limit, and `free_bytes` on the disk enough for it and the reserve.
Result<NewUpload> CheckCreation(std::string_view tus_resumable, std::string_view upload_length,
                                std::string_view upload_metadata, const UploadRules& rules,
                                std::uint64_t free_bytes);

// The state of an upload as stored.
struct UploadState {
  std::uint64_t length = 0;
  std::uint64_t offset = 0;
  Millis expires_at = 0;
  bool complete() const { return offset == length; }
};

// PATCH /uploads/{id}: Tus-Resumable, the Content-Type, Upload-Offset equal to the stored
// offset (else "offset_mismatch", 409, naming what the server has), not expired, and a body
// (Content-Length when given) that does not run past the upload's length.
Status CheckPatch(const UploadState& upload, std::string_view tus_resumable, std::string_view content_type,
                  std::string_view upload_offset, std::optional<std::uint64_t> content_length, Millis now);

// Is the upload past its expiry (HEAD and PATCH answer 410 then)?
inline bool Expired(const UploadState& u, Millis now) { return !u.complete() && u.expires_at <= now; }

// "1.2 GB", "350 MB", "12 KB": a size as the messages say it.
std::string FormatBytes(std::uint64_t bytes);

}  // namespace ss::media

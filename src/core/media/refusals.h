// Every way the upload and media routes say no, each with its own code, HTTP status and
// Chinese message (the voting path's pattern: core/voting/refusals.h).
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace ss::media {

inline constexpr const char* kTusUnsupported = "tus_version";                // 412
inline constexpr const char* kUploadLength = "upload_length";              // 400: missing or not a number
inline constexpr const char* kUploadMetadata = "upload_metadata";          // 400
inline constexpr const char* kUploadFileType = "upload_file_type";         // 415: not a video / photo by its name
inline constexpr const char* kUploadTooLarge = "upload_too_large";         // 413
inline constexpr const char* kInsufficientStorage = "insufficient_storage";  // 507
inline constexpr const char* kUploadNotFound = "upload_not_found";         // 404
inline constexpr const char* kUploadExpired = "upload_expired";            // 410
inline constexpr const char* kUploadOffset = "upload_offset";              // 400: Upload-Offset missing or bad
inline constexpr const char* kOffsetMismatch = "offset_mismatch";          // 409
inline constexpr const char* kUploadContentType = "upload_content_type";   // 415
inline constexpr const char* kUploadOverflow = "upload_overflow";          // 413: past the declared length
inline constexpr const char* kUploadBusy = "upload_busy";                  // 423: another request is writing it
inline constexpr const char* kUploadNotYours = "upload_not_yours";         // 403: may not edit that showcase

Status Refusal(const char* code);
Status Refusal(const char* code, std::string message);

// The HTTP status of an upload refusal code, 0 when `code` is not one.
unsigned HttpStatusOf(std::string_view code);

}  // namespace ss::media

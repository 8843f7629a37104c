// Photos through libvips (issue 9): a finished photo upload becomes the JPEG sizes a page
// shows (core/media/photo.h), upright by its EXIF orientation, in sRGB, flattened on white,
// and stripped of every metadata block (EXIF with its GPS position, XMP, IPTC, the ICC
// profile): what is served never tells where or with what a picture was taken.
//
// The server never decodes a picture in its own process: ProcessPhotoInChild runs this same
// binary's `photo-sizes` command (cli/main.cpp), which calls WritePhotoSizes, as a child at
// nice 10 — a decoder's crash or a hostile file stays there. Both block: use a job thread.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/media/photo.h"
#include "core/status.h"

namespace ss::media {

struct PhotoResult {
  int width = 0, height = 0;  // the original, as displayed
  std::vector<PhotoSize> sizes;
  std::int64_t bytes = 0;     // of every size written
};

// Reads `in`'s header, checks it (kNotAPhoto, kPhotoTooSmall, kPhotoTooLarge), writes each
// size into `dir` as "<name>.jpg" (through a ".part" file, renamed when whole) and answers
// what it wrote. kPhotoDamaged when the pixels cannot be decoded to the end.
Result<PhotoResult> WritePhotoSizes(const std::filesystem::path& in, const std::filesystem::path& dir, const PhotoRules& rules);

// The same in a child process (`self` is this program, e.g. /proc/self/exe). kUnavailable
// when the child cannot run or dies (the job is tried again); the refusals come back as they are.
Result<PhotoResult> ProcessPhotoInChild(const std::filesystem::path& self, const std::filesystem::path& in,
                                        const std::filesystem::path& dir, const PhotoRules& rules);

// What `photo-sizes` prints and ProcessPhotoInChild reads: one JSON line.
std::string PhotoResultJson(const Result<PhotoResult>& result);
Result<PhotoResult> ReadPhotoResultJson(std::string_view json);

}  // namespace ss::media

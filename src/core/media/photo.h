// What makes an uploaded file a photo we show, and which sizes of it a page gets: pure, so that
// every refusal is unit-tested (media/photos.h reads and writes the pictures with libvips).
//
// A photo is upright as displayed (its EXIF orientation applied), at least min_width ×
// min_height and at most max_pixels (a decompression bomb is refused from its header, before
// any pixel is decoded). The sizes are the configured widths up to the photo's own: a photo is
// never enlarged, and one narrower than the smallest width is kept at its own.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace ss::media {

inline constexpr const char* kNotAPhoto = "not_a_photo";
inline constexpr const char* kPhotoDamaged = "photo_damaged";
inline constexpr const char* kPhotoTooSmall = "photo_too_small";
inline constexpr const char* kPhotoTooLarge = "photo_too_large";

struct PhotoRules {
  int min_width = 320, min_height = 240;  // either way round: a portrait 240 × 320 is fine
  std::int64_t max_pixels = 100'000'000;
  std::vector<int> widths{480, 960, 1920};  // ascending; each is a file "<width>.jpg"
};

// One size of a photo as written: the file's name and its real pixel size.
struct PhotoSize {
  int name = 0;  // the configured width the file is named after ("480.jpg")
  int width = 0, height = 0;
};

// `width` × `height` as displayed (orientation applied).
Status CheckPhoto(int width, int height, const PhotoRules& rules);

// The sizes to write for a photo of `width` × `height`: every configured width up to `width`,
// or only the smallest, at the photo's own size, when the photo is narrower than all of them.
std::vector<PhotoSize> PhotoSizesFor(int width, int height, const PhotoRules& rules);

// "/media/photos/<id>/480.jpg 480w, …" for the sizes written.
std::string Srcset(const std::string& upload_id, const std::vector<PhotoSize>& sizes);
std::string PhotoUrl(const std::string& upload_id, const PhotoSize& size);

// Whether `file` names one of the sizes `rules` writes ("480.jpg"): what the media route serves.
bool IsPhotoFileName(const std::string& file, const PhotoRules& rules);

}  // namespace ss::media

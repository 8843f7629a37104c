#include "core/media/photo.h"

#include <algorithm>
#include <cmath>

namespace ss::media {

Status CheckPhoto(int width, int height, const PhotoRules& rules) {
  const int short_side = std::min(width, height), long_side = std::max(width, height);
  const int min_short = std::min(rules.min_width, rules.min_height), min_long = std::max(rules.min_width, rules.min_height);
  if (short_side < min_short || long_side < min_long)
    return Status(kPhotoTooSmall, "照片太小（" + std::to_string(width) + "×" + std::to_string(height) + "），至少要 " +
                                      std::to_string(min_long) + "×" + std::to_string(min_short) + " 像素");
  if (static_cast<std::int64_t>(width) * height > rules.max_pixels)
    return Status(kPhotoTooLarge, "照片像素太多（" + std::to_string(width) + "×" + std::to_string(height) + "），最多 " +
                                      std::to_string(rules.max_pixels / 1'000'000) + " 百万像素");
  return Status::Ok();
}

std::vector<PhotoSize> PhotoSizesFor(int width, int height, const PhotoRules& rules) {
  std::vector<PhotoSize> out;
  auto scaled = [&](int w) { return std::max(1, static_cast<int>(std::lround(static_cast<double>(height) * w / width))); };
  for (int w : rules.widths)
    if (w <= width) out.push_back({w, w, scaled(w)});
  if (out.empty() && !rules.widths.empty()) out.push_back({rules.widths.front(), width, height});
  return out;
}

std::string PhotoUrl(const std::string& upload_id, const PhotoSize& size) {
  return "/media/photos/" + upload_id + "/" + std::to_string(size.name) + ".jpg";
}

std::string Srcset(const std::string& upload_id, const std::vector<PhotoSize>& sizes) {
  std::string out;
  for (const auto& s : sizes) {
    if (!out.empty()) out += ", ";
    out += PhotoUrl(upload_id, s) + " " + std::to_string(s.width) + "w";
  }
  return out;
}

bool IsPhotoFileName(const std::string& file, const PhotoRules& rules) {
  for (int w : rules.widths)
    if (file == std::to_string(w) + ".jpg") return true;
  return false;
}

}  // namespace ss::media

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "media/photos.h"

namespace ss::cli {

int PhotoSizes(const PhotoSizesOptions& o) {
  // stdout carries the one JSON line the server reads; the log goes to stderr.
  spdlog::set_default_logger(spdlog::stderr_logger_mt("photo-sizes"));
  media::PhotoRules rules;
  rules.min_width = o.min_width;
  rules.min_height = o.min_height;
  rules.max_pixels = o.max_pixels;
  rules.widths.clear();
  std::stringstream list(o.widths);
  for (std::string w; std::getline(list, w, ',');) {
    try {
      rules.widths.push_back(std::stoi(w));
    } catch (const std::exception&) {
      std::cerr << "--widths 须为逗号分隔的宽度，例如 480,960,1920\n";
      return 1;
    }
  }
  auto result = media::WritePhotoSizes(o.in, o.out, rules);
  std::cout << media::PhotoResultJson(result) << "\n";
  return result ? 0 : 2;
}

}  // namespace ss::cli

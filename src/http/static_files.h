// The built web app (web/dist), served from memory.
//
// Everything under the root is read once at start-up (a few MB). Each file has a strong
// ETag from its content; precompressed "x.br" / "x.gz" siblings are sent when the client
// accepts them (Vary: Accept-Encoding). Hashed assets under /assets/ are cached for a year
// as immutable, everything else is revalidated (no-cache). Single byte ranges get 206.
// A path that is no file and has no extension gets index.html (the SPA's own router takes
// it from there); /api/ paths never do.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/status.h"
#include "http/reply.h"

namespace ss::http {

class StaticSite {
 public:
  // kUnavailable when `root` has no index.html.
  static Result<std::shared_ptr<const StaticSite>> Load(const std::filesystem::path& root);

  // Answers GET/HEAD for a decoded `path`. The site must outlive the reply (bodies are views).
  Reply Serve(const Request& req, std::string_view path) const;

  std::size_t file_count() const { return files_.size(); }

 private:
  struct File {
    std::string content_type;
    std::string identity, gzip, brotli;
    std::string etag;  // quoted, without the encoding suffix
    bool immutable = false;
  };
  std::unordered_map<std::string, File> files_;
};

}  // namespace ss::http

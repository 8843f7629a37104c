#include "http/static_files.h"

#include <fstream>
#include <sstream>

#include "http/range.h"

namespace ss::http {
namespace fs = std::filesystem;
namespace {

std::string_view ContentType(const fs::path& p) {
  static const std::unordered_map<std::string, std::string_view> kTypes = {
      {".html", "text/html; charset=utf-8"},  {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"}, {".map", "application/json; charset=utf-8"},
      {".webmanifest", "application/manifest+json"}, {".svg", "image/svg+xml"},
      {".png", "image/png"}, {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"}, {".gif", "image/gif"},
      {".webp", "image/webp"}, {".ico", "image/x-icon"}, {".woff", "font/woff"}, {".woff2", "font/woff2"},
      {".ttf", "font/ttf"}, {".txt", "text/plain; charset=utf-8"}, {".xml", "application/xml"},
      {".mp4", "video/mp4"}, {".pdf", "application/pdf"},
  };
  auto it = kTypes.find(p.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Fnv1a(std::string_view data) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// True when the Accept-Encoding header lists `coding` with a non-zero q.
bool Accepts(std::string_view header, std::string_view coding) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    std::size_t end = header.find(',', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view item = header.substr(pos, end - pos);
    pos = end + 1;
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    std::string_view name = item.substr(0, item.find(';'));
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name != coding) continue;
    auto q = item.find("q=");
    if (q == std::string_view::npos) return true;
    std::string_view v = item.substr(q + 2);
    return !(v.substr(0, 1) == "0" && v.find_first_of("123456789") == std::string_view::npos);
  }
  return false;
}

bool EtagMatches(std::string_view if_none_match, std::string_view etag) {
  if (if_none_match == "*") return true;
  return if_none_match.find(etag) != std::string_view::npos;
}

bool LooksLikeFile(std::string_view path) {
  auto slash = path.rfind('/');
  std::string_view last = slash == std::string_view::npos ? path : path.substr(slash + 1);
  return last.find('.') != std::string_view::npos;
}

}  // namespace

Result<std::shared_ptr<const StaticSite>> StaticSite::Load(const fs::path& root) {
  std::error_code ec;
  if (!fs::is_regular_file(root / "index.html", ec)) {
    return Status(code::kUnavailable, "网页目录 " + root.string() + " 中没有 index.html（请先运行 make web 构建前端）");
  }
  auto site = std::make_shared<StaticSite>();
  for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file()) continue;
    const fs::path& p = entry.path();
    std::string ext = p.extension().string();
    if (ext == ".gz" || ext == ".br") continue;  // variants, read with their file
    File f;
    f.content_type = std::string(ContentType(p));
    f.identity = ReadAll(p);
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "x" + std::string&&.
    f.etag = '"';
    f.etag += Fnv1a(f.identity);
    f.etag += '"';
    if (fs::is_regular_file(p.string() + ".gz", ec)) f.gzip = ReadAll(p.string() + ".gz");
    if (fs::is_regular_file(p.string() + ".br", ec)) f.brotli = ReadAll(p.string() + ".br");
    std::string url = "/";
    url += fs::relative(p, root, ec).generic_string();
    f.immutable = url.rfind("/assets/", 0) == 0;
    site->files_.emplace(std::move(url), std::move(f));
  }
  return std::shared_ptr<const StaticSite>(std::move(site));
}

Reply StaticSite::Serve(const Request& req, std::string_view path) const {
  if (req.method() != bhttp::verb::get && req.method() != bhttp::verb::head) {
    return ErrorReply(req, 405, code::kMethodNotAllowed, "不支持此请求方法");
  }
  if (path.rfind("/api/", 0) == 0 || path == "/api") {
    return ErrorReply(req, 404, code::kNotFound, "没有这个接口");
  }
  std::string key(path == "/" ? "/index.html" : path);
  auto it = files_.find(key);
  if (it == files_.end()) {
    if (LooksLikeFile(path)) return ErrorReply(req, 404, code::kNotFound, "文件不存在");
    it = files_.find("/index.html");
  }
  const File& f = it->second;

  // The variant: a Range request gets the identity bytes, so ranges mean what they say.
  auto range_header = req[bhttp::field::range];
  std::string_view accept = req[bhttp::field::accept_encoding];
  const std::string* body = &f.identity;
  std::string etag = f.etag;
  std::string_view encoding;
  if (range_header.empty()) {
    if (!f.brotli.empty() && Accepts(accept, "br")) {
      body = &f.brotli, encoding = "br", etag.insert(etag.size() - 1, "-br");
    } else if (!f.gzip.empty() && Accepts(accept, "gzip")) {
      body = &f.gzip, encoding = "gzip", etag.insert(etag.size() - 1, "-gz");
    }
  }

  auto headers = [&](auto& res) {
    res.set(bhttp::field::etag, etag);
    res.set(bhttp::field::cache_control, f.immutable ? "public, max-age=31536000, immutable" : "no-cache");
    if (!f.gzip.empty() || !f.brotli.empty()) res.set(bhttp::field::vary, "Accept-Encoding");
    res.set(bhttp::field::accept_ranges, "bytes");
    res.keep_alive(req.keep_alive());
  };

  if (auto inm = req[bhttp::field::if_none_match]; !inm.empty() && EtagMatches(inm, etag)) {
    bhttp::response<bhttp::empty_body> res{bhttp::status::not_modified, req.version()};
    headers(res);
    return MakeReply(std::move(res));
  }

  ByteRange range;
  RangeResult rr = RangeResult::kNone;
  if (!range_header.empty()) {
    auto if_range = req[bhttp::field::if_range];
    if (if_range.empty() || if_range == etag) rr = ParseRange(range_header, body->size(), range);
  }
  if (rr == RangeResult::kUnsatisfiable) {
    bhttp::response<bhttp::empty_body> res{bhttp::status::range_not_satisfiable, req.version()};
    headers(res);
    res.set(bhttp::field::content_range, "bytes */" + std::to_string(body->size()));
    return MakeReply(std::move(res));
  }

  std::string_view view(*body);
  auto status = bhttp::status::ok;
  if (rr == RangeResult::kPartial) {
    view = view.substr(range.first, range.length());
    status = bhttp::status::partial_content;
  }
  bhttp::response<bhttp::span_body<const char>> res{status, req.version()};
  headers(res);
  res.set(bhttp::field::content_type, f.content_type);
  if (!encoding.empty()) res.set(bhttp::field::content_encoding, encoding);
  if (rr == RangeResult::kPartial) {
    res.set(bhttp::field::content_range, "bytes " + std::to_string(range.first) + "-" + std::to_string(range.last) +
                                             "/" + std::to_string(body->size()));
  }
  res.body() = boost::beast::span<const char>(view.data(), view.size());
  if (req.method() == bhttp::verb::head) {
    // HEAD: the same headers, no body.
    bhttp::response<bhttp::empty_body> head(std::move(res.base()));
    head.content_length(view.size());
    return MakeReply(std::move(head), /*prepare_payload=*/false);
  }
  return MakeReply(std::move(res));
}

}  // namespace ss::http

#include "http/file_reply.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <memory>

#include "http/range.h"

namespace ss::http {
namespace asio = boost::asio;

namespace {

constexpr std::size_t kPiece = 256 * 1024;

struct OpenFile {
  int fd = -1;
  std::uint64_t size = 0;
  std::string etag;
  ~OpenFile() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

asio::awaitable<Reply> ServeFile(Context& ctx, const std::filesystem::path& path, std::string_view content_type,
                                 std::string_view cache_control) {
  const Request& req = ctx.request;
  auto open = [&path]() -> std::shared_ptr<OpenFile> {
    auto f = std::make_shared<OpenFile>();
    f->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (f->fd < 0 || ::fstat(f->fd, &st) != 0 || !S_ISREG(st.st_mode)) return nullptr;
    f->size = static_cast<std::uint64_t>(st.st_size);
    char tag[64];
    std::snprintf(tag, sizeof tag, "\"%llx-%llx\"", static_cast<unsigned long long>(st.st_size),
                  static_cast<unsigned long long>(st.st_mtim.tv_sec) * 1000000000ULL + st.st_mtim.tv_nsec);
    f->etag = tag;
    return f;
  };
  std::shared_ptr<OpenFile> file = co_await Offload(ctx.blocking, open);
  if (!file) co_return ErrorReply(req, 404, code::kNotFound, "没有这个文件");
  if (ETagMatches(req, file->etag)) co_return NotModified(req, file->etag);

  ByteRange range{0, file->size == 0 ? 0 : file->size - 1};
  RangeResult ranged = RangeResult::kNone;
  auto if_range = req.find(bhttp::field::if_range);
  if (auto r = req.find(bhttp::field::range); r != req.end() && (if_range == req.end() || if_range->value() == file->etag))
    ranged = ParseRange(r->value(), file->size, range);
  if (ranged == RangeResult::kUnsatisfiable) {
    bhttp::response<bhttp::string_body> res{bhttp::status::range_not_satisfiable, req.version()};
    res.set(bhttp::field::content_range, "bytes */" + std::to_string(file->size));
    res.set(bhttp::field::content_type, "application/json; charset=utf-8");
    res.keep_alive(req.keep_alive());
    res.body() = ErrorBody(Status(code::kBadParam, "请求的范围超出了文件大小"));
    co_return MakeReply(std::move(res));
  }
  const bool partial = ranged == RangeResult::kPartial;
  const std::uint64_t length = file->size == 0 ? 0 : range.length();
  bhttp::response<bhttp::empty_body> res{partial ? bhttp::status::partial_content : bhttp::status::ok, req.version()};
  res.set(bhttp::field::content_type, content_type);
  res.set(bhttp::field::cache_control, cache_control);
  res.set(bhttp::field::accept_ranges, "bytes");
  res.set(bhttp::field::etag, file->etag);
  if (partial)
    res.set(bhttp::field::content_range,
            "bytes " + std::to_string(range.first) + "-" + std::to_string(range.last) + "/" + std::to_string(file->size));
  res.content_length(length);
  res.keep_alive(req.keep_alive());
  Reply reply = MakeReply(std::move(res), /*prepare_payload=*/false);
  reply.body_bytes = static_cast<std::size_t>(length);
  if (req.method() == bhttp::verb::head || length == 0) co_return reply;
  asio::thread_pool& pool = ctx.blocking;
  reply.stream_is_sized = true;
  reply.stream = [file, pool = &pool, first = range.first, length](BodyStream& out) -> asio::awaitable<void> {
    std::string piece(static_cast<std::size_t>(std::min<std::uint64_t>(kPiece, length)), '\0');
    std::uint64_t at = first, left = length;
    while (left > 0) {
      std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(left, piece.size()));
      auto read = [&file, &piece, want, at]() -> ssize_t {
        ssize_t n;
        do n = ::pread(file->fd, piece.data(), want, static_cast<off_t>(at));
        while (n < 0 && errno == EINTR);
        return n;
      };
      ssize_t n = co_await Offload(*pool, read);
      if (n <= 0) co_return;  // the file shrank or failed: the connection ends short
      if (!co_await out.Write(std::string_view(piece.data(), static_cast<std::size_t>(n)))) co_return;
      at += static_cast<std::uint64_t>(n);
      left -= static_cast<std::uint64_t>(n);
    }
  };
  co_return reply;
}

}  // namespace ss::http

// A file from disk as an HTTP reply, for media (videos, posters): HEAD, byte ranges (RFC 9110
// §14: 206 with Content-Range, 416 for a range past the end, If-Range), a strong ETag from
// the file's size and modification time (304 for If-None-Match), and the body read in pieces
// on the blocking pool while it is written — never the whole file in memory, never a disk
// read on an I/O thread.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <filesystem>
#include <string_view>

#include "http/router.h"

namespace ss::http {

// `path` with `content_type` and `cache_control`; 404 not_found when it is not a regular file.
boost::asio::awaitable<Reply> ServeFile(Context& ctx, const std::filesystem::path& path, std::string_view content_type,
                                        std::string_view cache_control);

}  // namespace ss::http

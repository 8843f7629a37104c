// Replies leave as one header block and one body: what the server hands to a single writev.
#include "http/reply.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace ss::http {
namespace {

Request Get(unsigned version = 11) {
  Request req{bhttp::verb::get, "/x", version};
  req.keep_alive(true);
  return req;
}

std::string Join(const Wire& w) {
  std::string out;
  for (const auto& b : w.buffers()) out.append(static_cast<const char*>(b.data()), b.size());
  return out;
}

TEST(ReplyTest, JsonReplyIsOneHeaderBlockThenTheBody) {
  Reply r = JsonReply(Get(), R"({"a":1})");
  std::string wire = Join(r.message);
  EXPECT_TRUE(wire.starts_with("HTTP/1.1 200 OK\r\n")) << wire;
  EXPECT_TRUE(wire.ends_with("\r\n\r\n{\"a\":1}")) << wire;
  EXPECT_NE(wire.find("Content-Length: 7\r\n"), std::string::npos);
  EXPECT_NE(wire.find("Cache-Control: no-store\r\n"), std::string::npos);
  EXPECT_NE(wire.find("X-Content-Type-Options: nosniff\r\n"), std::string::npos);
  // No CSP on JSON; the header ends exactly once.
  EXPECT_EQ(wire.find("Content-Security-Policy"), std::string::npos);
  EXPECT_EQ(wire.find("\r\n\r\n"), wire.size() - 7 - 4);
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.body_bytes, 7u);
  EXPECT_TRUE(r.message.keep_alive());
}

TEST(ReplyTest, ADocumentCarriesTheContentSecurityPolicyOnce) {
  bhttp::response<bhttp::string_body> res{bhttp::status::ok, 11};
  res.set(bhttp::field::content_type, "text/html; charset=utf-8");
  res.body() = "<p>x</p>";
  std::string wire = Join(MakeReply(std::move(res)).message);
  auto at = wire.find("Content-Security-Policy: default-src 'self'");
  ASSERT_NE(at, std::string::npos);
  EXPECT_EQ(wire.find("Content-Security-Policy", at + 1), std::string::npos);
}

TEST(ReplyTest, ErrorsCloseWhenTheRequestAsksAndSpeakHttp10ToHttp10) {
  Request req = Get(10);
  req.keep_alive(false);
  Reply r = ErrorReply(req, 404, code::kNotFound, "没有");
  std::string wire = Join(r.message);
  EXPECT_TRUE(wire.starts_with("HTTP/1.0 404 Not Found\r\n")) << wire;
  EXPECT_FALSE(r.message.keep_alive());
  EXPECT_EQ(r.status, 404u);
}

TEST(ReplyTest, ABorrowedBodyIsNotCopiedAndItsOwnerLivesAsLongAsTheReply) {
  auto page = std::make_shared<const std::string>(std::string(5000, 'x'));
  std::weak_ptr<const std::string> watch = page;
  Reply r = CachedJsonReply(Get(), page, *page, "\"abc\"");
  const char* body_at = page->data();
  page.reset();
  ASSERT_FALSE(watch.expired());
  auto bufs = r.message.buffers();
  EXPECT_EQ(static_cast<const char*>(bufs[1].data()), body_at);
  EXPECT_EQ(bufs[1].size(), 5000u);
  std::string head(static_cast<const char*>(bufs[0].data()), bufs[0].size());
  EXPECT_NE(head.find("ETag: \"abc\"\r\n"), std::string::npos);
  EXPECT_NE(head.find("Content-Length: 5000\r\n"), std::string::npos);
  Reply moved = std::move(r);
  EXPECT_EQ(static_cast<const char*>(moved.message.buffers()[1].data()), body_at);
  { Reply gone = std::move(moved); }
  EXPECT_TRUE(watch.expired());
}

TEST(ReplyTest, ARevalidationWithTheTagGetsA304WithoutBody) {
  Request req = Get();
  req.set(bhttp::field::if_none_match, "W/\"abc\"");
  auto page = std::make_shared<const std::string>("{}");
  Reply r = CachedJsonReply(req, page, *page, "\"abc\"");
  EXPECT_EQ(r.status, 304u);
  EXPECT_EQ(r.message.buffers()[1].size(), 0u);
  EXPECT_TRUE(Join(r.message).starts_with("HTTP/1.1 304 Not Modified\r\n"));
}

TEST(ReplyTest, AShortOwnedBodySurvivesAMove) {
  // 15 bytes sit in the string's own storage: a move copies them to a new place.
  Reply r = JsonReply(Get(), R"({"status":"ok"})");
  Reply moved = std::move(r);
  EXPECT_TRUE(Join(moved.message).ends_with("\r\n\r\n{\"status\":\"ok\"}"));
}

}  // namespace
}  // namespace ss::http

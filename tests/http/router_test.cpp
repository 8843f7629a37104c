#include "http/router.h"

#include <gtest/gtest.h>

#include "http/query.h"
#include "http/range.h"

namespace ss::http {
namespace {

Handler Noop() {
  return [](Context& ctx) -> asio::awaitable<Reply> { co_return JsonReply(ctx.request, "{}"); };
}

TEST(Router, MatchesLiteralsAndCapturesParameters) {
  Router r;
  r.Add(bhttp::verb::get, "/api/v1/campaigns", Noop());
  r.Add(bhttp::verb::get, "/api/v1/campaigns/{id}/candidates/{cid}", Noop());
  auto m = r.Find(bhttp::verb::get, "/api/v1/campaigns/7/candidates/97");
  ASSERT_EQ(m.kind, Router::Match::kFound);
  EXPECT_EQ(m.route->pattern, "/api/v1/campaigns/{id}/candidates/{cid}");
  ASSERT_EQ(m.params.size(), 2u);
  EXPECT_EQ(m.params[0], (std::pair<std::string_view, std::string_view>{"id", "7"}));
  EXPECT_EQ(m.params[1], (std::pair<std::string_view, std::string_view>{"cid", "97"}));
  EXPECT_EQ(r.Find(bhttp::verb::get, "/api/v1/campaigns/").kind, Router::Match::kFound) << "a trailing slash is the same path";
  EXPECT_EQ(r.Find(bhttp::verb::get, "/api/v1/campaigns/7/candidates").kind, Router::Match::kNotFound);
  EXPECT_EQ(r.Find(bhttp::verb::get, "/api/v1/campaign").kind, Router::Match::kNotFound);
}

TEST(Router, OtherMethodIsMethodNotAllowedWithAllow) {
  Router r;
  r.Add(bhttp::verb::get, "/things/{id}", Noop());
  r.Add(bhttp::verb::put, "/things/{id}", Noop());
  auto m = r.Find(bhttp::verb::delete_, "/things/1");
  EXPECT_EQ(m.kind, Router::Match::kMethodNotAllowed);
  EXPECT_EQ(m.allow, "GET, PUT");
}

TEST(Router, RemembersTheLargestBodyLimit) {
  Router r;
  r.Add(bhttp::verb::get, "/a", Noop());
  r.Add(bhttp::verb::post, "/upload", Noop(), 8 * 1024 * 1024);
  EXPECT_EQ(r.max_body_limit(), 8u * 1024 * 1024);
  EXPECT_EQ(r.Find(bhttp::verb::get, "/a").route->body_limit, kDefaultBodyLimit);
}

TEST(Target, DecodesPathAndQuery) {
  auto t = ParseTarget("/api/v1/campaigns/1/candidates?q=%E6%96%B0%E6%A1%A5+%E7%A4%BE%E5%8C%BA&page=2&page=3");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/api/v1/campaigns/1/candidates");
  EXPECT_EQ(t->query.at("q"), "新桥 社区");
  EXPECT_EQ(t->query.at("page"), "3") << "the last value wins";
  EXPECT_FALSE(ParseTarget("http://evil.example/x"));
  EXPECT_FALSE(ParseTarget("/bad%zz"));
}

TEST(Range, ParsesTheSingleRangeForms) {
  ByteRange r;
  ASSERT_EQ(ParseRange("bytes=0-499", 1000, r), RangeResult::kPartial);
  EXPECT_EQ(r.first, 0u);
  EXPECT_EQ(r.last, 499u);
  ASSERT_EQ(ParseRange("bytes=500-", 1000, r), RangeResult::kPartial);
  EXPECT_EQ(r.length(), 500u);
  ASSERT_EQ(ParseRange("bytes=-100", 1000, r), RangeResult::kPartial);
  EXPECT_EQ(r.first, 900u);
  ASSERT_EQ(ParseRange("bytes=-5000", 1000, r), RangeResult::kPartial);
  EXPECT_EQ(r.first, 0u);
  ASSERT_EQ(ParseRange("bytes=900-5000", 1000, r), RangeResult::kPartial);
  EXPECT_EQ(r.last, 999u) << "clipped to the end";
}

TEST(Range, RefusesOrIgnoresWhatItCannotServe) {
  ByteRange r;
  EXPECT_EQ(ParseRange("bytes=1000-", 1000, r), RangeResult::kUnsatisfiable);
  EXPECT_EQ(ParseRange("bytes=-0", 1000, r), RangeResult::kUnsatisfiable);
  EXPECT_EQ(ParseRange("bytes=0-1,5-6", 1000, r), RangeResult::kNone);
  EXPECT_EQ(ParseRange("items=0-1", 1000, r), RangeResult::kNone);
  EXPECT_EQ(ParseRange("bytes=5-1", 1000, r), RangeResult::kNone);
  EXPECT_EQ(ParseRange("bytes=a-b", 1000, r), RangeResult::kNone);
  EXPECT_EQ(ParseRange("bytes=99999999999999999999-", 1000, r), RangeResult::kNone);
}

}  // namespace
}  // namespace ss::http

// The web app's files: ETags, precompressed variants, ranges, caching and the SPA fallback.
#include "harness.h"

namespace ss::testing {
namespace {

class StaticFiles : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    server_ = new Server(dir_->path);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  Response Get(const std::string& target, const std::map<std::string, std::string>& h = {}) {
    return server_->Connect().Get(target, h);
  }
  static TempDir* dir_;
  static Server* server_;
};
TempDir* StaticFiles::dir_ = nullptr;
Server* StaticFiles::server_ = nullptr;

TEST_F(StaticFiles, IndexIsServedWithAnETagAndRevalidated) {
  Response r = Get("/");
  ASSERT_EQ(r.status, 200u);
  EXPECT_EQ(r.body, Server::kIndex);
  EXPECT_EQ(r.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.Header("cache-control"), "no-cache");
  std::string etag = r.Header("etag");
  ASSERT_FALSE(etag.empty());
  Response again = Get("/", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304u);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.Header("etag"), etag);
}

TEST_F(StaticFiles, PrecompressedVariantsFollowAcceptEncoding) {
  Response br = Get("/index.html", {{"Accept-Encoding", "gzip, deflate, br"}});
  EXPECT_EQ(br.Header("content-encoding"), "br");
  EXPECT_EQ(br.body, "BROTLI-BYTES");
  EXPECT_EQ(br.Header("vary"), "Accept-Encoding");
  Response gz = Get("/index.html", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(gz.Header("content-encoding"), "gzip");
  EXPECT_EQ(gz.body, "GZIP-BYTES");
  Response refused = Get("/index.html", {{"Accept-Encoding", "br;q=0, gzip;q=0"}});
  EXPECT_TRUE(refused.Header("content-encoding").empty());
  EXPECT_EQ(refused.body, Server::kIndex);
  // Each variant has its own validator.
  EXPECT_NE(br.Header("etag"), gz.Header("etag"));
  EXPECT_NE(gz.Header("etag"), refused.Header("etag"));
}

TEST_F(StaticFiles, HashedAssetsAreImmutable) {
  Response r = Get("/assets/app-1a2b3c.js");
  ASSERT_EQ(r.status, 200u);
  EXPECT_EQ(r.body, Server::kAsset);
  EXPECT_NE(r.Header("content-type").find("javascript"), std::string::npos);
  EXPECT_EQ(r.Header("cache-control"), "public, max-age=31536000, immutable");
}

TEST_F(StaticFiles, RangesGet206Or416) {
  Response r = Get("/assets/app-1a2b3c.js", {{"Range", "bytes=0-6"}});
  EXPECT_EQ(r.status, 206u);
  EXPECT_EQ(r.body, "console");
  std::string total = std::to_string(std::string(Server::kAsset).size());
  EXPECT_EQ(r.Header("content-range"), "bytes 0-6/" + total);
  Response tail = Get("/assets/app-1a2b3c.js", {{"Range", "bytes=-3"}});
  EXPECT_EQ(tail.status, 206u);
  EXPECT_EQ(tail.body, "');");
  Response bad = Get("/assets/app-1a2b3c.js", {{"Range", "bytes=9999-"}});
  EXPECT_EQ(bad.status, 416u);
  EXPECT_EQ(bad.Header("content-range"), "bytes */" + total);
  // A Range with a stale If-Range gets the whole file.
  Response stale = Get("/assets/app-1a2b3c.js", {{"Range", "bytes=0-6"}, {"If-Range", "\"old\""}});
  EXPECT_EQ(stale.status, 200u);
  EXPECT_EQ(stale.body, Server::kAsset);
}

TEST_F(StaticFiles, AppRoutesFallBackToIndexButFilesAndApiDoNot) {
  Response page = Get("/c/1/candidates/97");
  EXPECT_EQ(page.status, 200u);
  EXPECT_EQ(page.body, Server::kIndex);
  Response missing = Get("/assets/missing-123.js");
  EXPECT_EQ(missing.status, 404u);
  EXPECT_EQ(missing.Json().at("code").as_string(), "not_found");
  Response api = Get("/api/v2/campaigns");
  EXPECT_EQ(api.status, 404u);
  EXPECT_EQ(api.Json().at("code").as_string(), "not_found");
}

TEST_F(StaticFiles, HeadHasTheLengthButNoBody) {
  Response r = server_->Connect().Send(bhttp::verb::head, "/assets/app-1a2b3c.js");
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.Header("content-length"), std::to_string(std::string(Server::kAsset).size()));
  EXPECT_TRUE(r.body.empty());
}

TEST_F(StaticFiles, PathTraversalFindsNothing) {
  Client c = server_->Connect();
  Response r = c.Raw("GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(r.body.find("shuangshai test index"), std::string::npos) << "served the SPA, not a file outside";
  Response enc = Get("/%2e%2e/%2e%2e/etc/passwd");
  EXPECT_EQ(enc.body.find("root:"), std::string::npos);
}

}  // namespace
}  // namespace ss::testing

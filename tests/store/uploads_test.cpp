// The store conformance suite for resumable uploads (store/media.h): an upload's offset moves
// only from where it is, completes at its length, survives a reopen, and expires.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "conformance.h"

namespace ss::tests {
namespace {

using store::OpenStore;
using store::Store;
using store::UploadRecord;

class UploadConformanceTest : public FreshStoreTest {
 protected:

  static UploadRecord Upload(const std::string& id, std::int64_t length = 1000, Millis expires_at = 10'000) {
    UploadRecord u;
    u.id = id;
    u.owner = 7;
    u.campaign_id = 1;
    u.candidate_id = 97;
    u.kind = "video";
    u.filename = "宣讲.mp4";
    u.filetype = "video/mp4";
    u.length = length;
    u.created_at = 1000;
    u.expires_at = expires_at;
    return u;
  }
};

TEST_P(UploadConformanceTest, CreatedAtOffsetZeroAndReadBack) {
  ASSERT_TRUE(s().uploads().Create(Upload("u1")).Wait().ok());
  auto got = s().uploads().Get("u1");
  ASSERT_TRUE(got.ok() && got->has_value());
  const UploadRecord& u = **got;
  EXPECT_EQ(u.owner, 7);
  EXPECT_EQ(u.candidate_id, 97);
  EXPECT_EQ(u.kind, "video");
  EXPECT_EQ(u.filename, "宣讲.mp4");
  EXPECT_EQ(u.filetype, "video/mp4");
  EXPECT_EQ(u.length, 1000);
  EXPECT_EQ(u.offset, 0);
  EXPECT_EQ(u.completed_at, 0);
  EXPECT_FALSE(s().uploads().Get("nope")->has_value());
  EXPECT_EQ(s().uploads().Create(Upload("u1")).Wait().code(), code::kConflict);
}

TEST_P(UploadConformanceTest, TheOffsetMovesOnlyFromWhereItIsAndCompletesAtTheLength) {
  ASSERT_TRUE(s().uploads().Create(Upload("u1")).Wait().ok());
  auto a = s().uploads().Advance("u1", 0, 400, 2000, 90'000).Wait();
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->offset, 400);
  EXPECT_EQ(a->expires_at, 90'000);
  EXPECT_EQ(a->completed_at, 0);
  // A second request that still thinks the offset is 0 is refused and changes nothing.
  EXPECT_EQ(s().uploads().Advance("u1", 0, 300, 2100, 90'000).Wait().status().code(), code::kConflict);
  EXPECT_EQ(s().uploads().Advance("u1", 400, 1001, 2100, 90'000).Wait().status().code(), code::kInvalid);
  EXPECT_EQ((*s().uploads().Get("u1"))->offset, 400);
  auto done = s().uploads().Advance("u1", 400, 1000, 3000, 90'000).Wait();
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->completed_at, 3000);
  EXPECT_EQ(s().uploads().Advance("missing", 0, 1, 3000, 1).Wait().status().code(), code::kNotFound);
}

TEST_P(UploadConformanceTest, ConcurrentAdvancesFromOneOffsetMoveItOnce) {
  ASSERT_TRUE(s().uploads().Create(Upload("u1")).Wait().ok());
  std::atomic<int> won{0}, lost{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      auto r = s().uploads().Advance("u1", 0, 100 + i, 2000, 90'000).Wait();
      (r.ok() ? won : lost)++;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(lost.load(), 7);
}

TEST_P(UploadConformanceTest, TheOffsetSurvivesAReopen) {
  ASSERT_TRUE(s().uploads().Create(Upload("u1")).Wait().ok());
  ASSERT_TRUE(s().uploads().Advance("u1", 0, 640, 2000, 90'000).Wait().ok());
  Reopen();
  EXPECT_EQ((*s().uploads().Get("u1"))->offset, 640);
}

TEST_P(UploadConformanceTest, UnfinishedUploadsExpireAndAreDeleted) {
  ASSERT_TRUE(s().uploads().Create(Upload("old", 1000, 5'000)).Wait().ok());
  ASSERT_TRUE(s().uploads().Create(Upload("fresh", 1000, 50'000)).Wait().ok());
  ASSERT_TRUE(s().uploads().Create(Upload("done", 10, 5'000)).Wait().ok());
  ASSERT_TRUE(s().uploads().Advance("done", 0, 10, 2000, 4'000).Wait().ok());
  auto expired = s().uploads().Expired(6'000, 100);
  ASSERT_TRUE(expired.ok());
  ASSERT_EQ(expired->size(), 1u);
  EXPECT_EQ(expired->front().id, "old");
  ASSERT_TRUE(s().uploads().Delete("old").Wait().ok());
  EXPECT_EQ(s().uploads().Delete("old").Wait().code(), code::kNotFound);
  EXPECT_TRUE(s().uploads().Expired(6'000, 100)->empty());
  EXPECT_EQ(s().uploads().Expired(60'000, 100)->size(), 1u);  // "fresh", later; "done" never
}

INSTANTIATE_TEST_SUITE_P(Backends, UploadConformanceTest, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace ss::tests

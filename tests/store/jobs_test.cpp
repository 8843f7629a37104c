// The store conformance suite for background jobs (store/jobs.h): queued once, claimed once,
// retried after a delay while attempts are left, and queued again after a crash.
#include <gtest/gtest.h>

#include "conformance.h"

namespace ss::tests {
namespace {

using store::JobRecord;
using store::JobState;

class JobConformanceTest : public FreshStoreTest {
 protected:
  store::JobRepository& jobs() { return store_->jobs(); }
};

TEST_P(JobConformanceTest, AJobIsQueuedOnceClaimedOnceAndFinished) {
  auto a = jobs().Enqueue("transcode", "u1", 3, 1000).Wait();
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->state, JobState::kQueued);
  auto again = jobs().Enqueue("transcode", "u1", 3, 2000).Wait();
  EXPECT_EQ(again->id, a->id);  // the same job, not a second one
  EXPECT_FALSE(jobs().Claim("export", 5000).Wait()->has_value());  // another kind
  auto claimed = jobs().Claim("transcode", 5000).Wait();
  ASSERT_TRUE(claimed.ok() && claimed->has_value());
  EXPECT_EQ((*claimed)->state, JobState::kRunning);
  EXPECT_EQ((*claimed)->attempts, 1);
  EXPECT_FALSE(jobs().Claim("transcode", 5000).Wait()->has_value());  // running: not twice
  ASSERT_TRUE(jobs().SetProgress(a->id, 420, 5100).Wait().ok());
  EXPECT_EQ((*jobs().Find("transcode", "u1"))->progress, 420);
  ASSERT_TRUE(jobs().Finish(a->id, "{\"duration_ms\":5000}", 6000).Wait().ok());
  auto done = *jobs().Find("transcode", "u1");
  EXPECT_EQ(done->state, JobState::kDone);
  EXPECT_EQ(done->progress, 1000);
  EXPECT_EQ(done->result, "{\"duration_ms\":5000}");
  EXPECT_EQ(jobs().SetProgress(999, 1, 1).Wait().code(), code::kNotFound);
}

TEST_P(JobConformanceTest, AFailureRetriesAfterItsDelayUntilTheAttemptsAreUsed) {
  auto a = *jobs().Enqueue("transcode", "u1", 2, 1000).Wait();
  ASSERT_TRUE(jobs().Claim("transcode", 1000).Wait()->has_value());
  ASSERT_TRUE(jobs().Fail(a.id, "磁盘已满", true, 9000, 2000).Wait().ok());
  auto waiting = *jobs().Find("transcode", "u1");
  EXPECT_EQ(waiting->state, JobState::kQueued);
  EXPECT_EQ(waiting->error, "磁盘已满");
  EXPECT_FALSE(jobs().Claim("transcode", 8999).Wait()->has_value());  // not before its delay
  ASSERT_TRUE(jobs().Claim("transcode", 9000).Wait()->has_value());
  ASSERT_TRUE(jobs().Fail(a.id, "磁盘又满了", true, 20000, 9500).Wait().ok());
  auto failed = *jobs().Find("transcode", "u1");
  EXPECT_EQ(failed->state, JobState::kFailed);  // both attempts used
  EXPECT_EQ(failed->attempts, 2);
  EXPECT_FALSE(jobs().Claim("transcode", 30000).Wait()->has_value());
  // A failure that no retry can fix (not a video) is final at once.
  auto b = *jobs().Enqueue("transcode", "u2", 3, 1000).Wait();
  ASSERT_TRUE(jobs().Claim("transcode", 1000).Wait()->has_value());
  ASSERT_TRUE(jobs().Fail(b.id, "不是视频文件", false, 0, 2000).Wait().ok());
  EXPECT_EQ((*jobs().Find("transcode", "u2"))->state, JobState::kFailed);
}

TEST_P(JobConformanceTest, ARunningJobOfADeadProcessIsQueuedAgainAtStartUp) {
  auto a = *jobs().Enqueue("transcode", "u1", 3, 1000).Wait();
  ASSERT_TRUE(jobs().Claim("transcode", 1000).Wait()->has_value());
  ASSERT_TRUE(jobs().SetProgress(a.id, 500, 1500).Wait().ok());
  Reopen();
  auto recovered = jobs().Recover(3000).Wait();
  ASSERT_TRUE(recovered.ok());
  EXPECT_EQ(*recovered, 1);
  auto again = jobs().Claim("transcode", 3000).Wait();
  ASSERT_TRUE(again.ok() && again->has_value());
  EXPECT_EQ((*again)->attempts, 2);
  EXPECT_EQ((*again)->progress, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, JobConformanceTest, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace ss::tests

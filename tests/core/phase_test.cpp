#include "core/phase.h"

#include <gtest/gtest.h>

#include "demo.h"

namespace ss {
namespace {

using tests::HasField;

const TimeZone kShanghai{"Asia/Shanghai", 480};

Millis Day(const char* date) { return *ParseLocalDate(date, kShanghai); }
Millis EndOfDay(const char* date) { return Day(date) + kMillisPerDay - 1; }

// The Wuhai 2022 schedule (data/demo/wuhai-2022.json), built by hand.
PhaseSchedule WuhaiSchedule() {
  struct Row {
    PhaseKey key;
    const char* start;
    const char* end;
  };
  const Row rows[] = {
      {PhaseKey::kDraft, "2022-02-08", "2022-02-20"},     {PhaseKey::kShowcase, "2022-02-21", "2022-04-10"},
      {PhaseKey::kReview, "2022-04-11", "2022-04-20"},    {PhaseKey::kVoting, "2022-04-21", "2022-05-31"},
      {PhaseKey::kJudging, "2022-06-01", "2022-06-10"},   {PhaseKey::kTally, "2022-06-11", "2022-06-14"},
      {PhaseKey::kPublicity, "2022-06-15", "2022-06-21"}, {PhaseKey::kFinal, "2022-06-28", "2022-07-01"},
  };
  std::vector<Phase> phases;
  for (const auto& r : rows) {
    Phase p;
    p.key = r.key;
    p.name = std::string(PhaseDefaultTitle(r.key));
    p.start = p.original_start = Day(r.start);
    p.end = p.original_end = EndOfDay(r.end);
    phases.push_back(p);
  }
  return PhaseSchedule(std::move(phases));
}

TEST(PhaseKeyTest, NamesRoundTrip) {
  for (int i = 0; i < kPhaseCount; ++i) {
    auto key = static_cast<PhaseKey>(i);
    EXPECT_EQ(PhaseFromKey(PhaseKeyName(key)), key);
    EXPECT_FALSE(PhaseDefaultTitle(key).empty());
  }
  EXPECT_EQ(PhaseKeyName(PhaseKey::kVoting), "voting");
  EXPECT_EQ(PhaseDefaultTitle(PhaseKey::kVoting), "展播与投票");
  EXPECT_FALSE(PhaseFromKey("closed").has_value());
}

TEST(PhaseScheduleTest, WuhaiScheduleIsValid) {
  Status s = WuhaiSchedule().Validate();
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST(PhaseScheduleTest, PhasesOutOfOrder) {
  auto schedule = WuhaiSchedule();
  std::swap(schedule.mutable_phases()[3].key, schedule.mutable_phases()[4].key);
  Status s = schedule.Validate();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), code::kInvalid);
  EXPECT_TRUE(HasField(s, "phases[3].key")) << s.ToString();
  EXPECT_TRUE(HasField(s, "phases[4].key")) << s.ToString();
}

TEST(PhaseScheduleTest, OverlappingPhases) {
  auto schedule = WuhaiSchedule();
  schedule.mutable_phases()[4].start = Day("2022-05-31");  // judging starts on the last voting day
  Status s = schedule.Validate();
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(HasField(s, "phases[4].start")) << s.ToString();
}

TEST(PhaseScheduleTest, StartAfterEnd) {
  auto schedule = WuhaiSchedule();
  schedule.mutable_phases()[5].end = Day("2022-06-11") - 1;
  Status s = schedule.Validate();
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(HasField(s, "phases[5].end")) << s.ToString();
}

TEST(PhaseScheduleTest, OneDayPhaseIsFine) {
  auto schedule = WuhaiSchedule();
  schedule.mutable_phases()[5].end = EndOfDay("2022-06-11");
  Status s = schedule.Validate();
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST(PhaseScheduleTest, MissingPhase) {
  auto schedule = WuhaiSchedule();
  schedule.mutable_phases().erase(schedule.mutable_phases().begin() + 5);  // no tally
  Status s = schedule.Validate();
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(HasField(s, "phases")) << s.ToString();
  EXPECT_TRUE(HasField(s, "phases[5].key")) << s.ToString();
}

TEST(PhaseScheduleTest, ArchivedMustNotBeListed) {
  auto schedule = WuhaiSchedule();
  Phase archived;
  archived.key = PhaseKey::kArchived;
  archived.name = "已归档";
  archived.start = Day("2022-08-01");
  archived.end = EndOfDay("2022-08-01");
  schedule.mutable_phases().push_back(archived);
  Status s = schedule.Validate();
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(HasField(s, "phases")) << s.ToString();
}

TEST(PhaseScheduleTest, EmptyPhaseName) {
  auto schedule = WuhaiSchedule();
  schedule.mutable_phases()[2].name.clear();
  Status s = schedule.Validate();
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(HasField(s, "phases[2].name")) << s.ToString();
}

TEST(PhaseScheduleTest, ScheduledAt) {
  auto schedule = WuhaiSchedule();
  EXPECT_EQ(schedule.ScheduledAt(Day("2022-01-01")), PhaseKey::kDraft);
  EXPECT_EQ(schedule.ScheduledAt(Day("2022-02-08")), PhaseKey::kDraft);
  EXPECT_EQ(schedule.ScheduledAt(Day("2022-04-21") - 1), PhaseKey::kReview);
  EXPECT_EQ(schedule.ScheduledAt(Day("2022-04-21")), PhaseKey::kVoting);
  EXPECT_EQ(schedule.ScheduledAt(EndOfDay("2022-05-31")), PhaseKey::kVoting);
  EXPECT_EQ(schedule.ScheduledAt(Day("2022-06-01")), PhaseKey::kJudging);
  // Between publicity's end and final's start the campaign is still in publicity.
  EXPECT_EQ(schedule.ScheduledAt(Day("2022-06-25")), PhaseKey::kPublicity);
  EXPECT_EQ(schedule.ScheduledAt(Day("2022-06-28")), PhaseKey::kFinal);
  EXPECT_EQ(schedule.ScheduledAt(Day("2023-01-01")), PhaseKey::kFinal);
}

TEST(PhaseScheduleTest, FindAndShift) {
  auto schedule = WuhaiSchedule();
  ASSERT_NE(schedule.Find(PhaseKey::kVoting), nullptr);
  EXPECT_EQ(schedule.Find(PhaseKey::kVoting)->start, Day("2022-04-21"));
  EXPECT_EQ(schedule.Find(PhaseKey::kArchived), nullptr);
  schedule.Shift(7 * kMillisPerDay);
  const Phase* voting = schedule.Find(PhaseKey::kVoting);
  EXPECT_EQ(voting->start, Day("2022-04-28"));
  EXPECT_EQ(voting->end, EndOfDay("2022-06-07"));
  EXPECT_EQ(voting->original_start, Day("2022-04-21"));
  EXPECT_EQ(voting->original_end, EndOfDay("2022-05-31"));
}

TEST(EffectivePhaseTest, AutoAdvanceFollowsTheSchedule) {
  auto schedule = WuhaiSchedule();
  EXPECT_EQ(EffectivePhase(PhaseKey::kReview, schedule, Day("2022-05-01"), true), PhaseKey::kVoting);
  EXPECT_EQ(EffectivePhase(PhaseKey::kDraft, schedule, Day("2022-06-16"), true), PhaseKey::kPublicity);
}

TEST(EffectivePhaseTest, WithoutAutoAdvanceTheStoredPhaseStays) {
  auto schedule = WuhaiSchedule();
  EXPECT_EQ(EffectivePhase(PhaseKey::kReview, schedule, Day("2022-05-01"), false), PhaseKey::kReview);
  EXPECT_EQ(EffectivePhase(PhaseKey::kDraft, schedule, Day("2022-06-16"), false), PhaseKey::kDraft);
}

TEST(EffectivePhaseTest, NeverGoesBack) {
  auto schedule = WuhaiSchedule();
  // The organizer advanced to judging early; the calendar still says voting.
  EXPECT_EQ(EffectivePhase(PhaseKey::kJudging, schedule, Day("2022-05-01"), true), PhaseKey::kJudging);
  EXPECT_EQ(EffectivePhase(PhaseKey::kArchived, schedule, Day("2022-05-01"), true), PhaseKey::kArchived);
  EXPECT_EQ(EffectivePhase(PhaseKey::kArchived, schedule, Day("2023-05-01"), true), PhaseKey::kArchived);
}

TEST(CheckAdvanceTest, OnlyOneStepForward) {
  for (int i = 0; i + 1 < kPhaseCount; ++i) {
    auto from = static_cast<PhaseKey>(i);
    auto next = static_cast<PhaseKey>(i + 1);
    EXPECT_TRUE(CheckAdvance(from, next).ok()) << PhaseKeyName(from);
  }
  EXPECT_EQ(CheckAdvance(PhaseKey::kDraft, PhaseKey::kReview).code(), code::kWrongPhase);
  EXPECT_EQ(CheckAdvance(PhaseKey::kReview, PhaseKey::kFinal).code(), code::kWrongPhase);
}

TEST(CheckAdvanceTest, NeverBackNorInPlace) {
  Status back = CheckAdvance(PhaseKey::kVoting, PhaseKey::kReview);
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.code(), code::kWrongPhase);
  EXPECT_NE(back.message().find("回退"), std::string::npos) << back.message();
  EXPECT_EQ(CheckAdvance(PhaseKey::kVoting, PhaseKey::kVoting).code(), code::kWrongPhase);
  EXPECT_EQ(CheckAdvance(PhaseKey::kArchived, PhaseKey::kDraft).code(), code::kWrongPhase);
}

TEST(CheckActionTest, VoteOnlyInVoting) {
  for (int i = 0; i < kPhaseCount; ++i) {
    auto phase = static_cast<PhaseKey>(i);
    Status s = CheckAction(Action::kVote, phase);
    if (phase == PhaseKey::kVoting) {
      EXPECT_TRUE(s.ok()) << s.ToString();
    } else {
      EXPECT_EQ(s.code(), code::kWrongPhase) << PhaseKeyName(phase);
    }
  }
}

TEST(CheckActionTest, ObjectOnlyInPublicity) {
  for (int i = 0; i < kPhaseCount; ++i) {
    auto phase = static_cast<PhaseKey>(i);
    Status s = CheckAction(Action::kObject, phase);
    if (phase == PhaseKey::kPublicity) {
      EXPECT_TRUE(s.ok()) << s.ToString();
    } else {
      EXPECT_EQ(s.code(), code::kWrongPhase) << PhaseKeyName(phase);
    }
  }
}

TEST(CheckActionTest, ScoreOnlyWhileJudging) {
  EXPECT_TRUE(CheckAction(Action::kScore, PhaseKey::kJudging).ok());
  EXPECT_EQ(CheckAction(Action::kScore, PhaseKey::kVoting).code(), code::kWrongPhase);
  EXPECT_EQ(CheckAction(Action::kScore, PhaseKey::kTally).code(), code::kWrongPhase);
}

TEST(CheckActionTest, NoShowcaseEditFromReviewOn) {
  EXPECT_TRUE(CheckAction(Action::kEditShowcase, PhaseKey::kDraft).ok());
  EXPECT_TRUE(CheckAction(Action::kEditShowcase, PhaseKey::kShowcase).ok());
  for (PhaseKey p : {PhaseKey::kReview, PhaseKey::kVoting, PhaseKey::kFinal, PhaseKey::kArchived})
    EXPECT_EQ(CheckAction(Action::kEditShowcase, p).code(), code::kWrongPhase) << PhaseKeyName(p);
}

TEST(CheckActionTest, MessageNamesTheActionAndThePhase) {
  Status s = CheckAction(Action::kVote, PhaseKey::kReview);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("投票"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find(std::string(PhaseDefaultTitle(PhaseKey::kReview))), std::string::npos)
      << s.message();
}

TEST(CheckActionTest, NothingIsAllowedOnceArchived) {
  for (Action a : {Action::kEditShowcase, Action::kReviewShowcase, Action::kVote, Action::kRate,
                   Action::kScore, Action::kEnterEvaluation, Action::kObject, Action::kEditRoster}) {
    EXPECT_EQ(CheckAction(a, PhaseKey::kArchived).code(), code::kWrongPhase);
  }
}

}  // namespace
}  // namespace ss

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

namespace ss {
namespace {

// Advancing early: voting was to end on 5月31日; on 5月11日 at 10:00 the organizer moves on.
TEST(PlanAdvanceTest, EarlyAdvanceClosesNowAndOpensNow) {
  PhaseSchedule s = WuhaiSchedule();
  Millis now = Day("2022-05-11") + 2 * 3'600'000;  // 10:00 Beijing time
  PhaseAdvancePlan plan = PlanAdvance(s, PhaseKey::kVoting, PhaseKey::kJudging, now, kShanghai);
  EXPECT_EQ(plan.days_early, 20);
  EXPECT_EQ(plan.days_late, 0);
  const Phase* voting = plan.schedule.Find(PhaseKey::kVoting);
  const Phase* judging = plan.schedule.Find(PhaseKey::kJudging);
  ASSERT_TRUE(voting && judging);
  EXPECT_EQ(voting->start, Day("2022-04-21"));
  EXPECT_EQ(voting->end, now - 1);
  EXPECT_EQ(judging->start, now);
  EXPECT_EQ(judging->end, EndOfDay("2022-06-10"));  // its end stays
  EXPECT_EQ(voting->original_end, EndOfDay("2022-05-31"));  // the schedule as published stays
  EXPECT_EQ(judging->original_start, Day("2022-06-01"));
  ASSERT_EQ(plan.changes.size(), 2u);
  EXPECT_EQ(plan.changes[0].key, PhaseKey::kVoting);
  EXPECT_EQ(plan.changes[0].end_was, EndOfDay("2022-05-31"));
  EXPECT_EQ(plan.changes[1].key, PhaseKey::kJudging);
  EXPECT_EQ(plan.changes[1].start_was, Day("2022-06-01"));
  EXPECT_TRUE(plan.schedule.Validate().ok()) << plan.schedule.Validate().ToString();
  // The phase in effect now lies within its own dates.
  EXPECT_EQ(plan.schedule.ScheduledAt(now), PhaseKey::kJudging);
  EXPECT_EQ(EffectivePhase(PhaseKey::kJudging, plan.schedule, now, true), PhaseKey::kJudging);
}

TEST(PlanAdvanceTest, OnTheLastDayIsNotEarlyByADay) {
  PhaseSchedule s = WuhaiSchedule();
  Millis now = Day("2022-05-31") + 3'600'000;
  PhaseAdvancePlan plan = PlanAdvance(s, PhaseKey::kVoting, PhaseKey::kJudging, now, kShanghai);
  EXPECT_EQ(plan.days_early, 0);
  EXPECT_EQ(plan.schedule.Find(PhaseKey::kVoting)->end, now - 1);
}

// Late (no auto-advance): voting ended on time and stays; judging, whose whole window has
// passed, starts now and lasts to the end of today; the next phases move after it.
TEST(PlanAdvanceTest, LateAdvanceKeepsTheClosedEndAndPushesLaterPhases) {
  PhaseSchedule s = WuhaiSchedule();
  Millis now = Day("2022-06-12") + 3'600'000;
  PhaseAdvancePlan plan = PlanAdvance(s, PhaseKey::kVoting, PhaseKey::kJudging, now, kShanghai);
  EXPECT_EQ(plan.days_early, 0);
  EXPECT_EQ(plan.days_late, 11);
  EXPECT_EQ(plan.schedule.Find(PhaseKey::kVoting)->end, EndOfDay("2022-05-31"));
  EXPECT_EQ(plan.schedule.Find(PhaseKey::kJudging)->start, now);
  EXPECT_EQ(plan.schedule.Find(PhaseKey::kJudging)->end, EndOfDay("2022-06-12"));
  const Phase* tally = plan.schedule.Find(PhaseKey::kTally);
  EXPECT_EQ(tally->start, EndOfDay("2022-06-12") + 1);
  EXPECT_EQ(tally->end - tally->start, EndOfDay("2022-06-14") - Day("2022-06-11"));  // same length
  EXPECT_TRUE(plan.schedule.Validate().ok()) << plan.schedule.Validate().ToString();
  EXPECT_EQ(EffectivePhase(PhaseKey::kJudging, plan.schedule, now, true), PhaseKey::kJudging);
}

// A schedule left behind by an early advance made before dates followed (the phase in effect
// starts in the future): the closing phase and those before it are pulled back before now.
TEST(PlanAdvanceTest, RepairsAPhaseThatStartsInTheFuture) {
  PhaseSchedule s = WuhaiSchedule();
  Millis now = Day("2022-05-11");
  // Stored phase judging (advanced early without dates), now advanced again to tally.
  PhaseAdvancePlan plan = PlanAdvance(s, PhaseKey::kJudging, PhaseKey::kTally, now, kShanghai);
  EXPECT_TRUE(plan.schedule.Validate().ok()) << plan.schedule.Validate().ToString();
  EXPECT_EQ(plan.schedule.Find(PhaseKey::kTally)->start, now);
  EXPECT_LT(plan.schedule.Find(PhaseKey::kJudging)->end, now);
  EXPECT_LT(plan.schedule.Find(PhaseKey::kVoting)->end, plan.schedule.Find(PhaseKey::kJudging)->start);
  EXPECT_EQ(EffectivePhase(PhaseKey::kTally, plan.schedule, now, true), PhaseKey::kTally);
}

TEST(PlanAdvanceTest, ToArchivedClosesTheFinalPhase) {
  PhaseSchedule s = WuhaiSchedule();
  Millis now = Day("2022-06-29");
  PhaseAdvancePlan plan = PlanAdvance(s, PhaseKey::kFinal, PhaseKey::kArchived, now, kShanghai);
  EXPECT_EQ(plan.days_early, 2);
  EXPECT_EQ(plan.schedule.Find(PhaseKey::kFinal)->end, now - 1);
  EXPECT_TRUE(plan.schedule.Validate().ok());
}

}  // namespace
}  // namespace ss

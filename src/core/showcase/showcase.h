// A candidate's showcase (SPEC §4, issue 9): the sections the campaign names, theme tags from
// the candidate's level, photos with captions and one main video — what it may hold, when it
// may be submitted, and how its review moves it. Pure rules: the store keeps the versions,
// the API checks the phase (core/phase.h: Action::kEditShowcase, kReviewShowcase).
//
// States: a draft is saved any number of times; submitted, it waits for review and cannot be
// edited; the reviewer approves it (it becomes the public version) or returns it with a
// comment the candidate sees, and a returned showcase is edited and submitted again. An
// approved showcase edited again becomes a draft while the approved version stays public
// until the next approval.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/campaign.h"
#include "core/org.h"
#include "core/phase.h"
#include "core/policy.h"
#include "core/status.h"

namespace ss::showcase {

inline constexpr const char* kNotEditable = "showcase_not_editable";  // 409: submitted, waiting for review
inline constexpr const char* kNotSubmitted = "showcase_not_submitted";  // 409: nothing to review
inline constexpr const char* kIncomplete = "showcase_incomplete";      // 422: not ready to submit

// The HTTP status of a showcase refusal code, 0 when `code` is not one.
unsigned HttpStatusOf(std::string_view code);

struct Photo {
  std::string upload;   // the upload's id (a photo upload of this candidate)
  std::string caption;
};

struct Content {
  std::map<std::string, std::string> sections;  // section title (as configured) → text
  std::vector<std::string> themes;
  std::string video;                            // the main video's upload id, "" for none
  std::vector<Photo> photos;
};

struct Limits {
  std::size_t section_max_chars = 3000;   // characters (code points), per section
  std::size_t section_min_chars = 20;     // to submit: each section says something
  std::size_t max_themes = 3;
  std::size_t max_photos = 9;
  std::size_t caption_max_chars = 60;
  std::size_t comment_max_chars = 1000;   // a reviewer's comment
};

enum class State { kDraft, kSubmitted, kApproved, kReturned };
std::string_view StateKey(State s);   // "draft", "submitted", "approved", "returned"
std::string_view StateName(State s);  // "草稿", "待审核", "已通过", "已退回"
std::optional<State> ParseState(std::string_view key);

// Characters as a reader counts them (UTF-8 code points).
std::size_t CharCount(std::string_view utf8);

// What a saved draft may hold: only configured sections, each within section_max_chars;
// themes from config.ThemesFor(level), no repeats, at most max_themes; at most max_photos,
// captions within caption_max_chars; ids of the shape an upload id has. kInvalid with one
// detail per problem, its field named as the request names it ("sections.工作成效",
// "themes[1]", "photos[2].caption").
Status CheckDraft(const Content& content, const CampaignConfig& config, Level level, const Limits& limits);

// What a submission needs beyond a valid draft: every configured section at least
// section_min_chars, at least one theme, a main video and photos whose processing is done
// (their upload ids in `processed`). kIncomplete with one detail per missing part.
Status CheckSubmission(const Content& content, const CampaignConfig& config, Level level, const Limits& limits,
                       const std::set<std::string>& processed);

// Whether a showcase in `state` may be saved as a draft (not while it waits for review).
Status CheckEditable(State state);
// Whether it may be decided now (only a submitted one).
Status CheckReviewable(State state);

// The phase rule for editing (Action::kEditShowcase) and reviewing (kReviewShowcase): in the
// action's phases, go ahead; outside them a candidate is refused (kWrongPhase), and staff may
// go ahead only as an audited correction with a reason of at least 4 characters (else
// kInvalid on "reason", naming the phase).
Status CheckPhase(Action action, PhaseKey phase, Role role, const std::optional<std::string>& reason);

// A returned showcase needs a comment that says why (1..comment_max_chars, trimmed).
Status CheckReturnComment(std::string_view comment, const Limits& limits);

// A line-by-line comparison of two texts for the reviewer (the previous approved version and
// the submission): each piece kept, added or removed, in order (longest common subsequence
// over lines; texts here are a few dozen lines).
struct DiffPiece {
  enum Op { kSame, kAdded, kRemoved } op;
  std::string text;
};
std::vector<DiffPiece> DiffLines(std::string_view before, std::string_view after);

}  // namespace ss::showcase

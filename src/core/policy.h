// Who may do what: the one authorization table (role × permission → scope) that every
// handler asks. SPEC §1.
//
//   permission            admin  organizer  district_admin   judge  candidate
//   manage_users          all    judge and candidate accounts   —       —
//   edit_settings         all    all        —                —       —
//   advance_phase         all    all        —                —       —
//   read_roster           all    all        own district     —       —
//   edit_roster           all    all        own district     —       —
//   read_audit            all    all        own district     —       —
//   ballot_codes          all    all        own district     —       —
//   review_votes          all    all        own district     —       —
//
// Judges and candidates get their own workspaces (assigned showcases, their own record) in
// later capabilities; they are refused everything here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ss {

enum class Role { kAdmin, kOrganizer, kDistrictAdmin, kJudge, kCandidate };

std::string_view RoleKey(Role role);    // "district_admin"
std::string_view RoleName(Role role);   // "区委组织部"
std::optional<Role> RoleFromKey(std::string_view key);

// The signed-in staff member a request acts for.
struct Actor {
  std::int64_t user_id = 0;
  std::string username;
  Role role = Role::kJudge;
  std::string district;          // district code, for district admins
  std::int64_t candidate_id = 0; // for candidates
};

enum class Permission { kManageUsers, kEditSettings, kAdvancePhase, kReadRoster, kEditRoster, kReadAudit,
                        kBallotCodes,    // make, print, list and revoke party members' ballot codes
                        kReviewVotes };  // see quarantined votes' evidence; release or invalidate them

// What a permission reaches for a role.
enum class Scope { kNone, kOwnDistrict, kAll };
Scope ScopeOf(Role role, Permission permission);

// Whether `actor` may use `permission` on something in `district` (its district code; empty
// for what belongs to no district, such as the city or the campaign itself).
bool Allows(const Actor& actor, Permission permission, std::string_view district = {});

// Whether `actor` may edit the showcase of candidate `candidate` (in `district`), and so
// upload its media: organizers and admins any, a district admin their district's
// candidates, a candidate account its own (SPEC §1); a judge none.
bool MayEditShowcase(const Actor& actor, std::int64_t candidate, std::string_view district);

// Whether `actor` may review (approve or return) showcases of candidates in `district`:
// organizers and admins any, a district admin their district's.
bool MayReviewShowcase(const Actor& actor, std::string_view district);

// Which roles' accounts `actor` may create and manage.
bool MayManageRole(const Actor& actor, Role target);

}  // namespace ss

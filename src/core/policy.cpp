#include "core/policy.h"

namespace ss {
namespace {

struct RoleInfo {
  Role role;
  std::string_view key;
  std::string_view name;
};
constexpr RoleInfo kRoles[] = {
    {Role::kAdmin, "admin", "系统管理员"},          {Role::kOrganizer, "organizer", "活动组织者"},
    {Role::kDistrictAdmin, "district_admin", "区委组织部"}, {Role::kJudge, "judge", "评委"},
    {Role::kCandidate, "candidate", "参评书记"},
};

}  // namespace

std::string_view RoleKey(Role role) { return kRoles[static_cast<int>(role)].key; }
std::string_view RoleName(Role role) { return kRoles[static_cast<int>(role)].name; }

std::optional<Role> RoleFromKey(std::string_view key) {
  for (const auto& r : kRoles)
    if (r.key == key) return r.role;
  return std::nullopt;
}

Scope ScopeOf(Role role, Permission p) {
  switch (role) {
    case Role::kAdmin:
      return Scope::kAll;
    case Role::kOrganizer:
      return Scope::kAll;  // manage_users is narrowed by MayManageRole
    case Role::kDistrictAdmin:
      switch (p) {
        case Permission::kReadRoster:
        case Permission::kEditRoster:
        case Permission::kReadAudit:
        case Permission::kBallotCodes:
        case Permission::kReviewVotes:
          return Scope::kOwnDistrict;
        default:
          return Scope::kNone;
      }
    case Role::kJudge:
    case Role::kCandidate:
      return Scope::kNone;
  }
  return Scope::kNone;
}

bool Allows(const Actor& actor, Permission p, std::string_view district) {
  switch (ScopeOf(actor.role, p)) {
    case Scope::kAll: return true;
    case Scope::kOwnDistrict: return !actor.district.empty() && district == actor.district;
    case Scope::kNone: return false;
  }
  return false;
}

bool MayEditShowcase(const Actor& actor, std::int64_t candidate, std::string_view district) {
  switch (actor.role) {
    case Role::kAdmin:
    case Role::kOrganizer:
      return true;
    case Role::kDistrictAdmin:
      return !actor.district.empty() && district == actor.district;
    case Role::kCandidate:
      return candidate > 0 && actor.candidate_id == candidate;
    case Role::kJudge:
      return false;
  }
  return false;
}

bool MayReviewShowcase(const Actor& actor, std::string_view district) {
  if (actor.role == Role::kAdmin || actor.role == Role::kOrganizer) return true;
  return actor.role == Role::kDistrictAdmin && !actor.district.empty() && district == actor.district;
}

bool MayManageRole(const Actor& actor, Role target) {
  if (actor.role == Role::kAdmin) return true;
  if (actor.role == Role::kOrganizer) return target == Role::kJudge || target == Role::kCandidate;
  return false;
}

}  // namespace ss

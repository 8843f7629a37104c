#include "core/account_rules.h"

namespace ss {

bool ValidUsername(std::string_view u) {
  if (u.size() < 3 || u.size() > 32) return false;
  for (char c : u) {
    bool ascii_alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!ascii_alnum && c != '_' && c != '-' && c != '.') return false;
  }
  return true;
}

AccountBinding CheckAccountBinding(Role role, std::string_view district, std::int64_t candidate,
                                   const std::function<bool(std::string_view)>& district_exists,
                                   const std::function<bool(std::int64_t)>& candidate_exists) {
  if (role == Role::kDistrictAdmin && (district.empty() || !district_exists(district))) return AccountBinding::kNeedsDistrict;
  if (role == Role::kCandidate && (candidate <= 0 || !candidate_exists(candidate))) return AccountBinding::kNeedsCandidate;
  return AccountBinding::kOk;
}

}  // namespace ss

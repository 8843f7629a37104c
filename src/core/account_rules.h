// What makes a staff account well-formed, shared by the API (POST/PATCH /admin/users) and the
// command line (`user add`), so both refuse the same accounts:
//  - the username: 3–32 ASCII letters, digits, '_', '.' or '-';
//  - the role's binding: a district admin needs a district that exists, a candidate account a
//    candidate that exists (other roles bind to nothing).
// Whether a district or candidate exists is the caller's to answer (the API asks the
// catalog, the CLI the store); the wording of the refusal is the caller's too (a form field
// or a command-line option).
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "core/policy.h"

namespace ss {

inline constexpr std::string_view kUsernameRule = "用户名须为 3–32 位字母、数字、下划线、点或减号";

bool ValidUsername(std::string_view username);

enum class AccountBinding {
  kOk,
  kNeedsDistrict,   // district admin without an existing district
  kNeedsCandidate,  // candidate account without an existing candidate
};

// The binding `role` needs, checked against `district` and `candidate` (≤ 0: none). The
// lookups are asked only when the role needs them and the value is given.
AccountBinding CheckAccountBinding(Role role, std::string_view district, std::int64_t candidate,
                                   const std::function<bool(std::string_view)>& district_exists,
                                   const std::function<bool(std::int64_t)>& candidate_exists);

}  // namespace ss

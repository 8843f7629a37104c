// The minimum password policy for staff accounts: at least 10 characters, at most 128 bytes,
// not only digits, not containing the username, not one of the passwords everyone tries first.
#pragma once

#include <string_view>

#include "core/status.h"

namespace ss {

inline constexpr std::size_t kMinPasswordChars = 10;

// kInvalid with one FieldError on `field` saying what to change, or ok.
Status CheckPassword(std::string_view password, std::string_view username, std::string_view field = "password");

}  // namespace ss

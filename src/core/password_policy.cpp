#include "core/password_policy.h"

#include <algorithm>
#include <string>

namespace ss {
namespace {

std::size_t Utf8Chars(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

Status CheckPassword(std::string_view password, std::string_view username, std::string_view field) {
  auto bad = [&](std::string msg) { return Status(code::kInvalid, "密码不符合要求", {{0, std::string(field), std::move(msg)}}); };
  if (Utf8Chars(password) < kMinPasswordChars) return bad("密码至少 " + std::to_string(kMinPasswordChars) + " 个字符");
  if (password.size() > 128) return bad("密码不能超过 128 个字节");
  if (std::all_of(password.begin(), password.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return bad("密码不能全是数字");
  std::string lower = Lower(password);
  if (!username.empty() && lower.find(Lower(username)) != std::string::npos) return bad("密码不能包含用户名");
  static constexpr std::string_view kCommon[] = {"1234567890", "12345678910", "qwertyuiop", "password123", "abcdefghij",
                                                 "a123456789", "1qaz2wsx3edc", "qwerty12345", "woaini1314520", "admin12345"};
  for (auto c : kCommon)
    if (lower == c) return bad("密码太常见，请换一个");
  if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password[0]; })) return bad("密码不能是同一个字符重复");
  return Status::Ok();
}

}  // namespace ss

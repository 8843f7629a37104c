// Status and Result: how expected failures travel through Shuangshai.
//
// A failure is a value, never an exception: a machine-readable code (e.g. "bad_param"),
// a Chinese message for the person who caused it, and, for validation of files and forms,
// a list of field errors that say exactly where (line and column, or a JSON path).
// Exceptions are reserved for programming errors and start-up.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace ss {

// One problem in one place of an input: a field of a form, a column of a CSV line,
// a key of a JSON document.
struct FieldError {
  int line = 0;        // 1-based line of the input file; 0 when the input has no lines
  std::string field;   // column name or JSON path, e.g. "性别" or "weights.public_opinion"
  std::string message; // Chinese, says what is wrong and what is expected
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // success
  Status(std::string code, std::string message, std::vector<FieldError> details = {})
      : code_(std::move(code)), message_(std::move(message)), details_(std::move(details)) {}

  static Status Ok() { return {}; }

  bool ok() const { return code_.empty(); }
  const std::string& code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::vector<FieldError>& details() const { return details_; }

  // "message" followed by one line per field error: "第 3 行 性别：…".
  std::string ToString() const;

 private:
  std::string code_;
  std::string message_;
  std::vector<FieldError> details_;
};

// Appends `from`'s field errors to `to` (a Status returned by value must be held while
// its details are read).
inline void AppendDetails(std::vector<FieldError>& to, const Status& from) {
  to.insert(to.end(), from.details().begin(), from.details().end());
}

// Machine codes shared by the whole program; the HTTP layer maps each to a status.
namespace code {
inline constexpr const char* kBadParam = "bad_param";            // 400
inline constexpr const char* kBadJson = "bad_json";              // 400
inline constexpr const char* kInvalid = "invalid";               // 422: well-formed, breaks a rule
inline constexpr const char* kNotFound = "not_found";            // 404
inline constexpr const char* kUnauthenticated = "unauthenticated"; // 401: not signed in
inline constexpr const char* kBadCredentials = "bad_credentials";  // 401
inline constexpr const char* kForbidden = "forbidden";           // 403: signed in, not allowed
inline constexpr const char* kCsrf = "csrf";                     // 403
inline constexpr const char* kAccountDisabled = "account_disabled";  // 403
inline constexpr const char* kTooManyAttempts = "too_many_attempts"; // 429
inline constexpr const char* kConflict = "conflict";             // 409
inline constexpr const char* kWrongPhase = "wrong_phase";        // 409
inline constexpr const char* kTooLarge = "payload_too_large";    // 413
inline constexpr const char* kUnsupportedMedia = "unsupported_media_type";  // 415
inline constexpr const char* kMethodNotAllowed = "method_not_allowed";      // 405
inline constexpr const char* kTimeout = "timeout";               // 408
inline constexpr const char* kUnavailable = "unavailable";       // 503
inline constexpr const char* kInternal = "internal";             // 500
}  // namespace code

// Either a value or a failed Status (std::expected arrives only with C++23).
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  // The failure; an ok Status when there is a value. A reference, so that
  // `for (auto& d : r.status().details())` never walks a destroyed temporary.
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<1>(v_);
  }

 private:
  std::variant<T, Status> v_;
};

}  // namespace ss

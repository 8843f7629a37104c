// Reading JSON request bodies. Body() refuses what is not a JSON object (400 bad_json);
// Fields reads typed values out of it and collects every problem, so that a form gets all
// its errors at once (422 invalid, one detail per field, named by the request's own keys).
#pragma once

#include <boost/json.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/roster_rules.h"
#include "core/status.h"
#include "http/router.h"

namespace ss::api {

Result<boost::json::object> Body(const http::Context& ctx);

struct PageParams {
  int page = 1;
  int page_size = 20;
};
// "page" (≥ 1) and "page_size" (1..100) from a query; kBadParam naming the bad one.
Result<PageParams> ParsePage(const std::map<std::string, std::string>& query);

class Fields {
 public:
  explicit Fields(const boost::json::object& o) : o_(o) {}

  bool Has(std::string_view key) const { return o_.contains(key); }
  // A string of at most `max_bytes` (trimmed of surrounding spaces); required ones must be non-empty.
  std::optional<std::string> String(std::string_view key, bool required, std::size_t max_bytes = 200);
  std::optional<std::int64_t> Int(std::string_view key, bool required, std::int64_t min, std::int64_t max);
  std::optional<bool> Bool(std::string_view key, bool required);

  void Fail(std::string field, std::string message) { errors_.push_back({0, std::move(field), std::move(message)}); }
  bool ok() const { return errors_.empty(); }
  // kInvalid with every problem, or ok.
  Status Finish(std::string message = "提交的内容有误") const;

 private:
  const boost::json::object& o_;
  std::vector<FieldError> errors_;
};

// The candidate form (create when `creating`: every field required) read into a change,
// with the form's own problems in `form_errors` (DecideCandidate reports them in its order).
CandidateChange ReadCandidateForm(const boost::json::object& body, bool creating, std::vector<FieldError>& form_errors);

}  // namespace ss::api

#include "api/body.h"

#include "core/numbers.h"

namespace ss::api {
namespace json = boost::json;

Result<json::object> Body(const http::Context& ctx) {
  const auto& body = ctx.request.body();
  if (body.empty()) return Status(code::kBadJson, "请求内容为空，应为 JSON 对象");
  boost::system::error_code ec;
  json::parse_options opt;
  opt.max_depth = 32;
  json::value v = json::parse(body, ec, {}, opt);
  if (ec) return Status(code::kBadJson, "请求内容不是有效的 JSON");
  if (!v.is_object()) return Status(code::kBadJson, "请求内容应为 JSON 对象");
  return std::move(v.as_object());
}

Result<PageParams> ParsePage(const std::map<std::string, std::string>& query) {
  PageParams p;
  auto read = [&](const char* name, int& field, int max) -> bool {
    auto it = query.find(name);
    if (it == query.end() || it->second.empty()) return true;
    auto n = ParseDigits(it->second, max);
    if (!n || *n < 1) return false;
    field = static_cast<int>(*n);
    return true;
  };
  if (!read("page", p.page, 1'000'000)) return Status(code::kBadParam, "page 须为从 1 开始的页码");
  if (!read("page_size", p.page_size, 100)) return Status(code::kBadParam, "page_size 须在 1 到 100 之间");
  return p;
}

std::optional<std::string> Fields::String(std::string_view key, bool required, std::size_t max_bytes) {
  const json::value* v = o_.if_contains(key);
  if (!v || v->is_null()) {
    if (required) Fail(std::string(key), "不能为空");
    return std::nullopt;
  }
  if (!v->is_string()) {
    Fail(std::string(key), "应为文字");
    return std::nullopt;
  }
  std::string_view s = v->get_string();
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (required && s.empty()) {
    Fail(std::string(key), "不能为空");
    return std::nullopt;
  }
  if (s.size() > max_bytes) {
    Fail(std::string(key), "不能超过 " + std::to_string(max_bytes) + " 个字节");
    return std::nullopt;
  }
  return std::string(s);
}

std::optional<std::int64_t> Fields::Int(std::string_view key, bool required, std::int64_t min, std::int64_t max) {
  const json::value* v = o_.if_contains(key);
  if (!v || v->is_null()) {
    if (required) Fail(std::string(key), "不能为空");
    return std::nullopt;
  }
  std::int64_t n = 0;
  if (v->is_int64()) n = v->get_int64();
  else if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(max)) n = static_cast<std::int64_t>(v->get_uint64());
  else if (auto whole = v->is_double() ? IntegralDouble(v->get_double()) : std::nullopt) n = *whole;
  else {
    Fail(std::string(key), "应为整数");
    return std::nullopt;
  }
  if (n < min || n > max) {
    Fail(std::string(key), "应在 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间");
    return std::nullopt;
  }
  return n;
}

std::optional<bool> Fields::Bool(std::string_view key, bool required) {
  const json::value* v = o_.if_contains(key);
  if (!v || v->is_null()) {
    if (required) Fail(std::string(key), "不能为空");
    return std::nullopt;
  }
  if (!v->is_bool()) {
    Fail(std::string(key), "应为 true 或 false");
    return std::nullopt;
  }
  return v->get_bool();
}

CandidateChange ReadCandidateForm(const json::object& body, bool creating, std::vector<FieldError>& form_errors) {
  Fields f(body);
  CandidateChange change;
  change.no = f.Int("no", creating, 1, 999999);
  change.name = f.String("name", creating, 64);
  change.gender = f.String("gender", creating, 8);
  change.title = f.String("title", creating, 128);
  change.unit = f.String("unit", creating, 32);
  change.active = f.Bool("active", false);
  change.reason = f.String("reason", false, 500);
  if (Status bad = f.Finish(); !bad.ok()) form_errors = bad.details();
  return change;
}

Status Fields::Finish(std::string message) const {
  if (errors_.empty()) return Status::Ok();
  return Status(code::kInvalid, std::move(message), errors_);
}

}  // namespace ss::api

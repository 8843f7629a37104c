#include "http/router.h"

#include <stdexcept>

namespace ss::http {
namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

bool IsParam(std::string_view seg) { return seg.size() > 2 && seg.front() == '{' && seg.back() == '}'; }

// The next segment of `path` from `at` (empty segments, as in "//", are skipped like Split).
std::string_view NextSegment(std::string_view path, std::size_t& at) {
  while (at < path.size() && path[at] == '/') ++at;
  std::size_t end = path.find('/', at);
  if (end == std::string_view::npos) end = path.size();
  std::string_view seg = path.substr(at, end - at);
  at = end;
  return seg;
}

}  // namespace

const std::string& Context::Param(std::string_view name) const {
  static const std::string kEmpty;
  for (const auto& [k, v] : path_params)
    if (k == name) return v;
  return kEmpty;
}

void Router::Add(bhttp::verb method, std::string pattern, Handler handler, std::size_t body_limit) {
  Route r{method, pattern, std::move(handler), body_limit, {}};
  for (auto seg : Split(pattern)) {
    r.segments.emplace_back(seg);
    r.param_count += IsParam(seg);
  }
  if (r.param_count > kMaxPathParams) throw std::logic_error("route " + pattern + " has too many parameters");
  max_body_limit_ = std::max(max_body_limit_, body_limit);
  routes_.push_back(std::move(r));
}

void Router::AddStreaming(bhttp::verb method, std::string pattern, Handler handler, std::size_t body_limit) {
  Add(method, std::move(pattern), std::move(handler), body_limit);
  routes_.back().streams_body = true;
}

Router::Match Router::Find(bhttp::verb method, std::string_view path) const {
  Match m;
  for (const auto& r : routes_) {
    PathParams<std::string_view> params;
    std::size_t at = 0;
    bool ok = true;
    for (const auto& p : r.segments) {
      std::string_view seg = NextSegment(path, at);
      if (seg.empty()) {
        ok = false;
        break;
      }
      if (IsParam(p)) params.items[params.count++] = {std::string_view(p).substr(1, p.size() - 2), seg};
      else if (p != seg) {
        ok = false;
        break;
      }
    }
    if (!ok || !NextSegment(path, at).empty()) continue;
    if (r.method == method) {
      m.kind = Match::kFound;
      m.route = &r;
      m.params = std::move(params);
      return m;
    }
    m.kind = Match::kMethodNotAllowed;
    std::string name(bhttp::to_string(r.method));
    if (m.allow.find(name) == std::string::npos) m.allow += (m.allow.empty() ? "" : ", ") + name;
  }
  return m;
}

}  // namespace ss::http

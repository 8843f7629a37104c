#include "http/router.h"

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

}  // namespace

const std::string& Context::Param(std::string_view name) const {
  static const std::string kEmpty;
  for (const auto& [k, v] : path_params)
    if (k == name) return v;
  return kEmpty;
}

void Router::Add(bhttp::verb method, std::string pattern, Handler handler, std::size_t body_limit) {
  Route r{method, pattern, std::move(handler), body_limit, {}};
  for (auto seg : Split(pattern)) r.segments.emplace_back(seg);
  max_body_limit_ = std::max(max_body_limit_, body_limit);
  routes_.push_back(std::move(r));
}

Router::Match Router::Find(bhttp::verb method, std::string_view path) const {
  Match m;
  auto segs = Split(path);
  for (const auto& r : routes_) {
    if (r.segments.size() != segs.size()) continue;
    std::vector<std::pair<std::string, std::string>> params;
    bool ok = true;
    for (std::size_t i = 0; i < segs.size() && ok; ++i) {
      const auto& p = r.segments[i];
      if (IsParam(p)) params.emplace_back(p.substr(1, p.size() - 2), std::string(segs[i]));
      else ok = p == segs[i];
    }
    if (!ok) continue;
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

#include "http/query.h"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace ss::http {

std::optional<Target> ParseTarget(std::string_view target) {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return std::nullopt;
  const boost::urls::url_view& u = *parsed;
  Target t;
  t.path = u.path();
  boost::urls::encoding_opts opts;
  opts.space_as_plus = true;
  for (auto p : u.params(opts)) t.query[std::string(p.key)] = p.has_value ? std::string(p.value) : std::string();
  return t;
}

bool IsPlainPath(std::string_view target) {
  if (target.empty() || target.front() != '/') return false;
  for (char ch : target) {
    unsigned char c = static_cast<unsigned char>(ch);
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
              c == '_' || c == '~' || c == '/' || c == ':' || c == '@' || c == '!' || c == '$' || c == '&' ||
              c == '\'' || c == '(' || c == ')' || c == '*' || c == '+' || c == ',' || c == ';' || c == '=';
    if (!ok) return false;
  }
  return true;
}

}  // namespace ss::http

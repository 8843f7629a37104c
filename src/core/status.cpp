#include "core/status.h"

namespace ss {

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out = message_;
  for (const auto& d : details_) {
    out += "\n  ";
    if (d.line > 0) out += "第 " + std::to_string(d.line) + " 行 ";
    if (!d.field.empty()) out += d.field + "：";
    out += d.message;
  }
  return out;
}

}  // namespace ss

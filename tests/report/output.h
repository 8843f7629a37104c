// What the report tests share: a command's standard output (poppler-utils, zbarimg).
#pragma once

#include <cstdio>
#include <memory>
#include <string>

namespace ss::report {

inline std::string Output(const std::string& command) {
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> p(popen(command.c_str(), "r"), pclose);
  if (!p) return out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p.get())) > 0;) out.append(buf, n);
  return out;
}

}  // namespace ss::report

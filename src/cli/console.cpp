#include "cli/console.h"

#include <iostream>

namespace ss::cli {

void PrintError(const Status& s) { std::cerr << "错误：" << s.ToString() << "\n"; }

std::unique_ptr<store::Store> OpenOrReport(const std::string& db) {
  auto store = store::OpenStore(db);
  if (!store) {
    PrintError(store.status());
    return nullptr;
  }
  return std::move(*store);
}

store::AuditEvent ConsoleAudit(std::string action, std::string target, std::string after) {
  store::AuditEvent e;
  e.at = NowMillis();
  e.actor = "命令行";
  e.role = "system";
  e.action = std::move(action);
  e.target = std::move(target);
  e.after = std::move(after);
  return e;
}

}  // namespace ss::cli

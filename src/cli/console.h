// What the data sub-commands share: printing a failure, opening the store with a printed
// reason, and the audit entry of an action taken at the server's console.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "store/store.h"

namespace ss::cli {

// "错误：<message>" and each field error, on stderr.
void PrintError(const Status& s);

// The store, or null after printing why it could not be opened.
std::unique_ptr<store::Store> OpenOrReport(const std::string& db);

// Commands at the console act as the operating system's user, not as a staff account.
store::AuditEvent ConsoleAudit(std::string action, std::string target, std::string after = {});

}  // namespace ss::cli

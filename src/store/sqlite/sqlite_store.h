// The SQLite implementation of the Store (store/store.h).
//
// One database file in WAL mode: readers never block the writer. Reads take a connection
// from a small pool; writes go through the one writer connection under a mutex (SQLite
// allows one writer at a time anyway). synchronous=FULL: a commit is durable when it returns.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace ss::store::sqlite {

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, const StoreOptions& options);

}  // namespace ss::store::sqlite

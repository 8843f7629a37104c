#include "store/store.h"

#include "store/sqlite/sqlite_store.h"

namespace ss::store {

Result<std::unique_ptr<Store>> OpenStore(const std::string& url, const StoreOptions& options) {
  std::string path = url;
  if (path.rfind("sqlite:", 0) == 0) path = path.substr(7);
  if (path.rfind("postgres://", 0) == 0 || path.rfind("postgresql://", 0) == 0)
    return Status(code::kUnavailable, "此版本尚未支持 PostgreSQL，请使用 SQLite 数据库文件");
  if (path.empty()) return Status(code::kUnavailable, "数据库路径为空");
  return sqlite::OpenSqliteStore(path, options);
}

}  // namespace ss::store

// The SQLite schema as an ordered list of forward-only migrations. A migration is never
// edited once released; a change is a new migration at the end.
#pragma once

#include <vector>

namespace ss::store::sqlite {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

const std::vector<Migration>& Migrations();

}  // namespace ss::store::sqlite

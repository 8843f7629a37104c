// The sub-commands of `shuangshai`. Each returns the process exit code:
// 0 done, 1 the input or the environment was refused (the message says why), 2 bad
// configuration or usage.
#pragma once

#include <cstdint>
#include <string>

#include "cli/config.h"

namespace ss::cli {

int Serve(const ConfigFlags& flags);

struct InitOptions {
  std::string db;
  bool demo = false;
};
int Init(const InitOptions& options);

int ImportCampaign(const std::string& db, const std::string& file);
int ImportRoster(const std::string& db, std::int64_t campaign, const std::string& file);
int ExportRoster(const std::string& db, std::int64_t campaign, const std::string& out);

}  // namespace ss::cli

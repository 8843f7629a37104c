// The sub-commands of `shuangshai`. Each returns the process exit code:
// 0 done, 1 the input or the environment was refused (the message says why), 2 bad
// configuration or usage.
#pragma once

#include <cstdint>
#include <string>

#include "cli/config.h"
#include "core/status.h"

namespace ss::store {
class Store;
}

namespace ss::cli {

int Serve(const ConfigFlags& flags);

struct InitOptions {
  std::string db;
  bool demo = false;
  bool demo_votes = true;  // --no-demo-votes: the demo without its voting history (quicker test databases)
  int demo_voters = 4000;  // --demo-voters N: how many simulated voters the history has (≈ 7.7 votes each)
  // --demo-phase showcase: the demo in the middle of 材料提交 (candidates write their
  // showcases; no votes yet) instead of 展播与投票.
  std::string demo_phase = "voting";
  int demo_showcases = 0;  // --demo-showcases N: approved showcases with a video (needs ffmpeg; make run: 6)
};
int Init(const InitOptions& options);

struct UserAddOptions {
  std::string db;
  std::string username;
  std::string display_name;
  std::string role;
  std::string district;
  std::int64_t candidate = 0;
};
// Passwords are read from standard input.
int UserAdd(const UserAddOptions& options);
int UserList(const std::string& db);
int UserSetDisabled(const std::string& db, const std::string& username, bool disabled);
int UserResetPassword(const std::string& db, const std::string& username);
int AuditVerify(const std::string& db);

struct CodesOptions {
  std::string db = "var/shuangshai.db";
  std::int64_t campaign = 0;
  std::string district;  // the district's code; may be left out when the campaign has one
  std::string branch;
  int count = 0;
  std::string pdf;       // write the slips here instead of printing the codes
  std::string url = "http://127.0.0.1:8080";  // the site's public address, for the QR codes
};
int CodesGenerate(const CodesOptions& options);
int CodesList(const std::string& db, std::int64_t campaign);
// Revokes every unused code of a batch.
int CodesRevoke(const std::string& db, std::int64_t campaign, std::int64_t batch, const std::string& reason);

// photo-sizes: the server's photo jobs run it as a child (media/photos.h); prints one JSON
// line, exit 0 when written, 2 when the picture is refused.
struct PhotoSizesOptions {
  std::string in, out, widths = "480,960,1920";
  int min_width = 320, min_height = 240;
  std::int64_t max_pixels = 100'000'000;
};
int PhotoSizes(const PhotoSizesOptions& options);

struct VerifyOptions {
  std::string url;         // the site, e.g. http://127.0.0.1:8080
  std::string db;          // or the database itself
  std::int64_t campaign = 0;
  std::string public_key;  // hex; when given, the server's key must be this one
  std::string witness;     // a file of the heads seen before: none may vanish or change
};
// Checks a campaign's public log: every head's signature and root, the entries' tally
// against the published counts. 0 passed, 1 failed (naming where), 2 usage.
int Verify(const VerifyOptions& options);

int ImportCampaign(const std::string& db, const std::string& file);
int ImportRoster(const std::string& db, std::int64_t campaign, const std::string& file);
int ExportRoster(const std::string& db, std::int64_t campaign, const std::string& out);

// The demo's staff accounts with random passwords, printed once and written beside the
// database to demo-accounts.txt (mode 0600). Accounts that exist already are kept.
Status CreateDemoAccounts(store::Store& store, const std::string& db_path, std::int64_t campaign);

// True when the store holds campaigns and every one is the embedded demo (what init --demo
// creates, matched by name as init does): the data of `make run`. A database that also holds
// a real campaign is not the demo, so the demo's conveniences (codes written to a file) stop.
Result<bool> IsDemoData(store::Store& store);

}  // namespace ss::cli

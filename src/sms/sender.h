// SMS providers: how a voter's one-time code reaches their phone.
//
// One interface, two providers chosen by `[sms] provider` (cli/config.h):
//   http  POSTs a filled body template to a gateway (http:// or https://), with an optional
//         auth header, a timeout per attempt and retries with backoff on connection errors
//         and 5xx; 2xx is success, anything else a Status naming the gateway's answer.
//   file  appends "<UTC time>\t<phone>\t<code>\n" to a file — for the demo and --dev only
//         (CheckSmsAllowed), since it sends nothing to anyone.
// Send blocks (network or disk): call it on the blocking pool. A Sender is shared by every
// thread. No provider ever logs the code, nor puts it into a Status.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace ss::sms {

struct Message {
  std::string phone;  // 11 digits, checked by the caller
  std::string code;   // the 6-digit code
  std::string text;   // the whole SMS as the voter reads it (OtpText)
};

// The SMS text for a code (one place for the wording the gateway's template approval sees).
std::string OtpText(std::string_view code, int valid_minutes);

class Sender {
 public:
  virtual ~Sender() = default;
  // Blocking; the server calls it on its blocking pool.
  virtual Status Send(const Message& m) = 0;
};

enum class Provider { kNone, kFile, kHttp };  // kNone: no [sms] provider configured

struct Settings {
  Provider provider = Provider::kNone;
  std::string file;  // file: where the lines go (the configuration defaults it to sms.txt beside the database)
  // http: the gateway. {phone}, {code} and {text} in the template are replaced, JSON-escaped
  // when the content type is JSON and percent-encoded when it is a form.
  std::string url;
  std::string body_template = R"({"phone":"{phone}","text":"{text}"})";
  std::string content_type = "application/json";
  std::string auth_header;  // e.g. "Authorization"; empty: none sent
  std::string auth_value;   // e.g. "Bearer …" (or SHUANGSHAI_SMS_AUTH_VALUE, kept out of files)
  int timeout_ms = 5000;    // per attempt: connect, send and the gateway's answer
  int retries = 2;          // further attempts after a connection error or a 5xx
  int backoff_ms = 200;     // pause before the first retry, doubled for each next one (not in TOML)
};

// "http", "file" → the provider; kNone for anything else.
Provider ParseProvider(std::string_view name);
const char* ProviderName(Provider p);

// The values themselves: a FieldError per problem, keyed like the TOML ("sms.url").
Status CheckSettings(const Settings& s);

// Start-up rule: the file provider only with the demo data or --dev.
Status CheckSmsAllowed(const Settings& s, bool demo_or_dev);

// What serve runs with: an unset provider becomes `file` with the demo data or --dev (so
// `make run` works without a gateway) and stays kNone otherwise (no sender: phone sign-in
// is refused, serve warns); then CheckSmsAllowed.
Result<Settings> SettingsForServe(Settings s, bool demo_or_dev);

// The provider named by the settings (which CheckSettings accepted); kNone is an error.
// The file provider creates the file's folder and checks it can append at once.
Result<std::unique_ptr<Sender>> MakeSender(const Settings& s);

// The body sent for a message: exposed for tests and for the docs' examples.
std::string FillTemplate(const Settings& s, const Message& m);

}  // namespace ss::sms

// libFuzzer target: request targets and Range headers, the two parsers every request meets.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/query.h"
#include "http/range.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)ss::http::ParseTarget(text);
  for (std::uint64_t length : {0ull, 1ull, 100ull, 1ull << 40}) {
    ss::http::ByteRange r;
    if (ss::http::ParseRange(text, length, r) == ss::http::RangeResult::kPartial) {
      if (r.first > r.last || r.last >= length) std::abort();  // always inside the file
    }
  }
  return 0;
}

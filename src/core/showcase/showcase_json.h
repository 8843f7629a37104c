// A showcase's content as JSON, the same shape in the API and in the store:
//   {"sections": {"工作思路举措": "…", …}, "themes": ["…"], "video": "<upload id>" | "",
//    "photos": [{"upload": "<upload id>", "caption": "…"}]}
#pragma once

#include <boost/json.hpp>
#include <string>

#include "core/showcase/showcase.h"

namespace ss::showcase {

boost::json::object ContentJson(const Content& content);
std::string ContentText(const Content& content);

// Reads content from a request body or a stored row. kBadParam / kInvalid naming the field
// (e.g. "sections.工作成效 应为文字") when a value has the wrong type; absent fields are empty.
Result<Content> ParseContent(const boost::json::value& v);
Result<Content> ParseContentText(std::string_view text);

}  // namespace ss::showcase

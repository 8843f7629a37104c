// Reading the text files people hand to the CLI. Excel on Chinese Windows saves CSV as
// GB18030 (GBK) unless told otherwise, so text that is not UTF-8 is converted from GB18030;
// text that is neither is refused with a message saying how to save it.
#pragma once

#include <string>

#include "core/status.h"

namespace ss::cli {

// The file's bytes. kNotFound / kUnavailable with the path in the message.
Result<std::string> ReadFile(const std::string& path);

// UTF-8 text: as is when already UTF-8, else converted from GB18030.
Result<std::string> ReadText(const std::string& path);

}  // namespace ss::cli

// The providers behind MakeSender (sms/sender.h); settings already checked by CheckSettings.
#pragma once

#include <memory>

#include "sms/sender.h"

namespace ss::sms {

Result<std::unique_ptr<Sender>> MakeFileSender(const Settings& s);
Result<std::unique_ptr<Sender>> MakeHttpSender(const Settings& s);

}  // namespace ss::sms

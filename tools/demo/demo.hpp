#pragma once
// `ombud demo`: the sample organisation with an embedded Redis and a sandbox SMS provider;
// the person at the terminal plays the customer.

#include "app/config.hpp"

#include <iosfwd>

namespace ombud::demo {

/// `config`: the sample organisation, as loaded. Each line read from `in` is an SMS from the demo customer, signed and posted to the
/// gateway's own webhook; every SMS the gateway sends is printed to `out`. End of input
/// waits for the replies still on their way, then stops. Returns the exit code.
int run_demo(app::Config config, std::istream& in, std::ostream& out);

}  // namespace ombud::demo

#pragma once
// application/x-www-form-urlencoded bodies, decoded with Boost.URL.

#include <boost/system/result.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ombud::channels {

/// Decoded name/value pairs in the order received; repeated names are kept.
using FormParams = std::vector<std::pair<std::string, std::string>>;

/// Decodes a form body ('+' is a space, %XX escapes). A malformed escape is an error.
boost::system::result<FormParams> parse_form(std::string_view body);

/// The first value of `name`, or "" when absent.
std::string_view form_value(const FormParams& params, std::string_view name);

/// Encodes pairs as a form body (the inverse of parse_form).
std::string encode_form(const FormParams& params);

}  // namespace ombud::channels

#include "channels/common/form.hpp"

#include <boost/url/decode_view.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/parse_query.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

namespace ombud::channels {

boost::system::result<FormParams> parse_form(std::string_view body) {
  FormParams out;
  if (body.empty()) return out;
  // Debian's libboost_url 1.81 reads the query up to a NUL (strlen) whatever the view's length
  // (found by fuzzing): give it a NUL-terminated copy, so that it never reads past the body.
  const std::string text(body);
  auto encoded = boost::urls::parse_query(text);
  if (!encoded) return encoded.error();
  boost::urls::encoding_opts opts;
  opts.space_as_plus = true;
  // Decoded one by one: Debian's libboost_url 1.81 lacks params_view(view, encoding_opts).
  for (auto param : *encoded) {
    if (param.key.empty() && param.value.empty()) continue;  // "a=1&&b=2"
    boost::urls::decode_view key(param.key, opts), value(param.value, opts);
    out.emplace_back(std::string(key.begin(), key.end()), std::string(value.begin(), value.end()));
  }
  return out;
}

std::string_view form_value(const FormParams& params, std::string_view name) {
  for (const auto& [k, v] : params)
    if (k == name) return v;
  return {};
}

std::string encode_form(const FormParams& params) {
  boost::urls::encoding_opts opts;
  opts.space_as_plus = true;
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) out += '&';
    out += boost::urls::encode(k, boost::urls::unreserved_chars, opts);
    out += '=';
    out += boost::urls::encode(v, boost::urls::unreserved_chars, opts);
  }
  return out;
}

}  // namespace ombud::channels

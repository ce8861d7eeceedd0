#include "channels/twilio/signature.hpp"

#include "channels/common/base64.hpp"
#include "channels/common/crypto.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <set>

namespace ombud::channels {
namespace {

// The URL as given, with the default port, and without a port: Twilio has signed each.
std::vector<std::string> url_variants(std::string_view url) {
  std::vector<std::string> out{std::string(url)};
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) return out;
  boost::urls::url u(*parsed);
  const bool https = u.scheme() == "https";
  if (u.has_port()) {
    u.remove_port();
    out.emplace_back(u.buffer());
  } else {
    u.set_port(https ? "443" : "80");
    out.emplace_back(u.buffer());
  }
  return out;
}

// Each signature comparison is constant-time; which URL variant matched is no secret, so the
// variants are tried in turn and the common case computes one HMAC.
bool any_matches(std::string_view token, std::string_view url, const FormParams& params,
                 std::string_view signature) {
  if (equal_constant_time(twilio_signature(token, url, params), signature)) return true;
  const auto variants = url_variants(url);
  for (size_t i = 1; i < variants.size(); ++i)
    if (equal_constant_time(twilio_signature(token, variants[i], params), signature)) return true;
  return false;
}

}  // namespace

std::string twilio_signature(std::string_view auth_token, std::string_view url,
                             const FormParams& params) {
  std::map<std::string_view, std::set<std::string_view>> sorted;  // bytewise, de-duplicated
  for (const auto& [k, v] : params) sorted[k].insert(v);
  std::string data(url);
  for (const auto& [k, values] : sorted)
    for (const auto& v : values) {
      data += k;
      data += v;
    }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha1(), auth_token.data(), static_cast<int>(auth_token.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &len);
  return detail::base64(std::string_view(reinterpret_cast<const char*>(mac), len));
}

bool verify_twilio_signature(std::string_view auth_token, std::string_view url,
                             const FormParams& params, std::string_view signature) {
  if (signature.empty()) return false;
  return any_matches(auth_token, url, params, signature);
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : digest) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

bool verify_twilio_json_signature(std::string_view auth_token, std::string_view url,
                                  std::string_view body, std::string_view signature) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed || signature.empty()) return false;
  auto it = parsed->params().find("bodySHA256");
  if (it == parsed->params().end()) return false;
  if (!equal_constant_time((*it).value, sha256_hex(body))) return false;
  return any_matches(auth_token, url, {}, signature);
}

}  // namespace ombud::channels

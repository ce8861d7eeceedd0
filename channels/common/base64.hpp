#pragma once
// Standard base64 (with padding) through OpenSSL's encoder.

#include <openssl/evp.h>

#include <string>
#include <string_view>

namespace ombud::channels::detail {

inline std::string base64(std::string_view data) {
  std::string out(4 * ((data.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(data.data()),
                          static_cast<int>(data.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

}  // namespace ombud::channels::detail

#include "http/server.hpp"

#include <boost/url/parse.hpp>

namespace ombud::http {

void read_server_config(core::Section s, ServerConfig& c) {
  s.get("host", c.host);
  s.get("port", c.port);
  s.get("public_base_url", c.public_base_url, true);
  s.get("threads", c.threads);
  s.get("max_body_bytes", c.max_body_bytes);
  s.get("max_header_bytes", c.max_header_bytes);
  s.get("read_timeout_ms", c.read_timeout);
  s.get("shutdown_grace_ms", c.shutdown_grace);
  s.get("max_connections", c.max_connections);
  s.get("metrics_token", c.metrics_token);
  if (c.max_connections < 1) s.problem("max_connections", "must be at least 1");
  if (c.max_body_bytes < 1024) s.problem("max_body_bytes", "must be at least 1024");
  while (!c.public_base_url.empty() && c.public_base_url.back() == '/')
    c.public_base_url.pop_back();
  if (!c.public_base_url.empty() && !boost::urls::parse_absolute_uri(c.public_base_url))
    s.problem("public_base_url", "is not an absolute URL");
}

}  // namespace ombud::http

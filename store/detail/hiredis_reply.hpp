#pragma once
// Copying a hiredis reply into an owned Reply (defined in redis_client.cpp). Declared apart so
// that the test fixture's blocking inspector can share it without a public header naming
// hiredis.

#include "store/reply.hpp"

struct redisReply;

namespace ombud::store::detail {

Reply to_reply(const redisReply* reply);

}  // namespace ombud::store::detail

// Everything of a Twilio webhook and API answer that comes from outside: the form, the
// signature check, the inbound and status parsers, the send answer and the message list.
#include "channels/common/form.hpp"
#include "channels/common/inbound_text.hpp"
#include "channels/twilio/signature.hpp"
#include "channels/twilio/api.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

using namespace ombud::channels;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  // The first line is the signature header, the rest the body.
  const auto newline = input.find('\n');
  const std::string signature = input.substr(0, newline);
  const std::string body = newline == std::string::npos ? "" : input.substr(newline + 1);
  if (auto form = parse_form(body)) {
    verify_twilio_signature("12345", "https://ombud.test/webhooks/twilio/main", *form, signature);
    if (auto message = parse_twilio_inbound("main", *form, 0)) {
      // What is accepted is whole: valid UTF-8 text, identifiers of their shape.
      if (repair_utf8(message->text) != message->text) std::abort();
      if (!is_identifier(message->provider_id, 34) || !is_phone_number(message->from))
        std::abort();
      opt_keyword(*message);
    }
    parse_twilio_status(*form);
  }
  for (unsigned status : {200u, 201u, 400u, 503u}) {
    interpret_twilio_response({status, body});
    parse_twilio_message_list({status, body});
  }
  return 0;
}

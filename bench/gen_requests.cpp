// Writes N pre-signed Twilio inbound-SMS webhooks for workload W1, one per line:
// X-Twilio-Signature, a tab, the form body. Each has its own MessageSid and a Chinese Body.

#include "channels/twilio/channel.hpp"
#include "gateway/config.hpp"
#include "tools/demo/simulated_customer.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: ombud_gen_requests CONFIG COUNT OUT\n";
    return 2;
  }
  const auto config = ombud::gateway::load_config(argv[1]);
  const auto& account = ombud::channels::twilio::find_in(config.channels)->twilio_accounts().front();
  const long count = std::atol(argv[2]);
  std::ofstream out(argv[3]);
  const char* texts[] = {"我家宽带三天没网了，要求赔偿", "手机信号很差，打电话总是断线，请尽快处理",
                         "这个月话费多扣了50元，请核实并退还", "营业厅工作人员态度恶劣，我要投诉"};
  for (long i = 0; i < count; ++i) {
    char from[32], sid[40];
    std::snprintf(from, sizeof from, "+86138%08ld", i % 5000);
    std::snprintf(sid, sizeof sid, "SM%032ld", i);
    auto hook = ombud::demo::twilio_inbound_webhook(config, account, from, texts[i % 4], sid);
    out << hook.signature << '\t' << hook.body << '\n';
  }
  return 0;
}

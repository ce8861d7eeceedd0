#include "channels/twilio/signature.hpp"

#include <gtest/gtest.h>

// Vectors T1–T9 of specs/CHANNELS.md §1.3, byte for byte.

namespace ombud::channels {
namespace {

const FormParams kT2Params{{"CallSid", "CA1234567890ABCDE"},
                           {"Caller", "+14158675309"},
                           {"Digits", "1234"},
                           {"From", "+14158675309"},
                           {"To", "+18005551212"}};

TEST(TwilioSignature, T1DocsWorkedExample) {
  const FormParams params{{"CallSid", "CA1234567890ABCDE"},
                          {"Caller", "+14158675310"},
                          {"Digits", "1234"},
                          {"From", "+14158675310"},
                          {"To", "+18005551212"}};
  EXPECT_EQ(twilio_signature("12345", "https://example.com/myapp.php?foo=1&bar=2", params),
            "L/OH5YylLD5NRKLltdqwSvS0BnU=");
}

TEST(TwilioSignature, T2ToT5PortVariants) {
  EXPECT_EQ(twilio_signature("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", kT2Params),
            "RSOYDt4T1cUTdK1PDd93/VVr8B8=");
  EXPECT_EQ(twilio_signature("12345", "https://mycompany.com:443/myapp.php?foo=1&bar=2", kT2Params),
            "kvajT1Ptam85bY51eRf/AJRuM3w=");
  EXPECT_EQ(twilio_signature("12345", "http://mycompany.com:80/myapp.php?foo=1&bar=2", kT2Params),
            "0ZXoZLH/DfblKGATFgpif+LLRf4=");
  EXPECT_EQ(twilio_signature("12345", "http://mycompany.com:1234/myapp.php?foo=1&bar=2", kT2Params),
            "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=");
}

TEST(TwilioSignature, VerifyAcceptsSignaturesWithAndWithoutTheDefaultPort) {
  const std::string plain = "https://mycompany.com/myapp.php?foo=1&bar=2";
  const std::string with_port = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
  EXPECT_TRUE(verify_twilio_signature("12345", plain, kT2Params, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
  EXPECT_TRUE(verify_twilio_signature("12345", plain, kT2Params, "kvajT1Ptam85bY51eRf/AJRuM3w="));
  EXPECT_TRUE(
      verify_twilio_signature("12345", with_port, kT2Params, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
  EXPECT_TRUE(verify_twilio_signature("12345", "http://mycompany.com/myapp.php?foo=1&bar=2",
                                      kT2Params, "0ZXoZLH/DfblKGATFgpif+LLRf4="));
  // A non-default port is part of what was signed.
  EXPECT_TRUE(verify_twilio_signature("12345", "http://mycompany.com:1234/myapp.php?foo=1&bar=2",
                                      kT2Params, "Zmvh+3yNM1Phv2jhDCwEM3q5ebU="));
  EXPECT_FALSE(verify_twilio_signature("12345", "http://mycompany.com/myapp.php?foo=1&bar=2",
                                       kT2Params, "Zmvh+3yNM1Phv2jhDCwEM3q5ebU="));
}

TEST(TwilioSignature, VerifyRejectsWrongMissingOrTamperedSignatures) {
  const std::string url = "https://mycompany.com/myapp.php?foo=1&bar=2";
  EXPECT_FALSE(verify_twilio_signature("12345", url, kT2Params, ""));
  EXPECT_FALSE(verify_twilio_signature("12345", url, kT2Params, "RSOYDt4T1cUTdK1PDd93/VVr8B8"));
  EXPECT_FALSE(verify_twilio_signature("54321", url, kT2Params, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
  auto tampered = kT2Params;
  tampered[2].second = "1235";
  EXPECT_FALSE(verify_twilio_signature("12345", url, tampered, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
}

TEST(TwilioSignature, T6RepeatedKeysAreDeduplicatedAndSorted) {
  const FormParams params{{"Sid", "CA123"},
                          {"SidAccount", "AC123"},
                          {"Digits", "5678"},
                          {"Digits", "1234"},
                          {"Digits", "1234"}};
  EXPECT_EQ(twilio_signature("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", params),
            "IK+Dwps556ElfBT0I3Rgjkr1wJU=");
}

TEST(TwilioSignature, T7JsonBodyWithBodySha256) {
  const std::string body = R"({"property": "value", "boolean": true})";
  const std::string url =
      "https://mycompany.com/myapp.php?foo=1&bar=2&bodySHA256="
      "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
  EXPECT_EQ(twilio_signature("12345", url, {}), "a9nBmqA0ju/hNViExpshrM61xv4=");
  EXPECT_TRUE(verify_twilio_json_signature("12345", url, body, "a9nBmqA0ju/hNViExpshrM61xv4="));
  EXPECT_FALSE(
      verify_twilio_json_signature("12345", url, body + " ", "a9nBmqA0ju/hNViExpshrM61xv4="));
}

TEST(TwilioSignature, T8RealisticInboundSms) {
  const FormParams params{{"ToState", "CA"},
                          {"FromState", "CA"},
                          {"AccountSid", "ACba8bc05eacf94afdae398e642c9cc32d"},
                          {"SmsMessageSid", "SM2003cbd5e6a3701999aa3e5f20ff2787"},
                          {"Body", "Orly"},
                          {"From", "+14159354345"},
                          {"FromCity", "SAN FRANCISCO"},
                          {"SmsStatus", "received"},
                          {"FromZip", "94107"},
                          {"FromCountry", "US"},
                          {"To", "+14158141819"},
                          {"ToCity", "SAN FRANCISCO"},
                          {"ToZip", "94105"},
                          {"ToCountry", "US"},
                          {"ApiVersion", "2010-04-01"},
                          {"SmsSid", "SM2003cbd5e6a3701999aa3e5f20ff2787"}};
  EXPECT_EQ(twilio_signature("2bd9e9638872de601313dc77410d3b23",
                             "http://twiliotests.heroku.com/validate/sms", params),
            "mxeiv65lEe0b8L6LdVw2jgJi8yw=");
}

TEST(TwilioSignature, T9BodySha256) {
  EXPECT_EQ(sha256_hex(R"({"CallSid":"CA1234567890ABCDE","Caller":"+12349013030"})"),
            "5ccde7145dfb8f56479710896586cb9d5911809d83afbe34627818790db0aec9");
}

}  // namespace
}  // namespace ombud::channels

#include "cli/client.h"

#include <cstdio>
#include <cstdlib>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "cli/supervision_format.h"
#include "common/period.h"
#include "model/messages.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/type_resolver_util.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

ABSL_FLAG(std::string, server, "",
          "Supervisor address (default: $GONGKAI_SERVER, else 127.0.0.1:7450)");
ABSL_FLAG(std::string, token_file, "",
          "File holding the bearer token (default: $GONGKAI_TOKEN, else $GONGKAI_TOKEN_FILE)");
ABSL_FLAG(std::string, ca, "",
          "PEM CA certificate of the supervisor's TLS certificate; set: connect over TLS "
          "(default: $GONGKAI_CA)");
ABSL_FLAG(std::string, cert, "", "PEM client certificate, for a supervisor that checks them");
ABSL_FLAG(std::string, key, "", "PEM private key of --cert");
ABSL_FLAG(std::string, format, "text",
          "Output: text or json; league, status, annual also csv or xlsx (with --out); "
          "bulletin publish / show: md (the default), html or json");
ABSL_FLAG(std::string, tier, "",
          "units, league, annual: the tier (municipal, agency, county, township, or "
          "市政府, 市直部门, 县区, 乡镇街道)");
ABSL_FLAG(std::string, parent, "", "units, league, annual: only the units under this one");
ABSL_FLAG(bool, all, false,
          "league: kept for older scripts; the table is always read whole, streamed in chunks");
ABSL_FLAG(int, batch_size, 500, "push: reports per stream");
ABSL_FLAG(std::string, outbox, "",
          "push: the outbox folder, where reports wait until the supervisor has answered "
          "(default: $GONGKAI_OUTBOX, else $XDG_STATE_HOME/gongkai/outbox, else "
          "~/.local/state/gongkai/outbox)");
ABSL_FLAG(bool, resume, false, "push: send what the outbox holds (no FILE), retrying");
ABSL_FLAG(absl::Duration, retry_for, absl::Minutes(2),
          "push --resume: how long to keep retrying; push: how long to wait for another push "
          "using the same outbox");
ABSL_FLAG(std::string, check, "",
          "push --check FILE: check the reports of FILE without sending them (nothing is "
          "stored); annual-report: a published report's tables (CSV in the national layout) "
          "to compare with the months");
ABSL_FLAG(std::string, note, "",
          "finding add / rectify: what was found, or what was done; case interview: the record");
ABSL_FLAG(std::string, period, "", "finding list: only this period (YYYY-MM)");
ABSL_FLAG(std::string, unit, "", "finding list, cases: only this unit");
ABSL_FLAG(int, year, 0, "bulletin list: only this year's bulletins (default: every year)");
ABSL_FLAG(std::string, state, "open",
          "cases: open, closed, withdrawn or all (or 办理中, 已结案, 已撤回, 全部)");
ABSL_FLAG(std::string, date, "", "case interview: the day it took place (YYYY-MM-DD)");
ABSL_FLAG(std::string, correct, "",
          "bulletin publish: publish a correction (更正) of the period's bulletin, with this "
          "reason");
ABSL_FLAG(std::string, out, "",
          "bulletin publish / show: write the bulletin to this file; league, status, annual "
          "--format csv|xlsx: the file to export to");
ABSL_FLAG(std::string, lang, "zh",
          "the language of the supervisor's refusals and warnings and of this tool's summary "
          "lines: zh (中文, the default) or en");

namespace gongkai::cli {

int Usage(absl::string_view text) {
  std::fprintf(stderr, "usage: %s\n", std::string(text).c_str());
  return kExitUsage;
}

std::string Subcommand(const std::vector<std::string>& args, std::vector<std::string>* rest) {
  if (args.empty()) {
    rest->clear();
    return "";
  }
  rest->assign(args.begin() + 1, args.end());
  return args[0];
}

std::string ServerAddress() {
  std::string s = absl::GetFlag(FLAGS_server);
  if (s.empty()) {
    const char* env = std::getenv("GONGKAI_SERVER");
    s = env != nullptr && *env != '\0' ? env : "127.0.0.1:7450";
  }
  return s;
}

namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

// Exits with kExitUsage: a token or certificate that cannot be read leaves
// nothing sensible to send.
[[noreturn]] void Unusable(const std::string& why) {
  std::fprintf(stderr, "gongkai: %s\n", why.c_str());
  std::exit(kExitUsage);
}

std::string MustRead(const std::string& path, absl::string_view what) {
  absl::StatusOr<std::string> text = ReadFile(path);
  if (!text.ok() || text->empty()) Unusable(absl::StrCat("cannot read ", what, " ", path));
  return *std::move(text);
}

}  // namespace

std::string Token() {
  static const std::string* const token = [] {
    std::string t = Env("GONGKAI_TOKEN");
    std::string file = absl::GetFlag(FLAGS_token_file);
    if (file.empty() && t.empty()) file = Env("GONGKAI_TOKEN_FILE");
    if (!file.empty()) t = MustRead(file, "the token file");
    return new std::string(absl::StripAsciiWhitespace(t));
  }();
  return *token;
}

bool Json() { return absl::GetFlag(FLAGS_format) == "json"; }

std::string Text(const char* code, const std::map<std::string, std::string>& params) {
  return model::Say(code, params,
                    absl::GetFlag(FLAGS_lang) == "en" ? model::Lang::kEn : model::Lang::kZh);
}

bool ValidPeriod(const std::string& period) {
  if (ParsePeriod(period).ok()) return true;
  std::fprintf(stderr, "gongkai: %s\n", Text(model::PeriodRuleOf(period), {{"period", period}}).c_str());
  return false;
}

std::unique_ptr<grpc::ClientContext> Context(absl::Duration timeout) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  if (!Token().empty()) ctx->AddMetadata("authorization", absl::StrCat("Bearer ", Token()));
  ctx->AddMetadata("accept-language", absl::GetFlag(FLAGS_lang) == "en" ? "en" : "zh-CN");
  return ctx;
}

std::shared_ptr<grpc::Channel> Channel() {
  // A national tier's annual table is one answer of about 50 MB (300,000
  // rows); gRPC's default would refuse anything over 4 MB.
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(256 << 20);
  std::string ca = absl::GetFlag(FLAGS_ca);
  if (ca.empty()) ca = Env("GONGKAI_CA");
  if (ca.empty()) {
    if (!absl::GetFlag(FLAGS_cert).empty()) Unusable("--cert needs --ca (TLS)");
    return grpc::CreateCustomChannel(ServerAddress(), grpc::InsecureChannelCredentials(), args);
  }
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = MustRead(ca, "the CA certificate");
  if (absl::GetFlag(FLAGS_cert).empty() != absl::GetFlag(FLAGS_key).empty()) {
    Unusable("give both --cert and --key, or neither");
  }
  if (!absl::GetFlag(FLAGS_cert).empty()) {
    options.pem_cert_chain = MustRead(absl::GetFlag(FLAGS_cert), "the client certificate");
    options.pem_private_key = MustRead(absl::GetFlag(FLAGS_key), "the client key");
  }
  return grpc::CreateCustomChannel(ServerAddress(), grpc::SslCredentials(options), args);
}

int Report(const grpc::Status& status, absl::string_view what) {
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE ||
      status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
    std::fprintf(stderr, "gongkai: %s\n",
                 Text("cli.unreachable",
                      {{"server", ServerAddress()}, {"detail", status.error_message()}})
                     .c_str());
    return kExitUnreachable;
  }
  if (status.error_code() == grpc::StatusCode::UNAUTHENTICATED) {
    std::fprintf(stderr, "gongkai: %s: %s\n", std::string(what).c_str(),
                 Text("cli.unknown_caller", {{"detail", status.error_message()}}).c_str());
    return kExitRefused;
  }
  // A call the supervisor does not offer fails with UNIMPLEMENTED and no
  // message; name the code then.
  std::string message =
      status.error_message().empty()
          ? absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code()))
          : status.error_message();
  std::fprintf(stderr, "gongkai: %s: %s\n", std::string(what).c_str(), message.c_str());
  google::rpc::Status details;
  if (!status.error_details().empty() && details.ParseFromString(status.error_details())) {
    for (const auto& any : details.details()) {
      google::rpc::BadRequest bad;
      if (any.UnpackTo(&bad)) {
        for (const auto& v : bad.field_violations()) {
          std::fprintf(stderr, "  %s: %s\n", v.field().c_str(), v.description().c_str());
        }
      }
    }
  }
  return kExitRefused;
}

int Report(const absl::Status& status, absl::string_view what) {
  return Report(
      grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::string(status.message())),
      what);
}

std::string PrintJson(const google::protobuf::Message& m) {
  std::string out;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  // Through deterministic bytes, so that map fields (a warning's params, a
  // report's extra) print in key order and the same answer prints the same.
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    m.SerializeToCodedStream(&coded);
  }
  static google::protobuf::util::TypeResolver* resolver =
      google::protobuf::util::NewTypeResolverForDescriptorPool(
          "type.googleapis.com", google::protobuf::DescriptorPool::generated_pool());
  // A message built from a parsed response always converts (protobuf 3.21's
  // util::Status has no IgnoreError(), hence the cast).
  (void)google::protobuf::util::BinaryToJsonString(
      resolver, absl::StrCat("type.googleapis.com/", m.GetDescriptor()->full_name()), bytes, &out,
      options);
  return out;
}

std::string LocalTime(const google::protobuf::Timestamp& t) { return CityTime(t); }

bool ParseTierFlag(v1::Tier* tier) {
  std::string text = absl::GetFlag(FLAGS_tier);
  if (text.empty()) {
    *tier = v1::TIER_UNSPECIFIED;
    return true;
  }
  std::optional<v1::Tier> parsed = ParseTierArg(text);
  if (!parsed.has_value()) return false;
  *tier = *parsed;
  return true;
}

}  // namespace gongkai::cli

// What every gongkai command shares: the flags, the connection to the
// supervisor, and printing a failed call or a message.
#ifndef GONGKAI_CLI_CLIENT_H_
#define GONGKAI_CLI_CLIENT_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/flags/declare.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/file.h"
#include "gongkai/v1/unit.pb.h"
#include "google/protobuf/message.h"
#include "google/protobuf/timestamp.pb.h"
#include "grpcpp/grpcpp.h"

ABSL_DECLARE_FLAG(std::string, server);
ABSL_DECLARE_FLAG(std::string, format);
ABSL_DECLARE_FLAG(std::string, tier);
ABSL_DECLARE_FLAG(std::string, parent);
ABSL_DECLARE_FLAG(bool, all);
ABSL_DECLARE_FLAG(int, batch_size);
ABSL_DECLARE_FLAG(std::string, outbox);
ABSL_DECLARE_FLAG(bool, resume);
ABSL_DECLARE_FLAG(absl::Duration, retry_for);
ABSL_DECLARE_FLAG(std::string, check);
ABSL_DECLARE_FLAG(std::string, note);
ABSL_DECLARE_FLAG(std::string, period);
ABSL_DECLARE_FLAG(std::string, unit);
ABSL_DECLARE_FLAG(int, year);
ABSL_DECLARE_FLAG(std::string, state);
ABSL_DECLARE_FLAG(std::string, date);
ABSL_DECLARE_FLAG(std::string, correct);
ABSL_DECLARE_FLAG(std::string, out);

namespace gongkai::cli {

// Exit codes of every command.
constexpr int kExitOk = 0;
constexpr int kExitRefused = 1;      // the supervisor (or the file) said no
constexpr int kExitUsage = 2;        // bad arguments
constexpr int kExitUnreachable = 3;  // no supervisor (push: rows kept in the outbox)

// Prints "usage: <text>" to stderr. Returns kExitUsage.
int Usage(absl::string_view text);

// The subcommand of `args` ("add" of finding add ...; empty if none), with
// the arguments after it in `rest`.
std::string Subcommand(const std::vector<std::string>& args, std::vector<std::string>* rest);

// --server, else $GONGKAI_SERVER, else 127.0.0.1:7450.
std::string ServerAddress();

// The bearer token: $GONGKAI_TOKEN, else the contents of --token_file or
// $GONGKAI_TOKEN_FILE; empty if none (the supervisor then refuses with
// UNAUTHENTICATED). Exits with kExitUsage if the file cannot be read.
std::string Token();

// True for --format json.
bool Json();

// A context with a deadline `timeout` from now and the bearer token.
std::unique_ptr<grpc::ClientContext> Context(absl::Duration timeout = absl::Seconds(60));

// A channel to ServerAddress(): TLS if --ca (or $GONGKAI_CA) names the CA
// certificate, presenting --cert/--key if given; plaintext otherwise.
std::shared_ptr<grpc::Channel> Channel();

// Prints a failed call to stderr: its message, then every refused field of
// its google.rpc.BadRequest details on its own line. Returns the exit code:
// kExitUnreachable for UNAVAILABLE or DEADLINE_EXCEEDED, else kExitRefused.
int Report(const grpc::Status& status, absl::string_view what);

// The same for an absl::Status (the codes line up with gRPC's).
int Report(const absl::Status& status, absl::string_view what);

// The catalogue's text `code` (model/messages.h, the "cli." section) with
// `params` filled in, in the language of --lang (Chinese unless en).
std::string Text(const char* code, const std::map<std::string, std::string>& params = {});

// True if `period` is YYYY-MM; else says on stderr what is wrong with it, from
// the catalogue ("gongkai: 报告期“2026-1”不是 YYYY-MM 格式…").
bool ValidPeriod(const std::string& period);

// `m` as indented JSON with the proto field names.
std::string PrintJson(const google::protobuf::Message& m);

// "2025-07-03 09:15" in UTC+8 (CityTime, see cli/supervision_format.h).
std::string LocalTime(const google::protobuf::Timestamp& t);

// The tier from --tier (enum name in any case, or 市政府/市直部门/县区/乡镇街道);
// TIER_UNSPECIFIED if the flag is empty. False if it names no tier.
bool ParseTierFlag(v1::Tier* tier);

}  // namespace gongkai::cli

#endif  // GONGKAI_CLI_CLIENT_H_

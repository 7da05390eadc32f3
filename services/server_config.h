// The supervisor's configuration: a protobuf text-format file, or the
// embedded default.
#ifndef GONGKAI_SERVICES_SERVER_CONFIG_H_
#define GONGKAI_SERVICES_SERVER_CONFIG_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "core/schemes.h"
#include "core/validator.h"
#include "gongkai/config/v1/server.pb.h"
#include "grpcpp/security/server_credentials.h"

namespace gongkai::services {

inline constexpr char kDefaultListenAddress[] = "127.0.0.1:7450";
inline constexpr char kDefaultDataDir[] = "./var/gongkai";
inline constexpr char kDefaultIssuingOffice[] = "市政务公开办公室";

// Reads a text-format ServerConfig; its relative scheme_files become relative
// to the file's folder. INVALID_ARGUMENT with the line and column of a syntax
// error or unknown field; NOT_FOUND if the file is missing.
absl::StatusOr<config::v1::ServerConfig> LoadServerConfig(const std::string& path);

// Fills every unset field with its default. INVALID_ARGUMENT naming the field
// for a value out of range, a bad token entry, half a TLS key pair, or a
// plaintext port on an address other than loopback (unless
// allow_plaintext_remote).
absl::StatusOr<config::v1::ServerConfig> WithDefaults(config::v1::ServerConfig config);

// The schemes the config names (paths already resolved), or the embedded
// default scheme if it names none. NOT_FOUND for a missing file;
// INVALID_ARGUMENT naming the file and every problem of a bad scheme, or if
// the bulletin schedule's day is not after a scheme's deadline day.
absl::StatusOr<scoring::SchemeBook> LoadSchemeBook(const config::v1::ServerConfig& config);

// The gRPC port's credentials: TLS from the config's PEM files (checking
// client certificates if it names a CA), else plaintext. NOT_FOUND naming a
// file that cannot be read.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsOf(
    const config::v1::ServerConfig& config);

// True for an address only this machine can reach: 127.0.0.0/8, [::1],
// localhost, or a unix socket.
bool IsLoopback(absl::string_view listen_address);

// The validation rules a config sets (the scheme adds its own).
core::ValidationRules RulesOf(const config::v1::ServerConfig& config);

}  // namespace gongkai::services

#endif  // GONGKAI_SERVICES_SERVER_CONFIG_H_

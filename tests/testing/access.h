// Tokens for tests: a config that admits them, and channels that send one.
#ifndef GONGKAI_TESTS_TESTING_ACCESS_H_
#define GONGKAI_TESTS_TESTING_ACCESS_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gongkai/config/v1/server.pb.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/support/client_interceptor.h"
#include "core/tokens.h"

namespace gongkai::testing {

inline constexpr char kAdminToken[] = "gk_test-admin-token";
inline constexpr char kOfficeToken[] = "gk_test-office-token";

// Admits `token` for `name` in `config`.
inline void AddToken(config::v1::ServerConfig* config, const std::string& name,
                     config::v1::Role role, const std::string& unit_id, const std::string& token) {
  config::v1::AccessToken* t = config->add_tokens();
  t->set_name(name);
  t->set_role(role);
  t->set_unit_id(unit_id);
  t->set_sha256(core::HashToken(token));
}

// Admits kAdminToken ("test-admin") and kOfficeToken ("city-office").
inline void AddTestTokens(config::v1::ServerConfig* config) {
  AddToken(config, "test-admin", config::v1::ADMIN, "", kAdminToken);
  AddToken(config, "city-office", config::v1::OFFICE, "", kOfficeToken);
}

// A supervisor's config for a test: gRPC on a free loopback port, data under
// `data_dir`, no request log, and the test tokens admitted.
inline config::v1::ServerConfig LoopbackConfig(const std::string& data_dir) {
  config::v1::ServerConfig config;
  config.set_listen_address("127.0.0.1:0");
  config.set_data_dir(data_dir);
  config.set_log_requests(false);
  AddTestTokens(&config);
  return config;
}

// Adds `authorization: Bearer <token>` to every call of a channel.
class BearerInterceptor : public grpc::experimental::Interceptor {
 public:
  explicit BearerInterceptor(std::string header) : header_(std::move(header)) {}
  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            grpc::experimental::InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->insert({"authorization", header_});
    }
    methods->Proceed();
  }

 private:
  std::string header_;
};

class BearerInterceptorFactory : public grpc::experimental::ClientInterceptorFactoryInterface {
 public:
  explicit BearerInterceptorFactory(std::string token) : header_("Bearer " + token) {}
  grpc::experimental::Interceptor* CreateClientInterceptor(
      grpc::experimental::ClientRpcInfo*) override {
    return new BearerInterceptor(header_);
  }

 private:
  std::string header_;
};

// A plaintext channel to 127.0.0.1:`port` whose calls carry `token` (none if
// empty).
inline std::shared_ptr<grpc::Channel> TokenChannel(int port, const std::string& token) {
  std::string target = absl::StrCat("127.0.0.1:", port);
  if (token.empty()) return grpc::CreateChannel(target, grpc::InsecureChannelCredentials());
  std::vector<std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>> factories;
  factories.push_back(std::make_unique<BearerInterceptorFactory>(token));
  return grpc::experimental::CreateCustomChannelWithInterceptors(
      target, grpc::InsecureChannelCredentials(), grpc::ChannelArguments(), std::move(factories));
}

}  // namespace gongkai::testing

#endif  // GONGKAI_TESTS_TESTING_ACCESS_H_

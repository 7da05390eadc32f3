// The desk: the supervisor's HTTP port. Dashboard pages (from the web root),
// JSON under /api/v1/ for the same reads as gRPC, Excel and CSV exports,
// sign-in with a token into a cookie session, /metrics and /healthz.
//
// Served by cpp-httplib (Debian's libcpp-httplib-dev). Every /api/v1/ route
// finds the caller's session and hands over to services/calls.h, the same
// functions with the same access rules as the gRPC services.
#ifndef GONGKAI_SERVICES_HTTP_DESK_H_
#define GONGKAI_SERVICES_HTTP_DESK_H_

#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "common/clock.h"
#include "gongkai/config/v1/server.pb.h"
#include "services/auth.h"
#include "services/calls.h"
#include "services/metrics.h"
#include "services/sessions.h"

namespace httplib {
class Server;
}

namespace gongkai::services {

// What the desk serves from. Every pointer must outlive the desk.
struct DeskParts {
  const Calls* calls = nullptr;
  const Authenticator* auth = nullptr;
  Metrics* metrics = nullptr;
  Clock* clock = nullptr;
  bool log_requests = false;
};

// Thread-safe; serves on a thread pool of its own.
class HttpDesk {
 public:
  // Listens on config.http().listen_address (port 0: a free one), with TLS
  // if the config has it. UNAVAILABLE if the address cannot be bound;
  // NOT_FOUND if a TLS file cannot be read.
  // REQUIRES: config has its defaults (WithDefaults).
  static absl::StatusOr<std::unique_ptr<HttpDesk>> Start(const config::v1::ServerConfig& config,
                                                         DeskParts parts);
  ~HttpDesk();

  int port() const { return port_; }

  // Stops taking requests and waits for those in flight. Idempotent.
  void Stop();

 private:
  class Routes;
  HttpDesk(std::unique_ptr<httplib::Server> server, std::unique_ptr<Sessions> sessions,
           std::unique_ptr<Routes> routes, int port);

  std::unique_ptr<httplib::Server> server_;
  std::unique_ptr<Sessions> sessions_;
  // The handlers' state; they run until server_ stops.
  std::unique_ptr<Routes> routes_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace gongkai::services

#endif  // GONGKAI_SERVICES_HTTP_DESK_H_

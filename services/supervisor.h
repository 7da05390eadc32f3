// The supervisor: storage, core and the gRPC server, wired together.
#ifndef GONGKAI_SERVICES_SUPERVISOR_H_
#define GONGKAI_SERVICES_SUPERVISOR_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/clock.h"
#include "gongkai/config/v1/server.pb.h"
#include "core/tokens.h"

namespace gongkai::services {

// A running supervisor. Thread-safe.
class Supervisor {
 public:
  // Opens the store in config.data_dir (creating it), loads the units and
  // starts serving gRPC (health and reflection included) on
  // config.listen_address ("host:0" picks a free port) and the desk (HTTP)
  // on config.http.listen_address. `clock` must outlive
  // this. UNAVAILABLE if the port or the database is taken.
  // REQUIRES: config has its defaults (WithDefaults).
  static absl::StatusOr<std::unique_ptr<Supervisor>> Start(
      const config::v1::ServerConfig& config, Clock* clock);
  ~Supervisor();

  // The port actually bound.
  int port() const;
  // The HTTP port actually bound (the desk); 0 if http.disabled.
  int http_port() const;

  // The demo tokens minted at this start (the embedded default's first
  // start, with no tokens in the config); empty otherwise. Their plain text
  // exists nowhere else: show them once.
  const std::vector<core::MintedToken>& minted_tokens() const;

  // Which tokens are admitted, counted by source and role (never a token):
  // "config 2 (admin 1, office 1); stored 3 (unit 3); demo 0".
  std::string TokenSummary() const;

  // Stops taking calls, lets calls in flight finish (up to `grace`), commits
  // what is queued and closes the store. Idempotent.
  void Shutdown(absl::Duration grace = absl::Seconds(5));

 private:
  struct Parts;
  explicit Supervisor(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace gongkai::services

#endif  // GONGKAI_SERVICES_SUPERVISOR_H_

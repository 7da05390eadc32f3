#include "services/supervisor.h"

#include <filesystem>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "common/log.h"
#include "core/backups.h"
#include "core/bulletin_scheduler.h"
#include "core/bulletins.h"
#include "core/cases.h"
#include "core/group_committer.h"
#include "core/reporting.h"
#include "core/supervision.h"
#include "core/tokens.h"
#include "core/unit_directory.h"
#include "grpc/health/v1/health.pb.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/health_check_service_interface.h"
#include "services/admin_service.h"
#include "services/bulletin_service.h"
#include "services/calls.h"
#include "services/http_desk.h"
#include "services/metrics.h"
#include "services/operations_service.h"
#include "services/reporting_service.h"
#include "services/server_config.h"
#include "services/supervision_service.h"
#include "services/token_service.h"
#include "storage/rocksdb_store.h"

namespace gongkai::services {

struct Supervisor::Parts {
  // Destroyed in reverse: the committer (which tells the supervision's
  // scores of each durable submission) before the supervision, both before
  // the schemes, the register and the store.
  std::unique_ptr<storage::Store> store;
  std::unique_ptr<scoring::SchemeBook> schemes;
  std::unique_ptr<core::UnitDirectory> units;
  std::unique_ptr<core::Supervision> supervision;
  std::unique_ptr<core::GroupCommitter> committer;
  std::unique_ptr<core::Reporting> reporting;
  std::unique_ptr<core::Backups> backups;
  std::unique_ptr<core::Cases> cases;
  std::unique_ptr<core::Bulletins> bulletins;
  std::unique_ptr<core::BulletinScheduler> scheduler;
  std::unique_ptr<core::TokenRegistry> tokens;
  std::unique_ptr<Authenticator> auth;
  std::unique_ptr<core::Access> access;
  std::vector<core::MintedToken> minted;
  std::unique_ptr<Calls> calls;
  std::unique_ptr<Metrics> metrics;
  std::unique_ptr<RequestLog> log;
  std::unique_ptr<ReportingServiceImpl> reporting_service;
  std::unique_ptr<AdminServiceImpl> admin_service;
  std::unique_ptr<SupervisionServiceImpl> supervision_service;
  std::unique_ptr<BulletinServiceImpl> bulletin_service;
  std::unique_ptr<OperationsServiceImpl> operations_service;
  std::unique_ptr<TokenServiceImpl> token_service;
  std::unique_ptr<grpc::Server> server;
  std::unique_ptr<HttpDesk> desk;
  int port = 0;
  absl::Mutex mu;
  bool shut_down ABSL_GUARDED_BY(mu) = false;
};

absl::StatusOr<std::unique_ptr<Supervisor>> Supervisor::Start(
    const config::v1::ServerConfig& config, Clock* clock) {
  auto parts = std::make_unique<Parts>();
  absl::StatusOr<scoring::SchemeBook> schemes = LoadSchemeBook(config);
  if (!schemes.ok()) return schemes.status();
  parts->schemes = std::make_unique<scoring::SchemeBook>(*std::move(schemes));
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir(), ec);
  if (ec) {
    return absl::UnavailableError(
        absl::StrCat("cannot create data directory ", config.data_dir(), ": ", ec.message()));
  }
  absl::StatusOr<std::unique_ptr<storage::RocksDbStore>> store =
      storage::RocksDbStore::Open(config.data_dir());
  if (!store.ok()) return store.status();
  storage::RocksDbStore* const rocks = store->get();  // for the metrics of its files
  parts->store = *std::move(store);
  absl::StatusOr<std::unique_ptr<core::UnitDirectory>> units =
      core::UnitDirectory::Load(parts->store.get(), clock);
  if (!units.ok()) return units.status();
  parts->units = *std::move(units);
  core::ValidationRules rules = RulesOf(config);
  parts->supervision = std::make_unique<core::Supervision>(
      parts->store.get(), parts->units.get(), parts->schemes.get(), clock, rules.time_zone);
  if (absl::Status s = parts->supervision->StartScores(); !s.ok()) return s;
  absl::StatusOr<std::unique_ptr<core::GroupCommitter>> committer = core::GroupCommitter::Start(
      parts->store.get(), RulesOf(config), parts->supervision->ScoreWatcher());
  if (!committer.ok()) return committer.status();
  parts->committer = *std::move(committer);
  parts->reporting = std::make_unique<core::Reporting>(parts->store.get(), parts->units.get(),
                                                       parts->committer.get(), clock, rules,
                                                       parts->schemes.get());
  parts->backups = std::make_unique<core::Backups>(parts->store.get());
  parts->cases = std::make_unique<core::Cases>(parts->store.get(), clock, rules.time_zone);
  parts->bulletins = std::make_unique<core::Bulletins>(
      parts->store.get(), parts->cases.get(), parts->supervision.get(), parts->schemes.get(), clock,
      rules.time_zone, config.issuing_office());
  absl::StatusOr<std::unique_ptr<core::TokenRegistry>> tokens = core::TokenRegistry::Open(
      parts->store.get(), parts->units.get(), clock,
      std::vector<config::v1::AccessToken>(config.tokens().begin(), config.tokens().end()),
      &parts->minted);
  if (!tokens.ok()) return tokens.status();
  parts->tokens = *std::move(tokens);
  parts->auth = std::make_unique<Authenticator>(parts->tokens.get());
  parts->access = std::make_unique<core::Access>(parts->units.get());
  const Gate gate{parts->auth.get(), parts->access.get()};
  parts->calls = std::make_unique<Calls>(parts->supervision.get(), parts->bulletins.get(),
                                         parts->cases.get(), parts->reporting.get(),
                                         parts->units.get(), parts->tokens.get(),
                                         parts->access.get());
  parts->metrics = std::make_unique<Metrics>(
      MetricSources{parts->committer.get(), [rocks] { return rocks->EstimatedReports(); },
                    [rocks] { return rocks->ApproximateBytes(); },
                    [rocks] {
                      const storage::RocksDbStore::MemoryUse use = rocks->Memory();
                      return std::vector<std::pair<std::string, uint64_t>>{
                          {"rocksdb_memtables", use.memtables},
                          {"rocksdb_table_readers", use.table_readers},
                          {"rocksdb_block_cache", use.block_cache}};
                    },
                    parts->units.get(), parts->supervision.get(), clock, rules.time_zone});
  parts->log = std::make_unique<RequestLog>(config.log_requests(), parts->auth.get(),
                                            parts->metrics.get());
  const Calls* calls = parts->calls.get();
  parts->reporting_service = std::make_unique<ReportingServiceImpl>(parts->reporting.get(), calls,
                                                                    gate, parts->log.get());
  parts->admin_service =
      std::make_unique<AdminServiceImpl>(parts->units.get(), calls, gate, parts->log.get());
  parts->supervision_service =
      std::make_unique<SupervisionServiceImpl>(calls, parts->auth.get(), parts->log.get());
  parts->bulletin_service =
      std::make_unique<BulletinServiceImpl>(calls, parts->auth.get(), parts->log.get());
  parts->operations_service =
      std::make_unique<OperationsServiceImpl>(parts->backups.get(), gate, parts->log.get());
  parts->token_service =
      std::make_unique<TokenServiceImpl>(calls, parts->auth.get(), parts->log.get());

  // gRPC's default health service is built without protobuf descriptors, so
  // reflection listed it but could not describe it. Linking the generated
  // health.proto puts grpc.health.v1.Health in the pool reflection reads.
  if (grpc::health::v1::HealthCheckRequest::descriptor()->file()->FindServiceByName("Health") ==
      nullptr) {
    return absl::InternalError("grpc.health.v1.Health has no descriptor to reflect");
  }
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
      ServerCredentialsOf(config);
  if (!credentials.ok()) return credentials.status();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(config.listen_address(), *credentials, &parts->port);
  builder.SetMaxReceiveMessageSize(config.max_message_bytes());
  builder.RegisterService(parts->reporting_service.get());
  builder.RegisterService(parts->admin_service.get());
  builder.RegisterService(parts->supervision_service.get());
  builder.RegisterService(parts->bulletin_service.get());
  builder.RegisterService(parts->operations_service.get());
  builder.RegisterService(parts->token_service.get());
  parts->server = builder.BuildAndStart();
  if (parts->server == nullptr || parts->port == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", config.listen_address(),
                     " (address in use, or not an address of this machine)"));
  }
  if (!config.http().disabled()) {
    absl::StatusOr<std::unique_ptr<HttpDesk>> desk = HttpDesk::Start(
        config, DeskParts{calls, parts->auth.get(), parts->metrics.get(), clock,
                          config.log_requests()});
    if (!desk.ok()) {
      parts->server->Shutdown();
      return desk.status();
    }
    parts->desk = *std::move(desk);
  }
  if (config.bulletin_schedule().day() != 0) {
    parts->scheduler = std::make_unique<core::BulletinScheduler>(
        parts->bulletins.get(), config.bulletin_schedule(),
        absl::Seconds(config.bulletin_schedule().check_seconds()));
  }
  return std::unique_ptr<Supervisor>(new Supervisor(std::move(parts)));
}

Supervisor::Supervisor(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}

Supervisor::~Supervisor() { Shutdown(); }

int Supervisor::port() const { return parts_->port; }

int Supervisor::http_port() const {
  return parts_->desk == nullptr ? 0 : parts_->desk->port();
}

const std::vector<core::MintedToken>& Supervisor::minted_tokens() const {
  return parts_->minted;
}

std::string Supervisor::TokenSummary() const { return parts_->tokens->Summary(); }

void Supervisor::Shutdown(absl::Duration grace) {
  {
    absl::MutexLock lock(&parts_->mu);
    if (parts_->shut_down) return;
    parts_->shut_down = true;
  }
  // Calls still waiting for the committer finish from its thread, so the
  // committer stops only after the server has drained.
  parts_->scheduler.reset();  // waits for a publication under way
  if (parts_->desk != nullptr) parts_->desk->Stop();
  parts_->server->Shutdown(absl::ToChronoTime(absl::Now() + grace));
  parts_->server->Wait();
  if (int64_t open = parts_->reporting_service->open_batches(); open != 0) {
    // Every reactor is deleted once its call is done; one left is a leak.
    LogLine(absl::StrCat("gongkai-supervisor: ", open,
                         " SubmitBatch stream(s) still open after the server stopped (a leak)"));
  }
  parts_->committer->Stop();
  if (absl::Status s = parts_->tokens->Flush(); !s.ok()) {
    LogLine(absl::StrCat("gongkai-supervisor: tokens' last use not written: ", s.ToString()));
  }
  parts_->store.reset();
}

}  // namespace gongkai::services

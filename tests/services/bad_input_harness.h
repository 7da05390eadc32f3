// A supervisor on loopback for the bad-input catalogue (bad_input_test.cc):
// the calls, a raw call that can put non-UTF-8 bytes in any string field, the
// check that a refusal names its field and reason, and a snapshot of
// everything a client can read, to show that a refused call left no trace.
#ifndef GONGKAI_TESTS_SERVICES_BAD_INPUT_HARNESS_H_
#define GONGKAI_TESTS_SERVICES_BAD_INPUT_HARNESS_H_

#include <future>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/clock.h"
#include "gmock/gmock.h"
#include "gongkai/v1/admin.grpc.pb.h"
#include "gongkai/v1/bulletin.grpc.pb.h"
#include "gongkai/v1/operations.grpc.pb.h"
#include "gongkai/v1/reporting.grpc.pb.h"
#include "gongkai/v1/supervision.grpc.pb.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "services/server_config.h"
#include "services/supervisor.h"
#include "tests/testing/access.h"
#include "tests/testing/fixtures.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::services {

// Written where a test wants bytes that are not UTF-8; RawCall replaces it
// with 萍乡 in GBK ("\xC6\xBC\xCF\xE7"), what a GBK spreadsheet would send.
inline constexpr char kGbkMark[] = "@@@@";

// `bytes` with every kGbkMark replaced by GBK bytes (the mark and its
// replacement have the same length, so a serialized message stays framed).
inline std::string WithGbk(const std::string& bytes) {
  return absl::StrReplaceAll(bytes, {{kGbkMark, "\xC6\xBC\xCF\xE7"}});
}

// Calls `method` ("/gongkai.v1.ReportingService/SubmitReport") on `channel`
// with `bytes` as the request, whatever they are; an answer is parsed into
// `response`.
inline grpc::Status RawUnaryCall(const std::shared_ptr<grpc::Channel>& channel,
                                 const std::string& method, const std::string& bytes,
                                 google::protobuf::Message* response) {
  grpc::TemplatedGenericStub<grpc::ByteBuffer, grpc::ByteBuffer> stub(channel);
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer answer;
  grpc::ClientContext ctx;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&ctx, method, grpc::StubOptions(), &request, &answer,
                 [&done](grpc::Status s) { done.set_value(std::move(s)); });
  grpc::Status s = done.get_future().get();
  if (s.ok()) {
    grpc::Slice out;
    EXPECT_TRUE(answer.DumpToSingleSlice(&out).ok());
    EXPECT_TRUE(response->ParseFromArray(out.begin(), static_cast<int>(out.size())));
  }
  return s;
}

// What a refused call must show: the code; the fields of its
// google.rpc.BadRequest, exactly (none: no BadRequest expected); and words of
// the reason, found in the message and in the first field's description.
struct Refusal {
  grpc::StatusCode code = grpc::StatusCode::INVALID_ARGUMENT;
  std::set<std::string> fields;
  std::string reason;
};

// INVALID_ARGUMENT naming exactly `fields`.
inline Refusal Invalid(std::set<std::string> fields, std::string reason) {
  return Refusal{grpc::StatusCode::INVALID_ARGUMENT, std::move(fields), std::move(reason)};
}

// `code`, with no field named.
inline Refusal Refused(grpc::StatusCode code, std::string reason) {
  return Refusal{code, {}, std::move(reason)};
}

// field -> description, from the google.rpc.BadRequest of a failed call.
inline std::map<std::string, std::string> Violations(const grpc::Status& status) {
  std::map<std::string, std::string> out;
  google::rpc::Status details;
  if (!details.ParseFromString(status.error_details())) return out;
  for (const auto& any : details.details()) {
    google::rpc::BadRequest bad;
    if (any.UnpackTo(&bad)) {
      for (const auto& v : bad.field_violations()) out[v.field()] = v.description();
    }
  }
  return out;
}

inline void ExpectRefusal(const grpc::Status& status, const Refusal& want) {
  using ::testing::HasSubstr;
  EXPECT_EQ(status.error_code(), want.code) << status.error_message();
  EXPECT_THAT(status.error_message(), HasSubstr(want.reason));
  std::map<std::string, std::string> violations = Violations(status);
  std::set<std::string> fields;
  for (const auto& [field, description] : violations) fields.insert(field);
  EXPECT_EQ(fields, want.fields) << status.error_message();
  if (want.fields.empty()) return;
  const std::string& first = *want.fields.begin();
  EXPECT_THAT(violations[first], HasSubstr(want.reason)) << first;
  // The message alone names the field too, for clients that ignore details.
  EXPECT_THAT(status.error_message(), HasSubstr(absl::StrCat(first, ": ")));
}

// Everything a client can read back, as text: a refused call must leave it
// as it was.
struct Snapshot {
  std::string units;
  std::string submissions;
  std::string findings;
  std::string bulletins;
  std::string cases;
  uint64_t last_audit_seq = 0;

  friend bool operator==(const Snapshot& a, const Snapshot& b) {
    return a.units == b.units && a.submissions == b.submissions && a.findings == b.findings &&
           a.bulletins == b.bulletins && a.cases == b.cases && a.last_audit_seq == b.last_audit_seq;
  }
  friend std::ostream& operator<<(std::ostream& os, const Snapshot& s) {
    return os << "units: " << s.units << "\nsubmissions: " << s.submissions
              << "\nfindings: " << s.findings << "\nbulletins: " << s.bulletins
              << "\ncases: " << s.cases << "\nlast audit row: " << s.last_audit_seq;
  }
};

// Pingxiang's municipal unit, a city agency, 芦溪县 with an active and an
// inactive township, on 2025-04-03 09:00 (UTC+8): 2025-03 is the month due.
class BadInputTest : public ::testing::Test {
 public:
  // A unit token of 芦溪县 (luxi-clerk), for what only some roles may do.
  static constexpr char kLuxiToken[] = "gk_test-luxi-token";

  // Unit ids whose submissions the snapshot reads, registered or not.
  static std::vector<std::string> WatchedUnits() {
    return {"pingxiang-city",   "city-finance",   "luxi-county",    "luxi-yinhe-town",
            "luxi-closed-town", "nowhere-county", "shangli-county", "luxi-xuanfeng-town"};
  }

  void SetUp() override {
    config::v1::ServerConfig config;
    config.set_listen_address("127.0.0.1:0");
    config.set_data_dir(dir_.Sub("data"));
    config.set_log_requests(false);
    gongkai::testing::AddTestTokens(&config);
    gongkai::testing::AddToken(&config, "luxi-clerk", config::v1::UNIT, "luxi-county", kLuxiToken);
    ASSERT_OK_AND_ASSIGN(config_, WithDefaults(config));
    ASSERT_OK_AND_ASSIGN(supervisor_, Supervisor::Start(config_, &clock_));
    channel_ = gongkai::testing::TokenChannel(supervisor_->port(), gongkai::testing::kAdminToken);
    reporting_ = v1::ReportingService::NewStub(channel_);
    admin_ = v1::AdminService::NewStub(channel_);
    supervision_ = v1::SupervisionService::NewStub(channel_);
    bulletins_ = v1::BulletinService::NewStub(channel_);
    operations_ = v1::OperationsService::NewStub(channel_);
    using gongkai::testing::MakeUnit;
    for (v1::Unit u : {MakeUnit("pingxiang-city", "萍乡市人民政府办公室", v1::MUNICIPAL),
                       MakeUnit("city-finance", "市财政局", v1::AGENCY, "pingxiang-city"),
                       MakeUnit("luxi-county", "芦溪县", v1::COUNTY, "pingxiang-city"),
                       MakeUnit("luxi-yinhe-town", "银河镇", v1::TOWNSHIP, "luxi-county"),
                       MakeUnit("luxi-closed-town", "撤并镇", v1::TOWNSHIP, "luxi-county")}) {
      u.set_inactive(u.unit_id() == "luxi-closed-town");
      grpc::ClientContext ctx;
      v1::RegisterUnitRequest req;
      *req.mutable_unit() = u;
      v1::Unit out;
      grpc::Status s = admin_->RegisterUnit(&ctx, req, &out);
      ASSERT_TRUE(s.ok()) << u.unit_id() << ": " << s.error_message();
    }
  }

  // A reporting stub whose calls carry `token`.
  std::unique_ptr<v1::ReportingService::Stub> ReportingAs(const std::string& token) {
    return v1::ReportingService::NewStub(
        gongkai::testing::TokenChannel(supervisor_->port(), token));
  }

  grpc::Status Submit(const v1::SubmitReportRequest& req, v1::SubmitReportResponse* resp,
                      bool* replayed = nullptr) {
    grpc::ClientContext ctx;
    grpc::Status s = reporting_->SubmitReport(&ctx, req, resp);
    if (replayed != nullptr) {
      *replayed = ctx.GetServerTrailingMetadata().count("gongkai-replayed") > 0;
    }
    return s;
  }

  // Calls `method` with `request` serialized, its kGbkMarks made GBK.
  grpc::Status RawCall(const std::string& method, const google::protobuf::Message& request,
                       google::protobuf::Message* response) {
    return RawUnaryCall(channel_, method, WithGbk(request.SerializeAsString()), response);
  }

  // Calls `method` with `bytes` as the request.
  grpc::Status RawBytesCall(const std::string& method, const std::string& bytes,
                            google::protobuf::Message* response) {
    return RawUnaryCall(channel_, method, bytes, response);
  }

  Snapshot Take() {
    Snapshot snap;
    {
      grpc::ClientContext ctx;
      v1::ListUnitsResponse resp;
      EXPECT_TRUE(admin_->ListUnits(&ctx, v1::ListUnitsRequest(), &resp).ok());
      snap.units = resp.ShortDebugString();
    }
    for (const std::string& unit : WatchedUnits()) {
      grpc::ClientContext ctx;
      v1::ListSubmissionsRequest req;
      req.set_unit_id(unit);
      v1::ListSubmissionsResponse resp;
      EXPECT_TRUE(reporting_->ListSubmissions(&ctx, req, &resp).ok());
      absl::StrAppend(&snap.submissions, unit, ": ", resp.ShortDebugString(), "; ");
    }
    {
      grpc::ClientContext ctx;
      v1::ListFindingsResponse resp;
      EXPECT_TRUE(supervision_->ListFindings(&ctx, v1::ListFindingsRequest(), &resp).ok());
      snap.findings = resp.ShortDebugString();
    }
    {
      grpc::ClientContext ctx;
      v1::ListBulletinsResponse resp;
      EXPECT_TRUE(bulletins_->ListBulletins(&ctx, v1::ListBulletinsRequest(), &resp).ok());
      snap.bulletins = resp.ShortDebugString();
    }
    {
      grpc::ClientContext ctx;
      v1::ListCasesResponse resp;
      EXPECT_TRUE(bulletins_->ListCases(&ctx, v1::ListCasesRequest(), &resp).ok());
      snap.cases = resp.ShortDebugString();
    }
    // A backup tells the last audit row: every stored write adds one.
    {
      grpc::ClientContext ctx;
      v1::CreateBackupRequest req;
      req.set_directory(dir_.Sub("backups"));
      v1::CreateBackupResponse resp;
      grpc::Status s = operations_->CreateBackup(&ctx, req, &resp);
      EXPECT_TRUE(s.ok()) << s.error_message();
      snap.last_audit_seq = resp.backup().last_audit_seq();
    }
    return snap;
  }

 protected:
  gongkai::testing::TempDir dir_;
  FakeClock clock_{
      absl::FromCivil(absl::CivilSecond(2025, 4, 3, 9, 0, 0), absl::FixedTimeZone(8 * 3600))};
  config::v1::ServerConfig config_;
  std::unique_ptr<Supervisor> supervisor_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::ReportingService::Stub> reporting_;
  std::unique_ptr<v1::AdminService::Stub> admin_;
  std::unique_ptr<v1::SupervisionService::Stub> supervision_;
  std::unique_ptr<v1::BulletinService::Stub> bulletins_;
  std::unique_ptr<v1::OperationsService::Stub> operations_;
};

}  // namespace gongkai::services

#endif  // GONGKAI_TESTS_SERVICES_BAD_INPUT_HARNESS_H_

// The demo city (deploy/demo/) loaded into a running supervisor over gRPC,
// as `gongkai units import` and `gongkai push` would: its 56 units
// registered, then its 669 monthly reports in one SubmitBatch stream.
#ifndef GONGKAI_TESTS_TESTING_DEMO_CITY_H_
#define GONGKAI_TESTS_TESTING_DEMO_CITY_H_

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/report_reader.h"
#include "gongkai/v1/admin.grpc.pb.h"
#include "gongkai/v1/reporting.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"

namespace gongkai::testing {

inline constexpr int kDemoReports = 669;

// The text of deploy/demo/`name`.
inline std::string ReadDemo(const std::string& name) {
  std::ifstream in(std::string(GONGKAI_SOURCE_DIR) + "/deploy/demo/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Registers the demo city's units and submits its reports through
// `admin_channel` (an admin's); fails naming the step that went wrong.
inline ::testing::AssertionResult LoadDemoCity(const std::shared_ptr<grpc::Channel>& admin_channel) {
  std::vector<cli::RowError> errors;
  auto units = cli::ReadUnitsCsv(ReadDemo("units.csv"), &errors);
  if (!units.ok() || !errors.empty()) {
    return ::testing::AssertionFailure() << "units.csv does not read: " << units.status();
  }
  auto admin = v1::AdminService::NewStub(admin_channel);
  for (const v1::Unit& u : *units) {
    grpc::ClientContext ctx;
    v1::RegisterUnitRequest req;
    *req.mutable_unit() = u;
    v1::Unit out;
    grpc::Status s = admin->RegisterUnit(&ctx, req, &out);
    if (!s.ok()) return ::testing::AssertionFailure() << u.unit_id() << ": " << s.error_message();
  }
  auto reports = cli::ReadReportsCsv(ReadDemo("reports.csv"));
  if (!reports.ok()) return ::testing::AssertionFailure() << "reports.csv: " << reports.status();
  auto reporting = v1::ReportingService::NewStub(admin_channel);
  grpc::ClientContext ctx;
  v1::SubmitBatchResponse resp;
  auto writer = reporting->SubmitBatch(&ctx, &resp);
  for (const cli::ReportRow& row : reports->rows) writer->Write(row.request);
  writer->WritesDone();
  grpc::Status s = writer->Finish();
  if (!s.ok()) return ::testing::AssertionFailure() << "SubmitBatch: " << s.error_message();
  if (resp.accepted() != kDemoReports) {
    return ::testing::AssertionFailure() << "accepted " << resp.accepted() << " of "
                                         << kDemoReports;
  }
  return ::testing::AssertionSuccess();
}

}  // namespace gongkai::testing

#endif  // GONGKAI_TESTS_TESTING_DEMO_CITY_H_

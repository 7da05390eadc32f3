// Tests for model/field_path.h and model/fingerprint.h.
#include "model/field_path.h"

#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "model/fingerprint.h"
#include "tests/testing/status_matchers.h"

namespace gongkai::model {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

std::vector<std::string> AllPathNames() {
  std::vector<std::string> names;
  for (const FieldPath& p : AllFigurePaths()) names.push_back(p.path());
  return names;
}

// --- Parse -------------------------------------------------------------------

TEST(FieldPathTest, ParsesTopLevelAndNestedFigures) {
  for (const char* path :
       {"applications.new_total", "applications.received.online",
        "applications.results.refused.query_matters", "proactive.key_domains.food_safety",
        "oversight.litigation_after_reconsideration.total",
        "statutory.fees_collected_yuan"}) {
    SCOPED_TRACE(path);
    ASSERT_OK_AND_ASSIGN(FieldPath p, FieldPath::Parse(path));
    EXPECT_EQ(p.path(), path);
    EXPECT_FALSE(p.is_extra());
  }
}

TEST(FieldPathTest, ParsesExtra) {
  ASSERT_OK_AND_ASSIGN(FieldPath p, FieldPath::Parse("extra.x"));
  EXPECT_TRUE(p.is_extra());
  EXPECT_EQ(p.extra_name(), "x");
  EXPECT_EQ(p.path(), "extra.x");
}

TEST(FieldPathTest, RefusesEmptyExtraName) {
  absl::StatusOr<FieldPath> p = FieldPath::Parse("extra.");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(p.status().message(), HasSubstr("extra needs a name"));
}

TEST(FieldPathTest, RefusesUnknownPartNamingIt) {
  absl::StatusOr<FieldPath> p = FieldPath::Parse("applications.recieved.online");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(p.status().message(), HasSubstr("applications.recieved.online"));
  EXPECT_THAT(p.status().message(), HasSubstr("no field \"applications.recieved\""));
}

TEST(FieldPathTest, RefusesUnknownTopLevelField) {
  absl::StatusOr<FieldPath> p = FieldPath::Parse("budget");
  EXPECT_EQ(p.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(p.status().message(), HasSubstr("no field \"budget\""));
}

TEST(FieldPathTest, RefusesGroupPath) {
  absl::StatusOr<FieldPath> p = FieldPath::Parse("applications.received");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(p.status().message(), HasSubstr("group of figures"));
}

TEST(FieldPathTest, RefusesPathPastAFigure) {
  absl::StatusOr<FieldPath> p = FieldPath::Parse("applications.new_total.online");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(p.status().message(), HasSubstr("\"new_total\" is a figure"));
}

TEST(FieldPathTest, RefusesNonIntegerFields) {
  for (const char* path : {"unit_id", "period", "note"}) {
    SCOPED_TRACE(path);
    absl::StatusOr<FieldPath> p = FieldPath::Parse(path);
    ASSERT_FALSE(p.ok());
    EXPECT_THAT(p.status().message(), HasSubstr("not an integer figure"));
  }
}

TEST(FieldPathTest, RefusesEmptyPathsAndEmptyParts) {
  for (const char* path : {"", "extra", "applications..new_total", "applications.",
                           ".applications.new_total"}) {
    SCOPED_TRACE(path);
    EXPECT_EQ(FieldPath::Parse(path).status().code(), absl::StatusCode::kInvalidArgument);
  }
}

// --- Get / Set ---------------------------------------------------------------

TEST(FieldPathTest, GetOnUnsetReturnsZero) {
  const v1::MonthlyReport empty;
  for (const char* path :
       {"applications.results.refused.query_matters", "proactive.items_total", "extra.x"}) {
    ASSERT_OK_AND_ASSIGN(FieldPath p, FieldPath::Parse(path));
    EXPECT_EQ(p.Get(empty), 0) << path;
  }
}

TEST(FieldPathTest, SetCreatesSubmessages) {
  v1::MonthlyReport r;
  ASSERT_OK_AND_ASSIGN(FieldPath p,
                       FieldPath::Parse("applications.results.refused.query_matters"));
  p.Set(&r, 4);
  ASSERT_TRUE(r.has_applications());
  ASSERT_TRUE(r.applications().has_results());
  ASSERT_TRUE(r.applications().results().has_refused());
  EXPECT_EQ(r.applications().results().refused().query_matters(), 4);
  EXPECT_EQ(p.Get(r), 4);
  EXPECT_FALSE(r.has_proactive());
}

TEST(FieldPathTest, SetAndGetExtra) {
  v1::MonthlyReport r;
  ASSERT_OK_AND_ASSIGN(FieldPath p, FieldPath::Parse("extra.training_sessions"));
  p.Set(&r, 2);
  EXPECT_EQ(r.extra().at("training_sessions"), 2);
  EXPECT_EQ(p.Get(r), 2);
}

TEST(FieldPathTest, GetReadsWhatTheReportHolds) {
  v1::MonthlyReport r;
  r.mutable_oversight()->mutable_litigation_after_reconsideration()->set_total(3);
  ASSERT_OK_AND_ASSIGN(FieldPath p,
                       FieldPath::Parse("oversight.litigation_after_reconsideration.total"));
  EXPECT_EQ(p.Get(r), 3);
}

// --- AllFigurePaths ----------------------------------------------------------

TEST(FieldPathTest, AllFigurePathsListsNestedFigures) {
  std::vector<std::string> names = AllPathNames();
  EXPECT_THAT(names, Contains("applications.results.refused.query_matters"));
  EXPECT_THAT(names, Contains("oversight.litigation_after_reconsideration.total"));
  EXPECT_THAT(names, Contains("proactive.key_domains.prices_and_fees"));
  EXPECT_THAT(names, Contains("interaction.mailbox_replied"));
  EXPECT_THAT(names, Contains("statutory.fees_collected_yuan"));
  EXPECT_THAT(names, Contains("consultations.column_page_views"));
}

TEST(FieldPathTest, AllFigurePathsAreInDeclarationOrderWithoutGroupsOrExtras) {
  std::vector<std::string> names = AllPathNames();
  ASSERT_FALSE(names.empty());
  EXPECT_EQ(names.front(), "proactive.items_total");
  EXPECT_EQ(names.back(), "interaction.cppcc_proposals_answered");
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), names.size());
  for (const FieldPath& p : AllFigurePaths()) {
    EXPECT_FALSE(p.is_extra()) << p.path();
    EXPECT_NE(p.path(), "applications.received");
  }
}

TEST(FieldPathTest, EveryFigurePathRoundTripsSetAndGet) {
  const std::vector<FieldPath>& paths = AllFigurePaths();
  v1::MonthlyReport r;
  for (size_t i = 0; i < paths.size(); ++i) paths[i].Set(&r, 1000 + i);
  // Each figure holds its own value: no two paths share storage.
  for (size_t i = 0; i < paths.size(); ++i) {
    EXPECT_EQ(paths[i].Get(r), static_cast<int64_t>(1000 + i)) << paths[i].path();
    // The path text parses back to the same figure.
    ASSERT_OK_AND_ASSIGN(FieldPath reparsed, FieldPath::Parse(paths[i].path()));
    EXPECT_EQ(reparsed.Get(r), static_cast<int64_t>(1000 + i)) << paths[i].path();
  }
}

// --- Fingerprint -------------------------------------------------------------

v1::MonthlyReport SampleReport() {
  v1::MonthlyReport r;
  r.set_unit_id("luxi-county");
  r.set_period("2012-06");
  r.mutable_proactive()->set_items_total(120);
  r.mutable_applications()->set_new_total(3);
  r.set_note("按时报送");
  return r;
}

TEST(FingerprintTest, IsSixtyFourLowercaseHexDigits) {
  EXPECT_THAT(Fingerprint(SampleReport()), MatchesRegex("[0-9a-f]{64}"));
  EXPECT_THAT(Fingerprint(v1::MonthlyReport()), MatchesRegex("[0-9a-f]{64}"));
}

TEST(FingerprintTest, IsStableAcrossBuilds) {
  // The empty message serializes to no bytes: SHA-256 of nothing.
  EXPECT_EQ(Fingerprint(v1::MonthlyReport()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(FingerprintTest, LegacyIsTheTwoFnvRunsOlderBuildsStored) {
  // The empty message serializes to no bytes: the two FNV-1a offset bases.
  EXPECT_EQ(LegacyFingerprint(v1::MonthlyReport()), "cbf29ce48422232584222325cbf29ce4");
  EXPECT_TRUE(IsLegacyFingerprint(LegacyFingerprint(SampleReport())));
  EXPECT_FALSE(IsLegacyFingerprint(Fingerprint(SampleReport())));
  Fingerprints both = FingerprintsOf(SampleReport());
  EXPECT_EQ(both.current, Fingerprint(SampleReport()));
  EXPECT_EQ(both.legacy, LegacyFingerprint(SampleReport()));
}

TEST(FingerprintTest, DiffersInEveryFigure) {
  // One item more or less, one field moved to another: never the same.
  v1::MonthlyReport one_more = SampleReport();
  one_more.mutable_proactive()->set_items_total(121);
  v1::MonthlyReport moved = SampleReport();
  moved.mutable_proactive()->set_items_total(0);
  moved.mutable_applications()->set_new_total(123);
  EXPECT_NE(Fingerprint(one_more), Fingerprint(SampleReport()));
  EXPECT_NE(Fingerprint(moved), Fingerprint(SampleReport()));
  EXPECT_NE(Fingerprint(moved), Fingerprint(one_more));
}

TEST(FingerprintTest, EqualForEqualMessages) {
  EXPECT_EQ(Fingerprint(SampleReport()), Fingerprint(SampleReport()));
}

TEST(FieldPathTest, ReadablePathsSumAGroupOfFigures) {
  v1::MonthlyReport r;
  r.mutable_proactive()->mutable_key_domains()->set_fiscal_budgets(3);
  r.mutable_proactive()->mutable_key_domains()->set_food_safety(4);
  r.mutable_proactive()->set_items_total(100);
  absl::StatusOr<FieldPath> domains = FieldPath::ParseReadable("proactive.key_domains");
  ASSERT_TRUE(domains.ok()) << domains.status();
  EXPECT_TRUE(domains->is_group());
  EXPECT_EQ(domains->Get(r), 7);
  // A group holding a total would count twice: refused, naming the total.
  absl::StatusOr<FieldPath> proactive = FieldPath::ParseReadable("proactive");
  ASSERT_FALSE(proactive.ok());
  EXPECT_NE(proactive.status().message().find("proactive.items_total"), absl::string_view::npos);
  EXPECT_FALSE(FieldPath::ParseReadable("applications.results").ok());
  r.mutable_applications()->mutable_received()->set_online(5);
  r.mutable_applications()->mutable_received()->set_letter(1);
  EXPECT_EQ(FieldPath::ParseReadable("applications.received")->Get(r), 6);
  // A single figure reads as it does with Parse; unknown paths still fail.
  EXPECT_FALSE(FieldPath::ParseReadable("proactive.items_total")->is_group());
  EXPECT_FALSE(FieldPath::ParseReadable("proactive.nowhere").ok());
  // Parse itself keeps refusing groups: a CSV column is one figure.
  EXPECT_FALSE(FieldPath::Parse("proactive.key_domains").ok());
}

TEST(FingerprintTest, EqualWhenMapEntriesInsertedInDifferentOrder) {
  const std::vector<std::string> names = {"training_sessions", "hotline_calls", "a",
                                          "zz", "open_days", "visits", "m"};
  v1::MonthlyReport forward = SampleReport();
  for (size_t i = 0; i < names.size(); ++i) (*forward.mutable_extra())[names[i]] = i + 1;
  v1::MonthlyReport backward = SampleReport();
  for (size_t i = names.size(); i-- > 0;) (*backward.mutable_extra())[names[i]] = i + 1;
  EXPECT_EQ(Fingerprint(forward), Fingerprint(backward));
}

TEST(FingerprintTest, DiffersWhenOneFigureChanges) {
  v1::MonthlyReport changed = SampleReport();
  changed.mutable_applications()->set_new_total(4);
  EXPECT_NE(Fingerprint(SampleReport()), Fingerprint(changed));

  v1::MonthlyReport extra_changed = SampleReport();
  (*extra_changed.mutable_extra())["training_sessions"] = 2;
  v1::MonthlyReport extra_other = SampleReport();
  (*extra_other.mutable_extra())["training_sessions"] = 3;
  EXPECT_NE(Fingerprint(extra_changed), Fingerprint(extra_other));
}

TEST(FingerprintTest, DiffersWhenTextChanges) {
  v1::MonthlyReport changed = SampleReport();
  changed.set_period("2012-07");
  EXPECT_NE(Fingerprint(SampleReport()), Fingerprint(changed));
}

}  // namespace
}  // namespace gongkai::model

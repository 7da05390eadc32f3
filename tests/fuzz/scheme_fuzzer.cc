// Fuzzes the assessment-scheme loader: the input is the text of a scheme file
// (gongkai.config.v1.Scheme in protobuf text format), loaded as
// core::LoadSchemeBook loads each file: scoring::ParseScheme, then
// scoring::SchemeBook::Create.
//
// Beyond not crashing: a refused scheme says why; a loaded scheme is a fixed
// point (checking it again changes nothing, and written back out as text or
// binary it loads to the same scheme); the book finds it from its first
// period on; and it scores a few fixed months (every tier, reported or not,
// late, with findings) as score.h promises: totals within 0-100, equal to the
// sum of the lines, every indicator line within its points, a grade for each.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/period.h"
#include "gongkai/config/v1/scheme.pb.h"
#include "gongkai/v1/reporting.pb.h"
#include "gongkai/v1/supervision.pb.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "model/field_path.h"
#include "scoring/scheme.h"
#include "scoring/score.h"
#include "tests/fuzz/fuzz_check.h"

namespace gongkai::fuzz {
namespace {

using config::v1::Scheme;
using google::protobuf::util::MessageDifferencer;

constexpr int64_t kMaxFigure = 1'000'000'000'000;  // the validator's ceiling

// Months as the validator lets them be stored: nothing filed, an ordinary
// county month, every figure at the ceiling.
const std::vector<v1::Submission>& Submissions() {
  static const auto* subs = [] {
    auto* out = new std::vector<v1::Submission>();
    v1::Submission& empty = out->emplace_back();
    empty.mutable_report()->set_unit_id("luxi-county");
    empty.set_version(1);

    v1::Submission& usual = out->emplace_back();
    v1::MonthlyReport* r = usual.mutable_report();
    r->set_unit_id("luxi-county");
    r->mutable_proactive()->set_items_total(120);
    r->mutable_proactive()->set_interpretations(6);
    r->mutable_proactive()->set_interpretations_on_time(5);
    r->mutable_proactive()->mutable_key_domains()->set_food_safety(7);
    r->mutable_applications()->set_new_total(6);
    r->mutable_applications()->set_carried_over(2);
    r->mutable_applications()->mutable_results()->set_total(7);
    r->mutable_applications()->mutable_results()->set_granted(7);
    r->mutable_applications()->set_carried_forward(1);
    r->mutable_applications()->set_replied_on_time(5);
    r->mutable_applications()->set_replied_overdue(2);
    r->mutable_interaction()->set_mailbox_received(40);
    r->mutable_interaction()->set_mailbox_replied(38);
    (*r->mutable_extra())["training_sessions"] = 3;
    usual.set_version(2);
    usual.set_first_days_late(3);
    usual.add_warnings()->set_field("applications.by_applicant");

    v1::Submission& full = out->emplace_back();
    for (const model::FieldPath& p : model::AllFigurePaths()) {
      p.Set(full.mutable_report(), kMaxFigure);
    }
    (*full.mutable_report()->mutable_extra())["training_sessions"] = kMaxFigure;
    full.set_version(1);
    full.set_first_days_late(400);
    return out;
  }();
  return *subs;
}

std::vector<v1::Finding> Findings() {
  std::vector<v1::Finding> out;
  for (v1::FindingKind k : {v1::BROKEN_LINK, v1::PORTAL_UNREACHABLE, v1::NON_STANDARD_FILING}) {
    v1::Finding& f = out.emplace_back();
    f.set_kind(k);
    f.set_note("栏目链接失效");
  }
  return out;
}

int64_t Cents(double points) { return std::llround(points * 100); }

void CheckScore(const scoring::MonthInput& input, const Scheme& scheme) {
  v1::MonthScore score = scoring::ScoreMonth(input, scheme);
  const std::string why =
      absl::StrCat(score.ShortDebugString(), "\nscheme: ", scheme.ShortDebugString());
  FUZZ_CHECK(std::isfinite(score.total()) && score.total() >= 0 && score.total() <= 100, why);
  FUZZ_CHECK(!score.grade().empty(), why);
  int64_t sum = 0;
  for (const v1::ScoreLine& line : score.lines()) {
    FUZZ_CHECK(std::isfinite(line.points()) && std::fabs(line.points()) <= 1e6, why);
    sum += Cents(line.points());
    absl::string_view id = line.indicator_id();
    bool adjustment = id == "missing" || id == "bonus_cap" || id == "clamp" ||
                      absl::StartsWith(id, "veto:");
    if (!adjustment) {
      FUZZ_CHECK(line.points() >= 0 && line.points() <= line.possible() + 0.005,
                 absl::StrCat("line ", line.ShortDebugString(), "\n", why));
    }
  }
  FUZZ_CHECK(sum == Cents(score.total()), why);
}

void CheckLoaded(const Scheme& scheme) {
  const std::string why = absl::StrCat("scheme: ", scheme.ShortDebugString());

  absl::StatusOr<Scheme> checked = scoring::CheckScheme(scheme);
  FUZZ_CHECK(checked.ok(), absl::StrCat(checked.status().ToString(), "\n", why));
  FUZZ_CHECK(MessageDifferencer::Equals(*checked, scheme),
             absl::StrCat("checked again: ", checked->ShortDebugString(), "\n", why));

  std::string printed;
  FUZZ_CHECK(google::protobuf::TextFormat::PrintToString(scheme, &printed), why);
  absl::StatusOr<Scheme> reloaded = scoring::ParseScheme(printed);
  FUZZ_CHECK(reloaded.ok(), absl::StrCat(reloaded.status().ToString(), "\n", printed));
  FUZZ_CHECK(MessageDifferencer::Equals(*reloaded, scheme),
             absl::StrCat("reloaded: ", reloaded->ShortDebugString(), "\n", why));

  Scheme from_binary;
  FUZZ_CHECK(from_binary.ParseFromString(scheme.SerializeAsString()), why);
  FUZZ_CHECK(scoring::CheckScheme(from_binary).ok(), why);

  absl::StatusOr<scoring::SchemeBook> book = scoring::SchemeBook::Create({scheme});
  FUZZ_CHECK(book.ok(), absl::StrCat(book.status().ToString(), "\n", why));
  Period from = *ParsePeriod(scheme.effective_from());
  FUZZ_CHECK(book->ForPeriod(from) == &book->schemes().front(), why);
  FUZZ_CHECK(book->ForPeriod(from.Previous()) == nullptr, why);

  const std::string period = from.ToString();
  for (v1::Tier tier : {v1::MUNICIPAL, v1::AGENCY, v1::COUNTY, v1::TOWNSHIP}) {
    scoring::MonthInput missing{"luxi-county", tier, period, nullptr, Findings()};
    CheckScore(missing, book->schemes().front());
    for (const v1::Submission& sub : Submissions()) {
      CheckScore({"luxi-county", tier, period, &sub, {}}, book->schemes().front());
      CheckScore({"luxi-county", tier, period, &sub, Findings()}, book->schemes().front());
    }
  }
}

}  // namespace
}  // namespace gongkai::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  absl::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<gongkai::config::v1::Scheme> scheme = gongkai::scoring::ParseScheme(text);
  if (!scheme.ok()) {
    FUZZ_CHECK(scheme.status().code() == absl::StatusCode::kInvalidArgument,
               scheme.status().ToString());
    FUZZ_CHECK(absl::StartsWith(scheme.status().message(), "scheme refused: ") &&
                   scheme.status().message().size() > 16,
               scheme.status().ToString());
    return 0;
  }
  gongkai::fuzz::CheckLoaded(*scheme);
  return 0;
}

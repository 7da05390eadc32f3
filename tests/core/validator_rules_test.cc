// Every rule's text present: the validator is driven into each of its rules,
// and every rule it names is in the catalogue (model/messages.h) with
// Chinese and English text whose placeholders its parameters fill; every
// catalogue rule of the validator is reached.
#include <map>
#include <set>
#include <string>

#include "absl/strings/match.h"
#include "core/validator.h"
#include "model/messages.h"
#include "tests/core/validator_fixture.h"

namespace gongkai::core {
namespace {

using validator_testing::At;
using validator_testing::Bump;
using validator_testing::CleanReport;
using validator_testing::Context;
using validator_testing::Describe;
using validator_testing::Rules;

// A report, its context, and the rule it must break.
struct Case {
  std::string rule;
  std::function<void(v1::MonthlyReport*, ValidationContext*)> change;
};

std::vector<Case> Cases() {
  auto bump = [](std::string path, int64_t delta) {
    return [path, delta](v1::MonthlyReport* r, ValidationContext*) { Bump(r, path, delta); };
  };
  auto period = [](std::string p) {
    return [p](v1::MonthlyReport* r, ValidationContext*) { r->set_period(p); };
  };
  static const v1::Unit* inactive = [] {
    auto* u = new v1::Unit(validator_testing::LuxiCounty());
    u->set_inactive(true);
    return u;
  }();
  static const v1::MonthlyReport* quiet = [] {
    auto* r = new v1::MonthlyReport(CleanReport());
    r->mutable_interaction()->set_mailbox_received(10);
    r->mutable_interaction()->set_mailbox_replied(10);
    return r;
  }();
  return {
      {"unit.required", [](v1::MonthlyReport* r, ValidationContext*) { r->clear_unit_id(); }},
      {"unit.invalid",
       [](v1::MonthlyReport* r, ValidationContext*) { r->set_unit_id("Luxi County"); }},
      {"unit.unknown", [](v1::MonthlyReport*, ValidationContext* c) { c->unit = nullptr; }},
      {"unit.inactive", [](v1::MonthlyReport*, ValidationContext* c) { c->unit = inactive; }},
      {"period.required", [](v1::MonthlyReport* r, ValidationContext*) { r->clear_period(); }},
      {"period.format", period("2025/03")},
      {"period.month", period("2025-13")},
      {"period.year", period("1999-01")},
      {"period.future", period("2027-01")},
      {"period.before_regulation", period("2008-04")},
      {"text.not_utf8", [](v1::MonthlyReport* r, ValidationContext*) { r->set_note("\xff"); }},
      {"note.too_long",
       [](v1::MonthlyReport* r, ValidationContext*) { r->set_note(std::string(2001, 'x')); }},
      {"figure.negative", bump("proactive.categories.personnel", -4)},
      {"figure.too_large", bump("consultations.column_page_views", 1'000'000'000'000)},
      {"extra.undeclared",
       [](v1::MonthlyReport* r, ValidationContext*) { (*r->mutable_extra())["volunteers"] = 1; }},
      {"balance.identity", bump("applications.carried_over", 5)},
      {"replies.total", bump("applications.replied_on_time", -1)},
      {"interpretations.on_time", bump("proactive.interpretations_on_time", 2)},
      {"mailbox.replied", bump("interaction.mailbox_replied", 20)},
      {"balance.applicant", bump("applications.applicant_columns.other_org.carried_over", 1)},
      {"parts.categories", bump("proactive.categories.plans", 1)},
      {"parts.applicants", bump("applications.by_applicant.other_org", 1)},
      {"parts.channels", bump("applications.received.fax", 1)},
      {"parts.refused", bump("applications.results.refused.state_secret", 1)},
      {"parts.cannot_provide", bump("applications.results.cannot_provide.needs_creation", 1)},
      {"parts.not_processed", bump("applications.results.not_processed.publications", 1)},
      {"parts.other", bump("applications.results.other.overdue_fee", 1)},
      {"parts.results", bump("applications.results.granted", 1)},
      {"parts.reconsideration", bump("oversight.reconsideration.upheld", 1)},
      {"parts.litigation_direct", bump("oversight.litigation_direct.upheld", 1)},
      {"parts.litigation_after_reconsideration",
       bump("oversight.litigation_after_reconsideration.upheld", 1)},
      {"parts.applicant_columns",
       bump("applications.applicant_columns.natural_person.results.granted", 1)},
      {"parts.key_domains", bump("proactive.key_domains.fiscal_budgets", 100)},
      {"outlier", [](v1::MonthlyReport*, ValidationContext* c) { c->previous = quiet; }},
      {"late",
       [](v1::MonthlyReport*, ValidationContext* c) { c->submitted_at = At(2026, 11, 9, 10, 0); }},
  };
}

const model::MessageSpec* Find(const std::string& code) {
  for (const model::MessageSpec& m : model::MessageCatalogue()) {
    if (code == m.code) return &m;
  }
  return nullptr;
}

// The rule's texts in both languages have every placeholder filled.
void ExpectFilled(const std::string& rule, const google::protobuf::Map<std::string, std::string>& params,
                  const std::string& where) {
  const model::MessageSpec* spec = Find(rule);
  ASSERT_NE(spec, nullptr) << where << ": rule " << rule << " is not in the catalogue";
  std::map<std::string, std::string> p(params.begin(), params.end());
  for (const char* text : {spec->zh, spec->en}) {
    for (const std::string& name : model::Placeholders(text)) {
      EXPECT_TRUE(p.count(name)) << where << ": " << rule << " leaves {" << name << "} empty";
    }
    EXPECT_FALSE(absl::StrContains(model::Say(rule, p, text == spec->zh ? model::Lang::kZh
                                                                        : model::Lang::kEn),
                                   "{"))
        << where;
  }
}

TEST(ValidatorRulesTest, EveryRuleIsReachedAndItsTextFilled) {
  std::set<std::string> reached;
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.rule);
    v1::MonthlyReport r = CleanReport();
    if (absl::StartsWith(c.rule, "balance.applicant") ||
        c.rule == "parts.applicant_columns") {
      // Split every row by applicant first: all 自然人 but 商业企业 and 法律服务机构's one each.
      v1::ApplicantColumns* cols = r.mutable_applications()->mutable_applicant_columns();
      v1::ApplicantColumn* np = cols->mutable_natural_person();
      np->set_carried_over(2);
      np->set_carried_forward(1);
      *np->mutable_results() = r.applications().results();
      np->mutable_results()->mutable_not_processed()->Clear();
      np->mutable_results()->mutable_other()->Clear();
      np->mutable_results()->set_total(5);
      *cols->mutable_commercial_enterprise()->mutable_results()->mutable_not_processed() =
          r.applications().results().not_processed();
      cols->mutable_commercial_enterprise()->mutable_results()->set_total(1);
      *cols->mutable_legal_service_org()->mutable_results()->mutable_other() =
          r.applications().results().other();
      cols->mutable_legal_service_org()->mutable_results()->set_total(1);
    }
    ValidationContext ctx = Context();
    c.change(&r, &ctx);
    ValidationResult result = ValidateReport(r, ctx, Rules());
    bool found = false;
    for (const v1::FieldError& e : result.errors) {
      ASSERT_FALSE(e.rule().empty()) << e.field() << ": " << e.description();
      EXPECT_EQ(e.description(), model::Say(e.rule(), {e.params().begin(), e.params().end()}));
      ExpectFilled(e.rule(), e.params(), e.field());
      reached.insert(e.rule());
      found |= e.rule() == c.rule;
    }
    for (const v1::ValidationWarning& w : result.warnings) {
      ASSERT_FALSE(w.rule().empty()) << w.field() << ": " << w.message();
      EXPECT_EQ(w.message(), model::Say(w.rule(), {w.params().begin(), w.params().end()}));
      ExpectFilled(w.rule(), w.params(), w.field());
      reached.insert(w.rule());
      found |= w.rule() == c.rule;
    }
    EXPECT_TRUE(found) << Describe(result);
  }
  // Every rule of the validator in the catalogue is one it reaches.
  for (const model::MessageSpec& m : model::ReportRuleCatalogue()) {
    const std::string code = m.code;
    if (absl::StartsWith(code, "refusal.") || absl::StartsWith(code, "idempotency_key.") ||
        absl::StartsWith(code, "recorded_at.")) {
      continue;  // the refusal's own words and the submission's checks (core/reporting.cc)
    }
    EXPECT_TRUE(reached.count(code)) << code << " is in the catalogue but never reached";
  }
}

}  // namespace
}  // namespace gongkai::core

// Shared by the validator tests: a clean report to mutate, and matchers.
#ifndef GONGKAI_TESTS_CORE_VALIDATOR_FIXTURE_H_
#define GONGKAI_TESTS_CORE_VALIDATOR_FIXTURE_H_

#include "core/validator.h"

#include <cstdint>
#include <limits>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "model/field_path.h"

namespace gongkai::core::validator_testing {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Matcher;
using ::testing::Property;
using ::testing::UnorderedElementsAre;

inline const absl::TimeZone kCity = absl::FixedTimeZone(8 * 3600);

inline absl::Time At(int y, int m, int d, int hh, int mm) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, 0), kCity);
}

inline v1::Unit MakeUnit(const std::string& id) {
  v1::Unit u;
  u.set_unit_id(id);
  u.set_name("芦溪县人民政府");
  u.set_tier(v1::COUNTY);
  u.set_parent_id("pingxiang-city");
  return u;
}

inline const v1::Unit& LuxiCounty() {
  static const v1::Unit* unit = new v1::Unit(MakeUnit("luxi-county"));
  return *unit;
}

// Registered unit, submitted on time for 2026-10, now 2026-11-23.
inline ValidationContext Context(const v1::Unit* unit = &LuxiCounty()) {
  ValidationContext ctx;
  ctx.unit = unit;
  ctx.submitted_at = At(2026, 11, 3, 10, 0);
  ctx.now = At(2026, 11, 23, 10, 0);
  return ctx;
}

inline ValidationRules Rules() {
  ValidationRules rules;
  rules.extra_names = {"training_sessions"};
  return rules;
}

// A clean, fully consistent month of a Pingxiang county: every split adds up
// to its total and the balance identity holds (6 new + 2 carried over = 7
// results + 1 carried forward).
inline v1::MonthlyReport CleanReport() {
  v1::MonthlyReport r;
  r.set_unit_id("luxi-county");
  r.set_period("2026-10");

  v1::ProactiveDisclosure* p = r.mutable_proactive();
  p->set_items_total(120);
  v1::DisclosureCategories* cat = p->mutable_categories();  // 4+24+3+68+3+3+1+10+4 = 120
  cat->set_overview(4);
  cat->set_regulations(24);
  cat->set_plans(3);
  cat->set_work_updates(68);
  cat->set_personnel(3);
  cat->set_finance(3);
  cat->set_law_enforcement(1);
  cat->set_public_services(10);
  cat->set_other(4);
  v1::KeyDomains* kd = p->mutable_key_domains();  // 39 in all
  kd->set_fiscal_budgets(10);
  kd->set_affordable_housing(3);
  kd->set_food_safety(5);
  kd->set_environment(6);
  kd->set_tendering(8);
  kd->set_work_safety_accidents(1);
  kd->set_land_expropriation(2);
  kd->set_prices_and_fees(4);
  p->set_interpretations(6);
  p->set_interpretations_on_time(5);
  p->mutable_channels()->set_website(120);
  p->mutable_channels()->set_weibo(30);
  p->mutable_channels()->set_wechat(40);
  p->mutable_channels()->set_gazette(1);
  p->mutable_channels()->set_press_conferences(2);
  p->mutable_channels()->set_other_media(6);

  v1::StatutoryItems* s = r.mutable_statutory();
  s->set_normative_documents_issued(2);
  s->set_normative_documents_repealed(1);
  s->set_licensing_decisions(35);
  s->set_penalty_decisions(4);
  s->set_fees_collected_yuan(12000);

  v1::Applications* a = r.mutable_applications();
  a->set_new_total(6);
  a->mutable_by_applicant()->set_natural_person(4);
  a->mutable_by_applicant()->set_commercial_enterprise(1);
  a->mutable_by_applicant()->set_legal_service_org(1);
  a->mutable_received()->set_online(4);
  a->mutable_received()->set_in_person(1);
  a->mutable_received()->set_letter(1);
  a->set_carried_over(2);
  v1::ApplicationResults* res = a->mutable_results();
  res->set_granted(2);
  res->set_partly_granted(1);
  res->mutable_refused()->set_total(1);
  res->mutable_refused()->set_third_party_rights(1);
  res->mutable_cannot_provide()->set_total(1);
  res->mutable_cannot_provide()->set_not_held(1);
  res->mutable_not_processed()->set_total(1);
  res->mutable_not_processed()->set_repeated(1);
  res->mutable_other()->set_total(1);
  res->mutable_other()->set_overdue_correction(1);
  res->set_total(7);
  a->set_carried_forward(1);
  a->set_replied_on_time(6);
  a->set_replied_overdue(1);

  r.mutable_consultations()->set_online(30);
  r.mutable_consultations()->set_phone(45);
  r.mutable_consultations()->set_in_person(12);
  r.mutable_consultations()->set_column_page_views(8000);

  v1::Oversight* o = r.mutable_oversight();
  o->mutable_reconsideration()->set_upheld(1);
  o->mutable_reconsideration()->set_pending(1);
  o->mutable_reconsideration()->set_total(2);
  o->mutable_litigation_direct()->set_corrected(1);
  o->mutable_litigation_direct()->set_total(1);
  o->mutable_litigation_after_reconsideration()->set_other(1);
  o->mutable_litigation_after_reconsideration()->set_total(1);
  o->set_complaints(1);

  r.mutable_interaction()->set_mailbox_received(248);
  r.mutable_interaction()->set_mailbox_replied(235);
  r.mutable_interaction()->set_npc_suggestions_answered(3);
  r.mutable_interaction()->set_cppcc_proposals_answered(2);

  r.set_note("本月按时报送。");
  return r;
}

inline ValidationResult Validate(const v1::MonthlyReport& r,
                          const ValidationContext& ctx = Context(),
                          const ValidationRules& rules = Rules()) {
  return ValidateReport(r, ctx, rules);
}

// Everything the result holds, for failure messages.
inline std::string Describe(const ValidationResult& result) {
  std::string s;
  for (const v1::FieldError& e : result.errors) {
    absl::StrAppend(&s, "\n  error ", e.field(), ": ", e.description());
  }
  for (const v1::ValidationWarning& w : result.warnings) {
    absl::StrAppend(&s, "\n  warning ", w.code(), " ", w.field(), ": ", w.message());
  }
  return s;
}

inline Matcher<const v1::FieldError&> ErrorOn(const std::string& field,
                                       Matcher<const std::string&> description) {
  return AllOf(Property("field", &v1::FieldError::field, field),
               Property("description", &v1::FieldError::description, description));
}

inline Matcher<const v1::ValidationWarning&> WarningOn(const std::string& code,
                                                const std::string& field,
                                                Matcher<const std::string&> message) {
  return AllOf(Property("code", &v1::ValidationWarning::code, code),
               Property("field", &v1::ValidationWarning::field, field),
               Property("message", &v1::ValidationWarning::message, message));
}

// Adds `delta` to the figure at `path`.
inline void Bump(v1::MonthlyReport* r, const std::string& path, int64_t delta) {
  absl::StatusOr<model::FieldPath> p = model::FieldPath::Parse(path);
  ASSERT_TRUE(p.ok()) << p.status();
  p->Set(r, p->Get(*r) + delta);
}

}  // namespace gongkai::core::validator_testing

#endif  // GONGKAI_TESTS_CORE_VALIDATOR_FIXTURE_H_

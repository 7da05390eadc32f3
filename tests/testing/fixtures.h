// Units and reports for tests and the load tool.
#ifndef GONGKAI_TESTS_TESTING_FIXTURES_H_
#define GONGKAI_TESTS_TESTING_FIXTURES_H_

#include <cstdint>
#include <string>

#include "gongkai/v1/reporting.pb.h"
#include "gongkai/v1/unit.pb.h"

namespace gongkai::testing {

inline v1::Unit MakeUnit(const std::string& id, const std::string& name, v1::Tier tier,
                         const std::string& parent = "") {
  v1::Unit u;
  u.set_unit_id(id);
  u.set_name(name);
  u.set_tier(tier);
  u.set_parent_id(parent);
  return u;
}

// A clean submission, every part adding up to its total: `items` items all
// work updates, 3 online applications from natural persons granted on time,
// 40 mailbox messages with 38 replies.
inline v1::SubmitReportRequest CleanRequest(const std::string& unit, const std::string& period,
                                            int64_t items, const std::string& key) {
  v1::SubmitReportRequest req;
  v1::MonthlyReport* r = req.mutable_report();
  r->set_unit_id(unit);
  r->set_period(period);
  r->mutable_proactive()->set_items_total(items);
  r->mutable_proactive()->mutable_categories()->set_work_updates(items);
  v1::Applications* a = r->mutable_applications();
  a->set_new_total(3);
  a->mutable_by_applicant()->set_natural_person(3);
  a->mutable_received()->set_online(3);
  a->mutable_results()->set_granted(3);
  a->mutable_results()->set_total(3);
  a->set_replied_on_time(3);
  r->mutable_interaction()->set_mailbox_received(40);
  r->mutable_interaction()->set_mailbox_replied(38);
  req.set_idempotency_key(key);
  return req;
}

}  // namespace gongkai::testing

#endif  // GONGKAI_TESTS_TESTING_FIXTURES_H_

// A whole league table read page by page with GetLeagueTable: what tests
// compare a stream or an export with.
#ifndef GONGKAI_TESTS_TESTING_LEAGUE_PAGES_H_
#define GONGKAI_TESTS_TESTING_LEAGUE_PAGES_H_

#include <cstdint>
#include <vector>

#include "gongkai/v1/supervision.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"

namespace gongkai::testing {

// Every row of `req`'s table in pages of `page_size` rows, from its first
// page; a failed read fails the test and ends the rows there.
inline std::vector<v1::LeagueRow> LeaguePages(v1::SupervisionService::Stub* stub,
                                              v1::GetLeagueTableRequest req,
                                              uint32_t page_size) {
  std::vector<v1::LeagueRow> rows;
  req.set_page_size(page_size);
  req.clear_page_token();
  for (;;) {
    grpc::ClientContext ctx;
    v1::LeagueTable page;
    grpc::Status s = stub->GetLeagueTable(&ctx, req, &page);
    EXPECT_TRUE(s.ok()) << s.error_message();
    if (!s.ok()) return rows;
    rows.insert(rows.end(), page.rows().begin(), page.rows().end());
    if (page.next_page_token().empty()) return rows;
    req.set_page_token(page.next_page_token());
  }
}

}  // namespace gongkai::testing

#endif  // GONGKAI_TESTS_TESTING_LEAGUE_PAGES_H_

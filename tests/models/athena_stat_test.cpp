// Queries queueing for Athena's active-query limit against Erlang C
// (validation/query_engine_mmc.hpp). Same scheme and bounds as the M/M/4
// cases of tests/validation/queueing_stat_test.cpp.
#include <doctest/doctest.h>

#include "validation/query_engine_mmc.hpp"

using namespace archsim::validation;

namespace {
// c = 4 active queries; tables of 4 MiB on average scanned at 1 GiB/s: 1/256 s a query.
const QueryEngineCase kAthena{"athena M/M/4",
                              "{ service: athena, concurrency_limit: 4, startup: 0s, scan_rate: 1GiB/s }",
                              "{ data: { dist: exponential, mean: 4MiB }, compression: none }"};
}  // namespace

TEST_CASE("athena: queries waiting for the active-query limit match Erlang C at rho = 0.8") {
  check_query_engine_mmc(kAthena, 5100, 0.8, "41m", 0.015, 0.01);
}

TEST_CASE("athena: queries waiting for the active-query limit match Erlang C at rho = 0.95") {
  check_query_engine_mmc(kAthena, 5200, 0.95, "81m", 0.03, 0.03);
}

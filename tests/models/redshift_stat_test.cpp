// Queries queueing for Redshift's WLM slots against Erlang C
// (validation/query_engine_mmc.hpp), with the bounds of the Athena cases.
#include <doctest/doctest.h>

#include "validation/query_engine_mmc.hpp"

using namespace archsim::validation;

namespace {
// c = 4 WLM slots; tables of 12 MiB raw on average, 4 MiB stored at the
// catalog's 3:1, scanned by 2 nodes x 4 slices x 128 MiB/s = 1 GiB/s: 1/256 s a query.
const QueryEngineCase kRedshift{
    "redshift M/M/4",
    "{ service: redshift, node_type: ra3.4xlarge, nodes: 2, wlm_slots: 4, overhead: 0s, slice_scan_rate: 128MiB/s }",
    "{ data: { dist: exponential, mean: 12MiB }, selectivity: 1 }"};
}  // namespace

TEST_CASE("redshift: queries waiting for WLM slots match Erlang C at rho = 0.8") {
  check_query_engine_mmc(kRedshift, 6100, 0.8, "41m", 0.015, 0.01);
}

TEST_CASE("redshift: queries waiting for WLM slots match Erlang C at rho = 0.95") {
  check_query_engine_mmc(kRedshift, 6200, 0.95, "81m", 0.03, 0.03);
}

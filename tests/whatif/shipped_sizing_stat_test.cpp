// `archsim size` on every shipped scenario: the sized design, run again from
// its --set line on the scenario's seed, meets every requirement (or, where
// the scenario states none, loses no record); and where the scenario as
// written meets them, the sized one costs no more. Long: each scenario is
// sized with the simulator in the loop (statistical label).
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "archsim/report/findings.hpp"
#include "archsim/run/simulation.hpp"
#include "archsim/scenario/loader.hpp"
#include "archsim/whatif/sizing.hpp"

using namespace archsim;
namespace fs = std::filesystem;

namespace {

void check_sized(const std::string& name) {
  const std::string file = std::string(ARCHSIM_SOURCE_DIR) + "/scenarios/" + name + ".yaml";
  auto loaded = scenario::load_scenario(file);
  REQUIRE(loaded.ok());
  const auto s = whatif::size(*loaded.scenario, {.max_runs = 150, .jobs = 1});
  MESSAGE(name << ": found " << s.found << ", " << s.runs << " runs, $" << s.monthly_before << " -> $"
               << s.monthly_after);
  if (s.written_meets) CHECK(s.found);
  if (!s.found) return;
  CHECK(s.verified == s.verified_of);
  auto again = scenario::load_scenario(file, report::set_values(s.moves));
  REQUIRE(again.ok());
  const run::RunResult r = run::simulate(*again.scenario);
  for (const auto& q : r.requirements) {
    CAPTURE(q.name);
    CHECK(q.pass);
  }
  if (s.implied_requirements) CHECK(r.accounting.dropped == 0);
  CHECK(r.cost_monthly_usd == doctest::Approx(s.monthly_after).epsilon(1e-9));
  // The static bills decide between settings; the run's may differ from them by cents.
  if (s.written_meets) CHECK(s.monthly_after <= s.monthly_before * 1.001 + 0.01);
}

}  // namespace

TEST_CASE("shipped sizing: clickstream-lake") { check_sized("clickstream-lake"); }
TEST_CASE("shipped sizing: data-quality-10k-tables") { check_sized("data-quality-10k-tables"); }
TEST_CASE("shipped sizing: fanout-and-split") { check_sized("fanout-and-split"); }
TEST_CASE("shipped sizing: flash-sale-spike") { check_sized("flash-sale-spike"); }
TEST_CASE("shipped sizing: glue-vs-emr") { check_sized("glue-vs-emr"); }
TEST_CASE("shipped sizing: ingest-worker") { check_sized("ingest-worker"); }
TEST_CASE("shipped sizing: kinesis-vs-msk") { check_sized("kinesis-vs-msk"); }
TEST_CASE("shipped sizing: lambda-vs-flink") { check_sized("lambda-vs-flink"); }
TEST_CASE("shipped sizing: order-stream-basics") { check_sized("order-stream-basics"); }
TEST_CASE("shipped sizing: realtime-inventory-underprovisioned") { check_sized("realtime-inventory-underprovisioned"); }
TEST_CASE("shipped sizing: realtime-inventory") { check_sized("realtime-inventory"); }
TEST_CASE("shipped sizing: realtime-with-nightly-batch") { check_sized("realtime-with-nightly-batch"); }
TEST_CASE("shipped sizing: recommendations-batch") { check_sized("recommendations-batch"); }
TEST_CASE("shipped sizing: redshift-vs-athena") { check_sized("redshift-vs-athena"); }
TEST_CASE("shipped sizing: support-desk-erlang") { check_sized("support-desk-erlang"); }

TEST_CASE("shipped sizing: every shipped scenario is in this list") {
  std::size_t count = 0;
  for (const auto& entry : fs::directory_iterator(std::string(ARCHSIM_SOURCE_DIR) + "/scenarios"))
    if (entry.path().extension() == ".yaml") ++count;
  CHECK(count == 15);
}

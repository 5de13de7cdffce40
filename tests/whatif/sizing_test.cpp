// `archsim size` on designs whose cheapest setting is known by construction:
// a stream whose records need exactly five shards, a table whose one key
// sets the write capacity (and one hotter than any partition takes), a
// function whose concurrency follows from Little's law, a nightly job whose
// workers follow from its run-time arithmetic and its deadline, a warehouse
// whose node type follows from its scan arithmetic; the sized
// scenario written back; and the command's bad input.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unistd.h>
#include <fstream>

#include "archsim/report/sizing_reports.hpp"
#include "archsim/run/simulation.hpp"
#include "archsim/scenario/loader.hpp"
#include "archsim/whatif/sizing.hpp"
#include "support/run_command.hpp"

using namespace archsim;
using archsim::testing::run_archsim;

namespace {

std::string sizing_file(const std::string& name) { return std::string(ARCHSIM_TESTS_DIR) + "/whatif/sizing/" + name; }

scenario::Scenario load(const std::string& name, const std::vector<std::string>& sets = {}) {
  auto loaded = scenario::load_scenario(sizing_file(name), sets);
  REQUIRE(loaded.ok());
  return *loaded.scenario;
}

double moved_to(const whatif::Sizing& s, const std::string& component, const std::string& key) {
  for (const auto& m : s.moves)
    if (m.component == component && m.key == key) return m.to;
  return NAN;
}

// The scenario with `key` of `component` set, run on its seed: every requirement met?
bool passes_with(const std::string& file, const std::string& component, const std::string& key, double value) {
  auto loaded = scenario::load_scenario(sizing_file(file), {"components." + component + "." + key + "=" +
                                                            std::to_string(static_cast<long long>(value))});
  REQUIRE(loaded.ok());
  const auto r = run::simulate(*loaded.scenario);
  for (const auto& q : r.requirements)
    if (!q.pass) return false;
  return true;
}

const whatif::SizedLever& lever(const whatif::Sizing& s, const std::string& id) {
  for (const auto& l : s.levers)
    if (l.lever == id) return l;
  FAIL("no lever " << id);
  return s.levers.front();
}

}  // namespace

TEST_CASE("size: 4,500 records/s of 100 B need exactly five shards of 1,000 records/s") {
  const auto s = whatif::size(load("five-shards.yaml"), {.jobs = 2});
  CHECK(s.found);
  CHECK(s.written_meets);
  // ceil(4,500 / 1,000) = 5: four take 1,125/s each, past the shard limit.
  CHECK(moved_to(s, "stream", "shards") == 5);
  CHECK(s.monthly_after < s.monthly_before);
  const auto& shards = lever(s, "shards");
  CHECK(shards.label_after == "5 shards");
  CHECK(shards.tried_less);
  CHECK_FALSE(shards.fails_less.empty());
  CHECK(shards.binds_less.find("shard write limit") != std::string::npos);
  CHECK(s.verified == s.verified_of);
  CHECK(s.verified_of == 5);
  CHECK(passes_with("five-shards.yaml", "stream", "shards", 5));
  CHECK_FALSE(passes_with("five-shards.yaml", "stream", "shards", 4));
}

TEST_CASE("size: the same seed gives the same answer with one thread or two") {
  const auto a = whatif::size(load("five-shards.yaml"), {.jobs = 1});
  const auto b = whatif::size(load("five-shards.yaml"), {.jobs = 2});
  CHECK(a.runs == b.runs);
  CHECK(a.monthly_after == b.monthly_after);
  REQUIRE(a.moves.size() == b.moves.size());
  for (std::size_t i = 0; i < a.moves.size(); ++i) CHECK(a.moves[i].to == b.moves[i].to);
}

TEST_CASE("size: one key's 900 writes/s set the table's WCU within one partition") {
  const auto s = whatif::size(load("one-key-table.yaml"), {.jobs = 2});
  REQUIRE(s.found);
  const double wcu = moved_to(s, "table", "wcu");
  MESSAGE("sized WCU " << wcu);
  // One partition serves the one key: past 1,000 WCU a table splits and the
  // key's partition gains nothing a single partition lacks. Below, the key's
  // 900/s over the 20 minutes less what burst capacity banks (300 s of the
  // WCU) is the least: 900 x 1,200 / (1,200 + 300) = 720.
  CHECK(wcu <= 1000);
  CHECK(wcu >= 720);
  CHECK(s.monthly_after < s.monthly_before);
}

TEST_CASE("size: a key hotter than a partition takes is no setting's to clear, and says so") {
  const auto s = whatif::size(load("hot-key-table.yaml"), {.jobs = 2});
  CHECK_FALSE(s.found);
  CHECK_FALSE(s.still_failing.empty());
  CHECK(s.why_not.find("partition write ceiling") != std::string::npos);
  CHECK(s.moves.empty());  // nothing suggested
  CHECK(s.runs < 12);      // it stops once more capacity moves nothing
  const std::string text = report::to_text(s);
  CHECK(text.find("No setting of the levers was found") != std::string::npos);
}

TEST_CASE("size: a function's parallelization factor follows from Little's law") {
  // 900 records/s in batches of 10, 100 ms a batch: 90 batches/s x 0.1 s =
  // 9 at once; 2 shards x 5 give 10, 2 x 4 only 8.
  const auto s = whatif::size(load("littles-law-lambda.yaml"), {.jobs = 2});
  REQUIRE(s.found);
  CHECK_FALSE(s.written_meets);
  CHECK(moved_to(s, "fn", "parallelization_factor") == 5);
  const auto& factor = lever(s, "parallelization_factor");
  CHECK_FALSE(factor.fails_less.empty());
}

TEST_CASE("size: a nightly job's workers are the fewest that finish by its deadline") {
  // 1 TB at 32 MiB/s per DPU, 5% serial, 30 s start-up, from 02:00 to 03:00:
  // 30 + 29,802 x (0.05 + 0.95 / w) <= 3,600 needs w >= 13.6.
  const double one_dpu_s = 1e12 / (32.0 * 1048576);
  auto run_time = [&](double w) { return 30 + one_dpu_s * (0.05 + 0.95 / w); };
  REQUIRE(run_time(14) <= 3600);
  REQUIRE(run_time(13) > 3600);
  const auto s = whatif::size(load("nightly-glue.yaml"), {.jobs = 2});
  REQUIRE(s.found);
  CHECK(moved_to(s, "etl", "workers") == 14);
  CHECK(s.monthly_after < s.monthly_before);
}

TEST_CASE("size: a small need on a node type of two nodes at the least goes to more, smaller nodes") {
  // 10 GiB a query as stored, a 9 s p99: 4 ra3.xlplus nodes take 7.5 s, 3
  // take 10 s; 2 ra3.4xlarge nodes, that type's fewest, cost half as much again.
  const auto s = whatif::size(load("node-type-small.yaml"), {.jobs = 2});
  REQUIRE(s.found);
  CHECK(s.written_meets);
  CHECK(lever(s, "node_type").label_after == "4 x ra3.xlplus");
  CHECK(moved_to(s, "warehouse", "nodes") == 4);
  CHECK(s.monthly_after == doctest::Approx(4 * 1.086 * 730).epsilon(0.01));
  CHECK(lever(s, "nodes").binds_less.find("scan rate") != std::string::npos);
  CHECK(lever(s, "node_type").least_words == "no other node type bills less for it");
  CHECK(report::to_text(s).find("no other node type bills less for it") != std::string::npos);
}

TEST_CASE("size: a large need past a node type's most nodes goes to larger nodes") {
  // 400 GiB a query as stored, a 10.5 s p99: 32 ra3.4xlarge nodes, that
  // type's most, take 12.5 s; 10 ra3.16xlarge nodes (4 GiB/s each) take 10 s,
  // 9 take 11.1 s.
  const auto s = whatif::size(load("node-type-large.yaml"), {.jobs = 2});
  REQUIRE(s.found);
  CHECK_FALSE(s.written_meets);
  CHECK(lever(s, "node_type").label_after == "10 x ra3.16xlarge");
  CHECK(moved_to(s, "warehouse", "nodes") == 10);
  CHECK(lever(s, "nodes").less_label == "9 x ra3.16xlarge");
  CHECK_FALSE(lever(s, "nodes").fails_less.empty());
}

TEST_CASE("size: two query engines for one set of queries are sized each alone, as two designs") {
  const auto s = whatif::size(load("two-engines.yaml"), {.jobs = 2});
  // Both answer every query, so the design is as slow as Athena: nothing meets it.
  CHECK_FALSE(s.found);
  REQUIRE(s.engines.size() == 1);
  const auto& sides = s.engines.front().engines;
  REQUIRE(sides.size() == 2);
  const auto side = [&](const std::string& name) {
    for (const auto& e : sides)
      if (e.component == name) return e;
    FAIL("no engine " << name);
    return sides.front();
  };
  const auto warehouse = side("warehouse"), adhoc = side("adhoc");
  REQUIRE(warehouse.alone.sized);
  CHECK(warehouse.alone.found);
  CHECK(warehouse.alone.dropped == std::vector<std::string>{"adhoc"});
  // A query reads 2 TB x 0.05 / 3 = 33.3 GB as stored, plus 0.5 s to plan:
  // 4 ra3.xlplus nodes (8 RPUs of 170.7 MiB/s) take 23.2 s, 3 take 30.8 s,
  // and 2 ra3.4xlarge nodes, the fewest of that type, cost half as much again.
  CHECK(warehouse.alone.label == "4 x ra3.xlplus");
  CHECK(warehouse.alone.monthly_usd >= 4 * 1.086 * 730);
  CHECK(warehouse.alone.monthly_usd < 4 * 1.086 * 730 * 1.02);
  REQUIRE(adhoc.alone.sized);
  CHECK_FALSE(adhoc.alone.found);
  CHECK(adhoc.alone.fails == std::vector<std::string>{"latency_p99 30s"});
  CHECK(adhoc.alone.why_not.find("scan rate") != std::string::npos);
  const std::string text = report::to_text(s);
  CHECK(text.find("With warehouse alone answering bi_queries (adhoc dropped), the design meets them") !=
        std::string::npos);
  CHECK(report::to_json(s).find("\"alone\": {") != std::string::npos);

  // A budget spent on the design with both leaves none for each alone, and says so.
  const auto short_of_runs = whatif::size(load("two-engines.yaml"), {.max_runs = 8, .jobs = 2});
  REQUIRE(short_of_runs.engines.size() == 1);
  for (const auto& e : short_of_runs.engines.front().engines) {
    CHECK(e.alone.ran_out);
    CHECK_FALSE(e.alone.found);
  }
  CHECK(report::to_text(short_of_runs).find("not sized: the budget ran out before it.") != std::string::npos);
}

TEST_CASE("size: --keep leaves a lever as written, --lever searches only those named") {
  const auto kept = whatif::size(load("five-shards.yaml"), {.keep = {"stream.shards"}, .jobs = 2});
  CHECK(std::isnan(moved_to(kept, "stream", "shards")));
  CHECK(std::find(kept.kept.begin(), kept.kept.end(), "stream.shards") != kept.kept.end());
  const auto only = whatif::size(load("five-shards.yaml"), {.levers = {"on_demand"}, .jobs = 2});
  CHECK(std::isnan(moved_to(only, "stream", "shards")));
}

TEST_CASE("size: -o FILE.yaml writes the scenario with the sized values and what they were") {
  const std::string out = "/tmp/archsim-sized-" + std::to_string(::getpid()) + ".yaml";
  const auto r = run_archsim("size " + sizing_file("five-shards.yaml") + " -q -o " + out);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("5 shards") != std::string::npos);
  const std::string sized = testing::slurp(out);
  CHECK(sized.find("stream: { service: kinesis, shards: 5 }  # sized, was 20") != std::string::npos);
  CHECK(sized.find("  max_dropped: 0") != std::string::npos);  // the rest as it was
  auto again = scenario::load_scenario(out);
  REQUIRE(again.ok());
  CHECK(again.scenario->components.front().params.number("shards") == 5);
  std::remove(out.c_str());

  // A key the file left to its default is added under its component.
  const std::string out2 = "/tmp/archsim-sized-lambda-" + std::to_string(::getpid()) + ".yaml";
  REQUIRE(run_archsim("size " + sizing_file("littles-law-lambda.yaml") + " -q -o " + out2).exit_code == 0);
  auto lambda = scenario::load_scenario(out2);
  REQUIRE(lambda.ok());
  for (const auto& c : lambda.scenario->components)
    if (c.name == "fn") CHECK(c.params.number("parallelization_factor") == 5);
  CHECK(testing::slurp(out2).find("batch_size: 10, parallelization_factor: 5 }  # sized, parallelization_factor not "
                                  "stated before (1)") != std::string::npos);
  std::remove(out2.c_str());
}

TEST_CASE("size: bad levers and budgets are refused with exit code 2") {
  const auto named = run_archsim("size " + sizing_file("five-shards.yaml") + " --lever shard");
  CHECK(named.exit_code == 2);
  CHECK(named.err.find("--lever:1:1: error: no lever or component 'shard'") != std::string::npos);
  CHECK(named.err.find("shards") != std::string::npos);  // the suggestion
  const auto budget = run_archsim("size " + sizing_file("five-shards.yaml") + " --budget lots");
  CHECK(budget.exit_code == 2);
  CHECK(budget.err.find("--budget:1:1: error:") != std::string::npos);
  const auto json = run_archsim("size " + sizing_file("five-shards.yaml") + " -q --budget 3 --format json");
  CHECK(json.exit_code == 0);
  CHECK(json.out.find("\"ran_out\": true") != std::string::npos);
}

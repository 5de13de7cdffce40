// What --vary KEY=VALUES means: lists, linear and geometric ranges with their
// units, and every mistake reported at its column; the grid's order and its
// shards.
#include <doctest/doctest.h>

#include <set>

#include "archsim/whatif/sweep_grid.hpp"

using namespace archsim;
using whatif::ValuesKind;

namespace {

whatif::SweepParameter parsed(const std::string& argument) {
  scenario::Diagnostics diags;
  auto p = whatif::parse_vary(argument, 1, diags);
  for (const auto& d : diags.items()) MESSAGE(d.format());
  REQUIRE(p);
  return *p;
}

std::vector<std::string> texts(const whatif::SweepParameter& p) {
  std::vector<std::string> out;
  for (const auto& v : p.values) out.push_back(v.text);
  return out;
}

// The one problem parse_vary reports, as printed.
std::string problem(const std::string& argument, int index = 1) {
  scenario::Diagnostics diags;
  CHECK_FALSE(whatif::parse_vary(argument, index, diags));
  REQUIRE(diags.size() == 1);
  return diags.items().front().format();
}

}  // namespace

TEST_CASE("sweep values: a list keeps each value as written, in the file's own syntax") {
  const auto shards = parsed("components.s.shards=4,8,16");
  CHECK(shards.key == "components.s.shards");
  CHECK(shards.kind == ValuesKind::kList);
  CHECK(texts(shards) == std::vector<std::string>{"4", "8", "16"});
  CHECK(shards.numeric);
  CHECK(shards.values[2].x == 16);
  CHECK(shards.values[1].col == 23);  // where "8" is written

  const auto rates = parsed("workload.w.rate=1000/s,2500/s");
  CHECK(rates.numeric);
  CHECK(rates.unit == "/s");
  CHECK(rates.values[1].x == 2500);

  const auto modes = parsed("components.t.mode=on_demand,provisioned");
  CHECK_FALSE(modes.numeric);
  CHECK(texts(modes) == std::vector<std::string>{"on_demand", "provisioned"});
  // Different units are still values the scenario can take, but not one axis.
  CHECK_FALSE(parsed("duration=30m,1h").numeric);
  // Spaces after the commas, as one writes a list, are not part of the values: still numbers.
  const auto spaced = parsed("components.s.shards=16, 4,\t8 ");
  CHECK(texts(spaced) == std::vector<std::string>{"16", "4", "8"});
  CHECK(spaced.numeric);
  CHECK(spaced.values[1].x == 4);
  CHECK(spaced.values[1].col == 25);  // where "4" is written, after the space
  CHECK(problem("a=1, ,2") == "--vary:1:5: error: empty value in the list; write a list (4,8,16), a linear range "
                              "(1..8+1) or a geometric one (4..64*2)");
  // A value in flow syntax keeps its commas.
  const auto dists = parsed("components.c.service_time={dist: constant, value: 1s},{dist: exponential, mean: 1s}");
  CHECK(texts(dists) == std::vector<std::string>{"{dist: constant, value: 1s}", "{dist: exponential, mean: 1s}"});
}

TEST_CASE("sweep values: linear ranges, integers kept, the end included despite floating error") {
  const auto servers = parsed("components.c.servers=1..8+1");
  CHECK(servers.kind == ValuesKind::kLinear);
  CHECK(texts(servers) == std::vector<std::string>{"1", "2", "3", "4", "5", "6", "7", "8"});
  CHECK(texts(parsed("k=1..8+3")) == std::vector<std::string>{"1", "4", "7"});  // 10 would pass the end
  const auto rates = parsed("workload.w.rate=100/s..1000/s+300/s");
  CHECK(rates.unit == "/s");
  CHECK(texts(rates) == std::vector<std::string>{"100/s", "400/s", "700/s", "1000/s"});
  // The step may leave out the ends' unit.
  CHECK(texts(parsed("workload.w.rate=100/s..300/s+100")) == std::vector<std::string>{"100/s", "200/s", "300/s"});
  // 0.1 + 0.1 + 0.1 is not 0.3 in binary, and 0.3 is still reached.
  const auto fractions = parsed("k=0.1..0.3+0.1");
  CHECK(texts(fractions) == std::vector<std::string>{"0.1", "0.2", "0.3"});
  CHECK(fractions.values.back().x == 0.3);
  CHECK(texts(parsed("k=0.5..2+0.5")) == std::vector<std::string>{"0.5", "1", "1.5", "2"});
  CHECK(texts(parsed("k=-2..2+2")) == std::vector<std::string>{"-2", "0", "2"});
  CHECK(texts(parsed("duration=10m..30m+10m")) == std::vector<std::string>{"10m", "20m", "30m"});
  CHECK(texts(parsed("k=5..5+1")) == std::vector<std::string>{"5"});
}

TEST_CASE("sweep values: geometric ranges") {
  const auto shards = parsed("components.events_stream.shards=4..64*2");
  CHECK(shards.kind == ValuesKind::kGeometric);
  CHECK(texts(shards) == std::vector<std::string>{"4", "8", "16", "32", "64"});
  CHECK(texts(parsed("k=4..100*2")) == std::vector<std::string>{"4", "8", "16", "32", "64"});
  CHECK(texts(parsed("k=1..1000*10")) == std::vector<std::string>{"1", "10", "100", "1000"});
  // A factor that is not whole makes values that are not either.
  CHECK(texts(parsed("k=4..9*1.5")) == std::vector<std::string>{"4", "6", "9"});
  CHECK(texts(parsed("k=0.1..1000*10")) == std::vector<std::string>{"0.1", "1", "10", "100", "1000"});
  CHECK(texts(parsed("workload.w.rate=1000/s..8000/s*2")) ==
        std::vector<std::string>{"1000/s", "2000/s", "4000/s", "8000/s"});
  CHECK(texts(parsed("k=1e3..1e5*10")) == std::vector<std::string>{"1000", "10000", "100000"});
}

TEST_CASE("sweep values: every mistake at its column, with what would be valid") {
  CHECK(problem("components.s.shards") ==
        "--vary:1:1: error: 'components.s.shards' is not KEY=VALUES; write, for example, --vary "
        "components.events_stream.shards=4..64*2");
  CHECK(problem("=4", 2) == "--vary:2:1: error: '=4' is not KEY=VALUES; write, for example, --vary "
                            "components.events_stream.shards=4..64*2");
  CHECK(problem("k=") == "--vary:1:3: error: no values after '='; write a list (4,8,16), a linear range (1..8+1) or a "
                         "geometric one (4..64*2)");
  CHECK(problem("k=4,,8") == "--vary:1:5: error: empty value in the list; write a list (4,8,16), a linear range "
                             "(1..8+1) or a geometric one (4..64*2)");
  CHECK(problem("k=4,8,4") == "--vary:1:7: error: '4' is listed twice");
  CHECK(problem("k=4,8..16+4") == "--vary:1:5: error: a range cannot be one item of a list; write either a list "
                                  "(4,8,16) or one range (4..64*2)");
  CHECK(problem("k=1..8") == "--vary:1:3: error: '1..8' has no step: write 1..8+STEP (linear, e.g. +1) or "
                             "1..8*FACTOR (geometric, e.g. *2)");
  CHECK(problem("k=1..8+0") == "--vary:1:8: error: the step must be more than 0; e.g. 1..8+1");
  CHECK(problem("k=1..8+-1") == "--vary:1:8: error: the step must be more than 0; e.g. 1..8+1");
  CHECK(problem("k=4..64*1") == "--vary:1:9: error: the factor must be more than 1; e.g. 4..64*2");
  CHECK(problem("k=4..64*0.5") == "--vary:1:9: error: the factor must be more than 1; e.g. 4..64*2");
  CHECK(problem("k=4..64*2x") == "--vary:1:9: error: the factor is a plain number, without a unit; e.g. 4..64*2");
  CHECK(problem("k=0..64*2") == "--vary:1:3: error: a geometric range starts above 0; e.g. 4..64*2");
  CHECK(problem("k=64..4*2") ==
        "--vary:1:7: error: the range ends at 4, before it starts at 64; write the smaller end first");
  CHECK(problem("k=1..20000+1") == "--vary:1:3: error: the range has 20,000 values, more than 10,000; take a larger step");
  CHECK(problem("k=abc..8+1") ==
        "--vary:1:3: error: 'abc' is not a number; a range is A..B+STEP or A..B*FACTOR, e.g. 4..64*2");
  CHECK(problem("k=100/s..1000/min+100/s") ==
        "--vary:1:10: error: the range ends in '/min' but starts in '/s'; write both ends (and the step) in one unit, "
        "e.g. 100/s..1000/s+100/s");
  CHECK(problem("k=100..1000/s+100/s") ==
        "--vary:1:8: error: the range ends in '/s' but starts in no unit; write both ends (and the step) in one unit, "
        "e.g. 100/s..1000/s+100/s");
  CHECK(problem("k=100/s..1000/s+1/min") ==
        "--vary:1:17: error: the step is in '/min' but the range in '/s'; write the step in the range's unit");
  CHECK(problem("k=1..8+x") == "--vary:1:8: error: the step 'x' is not a number; e.g. 1..8+1");
}

TEST_CASE("sweep grid: one or two different parameters, none also fixed by --set, not too many points") {
  auto grid_of = [](std::vector<std::string> varies) {
    whatif::SweepGrid g;
    g.designs = {"a.yaml"};
    scenario::Diagnostics diags;
    for (std::size_t i = 0; i < varies.size(); ++i)
      g.parameters.push_back(*whatif::parse_vary(varies[i], static_cast<int>(i) + 1, diags));
    REQUIRE(diags.empty());
    return g;
  };
  auto problems = [](const whatif::SweepGrid& g, std::size_t count, const std::vector<std::string>& sets) {
    scenario::Diagnostics diags;
    whatif::check_grid(g, count, sets, diags);
    std::vector<std::string> out;
    for (const auto& d : diags.sorted()) out.push_back(d.format());
    return out;
  };
  CHECK(problems(grid_of({"a=1,2", "b=1,2"}), 2, {}).empty());
  CHECK(problems(grid_of({"a=1,2", "a=3,4"}), 2, {}) ==
        std::vector<std::string>{"--vary:2:1: error: 'a' is varied twice (by --vary 1 too); give each parameter once"});
  CHECK(problems(grid_of({"a=1,2"}), 1, {"b=1", "a=3"}) ==
        std::vector<std::string>{"--vary:1:1: error: 'a' is varied here and fixed by --set 2; drop one of them"});
  CHECK(problems(grid_of({"a=1,2", "b=1,2", "c=1,2"}), 3, {}).front() ==
        "--vary:3:1: error: a sweep varies one or two parameters; sweep more with several sweeps, or list the "
        "combinations as designs (several FILEs)");
  CHECK(problems(grid_of({"a=1..1000+1", "b=1..1000+1"}), 2, {}) ==
        std::vector<std::string>{"--vary:2:3: error: the grid has 1,000,000 points (designs x values), more than "
                                 "100,000; take fewer values"});
  // The points all run on the seeds S .. S+N-1: a varied seed would be overwritten.
  CHECK(problems(grid_of({"a=1,2", "seed=1..4+1"}), 2, {}) ==
        std::vector<std::string>{"--vary:2:1: error: the seed is not a parameter to sweep: every point runs the same "
                                 "seeds, S to S+N-1; ask for more seeds with --replications N, or other ones with "
                                 "--seed S"});
  auto twice = grid_of({"a=1,2"});
  twice.designs = {"a.yaml", "a.yaml"};
  CHECK(problems(twice, 1, {}) ==
        std::vector<std::string>{"a.yaml:1:1: error: this design is given twice; each FILE is one design (one line)"});
}

TEST_CASE("sweep grid: designs outermost, then the first parameter, then the second") {
  whatif::SweepGrid g;
  g.designs = {"a.yaml", "b.yaml"};
  scenario::Diagnostics diags;
  g.parameters = {*whatif::parse_vary("x=1,2,3", 1, diags), *whatif::parse_vary("y=on,off", 2, diags)};
  REQUIRE(g.size() == 12);
  CHECK(g.assignments(g.point(0)) == std::vector<std::string>{"x=1", "y=on"});
  CHECK(g.assignments(g.point(1)) == std::vector<std::string>{"x=1", "y=off"});
  CHECK(g.assignments(g.point(2)) == std::vector<std::string>{"x=2", "y=on"});
  const auto last = g.point(11);
  CHECK(last.design == 1);
  CHECK(g.assignments(last) == std::vector<std::string>{"x=3", "y=off"});
  CHECK(g.point(6).design == 1);
  CHECK(g.point(5).design == 0);
}

TEST_CASE("sweep shards: K/N, and the shards of a grid are disjoint and cover it") {
  std::string error;
  const auto s = whatif::parse_shard("3/8", error);
  REQUIRE(s);
  CHECK(s->k == 3);
  CHECK(s->n == 8);
  for (const std::string bad : {"0/8", "9/8", "3", "3/", "/8", "a/b", "3/8/1", "-1/8", ""}) {
    CHECK_MESSAGE(!whatif::parse_shard(bad, error), bad);
    CHECK(error == "'" + bad + "' is not K/N with 1 <= K <= N; e.g. --shard 3/8 runs the third of eight parts");
  }
  CHECK(whatif::shard_points(10, {3, 4}) == std::vector<std::size_t>{2, 6});
  CHECK(whatif::shard_points(2, {3, 4}).empty());
  for (std::size_t n : {1, 2, 3, 7, 40, 41}) {
    std::multiset<std::size_t> all;
    for (std::size_t k = 1; k <= n; ++k)
      for (auto i : whatif::shard_points(40, {k, n})) {
        CHECK(i % n == k - 1);
        all.insert(i);
      }
    REQUIRE(all.size() == 40);
    std::size_t expected = 0;
    for (auto i : all) CHECK(i == expected++);  // each point once
  }
}

// M/M/1 through the whole model stack in process, as `archsim run` does it
// minus the file read: parse and validate the scenario, build the source and
// the server model with their probes, simulate, and format both reports.
// Uses tests/bench/mm1-10m.yaml cut to 10 s of simulated time: 1 million customers.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "archsim/report/reports.hpp"
#include "archsim/run/simulation.hpp"
#include "archsim/scenario/loader.hpp"

namespace {

std::string read_scenario() {
  const std::string path = std::string(ARCHSIM_BENCH_DIR) + "/mm1-10m.yaml";
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void BM_Mm1ModelStack(benchmark::State& state) {
  const std::string text = read_scenario();
  std::uint64_t events = 0, customers = 0;
  std::size_t report_bytes = 0;
  for (auto _ : state) {
    auto loaded = archsim::scenario::load_scenario_text(text, "mm1-10m.yaml", {"duration=10s"});
    if (!loaded.ok()) {
      state.SkipWithError("the benchmark scenario does not load");
      return;
    }
    const auto result = archsim::run::simulate(*loaded.scenario);
    const std::string human = archsim::report::to_text(result);
    const std::string json = archsim::report::to_json(result);
    report_bytes += human.size() + json.size();
    events += result.events;
    customers += result.accounting.generated;
  }
  benchmark::DoNotOptimize(report_bytes);
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["customers/s"] = benchmark::Counter(static_cast<double>(customers), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Mm1ModelStack)->Unit(benchmark::kMillisecond);

}  // namespace

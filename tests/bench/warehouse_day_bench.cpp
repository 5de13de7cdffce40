// The shipped warehouse day (scenarios/realtime-inventory.yaml) in process,
// one simulation per iteration, at its own load and with the load raised, and
// the same day with its item keys skewed to zipf s = 1.05: the cost of a run
// should follow its events, not its backlog or its key skew (docs/performance.md).
// The analysis that checks fixes by simulating again is left out: each of
// those is one more simulation of the same kind.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>
#include <vector>

#include "archsim/run/simulation.hpp"
#include "archsim/scenario/loader.hpp"

namespace {

const std::string kDay = std::string(ARCHSIM_BENCH_DIR) + "/../../scenarios/realtime-inventory.yaml";

void simulate_day(benchmark::State& state, const std::vector<std::string>& overrides) {
  const auto loaded = archsim::scenario::load_scenario(kDay, overrides);
  if (!loaded.ok()) {
    state.SkipWithError("scenarios/realtime-inventory.yaml does not load");
    return;
  }
  std::uint64_t events = 0, records = 0;
  double quietest = 0, busiest = 0;  // events per simulated second, over the metrics intervals
  for (auto _ : state) {
    const auto result = archsim::run::simulate(*loaded.scenario);
    events += result.events;
    records += result.accounting.generated;
    const double interval_s = result.duration_s / static_cast<double>(result.events_by_interval.size());
    const auto [least, most] = std::minmax_element(result.events_by_interval.begin(), result.events_by_interval.end());
    quietest = static_cast<double>(*least) / interval_s;
    busiest = static_cast<double>(*most) / interval_s;
  }
  state.counters["calendar events"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kAvgIterations);
  state.counters["events/s quietest"] = quietest;
  state.counters["events/s busiest"] = busiest;
  state.counters["records/s"] = benchmark::Counter(static_cast<double>(records), benchmark::Counter::kIsRate);
}

void BM_WarehouseDay(benchmark::State& state) {
  // The argument is the load in percent of the shipped 200 events/s per warehouse.
  const std::string rate = std::to_string(2 * state.range(0)) + "/s";
  simulate_day(state, {"workload.inventory_events.rate=" + rate});
}
BENCHMARK(BM_WarehouseDay)->Arg(100)->Arg(125)->Arg(150)->Arg(200)->Arg(400)->Unit(benchmark::kSecond)->Iterations(1);

void BM_WarehouseDayZipf105(benchmark::State& state) {
  simulate_day(state, {"workload.inventory_events.keys.s=1.05"});
}
BENCHMARK(BM_WarehouseDayZipf105)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace

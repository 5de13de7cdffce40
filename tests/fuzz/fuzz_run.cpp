// libFuzzer: any text as a scenario, and what loads simulated for a minute
// and diagnosed. A run ends in a result whose invariants hold, or in a
// located refusal (overloaded); nothing else may come out of it.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "archsim/analysis/explain.hpp"
#include "archsim/analysis/static_explain.hpp"
#include "archsim/run/simulation.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "archsim/scenario/loader.hpp"

namespace {

using namespace archsim;

// Records the sources make in the run at their peak: inputs far beyond a
// minute's worth of a fast run are skipped, so that an iteration stays short.
double peak_records(const scenario::Scenario& s) {
  double records = 0;
  for (const auto& src : s.sources) {
    if (!src.params.has("rate") || !src.params.has("producers") || !src.params.has("profile")) continue;
    const double per_s = src.params.number("rate") * static_cast<double>(src.params.integer("producers")) *
                         src.params.at("profile").profile->max_factor();
    const bool batched = src.params.has("batch") && src.params.duration("batch") > 0;
    records += batched ? engine::to_seconds(s.duration) / engine::to_seconds(src.params.duration("batch"))
                       : per_s * engine::to_seconds(s.duration);
  }
  return records;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto loaded = scenario::load_scenario_text(text, "fuzz.yaml");
  if (!loaded.ok()) return 0;
  scenario::Scenario s = *loaded.scenario;
  s.duration = std::min(s.duration, engine::kMinute);
  s.warmup = std::min(s.warmup, s.duration / 2);
  s.metrics_interval = 0;
  s.faults.erase(std::remove_if(s.faults.begin(), s.faults.end(),
                                [&](const scenario::FaultDecl& f) { return f.fault.start >= s.duration; }),
                 s.faults.end());
  if (peak_records(s) > 2e5) return 0;
  // As `run` does: a design offered twenty times what a component takes is refused before it runs.
  const auto napkin = analysis::explain_statically(s, scenario::builtin_catalog());
  for (const auto& c : napkin.components)
    if (c.peak_utilization > 20) return 0;
  try {
    (void)analysis::run_and_explain(s, 1);
  } catch (const run::Overloaded&) {
    // bad input, located: what the command line reports with exit code 2
  }
  return 0;
}

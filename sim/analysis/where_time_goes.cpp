#include "where_time_goes.hpp"

#include <algorithm>

#include "by_name.hpp"

namespace archsim::analysis {

void fill_time_by_path(run::RunResult& r) {
  r.time_by_path.clear();
  const ByName<run::ComponentResult> results(r.components);
  for (const auto& p : r.paths) {
    run::PathTime t{p.from, p.to, p.latency.mean, {}};
    for (const auto& name : p.components)
      if (const auto* c = results.find(name)) t.components.push_back({name, c->time});
    r.time_by_path.push_back(std::move(t));
  }
}

// The peak use of each bounded component's capacity (the hottest unit's
// where it has keyed units); a batch job, busy whenever it runs, has none.
void fill_headroom(const scenario::Scenario& s, run::RunResult& r) {
  r.headroom = {};
  const ByName<scenario::ComponentDecl> decls(s.components);
  for (const auto& c : r.components) {
    const scenario::ComponentDecl* d = decls.find(c.name);
    if (!d || !d->model || d->model->resources.empty() || d->model->resource("run_time")) continue;
    double peak = c.capacity > 0 ? c.utilization_peak : 0;
    if (!c.units.unit.empty()) peak = std::max(peak, c.units.hottest_load);
    if (peak > r.headroom.peak_utilization)
      r.headroom = {c.name, d->model->resources.front().name, peak};
  }
}

}  // namespace archsim::analysis

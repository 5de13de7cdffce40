#include "hot_keys.hpp"
#include "archsim/analysis/moves.hpp"

#include <cmath>
#include <exception>

#include "archsim/analysis/static_explain.hpp"
#include "archsim/analysis/traffic.hpp"
#include "archsim/model/key_mix.hpp"
#include "archsim/models/workload/source.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "archsim/scenario/topology.hpp"

namespace archsim::analysis {

namespace {

constexpr std::size_t kKeysNamed = 3;
constexpr double kNotable = 0.1;  // a key is named when it asks this much of one unit at the peak

// The sources whose records reach vertex `v` with their own keys: walking
// upstream, a component that aggregates each key once a window stops the walk.
std::vector<std::size_t> keyed_sources(const scenario::Scenario& s, const scenario::Topology& topo, std::size_t v) {
  return topo.sources_reaching(v, [&](std::size_t u) {
    const auto& d = s.components[u - topo.source_count()];
    return !(d.model && d.model->evens_keys && d.model->evens_keys(d.params));
  });
}

}  // namespace

void find_hot_keys(const scenario::Scenario& s, std::vector<run::Bottleneck>& findings) {
  const model::Catalog& catalog = scenario::builtin_catalog();
  StaticExplanation napkin;
  Traffic traffic;
  try {
    napkin = explain_statically(s, catalog);
    traffic = solve_traffic(s);
  } catch (const std::exception&) {
    return;
  }
  const scenario::Topology topo(s);
  for (run::Bottleneck& b : findings) {
    const auto v = topo.find(b.component);
    if (!v || topo.is_source(*v)) continue;
    const auto& d = s.components[*v - topo.source_count()];
    const model::Resource* res = d.model ? d.model->resource(b.resource_id) : nullptr;
    if (!res || res->unit.empty() || !d.model->figures) continue;
    const StaticComponent* here = nullptr;
    for (const auto& c : napkin.components)
      if (c.name == b.component) here = &c;
    if (!here || here->peak <= 0) continue;
    // With its reads apart from its writes: a unit takes more reads than writes.
    PeakLoad peak;
    peak_load(*here, peak);
    const model::StaticFigures f = d.model->figures(d.params, catalog, peak.in);
    if (!std::isfinite(f.unit_capacity) || f.unit_capacity <= 0) continue;
    const auto sources = keyed_sources(s, topo, *v);
    double total = 0;
    for (const std::size_t src : sources) total += traffic.peak_records_per_s[src];
    if (total <= 0) continue;
    for (const std::size_t src : sources) {
      const auto& p = s.sources[src].params;
      if (!p.has("keys")) continue;
      model::KeyMixes mixes;
      const std::uint32_t mix = mixes.add_space(models::Source::key_space_of(p));
      const double fraction = traffic.peak_records_per_s[src] / total;
      std::uint64_t rank = 0;
      for (const auto& [key, probability] : mixes.hottest(mix, kKeysNamed)) {
        ++rank;
        run::HotKey k;
        k.source = s.sources[src].name;
        k.key = key;
        k.rank = rank;
        k.share = probability * fraction;
        k.peak_per_s = k.share * here->peak;
        k.unit_capacity_per_s = f.unit_capacity;
        if (f.unit_of_key && f.units >= 1) k.unit = f.unit_of_key(key, static_cast<std::uint64_t>(f.units));
        if (k.peak_per_s >= kNotable * f.unit_capacity) b.hot_keys.push_back(k);
      }
    }
    std::stable_sort(b.hot_keys.begin(), b.hot_keys.end(),
                     [](const run::HotKey& a, const run::HotKey& c) { return a.peak_per_s > c.peak_per_s; });
    if (b.hot_keys.size() > kKeysNamed) b.hot_keys.resize(kKeysNamed);
    b.key_beyond_unit = !b.hot_keys.empty() && b.hot_keys.front().peak_per_s > b.hot_keys.front().unit_capacity_per_s;
  }
}

}  // namespace archsim::analysis

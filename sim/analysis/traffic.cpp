// The topological walk of a design's load, interval by interval and source
// by source (traffic.hpp).
#include "archsim/analysis/traffic.hpp"

#include <algorithm>
#include <cmath>

#include "archsim/analysis/key_load.hpp"
#include "archsim/analysis/load_grid.hpp"
#include "archsim/scenario/topology.hpp"

namespace archsim::analysis {

namespace {

// A source's records/s in each interval (rate x instances x its profile),
// and the mean bytes of one (a query's: the raw size of the table it reads).
void start_source(const scenario::SourceDecl& s, const model::LoadOverTime& grid, std::size_t index,
                  VertexTraffic& v, std::size_t sources) {
  const model::ParamSet& p = s.params;
  const double rate = p.number("rate") * static_cast<double>(p.integer("producers"));
  const std::vector<double> factors = profile_factors(*p.at("profile").profile, grid);
  v.sources.assign(sources, {});
  SourceFlow& own = v.sources[index];
  for (const double f : factors) own.records_per_s.push_back(rate * f);
  own.demand_per_s = own.records_per_s;
  own.record_bytes = (p.has("scan") ? p.at("scan").fields->dist("data") : p.dist("record_size")).mean();
  if (!p.has("scan")) own.size = p.dist("record_size");
  own.mix = static_mix_of(p.at("keys").keys);
}

// The fluid model of one component's capacity, source by source: in each
// interval it takes what arrives and what it holds, up to its capacity; the
// excess is held (and dropped beyond its queue), in proportion to each
// source's part.
struct Taken {
  std::vector<std::vector<double>> by_source;  // processed records/s
  std::vector<double> total, busy;
  double dropped = 0;
};
Taken take(const std::vector<SourceFlow>& in, const Passage& p, const model::LoadOverTime& grid, bool demand) {
  const std::size_t n = grid.starts_s.size(), sources = in.size();
  Taken t;
  t.by_source.assign(sources, std::vector<double>(n, 0.0));
  t.total.assign(n, 0.0);
  t.busy.assign(n, 0.0);
  std::vector<double> held(sources, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const double length = grid.length_s(i);
    const double cap = demand ? model::kUnbounded : i < p.capacity_over_time.size() ? p.capacity_over_time[i] : p.capacity;
    double there = 0;
    std::vector<double> avail(sources, 0.0);
    for (std::size_t s = 0; s < sources; ++s) {
      const auto& series = demand ? in[s].demand_per_s : in[s].records_per_s;
      avail[s] = (series.empty() ? 0.0 : series[i]) * length + held[s];
      there += avail[s];
    }
    const double taken = std::min(there, cap * length);
    const double kept = there > 0 ? taken / there : 0;
    double left = there - taken;
    const double lost = std::max(0.0, left - p.queue_records);
    left -= lost;
    // What it takes, less what a full waiting room turns away below capacity.
    const double keeps = demand || i >= p.loss_over_time.size() ? 1.0 : 1 - p.loss_over_time[i];
    t.dropped += lost + taken * (1 - keeps);
    for (std::size_t s = 0; s < sources; ++s) {
      t.by_source[s][i] = avail[s] * kept * keeps / length;
      held[s] = there > taken ? avail[s] * (1 - kept) * (left / (there - taken)) : 0.0;
    }
    t.total[i] = taken * keeps / length;
    t.busy[i] = std::isfinite(cap) && cap > 0 ? taken * keeps / (cap * length) : 0;
  }
  return t;
}

// What a component passes on from what it took: its gain, or one record per
// distinct key per unit and window; a batch job's output only at its runs' ends.
std::vector<double> pass_on(const std::vector<double>& taken, const Passage& p, const std::vector<UnitPart>& parts,
                            model::KeyMixes& mixes, const model::LoadOverTime& grid) {
  const std::size_t n = taken.size();
  std::vector<double> out(n, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    out[i] = (p.key_window_s > 0 ? window_output(mixes, parts, taken[i], p.key_window_s) : taken[i]) * p.gain.records;
  if (!p.releases_in_runs) return out;
  // Cumulative output at the interval starts; a run releases what came out
  // between the previous run's start and its own, spread over its writing
  // (what it has not written by the end of the span stays in it).
  std::vector<double> cumulative(n + 1, 0.0);
  for (std::size_t i = 0; i < n; ++i) cumulative[i + 1] = cumulative[i] + out[i] * grid.length_s(i);
  auto interval_of = [&](double t) {
    return static_cast<std::size_t>(std::upper_bound(grid.starts_s.begin(), grid.starts_s.end(), t) -
                                    grid.starts_s.begin()) - 1;
  };
  auto by = [&](double t) {
    const std::size_t i = interval_of(t);
    return cumulative[i] + out[i] * std::min(t - grid.starts_s[i], grid.length_s(i));
  };
  std::vector<double> released(n, 0.0);
  double before = 0;
  for (const model::Release& r : p.releases) {
    const double upto = by(r.taken_until_s), records = upto - before;
    before = upto;
    if (r.at_s <= r.from_s) {
      const std::size_t i = interval_of(r.from_s);
      released[i] += records / grid.length_s(i);
      continue;
    }
    const double pace = records / (r.at_s - r.from_s);
    for (std::size_t i = interval_of(r.from_s); i < n; ++i) {
      const double a = std::max(r.from_s, grid.starts_s[i]), b = std::min(r.at_s, grid.starts_s[i] + grid.length_s(i));
      if (b <= a) break;
      released[i] += pace * (b - a) / grid.length_s(i);
    }
  }
  return released;
}

double mean_of(const std::vector<double>& x, const model::LoadOverTime& grid) {
  double sum = 0;
  for (std::size_t i = 0; i < x.size(); ++i) sum += x[i] * grid.length_s(i);
  return grid.end_s > 0 ? sum / grid.end_s : 0;
}

double peak_of(const std::vector<double>& x) { return x.empty() ? 0 : *std::max_element(x.begin(), x.end()); }

}  // namespace

Gain gain_of(const scenario::ComponentDecl& component) {
  Gain g;
  const model::ParamSet& p = component.params;
  if (p.has("output_ratio")) g.records = p.number("output_ratio");
  g.bytes = p.has("output_size_ratio") ? p.number("output_size_ratio") : g.records;
  return g;
}

model::LoadOverTime Traffic::over_time(std::size_t v) const {
  model::LoadOverTime load = grid;
  load.records_per_s = vertices[v].records_per_s;
  return load;
}

Traffic solve_traffic(const scenario::Scenario& scenario) {
  return solve_traffic(scenario, [&](std::size_t v, const VertexTraffic&) {
    Passage p;
    p.gain = gain_of(scenario.components[v - scenario.sources.size()]);
    return p;
  });
}

Traffic solve_traffic(const scenario::Scenario& scenario, const PassageFn& passage) {
  const scenario::Topology topo(scenario);
  const std::size_t sources = topo.source_count();
  Traffic t;
  t.mixes = &static_mixes();
  t.grid = load_grid(scenario);
  const std::size_t n = t.grid.starts_s.size();
  t.vertices.resize(topo.size());
  // What each vertex passes on, by source: records/s, the demand's, and the mean bytes of one.
  std::vector<std::vector<SourceFlow>> out(topo.size());
  for (std::size_t s = 0; s < sources; ++s) {
    start_source(scenario.sources[s], t.grid, s, t.vertices[s], sources);
    out[s] = t.vertices[s].sources;
  }
  for (const std::size_t v : topo.topological_order()) {
    VertexTraffic& here = t.vertices[v];
    if (!topo.is_source(v)) {
      here.sources.assign(sources, {});
      for (const auto& edge : topo.in_edges(v)) {
        const double share = edge.share.value_or(1.0);
        for (std::size_t s = 0; s < sources; ++s) {
          const SourceFlow& from = out[edge.from][s];
          if (from.records_per_s.empty()) continue;
          SourceFlow& to = here.sources[s];
          if (to.records_per_s.empty()) {
            to = from;
            for (double& x : to.records_per_s) x *= share;
            for (double& x : to.demand_per_s) x *= share;
            continue;
          }
          for (std::size_t i = 0; i < n; ++i) to.records_per_s[i] += from.records_per_s[i] * share;
          for (std::size_t i = 0; i < n; ++i) to.demand_per_s[i] += from.demand_per_s[i] * share;
          // Two routes with different mixes: the one with its own keys is the hotter.
          if (to.evened && !from.evened) to.mix = from.mix, to.evened = false;
        }
      }
    }
    here.records_per_s.assign(n, 0.0);
    std::vector<double> demand(n, 0.0);
    double bytes = 0;
    for (const SourceFlow& f : here.sources) {
      if (f.records_per_s.empty()) continue;
      for (std::size_t i = 0; i < n; ++i) here.records_per_s[i] += f.records_per_s[i], demand[i] += f.demand_per_s[i];
      bytes += mean_of(f.records_per_s, t.grid) * f.record_bytes;
    }
    here.mean = mean_of(here.records_per_s, t.grid);
    here.peak = peak_of(here.records_per_s);
    here.demand_peak = peak_of(demand);
    here.bytes_per_s = bytes;
    here.peak_bytes_per_s = here.mean > 0 ? here.peak * bytes / here.mean : 0;
    if (topo.is_source(v)) {
      here.processed_per_s = here.records_per_s;
      here.out_peak = here.peak, here.out_demand_peak = here.demand_peak;
      continue;
    }
    const Passage p = passage(v, here);
    const Taken taken = take(here.sources, p, t.grid, false), wanted = take(here.sources, p, t.grid, true);
    here.processed_per_s = taken.total;
    here.busy = taken.busy;
    here.busy_mean = mean_of(taken.busy, t.grid);
    here.dropped = taken.dropped;
    out[v].assign(sources, {});
    std::vector<double> total_out(n, 0.0), total_demand(n, 0.0);
    for (std::size_t s = 0; s < sources; ++s) {
      const SourceFlow& in = here.sources[s];
      if (in.records_per_s.empty() || (s < p.ends.size() && p.ends[s])) continue;
      std::vector<UnitPart> parts;
      if (p.key_window_s > 0) parts = unit_parts(*t.mixes, in.mix, p.unit_of_key, static_cast<std::uint64_t>(std::max(1.0, p.units)));
      SourceFlow& o = out[v][s];
      o.records_per_s = pass_on(taken.by_source[s], p, parts, *t.mixes, t.grid);
      o.demand_per_s = pass_on(wanted.by_source[s], p, parts, *t.mixes, t.grid);
      o.record_bytes = p.gain.records > 0 ? in.record_bytes * p.gain.bytes / p.gain.records : in.record_bytes;
      o.size = in.size;
      o.mix = p.key_window_s > 0 ? t.mixes->each_key_once(in.mix) : in.mix;
      o.evened = in.evened || p.key_window_s > 0;
      for (std::size_t i = 0; i < n; ++i) total_out[i] += o.records_per_s[i], total_demand[i] += o.demand_per_s[i];
    }
    here.out_peak = peak_of(total_out);
    here.out_demand_peak = peak_of(total_demand);
  }
  for (std::size_t v = 0; v < topo.size(); ++v) {
    const VertexTraffic& x = t.vertices[v];
    t.records_per_s.push_back(x.mean);
    t.bytes_per_s.push_back(x.bytes_per_s);
    t.peak_records_per_s.push_back(x.peak);
    t.peak_bytes_per_s.push_back(x.peak_bytes_per_s);
  }
  std::vector<double> input(n, 0.0);
  for (std::size_t s = 0; s < sources; ++s) {
    t.source_records_per_s += t.vertices[s].mean;
    for (std::size_t i = 0; i < n; ++i) input[i] += t.vertices[s].records_per_s[i];
  }
  t.source_peak_records_per_s = peak_of(input);
  return t;
}

}  // namespace archsim::analysis

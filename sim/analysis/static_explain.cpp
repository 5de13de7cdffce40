// archsim explain: the traffic over the run with each component's passage
// read from its model's figures, then every component's figures at its mean
// and its peak, its hottest unit and key, the ceiling and the paths.
#include "archsim/analysis/static_explain.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "archsim/analysis/key_load.hpp"
#include "archsim/analysis/load_grid.hpp"
#include "archsim/analysis/partial_cycles.hpp"
#include "archsim/analysis/traffic.hpp"
#include "archsim/scenario/topology.hpp"
#include "max_flow_ceiling.hpp"

namespace archsim::analysis {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The queries a component answers take the shape of the first query source
// upstream of it (a model reading one shape); `shapes` has each source's.
// Worked out for every vertex in one pass in topological order, the later
// inflow first as a walk upstream would take it: a long chain asks once per
// component, not once per ancestor.
std::vector<const model::QueryShape*> query_shapes(const scenario::Topology& topo,
                                                   const std::vector<std::unique_ptr<model::QueryShape>>& shapes) {
  std::vector<const model::QueryShape*> out(topo.size(), nullptr);
  for (const std::size_t v : topo.topological_order()) {
    if (topo.is_source(v)) {
      out[v] = shapes[v].get();
      continue;
    }
    const auto in = topo.in_edges(v);
    for (auto it = in.rbegin(); it != in.rend() && !out[v]; ++it) out[v] = out[it->from];
  }
  return out;
}

// What a component fed by a batch job's runs cannot know of its peak.
model::StaticNote burst_note() {
  return {"peak", "its input arrives as a batch job's output, all at once each run; the rate over an interval "
                  "depends on where in it the burst falls, which the simulation times"};
}

double mean_of(const std::vector<double>& x, const model::LoadOverTime& grid) {
  double sum = 0;
  for (std::size_t i = 0; i < x.size(); ++i) sum += x[i] * grid.length_s(i);
  return grid.end_s > 0 ? sum / grid.end_s : 0;
}

// Everything the walk learnt of one component, for the figures after it.
struct Seen {
  model::FlowIn in;
  model::StaticFigures figures;
  std::unique_ptr<model::LoadOverTime> over_time;
  double batches_out = 0;
};

class Explainer {
 public:
  Explainer(const scenario::Scenario& s, const model::Catalog& catalog)
      : s_(s),
        catalog_(catalog),
        topo_(s),
        first_(topo_.source_count()),
        seen_(topo_.size()),
        shapes_(topo_.size()),
        reads_(topo_.size()),
        paces_(topo_.size()),
        grid_(load_grid(s)) {
    for (std::size_t i = 0; i < first_; ++i) {
      const auto& p = s.sources[i].params;
      if (p.has("scan")) shapes_[i] = std::make_unique<model::QueryShape>(model::QueryShape::from(*p.at("scan").fields));
      if (scenario::sends_reads(s.sources[i])) reads_[i] = std::make_unique<model::ReadShape>(model::ReadShape::from(p));
      // A source sends one batch per `batch` interval, or one per record.
      const double rate = p.number("rate") * static_cast<double>(p.integer("producers")) *
                          mean_of(profile_factors(*p.at("profile").profile, grid_), grid_);
      seen_[i].batches_out = p.has("batch") ? 1e9 / static_cast<double>(p.duration("batch")) : rate;
    }
    query_of_ = query_shapes(topo_, shapes_);
  }

  StaticExplanation run() {
    auto walk = [this](std::size_t v, const VertexTraffic& offered) { return passage(v, offered); };
    traffic_ = solve_traffic(s_, walk);
    // Once the paces of what batch jobs write to are known, their runs last
    // longer and their output leaves later: walk again.
    if (learn_write_paces()) traffic_ = solve_traffic(s_, walk);
    StaticExplanation e;
    e.scenario = s_.name;
    e.input = traffic_.source_records_per_s;
    e.peak_input = traffic_.source_peak_records_per_s;
    std::vector<double> latency(topo_.size(), 0), peak_latency(topo_.size(), 0);
    for (std::size_t v = first_; v < topo_.size(); ++v) {
      StaticComponent c = component(v);
      latency[v] = c.latency_s;
      peak_latency[v] = c.peak_latency_s;
      e.monthly_usd += c.monthly_usd;
      e.components.push_back(std::move(c));
    }
    ceiling(e);
    paths(e, latency, peak_latency);
    for (const auto& f : s_.faults) e.recoveries.push_back(recovery(f, e));
    return e;
  }

 private:
  const scenario::ComponentDecl& decl(std::size_t v) const { return s_.components[v - first_]; }
  const scenario::ComponentDecl& decl_of(const std::string& name) const { return decl(*topo_.find(name)); }
  model::StaticFigures figures_of(std::size_t v, const model::FlowIn& in) const {
    const auto& d = decl(v);
    return d.model && d.model->figures ? d.model->figures(d.params, catalog_, in) : model::StaticFigures{};
  }

  // The load a component is offered, for its figures: the mean, the batches
  // (as many as arrive, unless a component upstream says otherwise: a
  // Firehose flush, a batch job's runs), the load over the run and each
  // query source's part.
  model::FlowIn flow_in(std::size_t v, const VertexTraffic& offered) {
    Seen& here = seen_[v];
    double batches = 0;
    for (const auto& edge : topo_.in_edges(v)) batches += seen_[edge.from].batches_out * edge.share.value_or(1.0);
    here.over_time = std::make_unique<model::LoadOverTime>(grid_);
    here.over_time->records_per_s = offered.records_per_s;
    model::FlowIn in{.records_per_s = offered.mean,
                     .record_bytes = offered.mean > 0 ? offered.bytes_per_s / offered.mean : 0,
                     .batches_per_s = batches,
                     .consumers = std::max<std::size_t>(1, topo_.out_edges(v).size()),
                     .query = query_of_[v],
                     .over_time = here.over_time.get(),
                     .span_s = engine::to_seconds(s_.duration)};
    if (v >= first_)
      for (const auto& req : s_.requirements)
        if (req.name == "completes_by" && req.scope == decl(v).name) in.completes_by_s = req.target;
    for (std::size_t src = 0; src < first_; ++src) {
      const SourceFlow& f = offered.sources[src];
      if (f.size && f.size->mean() > 0 && offered.mean > 0 && !f.records_per_s.empty())
        in.sizes.push_back({.size = *f.size, .scale = f.record_bytes / f.size->mean(),
                            .share = mean_of(f.records_per_s, grid_) / offered.mean, .read = reads_[src] != nullptr});
      if (reads_[src] && offered.mean > 0 && !f.records_per_s.empty()) {
        model::FlowIn::ReadPart read{.shape = reads_[src].get(), .share = mean_of(f.records_per_s, grid_) / offered.mean,
                                     .by_interval = f.records_per_s, .record_bytes = f.record_bytes};
        if (f.size && f.size->mean() > 0) read.size = in.sizes.back();
        in.reads.push_back(std::move(read));
      }
      if (!shapes_[src] || f.records_per_s.empty()) continue;
      in.queries.push_back({.queries_per_s = mean_of(f.records_per_s, grid_), .table_bytes = f.record_bytes,
                            .shape = shapes_[src].get()});
    }
    return in;
  }

  Passage passage(std::size_t v, const VertexTraffic& offered) {
    Seen& here = seen_[v];
    here.in = flow_in(v, offered);
    here.in.downstream = paces_[v];
    here.figures = figures_of(v, here.in);
    const model::StaticFigures& f = here.figures;
    here.batches_out = f.out_batches_per_s >= 0 ? f.out_batches_per_s : here.in.batches_per_s;
    Passage p;
    // A scheduled job holds what arrives until its runs: no rate limit within a period.
    p.capacity = f.releases_in_runs ? kInf : f.capacity;
    p.capacity_over_time = f.capacity_over_time;
    p.queue_records = f.queue_records;
    // Where everything upstream holds its output while this refuses it, the
    // excess waits there: nothing is dropped here.
    bool held_upstream = !topo_.in_edges(v).empty();
    for (const auto& edge : topo_.in_edges(v))
      held_upstream = held_upstream && !topo_.is_source(edge.from) && seen_[edge.from].figures.holds_for_downstream;
    if (held_upstream) p.queue_records = kInf;
    p.loss_over_time = f.loss_over_time;
    p.gain = gain_of(decl(v));
    p.key_window_s = f.key_window_s;
    p.units = f.units;
    p.unit_of_key = f.unit_of_key;
    p.releases_in_runs = f.releases_in_runs;
    p.releases = f.releases;
    if (f.reads_end_here) {
      p.ends.assign(first_, false);
      for (std::size_t src = 0; src < first_; ++src) p.ends[src] = reads_[src] != nullptr;
    }
    return p;
  }
  // A batch job writes each run's output as fast as the components it feeds
  // take it, and is billed meanwhile: how they take a burst (the slowest of
  // them sets the pace), from their figures. False when no job writes bursts.
  bool learn_write_paces() {
    bool any = false;
    for (std::size_t v = first_; v < topo_.size(); ++v) {
      const Seen& job = seen_[v];
      if (job.figures.out_burst_records <= 0) continue;
      double longest = 0;
      for (const auto& edge : topo_.out_edges(v)) {
        const model::StaticFigures& g = seen_[edge.to].figures;
        const model::Absorb a{.capacity = g.capacity, .burst_capacity = g.burst_capacity, .burst_records = g.burst_records};
        const double t = a.seconds_for(job.figures.out_burst_records * edge.share.value_or(1.0));
        if (t > longest) longest = t, paces_[v] = a;
      }
      any = any || longest > 0;
    }
    return any;
  }

  // Records/s offered to component v over [from, to).
  double offered_between(std::size_t v, double from, double to) const {
    return to > from && seen_[v].over_time ? seen_[v].over_time->records_between(from, to) / (to - from) : 0;
  }
  // Of that, from source `src`.
  double from_source_between(std::size_t v, std::size_t src, double from, double to) const {
    const SourceFlow& f = traffic_.vertices[v].sources[src];
    if (f.records_per_s.empty() || to <= from) return 0;
    model::LoadOverTime part = grid_;
    part.records_per_s = f.records_per_s;
    return part.records_between(from, to) / (to - from);
  }

  // Whether the kind, as the component's model simulates it, takes nothing
  // in while it lasts, or divides its capacity by the fault's factor.
  const model::FaultKind* kind_of(std::size_t v, const std::string& kind) const {
    for (const auto& k : s_.components[v - first_].model->faults)
      if (k.kind == kind) return &k;
    return nullptr;
  }
  bool stops(std::size_t v, const std::string& kind) const {
    const auto* k = kind_of(v, kind);
    return k && k->stops;
  }
  bool slows(std::size_t v, const std::string& kind) const {
    const auto* k = kind_of(v, kind);
    return k && k->slows;
  }

  StaticRecovery recovery(const scenario::FaultDecl& fault, const StaticExplanation& e) const {
    StaticRecovery r{.target = fault.target, .kind = fault.fault.kind, .factor = fault.fault.factor,
                     .share = fault.fault.share};
    r.start_s = engine::to_seconds(fault.fault.start);
    r.end_s = std::min(engine::to_seconds(fault.fault.end), engine::to_seconds(s_.duration));
    const double t = r.end_s - r.start_s, after_end = std::min(r.end_s + 1800, engine::to_seconds(s_.duration));
    auto fill = [&](std::size_t v, double arriving, double backlog) {
      r.component = topo_.name(v);
      r.arriving = arriving;
      r.capacity = e.components[v - first_].capacity;
      r.capacity_during = r.capacity;
      r.backlog = std::max(0.0, backlog);
      r.after = offered_between(v, r.end_s, after_end);
      r.catch_up = r.capacity - r.after;
      r.drain_s = r.backlog <= 0 ? 0 : r.catch_up > 0 ? r.backlog / r.catch_up : model::kUnbounded;
    };
    const auto target = topo_.find(fault.target);
    if (!target) return r;
    if (fault.fault.kind == "spike") {
      // The component the spike loads furthest past its capacity.
      double worst = -model::kUnbounded;
      for (std::size_t v = first_; v < topo_.size(); ++v) {
        const double extra = (fault.fault.factor - 1) * from_source_between(v, *target, r.start_s, r.end_s);
        if (extra <= 0) continue;
        const double arriving = offered_between(v, r.start_s, r.end_s) + extra;
        const double over = arriving - e.components[v - first_].capacity;
        if (over > worst) worst = over, fill(v, arriving, over * t);
      }
      return r;
    }
    // The other kinds refuse a share of each attempt whatever the load, so
    // what they cost depends on the retries and error handling a run
    // simulates: not worked out here.
    if (*target < first_) return r;
    const double arriving = offered_between(*target, r.start_s, r.end_s);
    if (stops(*target, fault.fault.kind)) {
      // Everything that arrives waits.
      fill(*target, arriving, arriving * t);
      r.capacity_during = 0;
    } else if (slows(*target, fault.fault.kind)) {
      // What arrives beyond its capacity over the factor waits.
      const double during = e.components[*target - first_].capacity / fault.fault.factor;
      fill(*target, arriving, (arriving - during) * t);
      r.capacity_during = during;
    }
    return r;
  }

  // The share of each source's records among a component's, and their mix.
  std::vector<KeyedShare> keyed_shares(const VertexTraffic& t) const {
    std::vector<KeyedShare> out;
    for (std::size_t src = 0; src < t.sources.size(); ++src) {
      const SourceFlow& f = t.sources[src];
      if (f.records_per_s.empty() || t.mean <= 0) continue;
      out.push_back({src, mean_of(f.records_per_s, grid_) / t.mean, f.mix});
    }
    return out;
  }

  // Where a batch job upstream writes its runs' output into this component:
  // the largest run's records, arriving at once.
  double burst_into(std::size_t v) const {
    double burst = 0;
    for (const auto& edge : topo_.in_edges(v))
      if (!topo_.is_source(edge.from))
        burst = std::max(burst, seen_[edge.from].figures.out_burst_records * edge.share.value_or(1.0));
    return burst;
  }

  StaticComponent component(std::size_t v) {
    const Seen& here = seen_[v];
    const VertexTraffic& t = traffic_.vertices[v];
    const model::StaticFigures& f = here.figures;
    model::FlowIn at_peak = here.in;
    at_peak.records_per_s = t.peak;
    at_peak.batches_per_s = t.mean > 0 ? here.in.batches_per_s * t.peak / t.mean : 0;
    const model::StaticFigures fp = figures_of(v, at_peak);
    StaticComponent c;
    c.name = decl(v).name;
    c.service = decl(v).service;
    c.offered = t.mean;
    c.peak = t.peak;
    c.record_bytes = here.in.record_bytes;
    for (const auto& r : here.in.reads)
      c.reads.push_back({.shape = *r.shape, .share = r.share, .by_interval = r.by_interval, .record_bytes = r.record_bytes,
                         .size = r.size});
    c.capacity = f.capacity;
    c.limit = f.limit;
    c.capacity_grows = !f.capacity_over_time.empty() && !f.capacity_follows_mix;
    c.latency_s = f.latency_s;
    c.peak_latency_s = fp.latency_s;
    c.monthly_usd = f.monthly_usd;
    c.peak_attempts_per_s = fp.attempts_per_s;
    c.dropped_per_s = grid_.end_s > 0 ? t.dropped / grid_.end_s : 0;
    c.notes = f.notes;
    const bool bounded = std::isfinite(f.capacity) && f.capacity > 0;
    const double processed = mean_of(t.processed_per_s, grid_);
    c.utilization = bounded ? t.busy_mean : 0;
    if (f.peak_utilization >= 0) {
      // Its model reads its busy share (on demand, a batch job's runs).
      c.peak_utilization = f.peak_utilization;
      c.busy_words = f.busy_words;
      c.headroom = f.headroom >= 0 ? f.headroom : f.peak_utilization > 0 ? 1 / f.peak_utilization : kInf;
    } else {
      c.peak_utilization = bounded ? t.peak / f.capacity : 0;
      c.headroom = bounded && t.demand_peak > 0 ? f.capacity / t.demand_peak : kInf;
    }
    burst(c, v, f);
    hot_unit(c, t, f, processed);
    if (f.utilization >= 0) c.utilization = f.utilization;
    catching_up(c, v, f);
    return c;
  }

  // The hottest unit from the sources' key mixes: its share of the records,
  // and so its load; the hottest key, and whether it alone overfills a unit.
  void hot_unit(StaticComponent& c, const VertexTraffic& t, const model::StaticFigures& f, double processed) {
    if (!(f.unit_capacity > 0) || !std::isfinite(f.unit_capacity) || t.mean <= 0) return;
    const std::vector<KeyedShare> shares = keyed_shares(t);
    const HotKey key = hottest_key(*traffic_.mixes, shares);
    // Keys pick the unit, or the units are not known ahead: a key's own load matters.
    if (key.share > 0 && (f.unit_of_key || f.units < 1)) {
      StaticHotKey k{.source = s_.sources[key.source].name, .key = key.key, .share = key.share,
                     .peak_per_s = key.share * c.peak, .unit_capacity = f.unit_capacity};
      if (f.unit_of_key && f.units >= 1) k.unit = f.unit_of_key(key.key, static_cast<std::uint64_t>(f.units));
      k.beyond_unit = k.peak_per_s > f.unit_capacity;
      c.hottest_key = k;
    }
    if (f.units < 1) return;
    const HotUnit unit = hottest_unit(*traffic_.mixes, shares, f.unit_of_key, static_cast<std::uint64_t>(f.units));
    c.units = f.units;
    c.unit_capacity = f.unit_capacity;
    for (const auto& r : decl_of(c.name).model->resources)
      if (!r.unit.empty()) {
        c.unit = r.unit;
        break;
      }
    c.hottest_unit = unit.unit;
    c.hottest_share = unit.share;
    if (!burst_fed_) c.utilization = processed * unit.share / f.unit_capacity;
    c.peak_utilization = std::max(c.peak_utilization, c.peak * unit.share / f.unit_capacity);
    if (t.demand_peak > 0 && !burst_fed_)
      c.headroom = std::min(c.headroom, f.unit_capacity / (unit.share * t.demand_peak));
  }

  // A batch job's run output arrives all at once: the component takes it at
  // what it can (on burst credit first), saturated while it lasts, so its
  // peak is that rate and its busy share the bursts' length over the span;
  // the load over any longer interval depends on where in it a burst falls.
  void burst(StaticComponent& c, std::size_t v, const model::StaticFigures& f) {
    burst_fed_ = false;
    const double records = burst_into(v);
    if (records <= 0) return;
    if (!std::isfinite(f.capacity)) {
      // Unbounded, it takes a run's output as it comes: within a second.
      c.peak = records;
      c.busy_words = model::group_digits(records) + " records arrive at once from a batch run";
      c.notes.push_back(burst_note());
      return;
    }
    const model::Absorb a{.capacity = f.capacity, .burst_capacity = f.burst_capacity, .burst_records = f.burst_records};
    // The job writes at the pace of the slowest component it feeds; within
    // a second a burst is no more than its one-second rate.
    double seconds = std::max(1.0, a.seconds_for(records));
    for (const auto& edge : topo_.in_edges(v))
      if (!topo_.is_source(edge.from))
        seconds = std::max(seconds, seen_[edge.from].in.downstream.seconds_for(seen_[edge.from].figures.out_burst_records));
    burst_fed_ = true;
    c.peak = records / seconds;
    c.peak_utilization = c.peak / f.capacity;
    double runs = 0;
    for (const auto& edge : topo_.in_edges(v)) runs += static_cast<double>(seen_[edge.from].figures.releases.size());
    c.utilization = grid_.end_s > 0 ? std::min(1.0, runs * seconds * std::min(1.0, c.peak_utilization) / grid_.end_s) : 0;
    c.busy_words = model::group_digits(records) + " records arrive at once from a batch run; it takes them in " +
                   model::group_digits(seconds) + " s at " + model::group_digits(c.peak) + "/s (" +
                   model::group_digits(c.peak_utilization * 100) + "% of its capacity)";
    // The job upstream waits for it (its run lasts that much longer): the
    // job's headroom, not this one's, is how far the load may grow.
    c.headroom = kInf;
    c.notes.push_back(burst_note());
  }

  // A component upstream that pauses (a checkpoint stall) catches up at its
  // capacity afterwards: this one sees bursts above its mean, for a time the
  // static view can estimate but not how its own limits and retries take them.
  void catching_up(StaticComponent& c, std::size_t v, const model::StaticFigures& f) {
    if (!std::isfinite(f.capacity)) return;
    for (const auto& edge : topo_.in_edges(v)) {
      if (topo_.is_source(edge.from)) continue;
      const model::StaticFigures& up = seen_[edge.from].figures;
      const VertexTraffic& from = traffic_.vertices[edge.from];
      if (up.pause_s <= 0 || !std::isfinite(up.capacity) || up.capacity <= from.peak) continue;
      const double catch_up_s = from.peak * up.pause_s / (up.capacity - from.peak);
      const double gain = from.peak > 0 ? from.out_peak / from.peak : 1.0;
      const double out_rate = up.capacity * gain;
      // What piles up in a stall, against the second's worth of room this
      // one has above its peak (its limits hold about a second): a burst
      // that fits leaves no trace.
      const double room = (c.units >= 1 && c.hottest_share > 0 ? c.unit_capacity / c.hottest_share : f.capacity) - c.peak;
      if (from.peak * up.pause_s * gain <= room) continue;
      c.notes.push_back({"peak", "after each of " + decl(edge.from).name + "'s " + model::group_digits(up.pause_s) +
                                     " s stalls (every " + model::group_digits(up.pause_every_s) +
                                     " s) it catches up, sending up to " + model::group_digits(out_rate) + "/s for about " +
                                     model::group_digits(catch_up_s) + " s at the peak; how this component's limits "
                                     "and retries take that burst needs the simulation"});
    }
  }

  void ceiling(StaticExplanation& e) {
    e.ceiling.scale = kInf;
    for (const auto& c : e.components) e.ceiling.scale = std::min(e.ceiling.scale, c.headroom);
    for (const auto& c : e.components)
      if (std::isfinite(c.headroom) && c.headroom <= e.ceiling.scale * (1 + 1e-9)) e.ceiling.binding.push_back(c.name);
    // Max-flow in records/s of the design's input: where a component's own
    // limit binds, over the records one input record becomes on the way to
    // it at the peak (shares are left to the routing, which max-flow chooses).
    const std::size_t n = topo_.size();
    std::vector<double> capacity(n, kInf), gain(n, 1.0);
    for (const std::size_t v : topo_.topological_order()) {
      if (topo_.is_source(v)) continue;
      double g = 0;
      for (const auto& edge : topo_.in_edges(v)) {
        const VertexTraffic& from = traffic_.vertices[edge.from];
        const double through = from.demand_peak > 0 ? from.out_demand_peak / from.demand_peak : 1.0;
        g = std::max(g, gain[edge.from] * (topo_.is_source(edge.from) ? 1.0 : through));
      }
      gain[v] = g;
      const StaticComponent& c = e.components[v - first_];
      if (g > 0 && std::isfinite(c.headroom)) capacity[v] = c.headroom * traffic_.vertices[v].demand_peak / g;
    }
    const StaticCeiling flow = max_flow_ceiling(topo_, capacity);
    e.ceiling.max_flow = flow.max_flow;
    e.ceiling.min_cut = flow.min_cut;
    for (std::size_t v = 0; v < n; ++v)
      if (topo_.out_edges(v).size() > 1) e.ceiling.fixed_routing = true;
  }

  // One path per source and sink it reaches, as the run reports them: the
  // slowest route between the two (latencies summed along it), found in one
  // pass over the topological order per source, so a design of many
  // components or many routes costs its size, not its number of routes.
  // Sinks come in the order a walk along the flows first reaches them.
  void paths(StaticExplanation& e, const std::vector<double>& latency, const std::vector<double>& peak_latency) {
    const std::vector<std::size_t> order = topo_.topological_order();
    constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    for (std::size_t src = 0; src < first_; ++src) {
      std::vector<double> slowest(topo_.size(), -kInf);
      std::vector<std::size_t> via(topo_.size(), kNone);
      slowest[src] = 0;
      for (const std::size_t v : order) {
        if (v == src || topo_.is_source(v)) continue;
        for (const auto& edge : topo_.in_edges(v))
          if (slowest[edge.from] > -kInf && !(slowest[edge.from] + latency[v] <= slowest[v]))
            slowest[v] = slowest[edge.from] + latency[v], via[v] = edge.from;
      }
      for (const std::size_t sink : sinks_in_walk_order(src)) {
        StaticPath p;
        for (std::size_t v = sink; v != kNone; v = via[v]) {
          p.vertices.push_back(topo_.name(v));
          p.latency_s += latency[v];
          p.peak_latency_s += peak_latency[v];
        }
        std::reverse(p.vertices.begin(), p.vertices.end());
        e.paths.push_back(std::move(p));
      }
    }
  }
  std::vector<std::size_t> sinks_in_walk_order(std::size_t src) const {
    std::vector<std::size_t> sinks, stack{src};
    std::vector<bool> seen(topo_.size(), false);
    while (!stack.empty()) {
      const std::size_t v = stack.back();
      stack.pop_back();
      if (seen[v]) continue;
      seen[v] = true;
      if (topo_.is_sink(v)) sinks.push_back(v);
      const auto out = topo_.out_edges(v);
      for (auto it = out.rbegin(); it != out.rend(); ++it)
        if (!seen[it->to]) stack.push_back(it->to);
    }
    return sinks;
  }

  const scenario::Scenario& s_;
  const model::Catalog& catalog_;
  scenario::Topology topo_;
  std::size_t first_;
  std::vector<Seen> seen_;
  std::vector<std::unique_ptr<model::QueryShape>> shapes_;
  std::vector<const model::QueryShape*> query_of_;  // by vertex: the shape of the queries it answers, if any
  std::vector<std::unique_ptr<model::ReadShape>> reads_;  // by source: what its reads ask for (null: not reads)
  std::vector<model::Absorb> paces_;  // how what each batch job writes to takes its bursts
  model::LoadOverTime grid_;
  Traffic traffic_;
  bool burst_fed_ = false;  // the component being assembled takes a batch job's bursts
};

}  // namespace

StaticExplanation explain_statically(const scenario::Scenario& scenario, const model::Catalog& catalog) {
  StaticExplanation e = Explainer(scenario, catalog).run();
  e.partial_cycles = partial_cycles(scenario);
  return e;
}

}  // namespace archsim::analysis

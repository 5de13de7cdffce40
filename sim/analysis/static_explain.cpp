#include "archsim/analysis/static_explain.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include <boost/graph/adjacency_list.hpp>
// GCC 12 reports a false -Wmaybe-uninitialized inside Boost's edge iterators
// when it inlines the max-flow; the warning is about Boost's code, not ours.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/graph/boykov_kolmogorov_max_flow.hpp>

#include "archsim/analysis/traffic.hpp"
#include "archsim/scenario/topology.hpp"

namespace archsim::analysis {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The queries a component answers take the shape of the first query source
// upstream of it.
const model::QueryShape* query_shape_of(std::size_t v, const scenario::Topology& topo,
                                        const std::vector<model::QueryShape>& shapes,
                                        const std::vector<bool>& has_shape) {
  std::vector<std::size_t> stack{v};
  std::vector<bool> seen(topo.size(), false);
  while (!stack.empty()) {
    const std::size_t u = stack.back();
    stack.pop_back();
    if (topo.is_source(u) && has_shape[u]) return &shapes[u];
    for (const auto& e : topo.in_edges(u))
      if (!seen[e.from]) seen[e.from] = true, stack.push_back(e.from);
  }
  return nullptr;
}

using FlowTraits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
using FlowGraph = boost::adjacency_list<
    boost::vecS, boost::vecS, boost::directedS,
    boost::property<boost::vertex_index_t, long,
                    boost::property<boost::vertex_color_t, boost::default_color_type,
                                    boost::property<boost::vertex_distance_t, long,
                                                    boost::property<boost::vertex_predecessor_t,
                                                                    FlowTraits::edge_descriptor>>>>,
    boost::property<boost::edge_capacity_t, double,
                    boost::property<boost::edge_residual_capacity_t, double,
                                    boost::property<boost::edge_reverse_t, FlowTraits::edge_descriptor>>>>;

}  // namespace

StaticCeiling max_flow_ceiling(const scenario::Topology& topo, const std::vector<double>& capacity_in_input_units);

// Node-split max-flow: vertex v becomes in(v) = 2v -> out(v) = 2v + 1 with
// the capacity of v in units of the design's input (+inf for sources); each
// flow is an edge out(u) -> in(v) of unbounded capacity; a super-source feeds
// every source, every sink drains into a super-sink. The min cut is the set of
// in -> out edges from the source side of the residual graph to the other.
StaticCeiling max_flow_ceiling(const scenario::Topology& topo, const std::vector<double>& capacity) {
  const std::size_t n = topo.size();
  FlowGraph g(2 * n + 2);
  const std::size_t s = 2 * n, t = 2 * n + 1;
  auto cap = boost::get(boost::edge_capacity, g);
  auto rev = boost::get(boost::edge_reverse, g);
  // Finite stand-in for unbounded edges: larger than any finite capacity.
  double big = 1;
  for (double c : capacity)
    if (std::isfinite(c)) big = std::max(big, c);
  big *= 1e6;
  auto bounded = [&](double c) { return std::isfinite(c) ? c : big; };
  std::vector<FlowTraits::edge_descriptor> split(n);
  auto add = [&](std::size_t a, std::size_t b, double c) {
    const auto e = boost::add_edge(a, b, g).first, r = boost::add_edge(b, a, g).first;
    cap[e] = c;
    cap[r] = 0;
    rev[e] = r;
    rev[r] = e;
    return e;
  };
  for (std::size_t v = 0; v < n; ++v) {
    split[v] = add(2 * v, 2 * v + 1, bounded(capacity[v]));
    if (topo.is_source(v)) add(s, 2 * v, big);
    if (topo.is_sink(v)) add(2 * v + 1, t, big);
    for (const auto& e : topo.out_edges(v)) add(2 * v + 1, 2 * e.to, big);
  }
  StaticCeiling c;
  c.max_flow = boost::boykov_kolmogorov_max_flow(g, s, t);
  if (c.max_flow >= big) c.max_flow = kInf;
  // After the algorithm, vertices still coloured as the source's are on its side of the cut.
  auto color = boost::get(boost::vertex_color, g);
  const auto source_color = boost::get(color, s);
  for (std::size_t v = 0; v < n; ++v)
    if (std::isfinite(capacity[v]) && boost::get(color, 2 * v) == source_color &&
        boost::get(color, 2 * v + 1) != source_color)
      c.min_cut.push_back(topo.name(v));
  return c;
}

#pragma GCC diagnostic pop

StaticExplanation explain_statically(const scenario::Scenario& scenario, const model::Catalog& catalog) {
  const scenario::Topology topo(scenario);
  const Traffic traffic = solve_traffic(scenario);
  const std::size_t n = topo.size(), first = topo.source_count();
  StaticExplanation e;
  e.scenario = scenario.name;
  e.input = traffic.source_records_per_s;
  e.peak_input = traffic.source_peak_records_per_s;

  std::vector<model::QueryShape> shapes(n);
  std::vector<bool> has_shape(n, false);
  for (std::size_t i = 0; i < first; ++i)
    if (scenario.sources[i].params.has("scan")) {
      shapes[i] = model::QueryShape::from(*scenario.sources[i].params.at("scan").fields);
      has_shape[i] = true;
    }

  // Batches arriving at each vertex, in topological order: a source sends one
  // batch per `batch` interval (or one per record), a component as many as it
  // receives unless its figures say otherwise (a Firehose flush).
  std::vector<double> batches_out(n, 0), latency(n, 0), peak_latency(n, 0);
  for (std::size_t i = 0; i < first; ++i) {
    const auto& p = scenario.sources[i].params;
    batches_out[i] = p.has("batch") ? 1e9 / static_cast<double>(p.duration("batch")) : traffic.records_per_s[i];
  }
  for (const std::size_t v : topo.topological_order()) {
    if (topo.is_source(v)) continue;
    const auto& decl = scenario.components[v - first];
    double batches = 0;
    for (const auto& edge : topo.in_edges(v)) batches += batches_out[edge.from] * edge.share.value_or(1.0);
    model::FlowIn in{.records_per_s = traffic.records_per_s[v],
                     .record_bytes = traffic.record_bytes(v),
                     .batches_per_s = batches,
                     .consumers = std::max<std::size_t>(1, topo.out_edges(v).size()),
                     .query = query_shape_of(v, topo, shapes, has_shape)};
    model::StaticFigures f;
    if (decl.model && decl.model->figures) f = decl.model->figures(decl.params, catalog, in);
    model::FlowIn at_peak = in;
    at_peak.records_per_s = traffic.peak_records_per_s[v];
    at_peak.batches_per_s = traffic.records_per_s[v] > 0 ? batches * at_peak.records_per_s / in.records_per_s : 0;
    model::StaticFigures fp;
    if (decl.model && decl.model->figures) fp = decl.model->figures(decl.params, catalog, at_peak);
    batches_out[v] = f.out_batches_per_s >= 0 ? f.out_batches_per_s : batches;
    StaticComponent c;
    c.name = decl.name;
    c.service = decl.service;
    c.offered = in.records_per_s;
    c.peak = at_peak.records_per_s;
    c.record_bytes = in.record_bytes;
    c.capacity = f.capacity;
    c.limit = f.limit;
    c.utilization = std::isfinite(f.capacity) && f.capacity > 0 ? c.offered / f.capacity : 0;
    c.peak_utilization = std::isfinite(f.capacity) && f.capacity > 0 ? c.peak / f.capacity : 0;
    c.latency_s = f.latency_s;
    c.peak_latency_s = fp.latency_s;
    c.monthly_usd = f.monthly_usd;
    c.peak_attempts_per_s = fp.attempts_per_s;
    latency[v] = c.latency_s;
    peak_latency[v] = c.peak_latency_s;
    e.monthly_usd += c.monthly_usd;
    e.components.push_back(std::move(c));
  }
  // Components in file order, as the scenario lists them.
  std::sort(e.components.begin(), e.components.end(), [&](const StaticComponent& a, const StaticComponent& b) {
    return *topo.find(a.name) < *topo.find(b.name);
  });

  // The ceiling with routing as written: min over components of capacity / peak load.
  e.ceiling.scale = kInf;
  for (const auto& c : e.components)
    if (c.peak > 0 && std::isfinite(c.capacity)) e.ceiling.scale = std::min(e.ceiling.scale, c.capacity / c.peak);
  for (const auto& c : e.components)
    if (c.peak > 0 && std::isfinite(c.capacity) && c.capacity / c.peak <= e.ceiling.scale * (1 + 1e-9))
      e.ceiling.binding.push_back(c.name);
  // Max-flow in records/s of the design's input: a component's capacity over
  // the records one input record becomes on the way to it (the output ratios
  // upstream; shares are left to the routing, which max-flow chooses freely).
  std::vector<double> capacity(n, kInf), gain(n, 1.0);
  for (const std::size_t v : topo.topological_order()) {
    if (topo.is_source(v)) continue;
    double g = 0;
    for (const auto& edge : topo.in_edges(v))
      g = std::max(g, gain[edge.from] * (topo.is_source(edge.from) ? 1.0 : gain_of(scenario.components[edge.from - first]).records));
    gain[v] = g;
    const auto& c = *std::find_if(e.components.begin(), e.components.end(),
                                  [&](const StaticComponent& x) { return x.name == topo.name(v); });
    if (g > 0) capacity[v] = c.capacity / g;
  }
  const StaticCeiling flow = max_flow_ceiling(topo, capacity);
  e.ceiling.max_flow = flow.max_flow;
  e.ceiling.min_cut = flow.min_cut;
  for (std::size_t v = 0; v < n; ++v) {
    const auto out = topo.out_edges(v);
    if (out.size() > 1) e.ceiling.fixed_routing = true;
  }

  // Paths from each source to each sink, latencies summed along them.
  std::function<void(std::size_t, StaticPath)> walk = [&](std::size_t v, StaticPath p) {
    p.vertices.push_back(topo.name(v));
    p.latency_s += latency[v];
    p.peak_latency_s += peak_latency[v];
    const auto out = topo.out_edges(v);
    if (out.empty()) {
      if (!topo.is_source(v)) e.paths.push_back(p);
      return;
    }
    for (const auto& edge : out) walk(edge.to, p);
  };
  for (std::size_t s = 0; s < first; ++s) walk(s, {});
  return e;
}

}  // namespace archsim::analysis

// The max-flow / min-cut reading of the static ceiling (Boost.Graph): the
// most the design could carry if routing were free to choose
// (docs/decisions/0005-static-ceiling.md).
#include "max_flow_ceiling.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <boost/graph/adjacency_list.hpp>
// GCC 12 reports a false -Wmaybe-uninitialized inside Boost's edge iterators
// when it inlines the max-flow; the warning is about Boost's code, not ours.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/graph/boykov_kolmogorov_max_flow.hpp>

namespace archsim::analysis {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

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

}  // namespace archsim::analysis

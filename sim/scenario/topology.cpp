#include "archsim/scenario/topology.hpp"

#include <algorithm>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/topological_sort.hpp>

namespace archsim::scenario {

Topology::Topology(const Scenario& scenario) {
  for (const auto& s : scenario.sources) names_.push_back(s.name);
  source_count_ = names_.size();
  for (const auto& c : scenario.components) names_.push_back(c.name);
  for (std::size_t v = 0; v < names_.size(); ++v) index_.emplace(names_[v], v);
  graph_ = Graph(names_.size());
  for (std::size_t i = 0; i < scenario.flows.size(); ++i) {
    const auto& f = scenario.flows[i];
    const auto from = find(f.from), to = find(f.to);
    if (from && to) boost::add_edge(*from, *to, EdgeData{f.share, i}, graph_);
  }
}

std::optional<std::size_t> Topology::find(const std::string& name) const {
  const auto it = index_.find(name);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

Topology::Edge Topology::edge_of(Graph::edge_descriptor e) const {
  return {boost::source(e, graph_), boost::target(e, graph_), graph_[e].share, graph_[e].flow};
}

std::vector<Topology::Edge> Topology::out_edges(std::size_t v) const {
  std::vector<Edge> out;
  for (auto [it, end] = boost::out_edges(v, graph_); it != end; ++it) out.push_back(edge_of(*it));
  std::sort(out.begin(), out.end(), [](const Edge& a, const Edge& b) { return a.flow < b.flow; });
  return out;
}

std::vector<Topology::Edge> Topology::in_edges(std::size_t v) const {
  std::vector<Edge> out;
  for (auto [it, end] = boost::in_edges(v, graph_); it != end; ++it) out.push_back(edge_of(*it));
  std::sort(out.begin(), out.end(), [](const Edge& a, const Edge& b) { return a.flow < b.flow; });
  return out;
}

std::optional<std::vector<Topology::Edge>> Topology::find_cycle() const {
  using E = Graph::edge_descriptor;
  struct Visitor : boost::default_dfs_visitor {
    std::vector<std::optional<E>>* parent;
    std::optional<E>* back;
    void tree_edge(E e, const Graph& g) const { (*parent)[boost::target(e, g)] = e; }
    void back_edge(E e, const Graph&) const {
      if (!*back) *back = e;
    }
  };
  std::vector<std::optional<E>> parent(names_.size());
  std::optional<E> back;
  boost::depth_first_search(graph_, boost::visitor(Visitor{{}, &parent, &back}));
  if (!back) return std::nullopt;
  // The back edge u -> v closes the tree path v -> ... -> u.
  std::vector<Edge> cycle{edge_of(*back)};
  std::size_t v = boost::source(*back, graph_);
  const std::size_t head = boost::target(*back, graph_);
  while (v != head && parent[v]) {
    cycle.push_back(edge_of(*parent[v]));
    v = boost::source(*parent[v], graph_);
  }
  std::reverse(cycle.begin(), cycle.end());
  return cycle;
}

std::vector<bool> Topology::reachable_from_sources() const {
  std::vector<bool> seen(names_.size(), false);
  std::vector<std::size_t> stack;
  for (std::size_t s = 0; s < source_count_; ++s) stack.push_back(s), seen[s] = true;
  while (!stack.empty()) {
    const std::size_t v = stack.back();
    stack.pop_back();
    for (auto [it, end] = boost::adjacent_vertices(v, graph_); it != end; ++it)
      if (!seen[*it]) seen[*it] = true, stack.push_back(*it);
  }
  return seen;
}

std::vector<std::size_t> Topology::sinks_reached_from(std::size_t v) const {
  std::vector<bool> seen(names_.size(), false);
  std::vector<std::size_t> stack{v}, sinks;
  seen[v] = true;
  while (!stack.empty()) {
    const std::size_t u = stack.back();
    stack.pop_back();
    if (is_sink(u)) sinks.push_back(u);
    for (auto [it, end] = boost::adjacent_vertices(u, graph_); it != end; ++it)
      if (!seen[*it]) seen[*it] = true, stack.push_back(*it);
  }
  std::sort(sinks.begin(), sinks.end());
  return sinks;
}

std::vector<std::size_t> Topology::sources_reaching(std::size_t v,
                                                    const std::function<bool(std::size_t)>& passes) const {
  std::vector<std::size_t> out, stack{v};
  std::vector<bool> seen(names_.size(), false);
  while (!stack.empty()) {
    const std::size_t u = stack.back();
    stack.pop_back();
    for (const auto& e : in_edges(u)) {
      if (seen[e.from]) continue;
      seen[e.from] = true;
      if (is_source(e.from)) out.push_back(e.from);
      else if (!passes || passes(e.from)) stack.push_back(e.from);
    }
  }
  return out;
}

std::vector<std::size_t> Topology::topological_order() const {
  std::vector<std::size_t> reversed;
  boost::topological_sort(graph_, std::back_inserter(reversed));
  return {reversed.rbegin(), reversed.rend()};
}

}  // namespace archsim::scenario

// The design as a directed graph (Boost.Graph): sources and components are
// vertices, flows are edges. Validation asks it for cycles and unreachable
// components; the simulation builder and later analyses walk it in
// topological order.
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "archsim/scenario/scenario.hpp"

namespace archsim::scenario {

class Topology {
 public:
  struct Edge {
    std::size_t from;
    std::size_t to;
    std::optional<double> share;
    std::size_t flow;  // index into Scenario::flows
  };

  // Vertices are the scenario's sources (in order) followed by its components;
  // flows whose names do not resolve are left out.
  explicit Topology(const Scenario& scenario);

  std::size_t size() const { return names_.size(); }
  std::size_t source_count() const { return source_count_; }
  bool is_source(std::size_t v) const { return v < source_count_; }
  const std::string& name(std::size_t v) const { return names_[v]; }
  std::optional<std::size_t> find(const std::string& name) const;

  std::vector<Edge> out_edges(std::size_t v) const;
  std::vector<Edge> in_edges(std::size_t v) const;
  bool is_sink(std::size_t v) const { return !is_source(v) && boost::out_degree(v, graph_) == 0; }

  // A cycle as the list of its edges, if the graph has one.
  std::optional<std::vector<Edge>> find_cycle() const;
  // Which vertices some source reaches by following flows.
  std::vector<bool> reachable_from_sources() const;
  // The sinks `v` reaches by following flows (itself, if it is one), in vertex order.
  std::vector<std::size_t> sinks_reached_from(std::size_t v) const;
  // The sources whose flows reach `v`, walking upstream through the
  // components `passes` lets through (all of them by default), in the order met.
  std::vector<std::size_t> sources_reaching(std::size_t v,
                                            const std::function<bool(std::size_t)>& passes = nullptr) const;
  // Every vertex after all its predecessors. Precondition: no cycle.
  std::vector<std::size_t> topological_order() const;

 private:
  struct EdgeData {
    std::optional<double> share;
    std::size_t flow;
  };
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, boost::no_property, EdgeData>;
  Edge edge_of(Graph::edge_descriptor e) const;
  Graph graph_;
  std::vector<std::string> names_;
  std::unordered_map<std::string, std::size_t> index_;  // names_ by name: a design of 10,000 is looked up often
  std::size_t source_count_ = 0;
};

}  // namespace archsim::scenario

#include "archsim/analysis/traffic.hpp"

#include <Eigen/Dense>

#include "archsim/scenario/topology.hpp"

namespace archsim::analysis {

namespace {

// A source's mean records per second and the mean bytes of one (a query's:
// the raw size of the table it reads).
struct SourceRate {
  double records_per_s, record_bytes, peak_factor;
};

SourceRate source_rate(const scenario::SourceDecl& s) {
  const model::ParamSet& p = s.params;
  const double rate = p.number("rate") * static_cast<double>(p.integer("instances"));
  const engine::Distribution& size = p.has("scan") ? p.at("scan").fields->dist("data") : p.dist("record_size");
  return {rate, size.mean(), p.at("profile").profile->max_factor()};
}

// Solves (I - M^T) x = g for the vertices' loads, M[i][j] = `per_unit(i)` x
// (1, or the flow's share).
template <typename PerUnit>
Eigen::VectorXd solve(const scenario::Topology& topo, const Eigen::VectorXd& g, PerUnit per_unit) {
  const auto n = static_cast<Eigen::Index>(topo.size());
  Eigen::MatrixXd a = Eigen::MatrixXd::Identity(n, n);
  for (std::size_t i = 0; i < topo.size(); ++i)
    for (const auto& e : topo.out_edges(i))
      a(static_cast<Eigen::Index>(e.to), static_cast<Eigen::Index>(i)) -= per_unit(i) * e.share.value_or(1.0);
  return a.partialPivLu().solve(g);
}

}  // namespace

Gain gain_of(const scenario::ComponentDecl& component) {
  Gain g;
  const model::ParamSet& p = component.params;
  if (p.has("output_ratio")) g.records = p.number("output_ratio");
  g.bytes = p.has("output_size_ratio") ? p.number("output_size_ratio") : g.records;
  return g;
}

Traffic solve_traffic(const scenario::Scenario& scenario) {
  const scenario::Topology topo(scenario);
  const auto n = static_cast<Eigen::Index>(topo.size());
  Eigen::VectorXd records = Eigen::VectorXd::Zero(n), bytes = records, peak = records, peak_bytes = records;
  Traffic t;
  for (std::size_t i = 0; i < scenario.sources.size(); ++i) {
    const SourceRate r = source_rate(scenario.sources[i]);
    const auto v = static_cast<Eigen::Index>(i);
    records(v) = r.records_per_s;
    bytes(v) = r.records_per_s * r.record_bytes;
    peak(v) = r.records_per_s * r.peak_factor;
    peak_bytes(v) = bytes(v) * r.peak_factor;
    t.source_records_per_s += records(v);
    t.source_peak_records_per_s += peak(v);
  }
  std::vector<Gain> gains(topo.size());
  for (std::size_t c = 0; c < scenario.components.size(); ++c)
    gains[topo.source_count() + c] = gain_of(scenario.components[c]);
  auto record_gain = [&](std::size_t v) { return gains[v].records; };
  auto byte_gain = [&](std::size_t v) { return gains[v].bytes; };
  auto to_vector = [](const Eigen::VectorXd& x) { return std::vector<double>(x.data(), x.data() + x.size()); };
  t.records_per_s = to_vector(solve(topo, records, record_gain));
  t.bytes_per_s = to_vector(solve(topo, bytes, byte_gain));
  t.peak_records_per_s = to_vector(solve(topo, peak, record_gain));
  t.peak_bytes_per_s = to_vector(solve(topo, peak_bytes, byte_gain));
  return t;
}

}  // namespace archsim::analysis

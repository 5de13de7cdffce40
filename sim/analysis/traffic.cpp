#include "archsim/analysis/traffic.hpp"

#include <algorithm>

#include <Eigen/Dense>

#include "archsim/scenario/topology.hpp"

namespace archsim::analysis {

namespace {

// A source's mean records per second and the mean bytes of one (a query's:
// the raw size of the table it reads).
struct SourceRate {
  double records_per_s, record_bytes, peak_factor;
};

// The profile's long-run mean: 1 for the daily and weekly shapes (their
// cycles have mean 1, whatever part of one a run covers); for steps and
// spikes, the exact mean over the run (they are piecewise constant), since a
// burst (a minute in a day) is what the month's bill follows.
double mean_factor(const model::Profile& profile, engine::SimTime duration) {
  using Kind = model::Profile::Kind;
  if (profile.kind() != Kind::steps && profile.kind() != Kind::spike) return 1;
  if (duration <= 0) return 1;
  double sum = 0;
  for (engine::SimTime t = 0; t < duration;) {
    const engine::SimTime next = std::min(profile.next_change_after(t), duration);
    sum += profile.factor_at(t) * static_cast<double>(next - t);
    t = next;
  }
  return sum / static_cast<double>(duration);
}

SourceRate source_rate(const scenario::SourceDecl& s, engine::SimTime duration) {
  const model::ParamSet& p = s.params;
  const double rate = p.number("rate") * static_cast<double>(p.integer("instances"));
  const engine::Distribution& size = p.has("scan") ? p.at("scan").fields->dist("data") : p.dist("record_size");
  const model::Profile& profile = *p.at("profile").profile;
  const double mean = mean_factor(profile, duration);
  return {rate * mean, size.mean(), mean > 0 ? profile.max_factor() / mean : 0};
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
    const SourceRate r = source_rate(scenario.sources[i], scenario.duration);
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

#include "failure_watch.hpp"

#include "archsim/run/requirements.hpp"

namespace archsim::run {

FailureWatch::FailureWatch(const scenario::Scenario& s, const scenario::Topology& topo, const RunLimits& limits)
    : warmup_(s.warmup), end_(s.duration) {
  if (!limits.stop_when_failed) return;
  if (limits.most_dropped >= 0) most_dropped_ = limits.most_dropped, dropped_words_ = "no record lost";
  for (const auto& req : s.requirements) {
    const std::string words = req.name + " " + req.target_text;
    if (req.name == "max_dropped" && req.at_most) {
      if (!most_dropped_ || req.target < *most_dropped_) most_dropped_ = req.target, dropped_words_ = words;
      continue;
    }
    const PathStatistic* q = path_statistic(req.name);
    if (!q || !req.at_most) continue;
    for (std::size_t source = 0; source < topo.source_count(); ++source)
      for (const std::size_t sink : topo.sinks_reached_from(source)) {
        const std::string path = scenario::path_name(topo.name(source), topo.name(sink));
        bool in_scope = req.scope.empty();  // as judge_requirements reads it: unscoped, every path
        for (const auto& p : req.paths) in_scope = in_scope || p == path;
        if (in_scope)
          paths_.push_back({words + " on " + path, static_cast<std::uint32_t>(source), static_cast<std::uint32_t>(sink),
                            q->quantile, static_cast<std::uint64_t>(engine::round_half_away(req.target * 1e9))});
      }
  }
}

std::string FailureWatch::failed(engine::SimTime at, const model::Network& network, double dropped, double in_flight,
                                 const std::vector<std::unique_ptr<models::Source>>& sources) const {
  if (most_dropped_ && dropped > *most_dropped_) return dropped_words_;
  if (paths_.empty() || at <= warmup_) return {};
  const auto stats = network.paths();
  for (const PathTarget& t : paths_)
    for (const model::PathStats* p : stats) {
      if (p->origin != t.origin || p->sink != t.sink) continue;
      const double past = static_cast<double>(p->latency.count_above(t.target_ns));
      if (past == 0) continue;
      if (t.quantile >= 1) return t.requirement;
      const double so_far = static_cast<double>(p->latency.count());
      const models::Source& source = *sources[t.origin];
      const double kept = source.weight_between(warmup_, at), rest = source.weight_between(at, end_);
      const double to_come = kept > 0 ? so_far * rest / kept : 0;
      const double most = so_far + 2 * (in_flight + to_come);
      if (past > (1 - t.quantile) * most + 1) return t.requirement;
    }
  return {};
}

}  // namespace archsim::run

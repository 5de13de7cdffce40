#include "archsim/whatif/replications.hpp"

#include <map>

#include "archsim/analysis/explain.hpp"
#include "archsim/run/simulation.hpp"
#include "archsim/run/parallel.hpp"

namespace archsim::whatif {

const ReplicatedFigure* Replicated::find(const std::string& id) const {
  for (const auto& f : figures)
    if (f.figure.id == id) return &f;
  return nullptr;
}

Verdict judge(const run::RequirementResult& q, const Interval& actual) {
  const bool low_ok = q.at_most ? actual.high() <= q.target : actual.low() >= q.target;
  const bool high_bad = q.at_most ? actual.low() > q.target : actual.high() < q.target;
  if (low_ok) return Verdict::kPass;
  if (high_bad) return Verdict::kFail;
  return Verdict::kUncertain;
}

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::kPass: return "PASS";
    case Verdict::kFail: return "FAIL";
    case Verdict::kUncertain: return "UNCERTAIN";
  }
  return "UNCERTAIN";
}

Replicated summarize_runs(std::vector<run::RunResult> runs) {
  Replicated out;
  if (runs.empty()) return out;
  for (const auto& r : runs) out.seeds.push_back(r.seed);
  // Each figure's values by id, kept only if every replication has it (a path
  // that no record took in one replication has no latency there).
  std::map<std::string, std::vector<double>> values;
  std::vector<Figure> seen;  // every id once, in first-seen order
  for (const auto& r : runs)
    for (const auto& f : key_figures(r)) {
      auto& v = values[f.id];
      if (v.empty()) seen.push_back(f);
      v.push_back(f.value);
    }
  for (auto& f : key_figures(runs.front())) {
    auto& v = values[f.id];
    if (v.size() == runs.size()) out.figures.push_back({f, summarize(v)});
  }
  for (const auto& f : seen)
    if (values[f.id].size() != runs.size()) out.partial.push_back({f.id, f.label, values[f.id].size()});
  for (std::size_t i = 0; i < runs.front().requirements.size(); ++i) {
    ReplicatedRequirement q{runs.front().requirements[i], {}, 0, Verdict::kUncertain};
    std::vector<double> actual;
    std::size_t unmeasured = 0;
    for (const auto& r : runs) {
      actual.push_back(r.requirements.at(i).actual);
      if (r.requirements.at(i).pass) ++q.passed;
      if (!r.requirements.at(i).unmeasured.empty()) ++unmeasured;
    }
    q.actual = summarize(std::move(actual));
    q.verdict = runs.size() == 1 ? (q.first.pass ? Verdict::kPass : Verdict::kFail) : judge(q.first, q.actual);
    // A replication with a path that delivered nothing cannot count as
    // meeting a latency target: a pass is at best uncertain then, and none
    // measured is a failure.
    if (unmeasured == runs.size()) q.verdict = Verdict::kFail;
    else if (unmeasured > 0 && q.verdict == Verdict::kPass) q.verdict = Verdict::kUncertain;
    out.requirements.push_back(std::move(q));
  }
  out.first = std::move(runs.front());
  return out;
}

run::RunResult run_replication(const scenario::Scenario& scenario, std::uint64_t seed, bool explain, unsigned jobs) {
  scenario::Scenario s = scenario;
  s.seed = seed;
  return explain ? analysis::run_and_explain(s, jobs) : run::simulate(s);
}

Replicated replicate(const scenario::Scenario& scenario, const ReplicationOptions& options) {
  const std::size_t n = options.replications < 1 ? 1 : options.replications;
  std::vector<run::RunResult> runs(n);
  run::parallel_for(n, options.jobs, [&](std::size_t k) {
    runs[k] = run_replication(scenario, scenario.seed + options.seed_offset + k, k == 0 && options.explain, options.jobs);
  });
  return summarize_runs(std::move(runs));
}

}  // namespace archsim::whatif

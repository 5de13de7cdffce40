#include "archsim/analysis/diagnosis.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <string>

#include "archsim/analysis/static_explain.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "by_name.hpp"
#include "evidence.hpp"

namespace archsim::analysis {

namespace {

// The interval where `v` peaks; of intervals tied at the peak (a utilization
// flat at 100%), the one where `tie_break` is largest (the most arrivals).
std::size_t index_of_max(const std::vector<double>& v, const std::vector<double>& tie_break = {}) {
  if (v.empty()) return 0;
  const double top = *std::max_element(v.begin(), v.end());
  std::size_t best = v.size();
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] < top) continue;
    if (best == v.size() || (i < tie_break.size() && best < tie_break.size() && tie_break[i] > tie_break[best])) best = i;
  }
  return best;
}

double peak_of(const std::vector<double>& v) { return v.empty() ? 0 : *std::max_element(v.begin(), v.end()); }

bool on_path(const run::PathResult& p, const std::string& component) {
  return std::find(p.components.begin(), p.components.end(), component) != p.components.end();
}

// How a finding binds, in the order the report ranks them.
enum Rank { kLatency = 0, kSaturated, kThrottles, kLateRuns, kFallsBehind, kHoldsBack, kLosesRecords };

const char* kind_name(Rank k) {
  switch (k) {
    case kLosesRecords: return "loses_records";
    case kHoldsBack: return "holds_back";
    case kLateRuns: return "late_runs";
    case kFallsBehind: return "falls_behind";
    case kThrottles: return "throttles";
    case kSaturated: return "saturated";
    case kLatency: return "latency";
  }
  return "latency";
}

struct Draft {
  run::Bottleneck b;
  Rank rank = kLatency;
  double magnitude = 0;
  bool causes_failure = false;
};

class Diagnoser {
 public:
  Diagnoser(const scenario::Scenario& s, const run::RunResult& r) : s_(s), r_(r) {
    const ByName<run::ComponentResult> results(r.components);
    for (const auto& d : s.components)
      if (const auto* c = results.find(d.name); c && d.model) evidence_.emplace(d.name, gather(*c, d));
    try {
      napkin_ = explain_statically(s, scenario::builtin_catalog());
      napkin_index_.emplace(napkin_->components);
    } catch (const std::exception&) {
      napkin_.reset();  // a design the static figures cannot read: the findings go without them
      napkin_index_.reset();
    }
  }

  Diagnosis run() {
    attach_held_chains();
    for (const auto& d : s_.components) {
      const auto it = evidence_.find(d.name);
      if (it != evidence_.end() && it->second.own_symptoms()) draft_for(d.name);
    }
    for (auto& [name, draft] : drafts_) classify(draft);
    std::vector<int> cause(r_.requirements.size(), -1);
    std::vector<std::string> order;  // draft names, as causes refer to them before ranking
    for (std::size_t i = 0; i < r_.requirements.size(); ++i) {
      const std::optional<std::string> who = cause_of(r_.requirements[i]);
      if (!who) continue;
      Draft& d = drafts_.at(*who);
      d.causes_failure = true;
      d.b.causes.push_back(r_.requirements[i].name);
      cause[i] = static_cast<int>(std::find(order.begin(), order.end(), *who) - order.begin());
      if (cause[i] == static_cast<int>(order.size())) order.push_back(*who);
    }
    // Ranked: records lost, others held back and runs late first, by how they
    // bind; then whatever fails a requirement, before refusals its clients'
    // retries absorb or a busy component that fails nothing; then by how much.
    std::vector<const Draft*> ranked;
    for (const auto& [name, draft] : drafts_) ranked.push_back(&draft);
    std::stable_sort(ranked.begin(), ranked.end(), [](const Draft* a, const Draft* b) {
      const bool severe_a = a->rank >= kLateRuns, severe_b = b->rank >= kLateRuns;
      if (severe_a != severe_b) return severe_a;
      if (severe_a && a->rank != b->rank) return a->rank > b->rank;
      if (a->causes_failure != b->causes_failure) return a->causes_failure;
      if (a->rank != b->rank) return a->rank > b->rank;
      return a->magnitude > b->magnitude;
    });
    Diagnosis out;
    for (const Draft* d : ranked) out.findings.push_back(d->b);
    out.requirement_cause.assign(r_.requirements.size(), -1);
    for (std::size_t i = 0; i < cause.size(); ++i) {
      if (cause[i] < 0) continue;
      const std::string& name = order[static_cast<std::size_t>(cause[i])];
      for (std::size_t k = 0; k < ranked.size(); ++k)
        if (ranked[k]->b.component == name) out.requirement_cause[i] = static_cast<int>(k);
    }
    return out;
  }

 private:
  // Every component held back is listed under the component whose own limit
  // holds it, found by following the refusals downstream: past a component
  // that refused mostly because it was held back itself (a job whose sink
  // retries), to the first that refused for its own limit.
  void attach_held_chains() {
    struct Member {
      std::string name, root;
      std::size_t from_root;  // hops to the root: 1 is next to it
    };
    std::vector<Member> members;
    for (const auto& d : s_.components) {
      const auto it = evidence_.find(d.name);
      if (it == evidence_.end() || !it->second.held) continue;
      std::vector<std::string> chain{d.name};
      std::string root;
      for (std::string at = d.name; root.empty();) {
        const Evidence& e = evidence_.at(at);
        if (e.refused_by.empty() || !evidence_.count(e.refused_by)) break;
        if (e.passed_on < 0.5 || std::find(chain.begin(), chain.end(), e.refused_by) != chain.end()) {
          root = e.refused_by;
        } else {
          chain.push_back(e.refused_by);
          at = e.refused_by;
        }
      }
      if (root.empty()) continue;
      for (std::size_t i = 0; i < chain.size(); ++i) members.push_back({chain[i], root, chain.size() - i});
    }
    std::stable_sort(members.begin(), members.end(),
                     [](const Member& a, const Member& b) { return a.from_root < b.from_root; });
    for (const Member& m : members) {
      run::Bottleneck& root = draft_for(m.root).b;
      const bool listed = std::any_of(root.held_back.begin(), root.held_back.end(),
                                      [&](const run::HeldBack& h) { return h.component == m.name; });
      if (listed || m.name == m.root) continue;
      const Evidence& e = evidence_.at(m.name);
      const run::ComponentResult& c = *e.result;
      run::HeldBack hb;
      hb.component = c.name;
      hb.service = c.service;
      hb.by = e.refused_by;
      hb.backlog_peak = c.held_peak;
      hb.backlog_growth_per_min = e.held_growth_per_min;
      hb.wait_mean_s = c.time.held_s;
      hb.wait_max_s = c.latency.max;
      hb.expired = e.dropped_waited;
      root.held_back.push_back(hb);
      held_.insert(m.name);
    }
  }

  Draft& draft_for(const std::string& name) {
    auto it = drafts_.find(name);
    if (it != drafts_.end()) return it->second;
    Draft& d = drafts_[name];
    fill(d.b, evidence_.at(name));
    return d;
  }

  void fill(run::Bottleneck& b, const Evidence& e) {
    const run::ComponentResult& c = *e.result;
    const model::ModelSpec& spec = *e.decl->model;
    b.component = c.name;
    b.service = c.service;
    b.resource_id = e.resource;
    if (const model::Resource* res = spec.resource(e.resource)) b.resource = res->name, b.refusals = res->refusals;
    b.utilization = e.utilization;
    b.at_capacity = e.saturated;
    const double offered = static_cast<double>(std::max<std::uint64_t>(1, c.records_in));
    b.throttle_fraction = e.throttle_fraction;
    b.dropped = e.dropped_own;
    b.drops = e.drops_own;
    b.drop_fraction = static_cast<double>(e.dropped_own) / offered;
    b.throttled = c.throttled;
    b.backlog_growth_per_min = e.own_growth_per_min;
    b.backlog_at_end = e.backlog_at_end;
    b.wait_for_capacity_s = c.time.capacity_s;
    b.late_runs = e.late_runs;
    b.units = c.units;
    b.peak_in_per_s = peak_of(c.series.records_in_per_s);
    b.queries = c.queries;
    if (napkin_)
      if (const StaticComponent* found = napkin_index_->find(c.name)) {
        const StaticComponent& sc = *found;
        if (std::isfinite(sc.peak_utilization)) b.static_peak_utilization = sc.peak_utilization;
        for (const auto& note : sc.notes) b.static_notes.push_back(note.figure + ": " + note.reason);
        if (std::isfinite(sc.capacity)) b.capacity_per_s = sc.capacity;
        b.capacity_words = sc.limit;
        b.capacity_grows = sc.capacity_grows;
      }
    double slowest = 0;
    for (const auto& p : r_.paths)
      if (on_path(p, c.name)) {
        b.worst_p99_s = std::max(b.worst_p99_s, p.latency.p99);
        slowest = std::max(slowest, p.latency.mean);
      }
    if (slowest > 0) b.latency_share = std::min(1.0, c.time.total() / slowest);
  }

  void classify(Draft& d) {
    run::Bottleneck& b = d.b;
    const Evidence& e = evidence_.at(b.component);
    const run::ComponentResult& c = *e.result;
    std::uint64_t expired = 0;
    double held = 0;
    for (const auto& h : b.held_back) {
      expired += h.expired, held += h.backlog_peak;
      const double in = peak_of(evidence_.at(h.component).result->series.records_in_per_s);
      if (in > b.demand_per_s) b.demand_per_s = in, b.demand_at = h.component;
    }
    const auto& s = c.series;
    b.took_per_s = mean_while_held(s.records_in_per_s, held_series(b));
    if (b.dropped > 0 || expired > 0) {
      d.rank = kLosesRecords;
      d.magnitude = static_cast<double>(b.dropped + expired);
      b.when_s = when(b.dropped > 0 ? s.dropped_per_s : held_series(b), s.interval_s);
    } else if (!b.held_back.empty()) {
      d.rank = kHoldsBack;
      d.magnitude = held;
      b.when_s = when(held_series(b), s.interval_s);
    } else if (b.late_runs > 0) {
      d.rank = kLateRuns;
      d.magnitude = b.late_runs;
      b.when_s = when(s.records_in_per_s, s.interval_s);
    } else if (e.falls_behind) {
      d.rank = kFallsBehind;
      d.magnitude = b.backlog_at_end + c.time.capacity_s;
      b.when_s = when(s.backlog, s.interval_s);
    } else if (b.throttle_fraction > kThrottleFloor) {
      d.rank = kThrottles;
      d.magnitude = b.throttle_fraction;
      b.when_s = when(!s.hottest_unit.empty() ? s.hottest_unit : s.utilization, s.interval_s, s.records_in_per_s);
    } else if (e.saturated) {
      d.rank = kSaturated;
      d.magnitude = b.utilization;
      b.when_s = when(!s.hottest_unit.empty() ? s.hottest_unit : s.utilization, s.interval_s, s.records_in_per_s);
    } else {
      d.rank = kLatency;
      d.magnitude = b.latency_share;
    }
    b.kind = kind_name(d.rank);
  }

  // The held series of the component nearest the root, which fills first.
  const std::vector<double>& held_series(const run::Bottleneck& b) const {
    static const std::vector<double> none;
    if (b.held_back.empty()) return none;
    return evidence_.at(b.held_back.front().component).result->series.held;
  }

  // What a root took in, on average over the intervals it held others back:
  // its sustained rate, which a peak interval's burst would overstate.
  static double mean_while_held(const std::vector<double>& in, const std::vector<double>& held) {
    double sum = 0;
    std::size_t n = 0;
    for (std::size_t i = 0; i < in.size() && i < held.size(); ++i)
      if (held[i] > 0) sum += in[i], ++n;
    return n > 0 ? sum / static_cast<double>(n) : 0;
  }

  static double when(const std::vector<double>& series, double interval_s, const std::vector<double>& tie_break = {}) {
    return series.empty() ? 0 : (static_cast<double>(index_of_max(series, tie_break)) + 0.5) * interval_s;
  }

  // The finding a failed requirement traces to, or nothing.
  std::optional<std::string> cause_of(const run::RequirementResult& q) {
    if (q.pass || !q.unmeasured.empty()) return std::nullopt;
    if (q.name == "max_dropped") return most_records_lost();
    if (q.name.rfind("latency_", 0) == 0 || q.name == "freshness") return latency_cause(q);
    if (q.name == "throughput") return binding_capacity();
    if (q.name == "completes_by") return late_job(q);
    return std::nullopt;
  }

  // A job that misses its deadline: its runs are too long (or start late
  // behind the one before), whatever else its evidence shows.
  std::optional<std::string> late_job(const run::RequirementResult& q) {
    const std::string& job = q.scope;
    if (!evidence_.count(job)) return std::nullopt;
    Draft& d = draft_for(job);
    if (!d.b.late_run || q.worst_run.end_s - q.worst_run.deadline_s > d.b.late_run->end_s - d.b.late_run->deadline_s)
      d.b.late_run = q.worst_run;
    if (d.b.kind.empty() || d.b.kind == "latency") {
      d.b.resource_id = "run_time";
      if (const model::Resource* res = evidence_.at(job).decl->model->resource("run_time")) d.b.resource = res->name;
      classify(d);
    }
    return job;
  }

  std::optional<std::string> most_records_lost() {
    std::optional<std::string> best;
    std::uint64_t most = 0;
    for (auto& [name, d] : drafts_) {
      std::uint64_t lost = d.b.dropped;
      for (const auto& h : d.b.held_back) lost += h.expired;
      if (lost > most) most = lost, best = name;
    }
    return best;
  }

  std::optional<std::string> binding_capacity() {
    std::optional<std::string> best;
    int rank = kSaturated - 1;
    for (auto& [name, d] : drafts_)
      if (d.rank > rank) rank = d.rank, best = name;
    return best;
  }

  static double path_metric(const run::PathResult& p, const std::string& name) {
    if (name == "latency_p50") return p.latency.p50;
    if (name == "latency_p90") return p.latency.p90;
    if (name == "latency_max" || name == "freshness") return p.latency.max;
    return p.latency.p99;
  }

  // A component's own latency at the requirement's percentile: time from
  // its records' arrival to their departure.
  static double own_metric(const run::ComponentResult& c, const std::string& name) {
    if (name == "latency_p50") return c.latency.p50;
    if (name == "latency_p90") return c.latency.p90;
    if (name == "latency_max" || name == "freshness") return c.latency.max;
    return c.latency.p99;
  }

  // The paths that miss the target, and on them the finding that accounts for
  // the most of the requirement's percentile: at its root, or at a component
  // it holds back (whose records wait for it). When no finding is on them,
  // the component on the worst path with the slowest records: its buffer,
  // its schedule or its own run time sets the latency.
  std::optional<std::string> latency_cause(const run::RequirementResult& q) {
    std::vector<const run::PathResult*> failing;
    for (const auto& p : r_.paths) {
      const bool in_scope = q.paths.empty() || std::find(q.paths.begin(), q.paths.end(),
                                                         scenario::path_name(p.from, p.to)) != q.paths.end();
      if (in_scope && path_metric(p, q.name) > q.target) failing.push_back(&p);
    }
    if (failing.empty()) return std::nullopt;
    auto metric_of = [&](const std::string& name) { return own_metric(*evidence_.at(name).result, q.name); };
    // A component held back takes its time from its root, not from its own findings.
    auto own_part = [&](const std::string& name) { return held_.count(name) ? 0.0 : metric_of(name); };
    std::optional<std::string> best;
    double most = 0;
    for (auto& [name, d] : drafts_) {
      double t = 0;
      for (const auto* p : failing) {
        if (on_path(*p, name)) t = std::max(t, own_part(name));
        for (const auto& h : d.b.held_back)
          if (on_path(*p, h.component)) t = std::max(t, metric_of(h.component));
      }
      if (t > most) most = t, best = name;
    }
    // A finding explains the failure only if its part is a good share of it.
    const run::PathResult* worst = *std::max_element(failing.begin(), failing.end(), [&](auto* a, auto* b) {
      return path_metric(*a, q.name) < path_metric(*b, q.name);
    });
    std::string slowest;
    double longest = 0;
    for (const auto& name : worst->components) {
      const auto it = evidence_.find(name);
      if (it == evidence_.end()) continue;
      if (metric_of(name) > longest) longest = metric_of(name), slowest = name;
    }
    if (best && most >= 0.5 * longest) return best;
    if (slowest.empty()) return best;
    Draft& d = draft_for(slowest);
    if (d.b.kind.empty() || d.b.kind == "latency") {
      d.b.resource_id = time_resource(evidence_.at(slowest));
      if (const model::Resource* res = evidence_.at(slowest).decl->model->resource(d.b.resource_id))
        d.b.resource = res->name;
      classify(d);
    }
    return slowest;
  }

  // The resource that sets the kind of time a component's records spend most of.
  static std::string time_resource(const Evidence& e) {
    const run::TimeSplit& t = e.result->time;
    const std::pair<metrics::Spent, double> kinds[] = {{metrics::Spent::service, t.service_s},
                                                       {metrics::Spent::capacity, t.capacity_s},
                                                       {metrics::Spent::buffering, t.buffering_s}};
    const auto top = std::max_element(std::begin(kinds), std::end(kinds),
                                      [](const auto& a, const auto& b) { return a.second < b.second; });
    for (const auto& r : e.decl->model->resources)
      if (std::find(r.time.begin(), r.time.end(), top->first) != r.time.end()) return r.id;
    return e.resource;
  }

  const scenario::Scenario& s_;
  const run::RunResult& r_;
  std::map<std::string, Evidence> evidence_;
  std::optional<StaticExplanation> napkin_;
  std::optional<ByName<StaticComponent>> napkin_index_;  // napkin_'s components by name
  std::map<std::string, Draft> drafts_;
  std::set<std::string> held_;  // components listed under a root as held back
};

}  // namespace

Diagnosis diagnose(const scenario::Scenario& scenario, const run::RunResult& result) {
  return Diagnoser(scenario, result).run();
}

std::string cause_words(const run::Bottleneck& b) {
  return b.service + " '" + b.component + "', " + b.resource;
}

}  // namespace archsim::analysis

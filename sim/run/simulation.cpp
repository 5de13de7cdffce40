#include "archsim/run/simulation.hpp"
#include "archsim/run/progress.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <set>

#include "archsim/model/network.hpp"
#include "archsim/models/common/billing.hpp"
#include "archsim/models/common/fifo.hpp"
#include "archsim/models/workload/source.hpp"
#include "archsim/run/fault_watch.hpp"
#include "event_budget.hpp"
#include "failure_watch.hpp"
#include "fault_windows.hpp"
#include "archsim/run/requirements.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "archsim/scenario/topology.hpp"

namespace archsim::run {

using engine::SimTime;

namespace {

LatencySummary summarize(const metrics::Histogram& h) {
  return {h.count(),
          h.mean() / 1e9,
          h.quantile(0.50) / 1e9,
          h.quantile(0.90) / 1e9,
          h.quantile(0.99) / 1e9,
          static_cast<double>(h.max()) / 1e9};
}

std::vector<double> per_second(const metrics::CounterSeries& s) {
  std::vector<double> out = s.bins();
  const double width = engine::to_seconds(s.interval());
  for (auto& v : out) v /= width;
  return out;
}

Series series_of(const metrics::ComponentProbe& p, SimTime interval) {
  Series s{engine::to_seconds(interval), per_second(p.in_series()), per_second(p.out_series()),
           per_second(p.drop_series()), p.backlog().means(), p.utilization_series(), p.held().means(), {}, {}};
  if (p.units().units() > 0) {
    s.hottest_unit = p.units().hottest();
    s.mean_unit = p.units().mean();
  }
  if (!p.size_unit().empty()) {
    s.size = p.size().means();
    s.size_unit = p.size_unit();
  }
  return s;
}

// The hottest of a component's keyed units beside the mean one, named by the
// unit its model declares for its limit (the first resource that has one).
UnitSummary units_of(const metrics::ComponentProbe& p, const model::ModelSpec& spec, SimTime interval) {
  UnitSummary u;
  const metrics::UnitLoads& loads = p.units();
  if (loads.units() == 0) return u;
  for (const auto& r : spec.resources)
    if (!r.unit.empty()) {
      u.unit = r.unit;
      break;
    }
  u.count = loads.units();
  const std::size_t peak = loads.peak_interval();
  u.hottest = loads.hottest_unit()[peak];
  u.hottest_load = loads.hottest()[peak];
  u.mean_load = loads.mean()[peak];
  u.peak_time_s = (static_cast<double>(peak) + 0.5) * engine::to_seconds(interval);
  const auto& total = loads.total();
  double sum = 0;
  for (double x : total) sum += x;
  const auto most = std::max_element(total.begin(), total.end());
  u.hottest_share = sum > 0 ? *most / sum : 0;
  const auto& refused = loads.throttled();
  const auto worst = std::max_element(refused.begin(), refused.end());
  u.most_throttled = static_cast<std::uint64_t>(worst - refused.begin());
  u.hottest_throttled = *worst;
  u.units_throttled = static_cast<std::uint64_t>(std::count_if(refused.begin(), refused.end(), [](std::uint64_t n) { return n > 0; }));
  u.backlog_peak = loads.backlog_peak();
  u.backlog_unit = loads.backlog_peak_unit();
  u.backlog_mean_then = loads.backlog_peak_mean();
  u.backlog_peak_time_s = engine::to_seconds(loads.backlog_peak_at());
  return u;
}

// Each path's components, source to sink, in topological order (a path is
// every route from its source to its sink). What a source reaches is worked
// out once, and each sink's walk back stays within it, so a design with
// thousands of sinks costs the size of its paths, not sinks times components.
class PathComponents {
 public:
  explicit PathComponents(const scenario::Topology& topo)
      : topo_(topo), position_(topo.size()), before_(topo.size(), false) {
    const auto order = topo.topological_order();
    for (std::size_t i = 0; i < order.size(); ++i) position_[order[i]] = i;
  }

  std::vector<std::string> between(std::size_t from, std::size_t to) {
    const std::vector<bool>& after = reached_from(from);
    std::vector<std::size_t> stack{to}, on_path;
    before_[to] = true;
    while (!stack.empty()) {
      const std::size_t v = stack.back();
      stack.pop_back();
      if (after[v]) on_path.push_back(v);
      for (const auto& e : topo_.in_edges(v))
        if (!before_[e.from] && after[e.from]) before_[e.from] = true, stack.push_back(e.from);
    }
    // Unmarked by what was marked, so the walk costs the path, not the design.
    before_[to] = false;
    for (const std::size_t v : on_path) before_[v] = false;
    std::sort(on_path.begin(), on_path.end(), [&](std::size_t a, std::size_t b) { return position_[a] < position_[b]; });
    std::vector<std::string> out;
    for (const std::size_t v : on_path) out.push_back(topo_.name(v));
    return out;
  }

 private:
  const std::vector<bool>& reached_from(std::size_t from) {
    auto [it, fresh] = reached_.try_emplace(from, topo_.size(), false);
    if (!fresh) return it->second;
    std::vector<bool>& after = it->second;
    std::vector<std::size_t> stack{from};
    while (!stack.empty()) {
      const std::size_t v = stack.back();
      stack.pop_back();
      for (const auto& e : topo_.out_edges(v))
        if (!after[e.to]) after[e.to] = true, stack.push_back(e.to);
    }
    return after;
  }

  const scenario::Topology& topo_;
  std::vector<std::size_t> position_;
  std::vector<bool> before_;  // the current walk back from a sink; all false between walks
  std::map<std::size_t, std::vector<bool>> reached_;
};

// The faults that strike `name`, in time order.
std::vector<model::Fault> faults_of(const scenario::Scenario& s, const std::string& name) {
  std::vector<model::Fault> out;
  for (const auto& f : s.faults)
    if (f.target == name) out.push_back(f.fault);
  return out;
}

// Each fault's stalest delivery per path (`r.paths`), over the intervals
// from its start until it recovered (or the run ended).
void stalest_during_faults(std::vector<FaultResult>& faults, const RunResult& r, double interval_s) {
  for (FaultResult& f : faults) {
    const double until = f.affected_until_s(r.duration_s);
    for (const PathResult& p : r.paths) {
      double worst = 0;
      for (std::size_t i = 0; i < p.worst_by_interval_s.size(); ++i) {
        const double a = static_cast<double>(i) * interval_s;
        if (a + interval_s > f.start_s && a < until) worst = std::max(worst, p.worst_by_interval_s[i]);
      }
      if (worst > 0) f.stalest.emplace_back(scenario::path_name(p.from, p.to), worst);
    }
    std::stable_sort(f.stalest.begin(), f.stalest.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  }
}

// Where a replay's copies end: each path through the fault's target, with
// about as many of them as the share of what the target handled that path
// delivered (records in and out over the whole run: exact for a job that
// passes records on one for one, the mean for one that aggregates), and what
// its sink's service does with a record written twice.
std::vector<FaultResult::CopiesAt> copies_by_path(const scenario::Scenario& s, const scenario::Topology& topo,
                                                  const RunResult& r, const FaultResult& f) {
  std::vector<FaultResult::CopiesAt> out;
  const auto target = topo.find(f.target);
  if (!target || topo.is_source(*target)) return out;
  // What the target handled: its input and the records its restarts made
  // again (its `created` also counts the copies a fan-out makes).
  const std::uint64_t in = r.components[*target - topo.source_count()].records_in + f.replayed;
  const auto& restarted = s.components[*target - topo.source_count()];
  const bool commits = restarted.model->commits_at_checkpoints && restarted.model->commits_at_checkpoints(restarted.params);
  for (const PathResult& p : r.paths) {
    if (std::find(p.components.begin(), p.components.end(), f.target) == p.components.end()) continue;
    const auto sink = topo.find(p.to);
    if (!sink || topo.is_source(*sink)) continue;
    const auto& decl = s.components[*sink - topo.source_count()];
    const double share = in > 0 ? static_cast<double>(p.records) / static_cast<double>(in) : 0;
    out.push_back({.path = scenario::path_name(p.from, p.to),
                   .sink = decl.name,
                   .service = decl.service,
                   .idempotent = decl.model->copies.idempotent,
                   .words = decl.model->copies.words,
                   .copies = commits ? 0 : static_cast<std::uint64_t>(std::llround(static_cast<double>(f.replayed) * share)),
                   .exactly_once = commits});
  }
  return out;
}

// What the run saw of each fault: the watch's figures with the drops named by
// component and reason, the stalest data per path, where a replay's copies
// end (and what each sink does with them), and what each model counted of
// the faults that struck it, in their order there.
std::vector<FaultResult> fault_results(const scenario::Scenario& s, const scenario::Topology& topo,
                                       const FaultWatch& watch, const model::Network& network,
                                       const std::vector<std::unique_ptr<model::Component>>& components,
                                       double interval_s, const RunResult& r) {
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> reasons;
  for (std::size_t v = topo.source_count(); v < topo.size(); ++v) {
    names.push_back(topo.name(v));
    reasons.emplace_back();
    for (const auto& d : network.probe(static_cast<std::uint32_t>(v)).drops()) reasons.back().push_back(d.reason);
  }
  std::vector<FaultResult> faults = watch.results(names, reasons);
  stalest_during_faults(faults, r, interval_s);
  // What each model says of its drops: some go where the user keeps them.
  for (FaultResult& f : faults)
    for (FaultResult::Loss& loss : f.dropped_by)
      if (const auto v = topo.find(loss.component); v && !topo.is_source(*v))
        for (const auto& d : s.components[*v - topo.source_count()].model->drops)
          if (d.reason == loss.reason && d.set_aside) {
            loss.set_aside = true;
            f.set_aside += loss.count;
          }
  for (std::size_t v = topo.source_count(); v < topo.size(); ++v) {
    const auto outcomes = components[v]->fault_outcomes();
    std::size_t k = 0;
    for (std::size_t i = 0; i < s.faults.size(); ++i)
      if (s.faults[i].target == topo.name(v) && k < outcomes.size()) faults[i].replayed = outcomes[k++].replayed;
  }
  for (std::size_t i = 0; i < s.faults.size(); ++i) faults[i].copies_reach = copies_by_path(s, topo, r, faults[i]);
  return faults;
}

}  // namespace

SimTime default_metrics_interval(SimTime duration) {
  using namespace engine;
  static const SimTime choices[] = {kMillisecond, 10 * kMillisecond, 100 * kMillisecond, kSecond, 5 * kSecond,
                                    10 * kSecond, 30 * kSecond, kMinute, 5 * kMinute, 10 * kMinute, 15 * kMinute,
                                    30 * kMinute, kHour, 2 * kHour, 6 * kHour, kDay};
  for (SimTime c : choices)
    if (duration / c <= 120) return c;
  return kDay;
}

RunResult simulate(const scenario::Scenario& s, const RunLimits& limits) {
  const scenario::Topology topo(s);
  // A drill measures to the minute at least: a catch-up of a few minutes
  // would otherwise be averaged with the outage before it.
  const SimTime interval = s.metrics_interval > 0 ? s.metrics_interval
                           : s.faults.empty()     ? default_metrics_interval(s.duration)
                                                  : std::min(default_metrics_interval(s.duration), engine::kMinute);
  engine::Engine engine;
  model::Network network(engine, {interval, s.duration, s.warmup}, s.seed);
  // A drill's faults are judged apart from the rest to the metrics interval.
  if (!s.faults.empty()) network.keep_latency_every(interval);
  for (std::size_t v = 0; v < topo.size(); ++v) network.add_node(topo.name(v));
  for (std::size_t v = 0; v < topo.size(); ++v) {
    std::vector<std::uint32_t> targets;
    std::vector<double> shares;
    for (const auto& e : topo.out_edges(v)) {
      targets.push_back(static_cast<std::uint32_t>(e.to));
      if (e.share) shares.push_back(*e.share);
    }
    network.set_targets(static_cast<std::uint32_t>(v), std::move(targets), std::move(shares));
  }

  std::set<std::string> judged_jobs;  // named by a deadline: they keep their runs' times
  for (const auto& req : s.requirements)
    if (req.name == "completes_by") judged_jobs.insert(req.scope);
  // Components are built downstream-first so that every target exists before
  // anything can send to it; each draws from its own named random stream.
  std::vector<std::unique_ptr<model::Component>> components(topo.size());
  const auto order = topo.topological_order();
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const std::size_t v = *it;
    if (topo.is_source(v)) continue;
    const auto& decl = s.components[v - topo.source_count()];
    const auto node = static_cast<std::uint32_t>(v);
    model::BuildContext ctx{engine,  network, node, decl.name, decl.params, s.seed, network.probe(node),
                            scenario::builtin_catalog(), judged_jobs.count(decl.name) > 0, faults_of(s, decl.name)};
    components[v] = decl.model->factory(ctx);
    network.attach(node, components[v].get());
  }
  std::vector<std::unique_ptr<models::Source>> sources;
  for (std::size_t v = 0; v < topo.source_count(); ++v) {
    sources.push_back(std::make_unique<models::Source>(engine, network, static_cast<std::uint32_t>(v),
                                                       s.sources[v].params, engine::Rng::stream(s.seed, topo.name(v)),
                                                       s.duration, faults_of(s, topo.name(v))));
  }
  for (auto& src : sources) src->start();

  std::vector<std::uint64_t> events_by_interval;
  FaultWatch watch(s.faults, s.duration);
  // What is in flight anywhere in the design, and dropped by each component
  // and reason, for the fault watch.
  FaultWatch::Drops dropped(topo.size() - topo.source_count());
  const auto sample = [&](SimTime t) {
    double in_flight = 0;
    for (std::size_t v = topo.source_count(); v < topo.size(); ++v) {
      in_flight += static_cast<double>(components[v]->in_flight());
      auto& counts = dropped[v - topo.source_count()];
      counts.clear();
      for (const auto& d : network.probe(static_cast<std::uint32_t>(v)).drops()) counts.push_back(d.count);
    }
    watch.sample(t, in_flight, dropped);
  };
  // A thousandth of the run at a time at most, so that a run bound to
  // exceed the event budget is stopped within its first seconds.
  EventBudget budget(s, limits.max_events);
  const FailureWatch failures(s, topo, limits);
  const auto check_failures = [&](SimTime at) {
    if (!failures.active()) return;
    double dropped = 0, in_flight = 0;
    for (std::size_t v = topo.source_count(); v < topo.size(); ++v) {
      dropped += static_cast<double>(network.probe(static_cast<std::uint32_t>(v)).dropped_total());
      in_flight += static_cast<double>(components[v]->in_flight());
    }
    if (const std::string failed = failures.failed(at, network, dropped, in_flight, sources); !failed.empty())
      throw RequirementFailed(failed, engine::to_seconds(at), static_cast<double>(engine.events_processed()));
  };
  ProgressTicket progress(s.duration);
  const auto advance = [&](SimTime to) {
    for (SimTime at = budget.next_check(engine.now()); at < to; at = budget.next_check(at)) {
      engine.run_until(at);
      budget.check(at, engine.events_processed());
      check_failures(at);
      progress.reached(at);
    }
    engine.run_until(to);
    progress.reached(to);
  };
  try {
    // An interval at a time, to count the events of each, stopping on the
    // way where the fault watch samples; the same events in the same order
    // as one call up to the end.
    for (SimTime until = 0; until < s.duration;) {
      const SimTime interval_end = std::min(s.duration, until + interval);
      const std::uint64_t before = engine.events_processed();
      for (SimTime at = watch.next_sample_after(until - 1); at <= interval_end && at < s.duration;
           at = watch.next_sample_after(at)) {
        advance(at);
        sample(at);
      }
      advance(interval_end);
      until = interval_end;
      events_by_interval.push_back(engine.events_processed() - before);
    }
  } catch (const models::QueueLimitExceeded& e) {
    // The component holding the most records is the one that could not keep up.
    std::size_t worst = topo.source_count();
    for (std::size_t v = topo.source_count(); v < topo.size(); ++v)
      if (components[v]->in_flight() > components[worst]->in_flight()) worst = v;
    char at[64];
    std::snprintf(at, sizeof at, "%.1f s", engine::to_seconds(engine.now()));
    throw Overloaded("component '" + topo.name(worst) + "' cannot keep up: " + e.what() + " after " + at +
                         " of simulated time, and archsim stopped the run before it ran out of memory; add "
                         "capacity, bound the queue (queue_capacity: N drops what does not fit) or lower the load",
                     s.components[worst - topo.source_count()].loc);
  }

  RunResult r;
  r.file = s.file;
  r.name = s.name;
  r.description = s.description;
  r.story = s.story;
  r.region = s.region;
  r.seed = s.seed;
  r.duration_s = engine::to_seconds(s.duration);
  r.warmup_s = engine::to_seconds(s.warmup);
  r.events = engine.events_processed();
  r.events_by_interval = std::move(events_by_interval);
  const double window_s = engine::to_seconds(s.duration - s.warmup);

  for (std::size_t v = 0; v < topo.source_count(); ++v) {
    const auto& p = network.probe(static_cast<std::uint32_t>(v));
    r.sources.push_back({topo.name(v), p.records_in(), p.created_total(), p.records_out(), sources[v]->mean_rate_per_s()});
    r.accounting.generated += p.records_in();
    r.accounting.created += p.created_total();
  }
  for (std::size_t v = topo.source_count(); v < topo.size(); ++v) {
    auto& comp = *components[v];
    comp.finish(s.duration);
    const auto& p = network.probe(static_cast<std::uint32_t>(v));
    ComponentResult c;
    c.name = topo.name(v);
    const auto& decl = s.components[v - topo.source_count()];
    c.service = decl.service;
    c.queries = decl.model->input == model::Input::queries;
    for (const auto& f : s.flows)
      if (f.to == c.name && scenario::sends_queries(s, f.from)) c.queries = true;
    c.records_in = p.records_in();
    c.records_out = p.records_out();
    c.dropped = p.dropped_total();
    c.in_flight = comp.in_flight();
    c.absorbed = p.absorbed_total();
    c.created = p.created_total();
    c.throttled = p.throttled_total();
    for (const auto& d : p.drops()) c.drops.push_back({d.reason, d.count});
    c.capacity = p.capacity();
    c.utilization_mean = p.utilization_mean();
    c.utilization_peak = p.utilization_peak();
    c.backlog_mean = p.backlog().window_mean();
    c.latency = summarize(p.latency());
    c.wait_mean_s = p.wait_mean_ns() / 1e9;
    c.throughput_per_s = window_s > 0 ? static_cast<double>(p.latency().count()) / window_s : 0;
    c.cost_usd = comp.cost_usd(s.duration);
    const model::Component::CostShape shape = comp.cost_shape(s.duration);
    c.cost_capacity_usd = shape.capacity_usd;
    c.cost_storage_usd = shape.storage_usd;
    c.usage = comp.usage();
    c.billed = comp.billed(s.duration);
    c.series = series_of(p, interval);
    const model::ModelSpec& spec = *s.components[v - topo.source_count()].model;
    const auto& by_resource = p.throttled_by_resource();
    for (std::size_t i = 0; i < by_resource.size(); ++i)
      if (by_resource[i] > 0)
        c.throttled_by.push_back({i < spec.resources.size() ? spec.resources[i].id : "resource " + std::to_string(i),
                                  by_resource[i]});
    c.held_mean = p.held().window_mean();
    c.held_peak = p.held().window_peak();
    const auto& targets = network.targets(static_cast<std::uint32_t>(v));
    const auto& refusals = network.refusals(static_cast<std::uint32_t>(v));
    const auto& passed_on = network.passed_on(static_cast<std::uint32_t>(v));
    for (std::size_t i = 0; i < targets.size(); ++i)
      if (refusals[i] > 0) c.refused_by.push_back({topo.name(targets[i]), refusals[i], passed_on[i]});
    c.time = {p.spent_mean_ns(metrics::Spent::service) / 1e9, p.spent_mean_ns(metrics::Spent::capacity) / 1e9,
              p.spent_mean_ns(metrics::Spent::buffering) / 1e9, p.spent_mean_ns(metrics::Spent::held) / 1e9};
    c.units = units_of(p, spec, interval);
    c.reader_lag = spec.reader_lag;
    for (const auto& reader : p.readers().readers()) {
      run::ReaderResult rr{.name = reader.name, .records = reader.records, .lag_max_s = engine::to_seconds(reader.age_max)};
      if (reader.records > 0) rr.lag_mean_s = reader.age_sum_ns / static_cast<double>(reader.records) / 1e9;
      for (const double ns : reader.max_by_interval_ns) rr.lag_max_by_interval_s.push_back(ns / 1e9);
      c.readers.push_back(std::move(rr));
    }
    r.accounting.dropped += c.dropped;
    r.accounting.in_flight += c.in_flight;
    r.accounting.absorbed += c.absorbed;
    r.accounting.created += c.created;
    r.cost_total_usd += c.cost_usd;
    r.components.push_back(std::move(c));
  }
  r.accounting.delivered = network.delivered();
  r.throughput_per_s = window_s > 0 ? static_cast<double>(network.delivered_in_window()) / window_s : 0;
  auto paths = network.paths();
  std::sort(paths.begin(), paths.end(), [](const model::PathStats* a, const model::PathStats* b) {
    return std::tie(a->origin, a->sink) < std::tie(b->origin, b->sink);
  });
  PathComponents path_components(topo);
  for (const auto* p : paths) {
    std::vector<double> worst;
    for (const SimTime ns : p->worst_by_interval) worst.push_back(engine::to_seconds(ns));
    r.paths.push_back({topo.name(p->origin), topo.name(p->sink), p->records, summarize(p->latency),
                       path_components.between(p->origin, p->sink), std::move(worst)});
  }
  r.cost_monthly_usd = r.cost_total_usd * models::kSecondsPerMonth / r.duration_s;
  JobRuns job_runs;
  for (const auto& job : judged_jobs) job_runs[job] = components[*topo.find(job)]->batch_run_times();
  r.faults = fault_results(s, topo, watch, network, components, engine::to_seconds(interval), r);
  split_by_faults(r, paths, network.latency_kept_every(), s.warmup);
  r.requirements = judge_requirements(s, topo, r, job_runs);
  check_invariants(r);
  return r;
}

void check_invariants(const RunResult& r) {
  std::string broken;
  for (const auto& c : r.components) {
    if (c.records_in + c.created != c.records_out + c.dropped + c.absorbed + c.in_flight)
      broken += "component '" + c.name + "': records_in " + std::to_string(c.records_in) + " + created " +
                std::to_string(c.created) + " != records_out " + std::to_string(c.records_out) + " + dropped " +
                std::to_string(c.dropped) + " + absorbed " + std::to_string(c.absorbed) + " + in_flight " +
                std::to_string(c.in_flight) + "\n";
  }
  for (const auto& s : r.sources)
    if (s.generated + s.created != s.records_out)
      broken += "source '" + s.name + "': generated + created != records_out\n";
  const auto& a = r.accounting;
  if (a.generated + a.created != a.delivered + a.dropped + a.absorbed + a.in_flight)
    broken += "system: generated " + std::to_string(a.generated) + " + created " + std::to_string(a.created) +
              " != delivered " + std::to_string(a.delivered) + " + dropped " + std::to_string(a.dropped) +
              " + absorbed " + std::to_string(a.absorbed) + " + in_flight " + std::to_string(a.in_flight) + "\n";
  if (!broken.empty()) throw InvariantViolation("record accounting does not balance:\n" + broken);
}

}  // namespace archsim::run

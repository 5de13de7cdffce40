#include "archsim/analysis/bottlenecks.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "archsim/models/common/billing.hpp"
#include "archsim/analysis/static_explain.hpp"
#include "param_edit.hpp"
#include "archsim/report/human.hpp"
#include "archsim/run/simulation.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "archsim/scenario/topology.hpp"

namespace archsim::analysis {

namespace {

using report::count;
using report::percent;
using report::rate;
using report::seconds;
using report::time_of_day;
using report::usd;

// Below these a component is not called a bottleneck: a throttle now and then
// is the service working as designed, not binding.
constexpr double kThrottleFloor = 0.001;
constexpr double kBusyFloor = 0.9;
constexpr double kLatencyShareFloor = 0.5;
constexpr std::size_t kMostListed = 5;

bool is_batch_job(const std::string& service) { return service == "glue" || service == "emr"; }

struct Reach {
  std::vector<std::vector<bool>> from;  // from[v][w]: v reaches w by flows (v reaches itself)
};

Reach reach_of(const scenario::Topology& topo) {
  Reach r;
  r.from.assign(topo.size(), std::vector<bool>(topo.size(), false));
  for (std::size_t v = 0; v < topo.size(); ++v) {
    std::vector<std::size_t> stack = {v};
    while (!stack.empty()) {
      const std::size_t u = stack.back();
      stack.pop_back();
      if (r.from[v][u]) continue;
      r.from[v][u] = true;
      for (const auto& e : topo.out_edges(u)) stack.push_back(e.to);
    }
  }
  return r;
}

// The paths (source to sink) whose records pass through `component`.
std::vector<const run::PathResult*> paths_through(const run::RunResult& r, const scenario::Topology& topo,
                                                  const Reach& reach, const std::string& component) {
  std::vector<const run::PathResult*> out;
  const auto c = topo.find(component);
  if (!c) return out;
  for (const auto& p : r.paths) {
    const auto from = topo.find(p.from), to = topo.find(p.to);
    if (from && to && reach.from[*from][*c] && reach.from[*c][*to]) out.push_back(&p);
  }
  return out;
}

double worst_p99(const std::vector<const run::PathResult*>& paths) {
  double worst = 0;
  for (const auto* p : paths) worst = std::max(worst, p->latency.p99);
  return worst;
}

std::size_t index_of_max(const std::vector<double>& v) {
  return v.empty() ? 0 : static_cast<std::size_t>(std::max_element(v.begin(), v.end()) - v.begin());
}

// The fastest backlog growth sustained over five intervals, in records a minute.
double backlog_growth_per_min(const run::Series& s) {
  constexpr std::size_t kSpan = 5;
  double best = 0;
  for (std::size_t i = kSpan; i < s.backlog.size(); ++i)
    best = std::max(best, (s.backlog[i] - s.backlog[i - kSpan]) / (kSpan * s.interval_s) * 60);
  return best;
}

// A share of records that may be tiny and still matter: 0.012%, not 0.0%.
std::string share(double fraction) {
  if (fraction >= 0.001 || fraction == 0) return percent(fraction);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2g%%", fraction * 100);
  return buf;
}

const scenario::ComponentDecl* decl_of(const scenario::Scenario& s, const std::string& name) {
  for (const auto& c : s.components)
    if (c.name == name) return &c;
  return nullptr;
}

std::string text_param(const scenario::ComponentDecl& c, const std::string& key) {
  return c.params.has(key) ? c.params.text(key) : std::string();
}

double number_param(const scenario::ComponentDecl& c, const std::string& key, double fallback = 0) {
  return c.params.has(key) ? c.params.number(key) : fallback;
}

// The limit a service runs into, in the words of its documentation.
std::string resource_of(const scenario::ComponentDecl& d) {
  const std::string& s = d.service;
  if (s == "kinesis")
    return text_param(d, "mode") == "on_demand" ? "on-demand write capacity (twice the previous peak)"
                                                 : "shard write limit (1,000 records/s and 1 MiB/s per shard)";
  if (s == "dynamodb")
    return text_param(d, "mode") == "on_demand" ? "on-demand table throughput"
                                                 : "partition write ceiling (1,000 write units/s per partition)";
  if (s == "flink") return "KPU processing rate (parallelism / cost_per_record)";
  if (s == "lambda") return "concurrent batches (one per shard x parallelization factor)";
  if (s == "firehose") return "delivery buffer";
  if (s == "s3") return "per-prefix PUT rate (3,500/s per prefix)";
  if (s == "server") return "servers";
  if (s == "athena") return "active-query limit";
  if (s == "redshift") return text_param(d, "serverless") == "true" ? "RPUs" : "WLM slots";
  if (s == "glue" || s == "emr") return "run time against the schedule";
  return "capacity";
}

// The arithmetic behind the verdict, from the scenario's own figures.
std::string arithmetic(const scenario::ComponentDecl& d, const run::ComponentResult& c, double peak_in) {
  const std::string& s = d.service;
  if (s == "kinesis" && text_param(d, "mode") != "on_demand") {
    const double shards = number_param(d, "shards");
    return count(static_cast<std::uint64_t>(shards)) + " shards take " + rate(shards * 1000) +
           " spread evenly; records arrived at up to " + rate(peak_in) +
           ", and a shard gets more than its share when some keys are hotter than others";
  }
  if (s == "dynamodb" && text_param(d, "mode") != "on_demand") {
    const double wcu = number_param(d, "wcu"), partitions = run::usage_or_zero(c, "partitions");
    return count(static_cast<std::uint64_t>(wcu)) + " WCU over " + count(static_cast<std::uint64_t>(partitions)) +
           " partitions is " + rate(partitions > 0 ? wcu / partitions : wcu) + " of writes per partition" +
           " (each capped at 1,000/s); writes arrived at up to " + rate(peak_in) +
           ", and the partitions holding the hottest keys get more than their share";
  }
  if (s == "server")
    return "Servers: " + count(static_cast<std::uint64_t>(number_param(d, "servers", 1))) +
           "; records arrived at up to " + rate(peak_in);
  if (s == "athena" || s == "redshift" || s == "lambda" || s == "flink")
    return "Records arrived at up to " + rate(peak_in) + " against a capacity of " + count(static_cast<std::uint64_t>(c.capacity)) +
           (s == "flink" ? " subtasks" : s == "lambda" ? " concurrent batches" : " queries at once");
  return "Records arrived at up to " + rate(peak_in);
}

struct Lever {
  std::string key;
  double from = 0, to = 0;
  std::string words;  // "shards from 350 to 525"
};

double rounded_up(double x) { return std::ceil(x - 1e-9); }

// The one knob that gives the binding resource more room, half as much again
// (or twice, where the knob is coarse).
std::optional<Lever> lever_of(const scenario::ComponentDecl& d) {
  const std::string& s = d.service;
  auto scaled = [&](const std::string& key, double fallback, double factor, double most) -> std::optional<Lever> {
    const double from = number_param(d, key, fallback);
    const double to = std::min(most, std::max(from + 1, rounded_up(from * factor)));
    if (to <= from) return std::nullopt;
    return Lever{key, from, to, key + " from " + count(static_cast<std::uint64_t>(from)) + " to " +
                                    count(static_cast<std::uint64_t>(to))};
  };
  if (s == "kinesis" && text_param(d, "mode") != "on_demand") return scaled("shards", 1, 1.5, 1e6);
  if (s == "dynamodb" && text_param(d, "mode") != "on_demand") return scaled("wcu", 5, 1.5, 1e9);
  if (s == "flink") return scaled("kpu", 1, 1.5, 1e5);
  if (s == "lambda") return scaled("parallelization_factor", 1, 2, 10);
  if (s == "s3") return scaled("prefixes", 1, 2, 1e6);
  if (s == "server") return scaled("servers", 1, 1.5, 1e6);
  if (s == "athena") return scaled("concurrency_limit", 20, 2, 1e5);
  if (s == "redshift")
    return text_param(d, "serverless") == "true" ? scaled("base_rpu", 128, 2, 1024) : scaled("nodes", 2, 2, 128);
  if (s == "glue") return scaled("workers", 10, 2, 1e5);
  if (s == "emr") return scaled("instances", 3, 2, 1e4);
  return std::nullopt;
}

void check_fix(const scenario::Scenario& s, const run::RunResult& r, const scenario::Topology& topo,
               const Reach& reach, run::Bottleneck& b) {
  const auto* d = decl_of(s, b.component);
  const auto lever = d ? lever_of(*d) : std::nullopt;
  if (!lever) return;
  scenario::Scenario fixed = s;
  for (auto& c : fixed.components) {
    if (c.name != b.component) continue;
    set_number(c.params, lever->key, lever->to);
  }
  b.suggestion = "raise " + lever->words;
  try {
    const run::RunResult again = run::simulate(fixed);
    const run::ComponentResult* c = nullptr;
    for (const auto& x : again.components)
      if (x.name == b.component) c = &x;
    if (!c) return;
    b.fix_checked = true;
    b.fix_dropped = c->dropped;
    b.fix_throttled = c->throttled;
    b.fix_worst_p99_s = worst_p99(paths_through(again, topo, reach, b.component));
    b.fix_monthly_usd_delta = again.cost_monthly_usd - r.cost_monthly_usd;
    const run::ComponentResult* before = nullptr;
    for (const auto& x : r.components)
      if (x.name == b.component) before = &x;
    b.suggestion += ": simulated again, it drops " + count(c->dropped) + " records (now " +
                    count(before ? before->dropped : 0) + "), throttles " + count(c->throttled) +
                    " requests (now " + count(before ? before->throttled : 0) + "), the worst p99 through it is " +
                    seconds(b.fix_worst_p99_s) + " (now " + seconds(b.worst_p99_s) + "), and the design costs " +
                    (b.fix_monthly_usd_delta >= 0 ? usd(b.fix_monthly_usd_delta) + " a month more"
                                                  : usd(-b.fix_monthly_usd_delta) + " a month less");
    // Room that changes nothing (no loss before or after, the latency as it
    // was) is not worth buying.
    const bool nothing_lost = before && before->dropped == 0 && c->dropped == 0;
    if (nothing_lost && b.fix_worst_p99_s >= 0.9 * b.worst_p99_s)
      b.suggestion += before->throttled > 0
                          ? ". That buys almost nothing: nothing is lost today and the p99 barely moves, so the "
                            "throttling is absorbed by retries"
                          : ". That buys almost nothing: nothing is lost today and the p99 barely moves";
  } catch (const std::exception&) {
    b.suggestion += " (simulating it again did not finish: the design is still overloaded elsewhere)";
  }
}

// Where the napkin math and the simulation part: a resource that refused
// records although the even-spread estimate leaves it room.
std::string disagreement(const run::Bottleneck& b) {
  if (b.drop_fraction + b.throttle_fraction <= 0 || b.static_peak_utilization >= 0.95 ||
      b.static_peak_utilization <= 0)
    return "";
  const bool keyed = b.service == "kinesis" || b.service == "dynamodb";
  return " archsim explain puts its peak at " + percent(b.static_peak_utilization) +
         " of capacity, taking " + (keyed ? "keys spread evenly over its shards or partitions" : "arrivals as even") +
         "; the simulation sees " + (keyed ? "the hot keys and the bursts" : "the bursts and queues") +
         " that the average hides.";
}

}  // namespace

void find_bottlenecks(const scenario::Scenario& s, run::RunResult& r, bool fix) {
  const scenario::Topology topo(s);
  const Reach reach = reach_of(topo);
  const StaticExplanation napkin = explain_statically(s, scenario::builtin_catalog());
  std::vector<std::pair<double, run::Bottleneck>> found;
  for (const auto& c : r.components) {
    const auto* d = decl_of(s, c.name);
    if (!d) continue;
    const double offered = static_cast<double>(std::max<std::uint64_t>(1, c.records_in));
    run::Bottleneck b;
    b.component = c.name;
    b.service = c.service;
    b.resource = resource_of(*d);
    b.utilization = c.capacity > 0 ? c.utilization_peak : 0;
    b.throttle_fraction = static_cast<double>(c.throttled) / offered;
    b.drop_fraction = static_cast<double>(c.dropped) / offered;
    b.backlog_growth_per_min = backlog_growth_per_min(c.series);
    const auto paths = paths_through(r, topo, reach, c.name);
    b.worst_p99_s = worst_p99(paths);
    // A component's mean covers every path through it, so it is set against
    // the slowest of them: a fast side path (an archive copy) would overstate it.
    double slowest_path = 0;
    for (const auto* p : paths) slowest_path = std::max(slowest_path, p->latency.mean);
    if (slowest_path > 0) b.latency_share = std::min(1.0, c.latency.mean / slowest_path);
    // A batch job runs at full tilt whenever it runs: what binds it is a run
    // outlasting its interval, so that triggers are skipped or queued.
    const bool batch = is_batch_job(c.service);
    const double late_runs = run::usage_or_zero(c, "skipped_runs") + run::usage_or_zero(c, "queued_runs");
    if (batch) b.utilization = 0;
    b.late_runs = late_runs;
    for (const auto& sc : napkin.components)
      if (sc.name == c.name && std::isfinite(sc.peak_utilization)) b.static_peak_utilization = sc.peak_utilization;
    // Ranked by how it binds: losing records, then refusing them, then running
    // at the top of its capacity, then holding most of the latency.
    double severity = 0;
    if (b.drop_fraction > 0) severity = 3 + b.drop_fraction;
    else if (b.throttle_fraction > kThrottleFloor) severity = 2 + std::min(1.0, b.throttle_fraction);
    else if (late_runs > 0) severity = 2;
    else if (b.utilization >= kBusyFloor) severity = 1 + b.utilization / 10;
    else if (b.latency_share > kLatencyShareFloor && c.latency.mean >= 1) severity = b.latency_share;
    if (severity == 0) continue;
    const auto& series = b.drop_fraction > 0 ? c.series.dropped_per_s
                         : !c.series.utilization.empty() && b.utilization > 0 ? c.series.utilization
                                                                              : c.series.records_in_per_s;
    b.when_s = (static_cast<double>(index_of_max(series)) + 0.5) * c.series.interval_s;
    const double peak_in = c.series.records_in_per_s.empty()
                               ? 0
                               : *std::max_element(c.series.records_in_per_s.begin(), c.series.records_in_per_s.end());
    std::string what;
    if (b.drop_fraction > 0) {
      what = "dropped " + count(c.dropped) + " records (" + share(b.drop_fraction) + " of what reached it";
      for (const auto& dr : c.drops)
        if (dr.count > 0) what += ", " + dr.reason;
      what += ")";
    } else if (b.throttle_fraction > kThrottleFloor) {
      what = "throttled " + count(c.throttled) + " requests (" + share(b.throttle_fraction) +
             " of the records it was offered) and retried them";
    } else if (late_runs > 0) {
      what = count(static_cast<std::uint64_t>(late_runs)) +
             " triggers came while a run was still going, and were skipped or queued";
    } else if (b.utilization >= kBusyFloor) {
      what = "ran at " + percent(b.utilization) + " of its capacity";
    } else {
      what = "holds " + percent(b.latency_share) + " of the end-to-end latency (" + seconds(c.latency.mean) +
             " on average)";
    }
    const bool binds =
        b.drop_fraction > 0 || b.throttle_fraction > kThrottleFloor || b.utilization >= kBusyFloor || late_runs > 0;
    if (batch && !binds)
      b.suggestion = "run it more often (its schedule): the wait for the next run, not the run itself, sets the "
                     "freshness";
    b.explanation = c.service + " '" + c.name + "', " + b.resource + ": " + what +
                    (binds ? ", worst around " + time_of_day(b.when_s) + " (" + seconds(b.when_s) + " in)" : "") +
                    ". " + arithmetic(*d, c, peak_in) + ".";
    if (b.backlog_growth_per_min >= 1 && b.drop_fraction + b.throttle_fraction > 0)
      b.explanation += " Its backlog grew by up to " + count(static_cast<std::uint64_t>(b.backlog_growth_per_min)) +
                       " records a minute.";
    if (b.utilization > 0 && b.drop_fraction + b.throttle_fraction > 0)
      b.explanation += " Peak utilization " + percent(b.utilization) + ".";
    b.explanation += disagreement(b);
    found.emplace_back(severity, std::move(b));
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  if (found.size() > kMostListed) found.resize(kMostListed);
  bool failed = false;
  for (const auto& q : r.requirements) failed = failed || !q.pass;
  for (auto& [severity, b] : found) {
    (void)severity;
    if (b.suggestion.empty()) {
      const auto* d = decl_of(s, b.component);
      if (const auto lever = d ? lever_of(*d) : std::nullopt) b.suggestion = "raise " + lever->words;
    }
    r.bottlenecks.push_back(std::move(b));
  }
  if (r.bottlenecks.empty()) return;
  run::Bottleneck& top = r.bottlenecks.front();
  const bool binding =
      top.drop_fraction > 0 || top.throttle_fraction > 0.01 || top.utilization >= 0.95 || top.late_runs > 0 || failed;
  if (fix && binding) check_fix(s, r, topo, reach, top);
  for (auto& q : r.requirements)
    if (!q.pass && q.unmeasured.empty()) q.cause = top.service + " '" + top.component + "', " + top.resource;
}

}  // namespace archsim::analysis

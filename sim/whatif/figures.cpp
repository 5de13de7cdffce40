#include "archsim/whatif/figures.hpp"

#include <algorithm>

#include "archsim/models/common/billing.hpp"

namespace archsim::whatif {

namespace {

class FigureList {
 public:
  void add(std::string id, std::string label, Unit unit, Better better, double value, bool averaged = true) {
    figures_.push_back({std::move(id), std::move(label), unit, better, averaged, value});
  }
  std::vector<Figure> take() { return std::move(figures_); }

 private:
  std::vector<Figure> figures_;
};

}  // namespace

Unit requirement_unit(const std::string& name) {
  if (name.rfind("latency", 0) == 0 || name == "freshness" || name == "recover_within") return Unit::kSeconds;
  if (name == "completes_by") return Unit::kClock;
  if (name == "throughput") return Unit::kRate;
  if (name == "monthly_cost_usd") return Unit::kUsd;
  return Unit::kCount;
}

std::string requirement_figure_id(const run::RequirementResult& q) {
  if (q.scope.empty()) return "requirements." + q.name;
  // Without spaces, as a path's own figures are named ("paths.orders->lake...").
  std::string scope;
  for (const char c : q.scope)
    if (c != ' ') scope += c;
  return "requirements." + q.name + "[" + scope + "]";
}

std::string requirement_title(const run::RequirementResult& q) {
  if (q.scope.empty()) return q.name;
  return q.name + (q.name == "completes_by" ? " for " : " at ") + q.scope;
}

std::vector<Figure> key_figures(const run::RunResult& r) {
  using enum Unit;
  using enum Better;
  FigureList f;
  f.add("throughput_per_s", "throughput (records delivered per second)", kRate, kHigher, r.throughput_per_s);
  f.add("accounting.generated", "records generated", kCount, kNeither, static_cast<double>(r.accounting.generated));
  f.add("accounting.delivered", "records delivered", kCount, kHigher, static_cast<double>(r.accounting.delivered));
  f.add("accounting.dropped", "records dropped", kCount, kLower, static_cast<double>(r.accounting.dropped));
  f.add("cost.monthly_usd", "cost per month", kUsd, kLower, r.cost_monthly_usd);
  // The slowest path's, so that designs whose sinks differ (Athena against
  // Redshift) still compare on freshness.
  // A latency is only measured where records were (after the warm-up): a
  // path or component that measured none has no latency, not one of 0 s,
  // which would pull every mean over the replications towards 0.
  double worst_p50 = 0, worst_p99 = 0;
  bool measured = false;
  for (const auto& p : r.paths) {
    if (p.latency.count == 0) continue;
    measured = true;
    worst_p50 = std::max(worst_p50, p.latency.p50), worst_p99 = std::max(worst_p99, p.latency.p99);
  }
  if (measured) {
    f.add("latency_s.worst_p50", "p50 latency, the slowest path", kSeconds, kLower, worst_p50);
    f.add("latency_s.worst_p99", "p99 latency, the slowest path", kSeconds, kLower, worst_p99);
  }
  for (const auto& p : r.paths) {
    if (p.latency.count == 0) continue;
    const std::string id = "paths." + p.from + "->" + p.to + ".latency_s.";
    const std::string path = p.from + " -> " + p.to;
    f.add(id + "mean", "mean latency, " + path, kSeconds, kLower, p.latency.mean);
    f.add(id + "p50", "p50 latency, " + path, kSeconds, kLower, p.latency.p50);
    f.add(id + "p99", "p99 latency, " + path, kSeconds, kLower, p.latency.p99);
    f.add(id + "max", "max latency, " + path, kSeconds, kLower, p.latency.max, false);
  }
  const double months = r.duration_s / models::kSecondsPerMonth;
  for (const auto& c : r.components) {
    const std::string id = "components." + c.name + ".";
    f.add(id + "throttled", "requests throttled, " + c.name, kCount, kLower, static_cast<double>(c.throttled));
    f.add(id + "dropped", "records dropped, " + c.name, kCount, kLower, static_cast<double>(c.dropped));
    if (c.capacity > 0) {
      f.add(id + "utilization.mean", "mean utilization, " + c.name, kFraction, kNeither, c.utilization_mean);
      f.add(id + "utilization.peak", "peak utilization, " + c.name, kFraction, kNeither, c.utilization_peak, false);
    }
    if (c.latency.count > 0) {
      f.add(id + "latency_s.mean", "mean latency, " + c.name, kSeconds, kLower, c.latency.mean);
      f.add(id + "latency_s.p99", "p99 latency, " + c.name, kSeconds, kLower, c.latency.p99);
    }
    f.add(id + "monthly_usd", "cost per month, " + c.name, kUsd, kLower, months > 0 ? c.cost_usd / months : 0);
  }
  // A drill's faults, by their place in time order: how long the design took
  // to catch up (the rest of the run when it had not), what it held at
  // worst, and what it replayed and lost.
  for (std::size_t i = 0; i < r.faults.size(); ++i) {
    const run::FaultResult& x = r.faults[i];
    const std::string id = "faults." + std::to_string(i) + ".";
    const std::string what = ", fault " + std::to_string(i) + " (" + x.target + " " + x.kind + ")";
    f.add(id + "time_to_recover_s", "time to recover" + what, kSeconds, kLower,
          x.recovered ? x.recovery_s() : r.duration_s - x.end_s);
    f.add(id + "in_flight_peak", "records in flight at worst" + what, kCount, kLower, x.in_flight_peak);
    f.add(id + "replayed", "records replayed" + what, kCount, kLower, static_cast<double>(x.replayed));
    f.add(id + "dropped", "records dropped" + what, kCount, kLower, static_cast<double>(x.dropped));
  }
  for (const auto& q : r.requirements)
    f.add(requirement_figure_id(q), "requirement " + requirement_title(q), requirement_unit(q.name),
          q.at_most ? kLower : kHigher, q.actual);
  return f.take();
}

std::optional<Figure> find_figure(const run::RunResult& r, const std::string& id) {
  for (auto& figure : key_figures(r))
    if (figure.id == id) return figure;
  return std::nullopt;
}

}  // namespace archsim::whatif

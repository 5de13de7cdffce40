#include "archsim/analysis/query_engines.hpp"

#include <algorithm>
#include <exception>
#include <string>

#include "archsim/models/common/billing.hpp"
#include "param_edit.hpp"
#include "archsim/run/simulation.hpp"

namespace archsim::analysis {

namespace {

// Reruns further than this from today's rate are out of reach: the linear
// estimate is then a statement about a different workload.
constexpr double kFarthestRerun = 1000;

const run::ComponentResult* component(const run::RunResult& r, const std::string& name) {
  for (const auto& c : r.components)
    if (c.name == name) return &c;
  return nullptr;
}

std::vector<std::string> query_sources_into(const scenario::Scenario& s, const std::string& component) {
  std::vector<std::string> out;
  for (const auto& f : s.flows)
    if (f.to == component && scenario::sends_queries(s, f.from)) out.push_back(f.from);
  return out;
}

double worst_p99(const run::RunResult& r, const std::vector<std::string>& sources, const std::string& sink) {
  double worst = 0;
  for (const auto& p : r.paths)
    if (p.to == sink && std::find(sources.begin(), sources.end(), p.from) != sources.end())
      worst = std::max(worst, p.latency.p99);
  return worst;
}

std::string shape_of(const scenario::ComponentDecl& c) {
  const std::string label = c.model && c.model->label ? c.model->label(c.params) : "";
  return label.empty() ? "cluster" : label;
}

bool bills(const scenario::ComponentDecl& c, const char* how) { return c.model && c.model->query_billing == how; }

struct Bill {
  double capacity = 0, storage = 0, load = 0;  // monthly
};

Bill bill_of(const run::ComponentResult& c, double months) {
  return {c.cost_capacity_usd / months, c.cost_storage_usd / months,
          (c.cost_usd - c.cost_capacity_usd - c.cost_storage_usd) / months};
}

void rerun_at(const scenario::Scenario& s, run::QueryEngineComparison& q) {
  const double factor = q.break_even_queries_per_day / q.queries_per_day;
  if (!(factor > 1 / kFarthestRerun && factor < kFarthestRerun)) return;
  scenario::Scenario at = s;
  for (auto& src : at.sources) {
    if (std::find(q.sources.begin(), q.sources.end(), src.name) == q.sources.end()) continue;
    set_number(src.params, "rate", src.params.number("rate") * factor);
  }
  try {
    const run::RunResult r = run::simulate(at);
    const double months = r.duration_s / models::kSecondsPerMonth;
    const auto* athena = component(r, q.athena);
    const auto* redshift = component(r, q.redshift);
    q.rerun_queries_per_day = run::usage_or_zero(*athena, "queries") / (r.duration_s / 86400.0);
    q.rerun_athena_monthly_usd = athena->cost_usd / months;
    q.rerun_redshift_monthly_usd = redshift->cost_usd / months;
    q.rerun_athena_p99_s = worst_p99(r, q.sources, q.athena);
    q.rerun_redshift_p99_s = worst_p99(r, q.sources, q.redshift);
    q.rerun = true;
  } catch (const std::exception&) {
    // A workload the run cannot carry (an overloaded queue) has no answer to give here.
  }
}

}  // namespace

double crossing(double fixed_a, double per_unit_a, double fixed_b, double per_unit_b) {
  const double slope = per_unit_a - per_unit_b;
  const double gap = fixed_b - fixed_a;
  if (slope == 0 || gap / slope <= 0) return 0;
  return gap / slope;
}

void compare_query_engines(const scenario::Scenario& s, run::RunResult& r, bool rerun) {
  const double months = r.duration_s / models::kSecondsPerMonth;
  const double days = r.duration_s / 86400.0;
  for (const auto& a : s.components) {
    if (!bills(a, "scanned")) continue;
    for (const auto& w : s.components) {
      if (!bills(w, "capacity")) continue;
      run::QueryEngineComparison q;
      q.athena = a.name;
      q.redshift = w.name;
      for (const auto& src : query_sources_into(s, a.name)) {
        const auto into_redshift = query_sources_into(s, w.name);
        if (std::find(into_redshift.begin(), into_redshift.end(), src) != into_redshift.end()) q.sources.push_back(src);
      }
      const auto* athena = component(r, a.name);
      const auto* redshift = component(r, w.name);
      const double queries = athena ? run::usage_or_zero(*athena, "queries") : 0;
      if (q.sources.empty() || !redshift || queries <= 0 || days <= 0) continue;
      q.redshift_shape = shape_of(w);
      q.queries_per_day = queries / days;
      q.scanned_bytes_per_query = run::usage_or_zero(*athena, "bytes_scanned") / queries;
      q.table_bytes_per_query = run::usage_or_zero(*athena, "table_bytes") / queries;
      const Bill ab = bill_of(*athena, months), rb = bill_of(*redshift, months);
      q.athena_monthly_usd = athena->cost_usd / months;
      q.redshift_monthly_usd = redshift->cost_usd / months;
      q.redshift_fixed_monthly_usd = rb.capacity + rb.storage;
      q.athena_p99_s = worst_p99(r, q.sources, a.name);
      q.redshift_p99_s = worst_p99(r, q.sources, w.name);
      // In queries a day: the load parts scale with the rate.
      q.break_even_queries_per_day = crossing(ab.capacity + ab.storage, ab.load / q.queries_per_day,
                                              rb.capacity + rb.storage, rb.load / q.queries_per_day);
      const double days_per_month = models::kHoursPerMonth / 24.0;
      q.scanned_bytes_per_month = q.scanned_bytes_per_query * q.queries_per_day * days_per_month;
      q.break_even_scanned_bytes_per_month = q.scanned_bytes_per_query * q.break_even_queries_per_day * days_per_month;
      // In data size at this rate: scans and storage scale with the data.
      q.break_even_data_factor = crossing(ab.capacity, ab.storage + ab.load, rb.capacity, rb.storage + rb.load);
      if (rerun && q.break_even_queries_per_day > 0) rerun_at(s, q);
      r.query_engines.push_back(std::move(q));
    }
  }
}

}  // namespace archsim::analysis

// The terminal summary: what happened to the records, how busy each component
// was, how long records took, whether the requirements hold, what it costs.
#include <algorithm>
#include <sstream>

#include "archsim/models/common/billing.hpp"
#include "archsim/report/human.hpp"
#include "archsim/report/query_engine_text.hpp"
#include "archsim/report/reports.hpp"
#include "archsim/report/table.hpp"
#include "archsim/version.hpp"

namespace archsim::report {

namespace {

std::string drops_of(const run::ComponentResult& c) {
  if (c.dropped == 0) return "0";
  std::string out = count(c.dropped);
  for (const auto& d : c.drops)
    if (d.count > 0) out += " (" + d.reason + ")";
  return out;
}

}  // namespace

std::string to_text(const run::RunResult& r) {
  std::ostringstream out;
  out << r.name << "\n";
  out << "  " << r.file << " · seed " << r.seed << " · simulated " << seconds(r.duration_s);
  if (r.warmup_s > 0) out << " (first " << seconds(r.warmup_s) << " warm-up, excluded from statistics)";
  out << " · " << count(r.events) << " events · archsim " << kVersion << "\n\n";

  const auto& a = r.accounting;
  out << "Records\n";
  out << "  generated " << count(a.generated) << ", delivered " << count(a.delivered) << ", dropped "
      << count(a.dropped) << ", in flight at the end " << count(a.in_flight);
  if (a.created) out << ", copies made " << count(a.created);
  if (a.absorbed) out << ", absorbed " << count(a.absorbed);
  out << "\n  throughput " << rate(r.throughput_per_s) << " delivered\n\n";

  out << "Components (latency: arrival to departure; utilization of the binding capacity; throttled: requests "
         "refused by a service limit, before retries)\n";
  Table t({"component", "service", "in", "out", "throttled", "dropped", "util mean", "util peak", "wait mean",
           "latency mean", "p50", "p99", "max", "cost/month"},
          {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13});
  const double months = r.duration_s / models::kSecondsPerMonth;
  for (const auto& c : r.components) {
    const bool bounded = c.capacity > 0;
    t.row({c.name, c.service, count(c.records_in), count(c.records_out), count(c.throttled), drops_of(c),
           bounded ? percent(c.utilization_mean) : "-", bounded ? percent(c.utilization_peak) : "-",
           bounded ? seconds(c.wait_mean_s) : "-", seconds(c.latency.mean), seconds(c.latency.p50),
           seconds(c.latency.p99), seconds(c.latency.max), usd(c.cost_usd / months)});
  }
  out << t.str() << "\n";

  out << "Data freshness per path (end-to-end latency: created at the source to delivered at the sink)\n";
  Table p({"path", "records", "mean", "p50", "p90", "p99", "max"}, {1, 2, 3, 4, 5, 6});
  for (const auto& path : r.paths)
    p.row({path.from + " -> " + path.to, count(path.records), seconds(path.latency.mean), seconds(path.latency.p50),
           seconds(path.latency.p90), seconds(path.latency.p99), seconds(path.latency.max)});
  out << p.str();

  if (!r.requirements.empty()) {
    out << "\nRequirements\n";
    for (const auto& q : r.requirements) {
      const bool is_latency = q.name.rfind("latency", 0) == 0;
      const std::string actual = is_latency                   ? seconds(q.actual)
                                 : q.name == "throughput"       ? rate(q.actual)
                                 : q.name == "monthly_cost_usd" ? usd(q.actual)
                                                                : count(static_cast<std::uint64_t>(q.actual));
      out << "  " << (q.pass ? "PASS " : "FAIL ") << q.name << (q.at_most ? " <= " : " >= ") << q.target_text
          << "  (measured " << actual << ")";
      if (!q.cause.empty()) out << "; bound by " << q.cause;
      out << "\n";
    }
  }
  if (!r.bottlenecks.empty()) {
    out << "\nBottlenecks (what binds first, then the rest)\n";
    for (std::size_t i = 0; i < r.bottlenecks.size(); ++i) {
      const auto& b = r.bottlenecks[i];
      out << "  " << i + 1 << ". " << b.explanation << "\n";
      if (!b.suggestion.empty()) out << "     Try: " << b.suggestion << "\n";
    }
  }
  for (const auto& q : r.query_engines) out << "\n" << query_engine_text(q);
  out << "\nCost: " << usd(r.cost_total_usd) << " for the simulated time, " << usd(r.cost_monthly_usd)
      << " per month at this load\n";
  return out.str();
}

}  // namespace archsim::report

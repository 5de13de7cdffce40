// The Redshift-or-Athena paragraph of the text report: what each costs here,
// where their costs cross, and what latency each gives, in sentences a
// person can quote.
#include "archsim/report/query_engine_text.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "archsim/report/human.hpp"

namespace archsim::report {

namespace {

std::string per_day(double q) { return count(static_cast<std::uint64_t>(std::llround(q))) + " queries a day"; }

std::string times(double factor) {
  std::ostringstream s;
  s.precision(factor < 10 ? 2 : 3);
  s << factor << " times";
  return s.str();
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? (i + 1 == names.size() ? " and " : ", ") : "") + names[i];
  return out;
}

}  // namespace

std::string query_engine_text(const run::QueryEngineComparison& q) {
  std::ostringstream out;
  const std::string redshift = "Redshift (" + q.redshift_shape + ")";
  out << "Redshift or Athena: the queries of " << joined(q.sources) << ", " << per_day(q.queries_per_day)
      << ", each scanning " << bytes(q.scanned_bytes_per_query) << " of the lake on Athena ("
      << bytes(q.scanned_bytes_per_month) << " a month)\n";
  out << "  Athena '" << q.athena << "': " << usd(q.athena_monthly_usd) << " a month ("
      << usd(q.athena_monthly_usd / (q.queries_per_day * 730.0 / 24.0)) << " a query), p99 "
      << seconds(q.athena_p99_s) << "\n";
  out << "  " << redshift << " '" << q.redshift << "': " << usd(q.redshift_monthly_usd) << " a month, "
      << usd(q.redshift_fixed_monthly_usd) << " of it whatever the load, p99 " << seconds(q.redshift_p99_s) << "\n";
  const bool athena_cheaper = q.athena_monthly_usd < q.redshift_monthly_usd;
  if (q.break_even_queries_per_day > 0) {
    // Redshift's p99 where it starts to pay: at the crossing if that was
    // simulated, else at today's rate.
    const double redshift_p99 = q.rerun ? std::max(q.rerun_redshift_p99_s, q.redshift_p99_s) : q.redshift_p99_s;
    const double athena_p99 = q.rerun ? std::max(q.rerun_athena_p99_s, q.athena_p99_s) : q.athena_p99_s;
    out << "  Below about " << per_day(q.break_even_queries_per_day) << " of this shape ("
        << bytes(q.break_even_scanned_bytes_per_month) << " scanned a month) Athena costs less; above it " << redshift
        << " does, and its p99 is at most " << seconds(redshift_p99) << " (Athena's: "
        << seconds(athena_p99) << ").\n";
    if (q.rerun)
      out << "  Simulated again at that rate (" << per_day(q.rerun_queries_per_day) << " arrived): Athena " << usd(q.rerun_athena_monthly_usd) << " a month with p99 "
          << seconds(q.rerun_athena_p99_s) << ", Redshift " << usd(q.rerun_redshift_monthly_usd)
          << " a month with p99 " << seconds(q.rerun_redshift_p99_s) << ".\n";
  } else {
    out << "  " << (athena_cheaper ? "Athena" : redshift) << " costs less at any number of queries of this shape.\n";
  }
  if (q.break_even_data_factor > 0) {
    const std::string size = bytes(q.table_bytes_per_query * q.break_even_data_factor) + " of raw data (" +
                             times(q.break_even_data_factor) + " today's " + bytes(q.table_bytes_per_query) + ")";
    if (athena_cheaper)
      out << "  At today's rate Athena stays cheaper until the table grows past " << size << ".\n";
    else
      out << "  At today's rate Athena would cost less only with a table under " << size << ".\n";
  }
  return out.str();
}

}  // namespace archsim::report

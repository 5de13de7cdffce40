// The sentence of a tradeoff: a lever's change weighed by explain's
// first-order figures, its bill change set against the run's own bill.
#include <cmath>
#include <cstdio>

#include "archsim/report/findings.hpp"
#include "archsim/report/human.hpp"

namespace archsim::report {

namespace {

std::string signed_usd(double delta) {
  std::string out = delta >= 0 ? "+" : "-";
  out += usd(std::abs(delta));
  return out;
}

// "2.9 x", "0.0042 x": a factor to two significant figures.
std::string factor_words(double factor) {
  char buf[32];
  std::snprintf(buf, sizeof buf, factor >= 10 ? "%.0f x" : factor >= 1 ? "%.1f x" : "%.2g x", factor);
  return buf;
}

std::string break_even_words(const run::Tradeoff& t) {
  // The design as it is, named by what the lever switches away from.
  std::string as_is = "the design as it is";
  for (const auto& m : t.moves)
    if (!m.text_from.empty()) {
      as_is = m.key + " " + m.text_from;
      break;
    }
  const std::string lever = t.words;
  std::string out = "; the bills cross at about ";
  out += count(static_cast<std::uint64_t>(std::llround(t.break_even_records_per_s)));
  out += " records/s into '";
  out += t.component;
  out += "' (";
  out += factor_words(t.break_even_factor);
  out += " today's mean load): below it ";
  out += t.lever_cheaper_below ? lever : as_is;
  out += " costs less, above it ";
  out += t.lever_cheaper_below ? as_is : lever;
  out += " does";
  // Past its capacity a side throttles: cheaper there, but not enough as sized.
  const double cap = t.lever_cheaper_below ? t.capacity_now : t.capacity_then;
  if (cap > 0 && t.break_even_records_per_s > cap) {
    out += ", though as sized it carries only ";
    out += rate(cap);
    out += " and would need more for that load";
  }
  return out;
}

}  // namespace

std::string tradeoff_sentence(const run::Tradeoff& t) {
  // A source's lever names its source: two sources may each have the same one.
  std::string out;
  if (!t.moves.empty() && t.moves.front().section == "workload") {
    out += "at '";
    out += t.moves.front().component;
    out += "', ";
  }
  out += t.words;
  if (!t.moves.empty()) {
    out += " (";
    out += moves_words(t.moves);
    out += ")";
  }
  const double delta = t.monthly_usd_then - t.monthly_usd_now;
  if (t.run_monthly_usd < 0.005 && t.monthly_usd_now < 0.005 && t.monthly_usd_then < 0.005) {
    out += ": no bill either way";  // a model with no price (a generic server)
  } else if (t.run_monthly_usd > 0 && std::abs(delta) < 0.005) {
    out += ": the same bill by explain's figures";
  } else if (t.run_monthly_usd > 0) {
    out += ": ";
    out += signed_usd(delta);
    out += " a month by explain's figures, about ";
    out += usd(t.run_monthly_usd + delta);
    out += " against the ";
    out += usd(t.run_monthly_usd);
    out += " this run costs";
  } else {
    out += ": the design would cost ";
    out += usd(t.monthly_usd_then);
    out += " a month instead of ";
    out += usd(t.monthly_usd_now);
    out += " (";
    out += signed_usd(delta);
    out += ")";
  }
  if (std::isfinite(t.latency_s_now) && std::isfinite(t.latency_s_then) &&
      std::abs(t.latency_s_then - t.latency_s_now) > 0.05 * std::max(t.latency_s_now, 1e-9)) {
    out += "; '";
    out += t.component;
    out += "' takes ";
    out += seconds(t.latency_s_then);
    out += " instead of ";
    out += seconds(t.latency_s_now);
  }
  if (!t.runs_in_batches && std::isfinite(t.peak_utilization_then) && t.peak_utilization_then > 0) {
    // Past its capacity a model throttles, queues or drops, each its own way: the words hold for all.
    if (t.peak_utilization_then > 1) {
      out += "; at the peak '";
      out += t.component;
      out += "' would be offered ";
      out += percent(t.peak_utilization_then);
      out += " of what it can take (";
      out += t.limit_then;
      out += "), more than it keeps up with";
    } else if (std::abs(t.peak_utilization_then - t.peak_utilization_now) > 0.01) {
      out += "; '";
      out += t.component;
      out += "' would peak at ";
      out += percent(t.peak_utilization_then);
      out += " of its capacity instead of ";
      out += percent(t.peak_utilization_now);
    }
  }
  if (t.capacity_mode && t.break_even_factor > 0) out += break_even_words(t);
  return out;
}

std::string tradeoffs_left_out_sentence(const run::RunResult& r) {
  if (r.tradeoffs_left_out == 0) return "";
  std::string out = "In a design this large only the levers of the components that cost most or run hottest (and of the "
                    "largest sources) are weighed: ";
  out += count(r.tradeoffs_left_out);
  out += r.tradeoffs_left_out == 1 ? " other is left out." : " others are left out.";
  return out;
}

}  // namespace archsim::report

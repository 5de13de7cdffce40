// The sentences of a drill (a run with faults): what each fault did to the
// design and how long it took to recover, shared by every format.
#include <cstdio>
#include <string>

#include "archsim/report/findings.hpp"
#include "archsim/report/human.hpp"

namespace archsim::report {

namespace {

std::string factor_text(double factor) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", factor);
  return buf;
}

std::string what_struck(const run::FaultResult& f) { return fault_label(f.target, f.kind, f.factor, f.share); }

// Where a replay's copies end and what each sink does with them: "; about
// 1,805,000 copies delivered on orders -> table, effectively once (dynamodb:
// a put of the same item ...)".
std::string copies_words(const run::FaultResult& f) {
  if (f.copies_reach.empty()) return " (duplicates downstream under at-least-once delivery)";
  std::string out = "; ";
  for (std::size_t i = 0; i < f.copies_reach.size(); ++i) {
    const auto& c = f.copies_reach[i];
    if (i > 0) out += i + 1 == f.copies_reach.size() ? " and " : ", ";
    if (c.exactly_once) {
      out += "no copy delivered on " + c.path + ", exactly once ('" + f.target +
             "' commits its output at each checkpoint, and what it produced since the last was discarded)";
      continue;
    }
    out += "about ";
    out += count(c.copies);
    out += " copies delivered on ";
    out += c.path;
    out += c.idempotent ? ", effectively once (" : ", duplicates under at-least-once delivery (";
    out += c.service;
    out += ": ";
    out += c.words.empty() ? std::string("each copy counts twice") : c.words;
    out += ")";
  }
  return out;
}

std::string paced_words(const run::FaultResult& f) { return f.paced_service + " '" + f.paced_by + "'"; }

// "; records delayed (older on delivery than any the minute before it):
// 49,274,669 of 50,262,923 on orders -> table (older than 1.32 s)".
std::string delayed_words(const run::FaultResult& f) {
  std::string out = "; records delayed (delivered older than any the path delivered the minute before it): ";
  for (std::size_t i = 0; i < f.delayed.size(); ++i) {
    const auto& d = f.delayed[i];
    if (i > 0) out += ", ";
    out += d.delayed == 0 ? std::string("none") : count(d.delayed);
    out += " of ";
    out += count(d.delivered);
    out += " on ";
    out += d.path;
    out += " (older than ";
    out += seconds(d.level_s);
    out += ")";
  }
  return out;
}

}  // namespace

std::string fault_label(const run::FaultResult& f) { return what_struck(f); }

std::string fault_label(const std::string& target, const std::string& kind, double factor, double share) {
  const std::string who = "'" + target + "'";
  if (kind == "stopped") return who + " stopped";
  if (kind == "spike") return who + " at " + factor_text(factor) + "x its load";
  if (kind == "latency") return who + " slowed " + factor_text(factor) + "x";
  if (kind == "capacity_lost") return who + " lost " + factor_text(share * 100) + "% of its capacity";
  if (share > 0) return who + " " + kind + " (" + factor_text(share * 100) + "%)";
  return who + " " + kind;
}

std::string fault_window(const run::FaultResult& f) {
  return what_struck(f) + " from " + clock_time(f.start_s) + " to " + clock_time(f.end_s) + " (" +
         seconds(f.end_s - f.start_s) + ")";
}

std::string fault_sentence(const run::FaultResult& f) {
  std::string out = fault_window(f) + ": records in flight across the design ";
  if (f.in_flight_peak <= f.in_flight_before) {
    out += "never rose above the " + count(static_cast<std::uint64_t>(f.in_flight_before)) + " of the minute before it";
  } else {
    out += "went from " + count(static_cast<std::uint64_t>(f.in_flight_before)) + " before it to ";
    out += count(static_cast<std::uint64_t>(f.in_flight_peak));
    out += " at ";
    out += clock_time(f.peak_at_s);
  }
  const bool built_up = f.in_flight_peak > f.in_flight_before;
  if (!f.recovered) {
    out += "; not back to that level by the end of the run";
  } else if (built_up && f.recovery_s() <= 0) {
    out += "; back to that level when it ended";
  } else if (built_up) {
    out += "; back to that level at " + clock_time(f.recovered_at_s) + ", " + seconds(f.recovery_s()) + " after it ended";
  }
  if (!f.paced_by.empty())
    out += "; it drained at about " + rate(f.drain_per_s) + ", paced by " + paced_words(f) + " at " +
           percent(f.paced_utilization) + (f.paced_resource.empty() ? " busy" : " of its " + f.paced_resource) +
           " meanwhile";
  if (!f.stalest.empty()) {
    out += "; the stalest data: ";
    out += f.stalest.front().first;
    out += " delivered records up to ";
    out += seconds(f.stalest.front().second);
    out += " old";
  }
  if (!f.delayed.empty()) out += delayed_words(f);
  if (f.replayed > 0) {
    out += "; " + count(f.replayed) + " records processed again after the restart from its last checkpoint";
    out += copies_words(f);
  }
  if (f.dropped == 0) return out + "; nothing dropped";
  // What went to a dead-letter destination, then what was lost, each by component and reason.
  const auto part = [&](bool set_aside, std::uint64_t n, const char* what) {
    if (n == 0) return;
    out += "; ";
    out += count(n);
    out += what;
    out += " (";
    bool first = true;
    for (const auto& loss : f.dropped_by) {
      if (loss.set_aside != set_aside) continue;
      if (!first) out += ", ";
      first = false;
      out += count(loss.count);
      out += " ";
      out += loss.reason;
      out += " at '";
      out += loss.component;
      out += "'";
    }
    out += ")";
  };
  part(true, f.set_aside, " records sent to a dead-letter destination meanwhile, out of the pipeline but kept");
  part(false, f.dropped - f.set_aside, " records lost meanwhile");
  if (f.set_aside == f.dropped) out += "; nothing lost";
  return out;
}

std::string recovery_fix_words(const run::RecoveryFix& fix) {
  if (!fix.tried) return {};
  if (fix.moves.empty()) return "no capacity found that meets it: " + fix.why_not;
  // Each component's moves together: "kpu from 2 to 7 and parallelism from 2 to 7 of 'job', wcu ... of 'table'".
  std::string moved;
  for (std::size_t i = 0; i < fix.moves.size();) {
    std::size_t j = i;
    while (j < fix.moves.size() && fix.moves[j].component == fix.moves[i].component) ++j;
    if (!moved.empty()) moved += ", ";
    moved += moves_words({fix.moves.begin() + static_cast<std::ptrdiff_t>(i), fix.moves.begin() + static_cast<std::ptrdiff_t>(j)});
    moved += " of '" + fix.moves[i].component + "'";
    i = j;
  }
  std::string sets;
  for (const auto& v : set_values(fix.moves)) sets += " --set " + (v.find(' ') == std::string::npos ? v : "'" + v + "'");
  const std::string cost = fix.monthly_usd_delta >= 0 ? usd(fix.monthly_usd_delta) + " a month more"
                                                      : usd(-fix.monthly_usd_delta) + " a month less";
  if (fix.found)
    return "with " + moved + " it recovers in " + seconds(fix.recovery_s) + ", " + cost + " (simulated;" + sets + ")";
  std::string out = "no capacity found that meets it in " + std::to_string(fix.simulations) + " simulated trials: " +
                    fix.why_not + "; the last tried, " + moved + ", recovers in " + seconds(fix.recovery_s);
  if (!fix.paced_by.empty()) out += ", paced then by " + fix.paced_service + " '" + fix.paced_by + "'";
  return out;
}

std::string recovery_verdict(const run::FaultResult& f) {
  const std::string head =
      "Drill: " + fault_window(f) + (f.dropped > f.set_aside ? "; " + count(f.dropped - f.set_aside) + " records lost" : std::string()) +
      (f.set_aside > 0 ? "; " + count(f.set_aside) + " sent to a dead-letter destination" : std::string());
  if (!f.recovered) return head + "; the design had not caught up by the end of the run";
  if (f.recovery_s() <= 0) return head + "; no backlog outlasted it";
  const std::string paced = f.paced_by.empty() ? "" : ", paced by " + paced_words(f);
  return head + "; caught up " + seconds(f.recovery_s()) + " after it ended" + paced;
}

}  // namespace archsim::report

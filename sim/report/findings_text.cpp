// The sentences of findings and their fixes. Each is appended piece by piece
// (GCC 12 misreads long chains of string + string), from the figures the
// analysis measured.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "archsim/report/findings.hpp"
#include "archsim/report/human.hpp"
#include "archsim/report/whatif_reports.hpp"
#include "phrases.hpp"

namespace archsim::report {

namespace {

using phrases::number;
using phrases::plural;
using phrases::share;
using phrases::who;


// A bandwidth in whole MiB/s where it is one (a quota raised in MiB/s), else in bytes/s.
std::string bandwidth_value(double bytes_per_s) {
  constexpr double kMiB = 1048576.0;
  if (bytes_per_s >= kMiB && std::fmod(bytes_per_s, kMiB) == 0) return number(bytes_per_s / kMiB) + " MiB/s";
  return bytes(bytes_per_s) + "/s";
}

std::string value_words(const run::ParamMove& m, double v, const std::string& text) {
  if (!text.empty()) return text;
  if (std::isinf(v)) return "unlimited";  // a capacity's own word
  if (m.kind == "duration" || m.kind == "schedule") return seconds(v / 1e9);
  if (m.kind == "size") return bytes(v);
  if (m.kind == "bandwidth") return bandwidth_value(v);
  return number(v);
}



std::string when_words(double when_s) { return time_of_day(when_s) + " (" + seconds(when_s) + " in)"; }

// What a held-back component holds, in one clause.
std::string held_clause(const run::HeldBack& h, const std::string& root) {
  std::string out = who(h.service, h.component);
  out += " (";
  if (h.by != root) {
    out += "through '";
    out += h.by;
    out += "'; ";
  }
  out += "backlog up to ";
  out += count(static_cast<std::uint64_t>(std::llround(h.backlog_peak)));
  out += " records";
  if (h.backlog_growth_per_min >= 1) {
    out += ", growing by up to ";
    out += count(static_cast<std::uint64_t>(h.backlog_growth_per_min));
    out += " a minute";
  }
  out += "; its records waited ";
  out += seconds(h.wait_mean_s);
  out += " on average for it, up to ";
  out += seconds(h.wait_max_s);
  if (h.expired > 0) {
    out += "; ";
    out += count(h.expired);
    out += " expired there before they were read";
  }
  out += ")";
  return out;
}

// A run past its deadline: when it ran against when it had to end.
std::string late_run_words(const run::JobRun& run) {
  std::string out = "its run triggered at ";
  out += when_words(run.triggered_s);
  if (run.started_s > run.triggered_s) {
    out += " started only at ";
    out += time_of_day(run.started_s);
    out += ", behind the run before, and";
  }
  out += run.finished ? " ended at " : " was still going at ";
  out += time_of_day(run.end_s);
  out += run.finished ? ", " : " when the simulation ended, ";
  out += seconds(run.end_s - run.started_s);
  out += " after it started";
  out += run.finished ? ", " : " and at least ";
  out += seconds(run.end_s - run.deadline_s);
  out += " past its ";
  out += time_of_day(run.deadline_s);
  out += " deadline";
  return out;
}

// Why that run took so long: its input and what it reads besides, at the
// rate the job processes, after its start-up, times its attempts.
std::string late_run_arithmetic(const run::Bottleneck& b) {
  const run::JobRun& run = *b.late_run;
  std::string out = "That run read ";
  out += count(run.records);
  out += " records (";
  out += bytes(static_cast<double>(run.bytes));
  out += ")";
  if (run.bytes_besides > 0) {
    out += " and ";
    out += bytes(run.bytes_besides);
    out += " of stored data besides";
  }
  out += ": processing that takes ";
  out += seconds(run.processing_s);
  if (!b.capacity_words.empty()) out += " at " + b.capacity_words;
  if (run.startup_s > 0) {
    out += ", after a start-up of ";
    out += seconds(run.startup_s);
  }
  if (run.attempts > 1) {
    out += ", and it was attempted ";
    out += number(run.attempts);
    out += " times (an attempt that fails is run again)";
  }
  out += ".";
  return out;
}

std::string what_happened(const run::Bottleneck& b) {
  std::string out;
  if (b.dropped > 0) {
    out += "dropped ";
    out += count(b.dropped);
    out += " records (";
    out += share(b.drop_fraction);
    out += " of what reached it";
    for (const auto& d : b.drops) out += ", " + d.reason;
    out += ")";
  }
  std::uint64_t expired = 0;
  for (const auto& h : b.held_back) expired += h.expired;
  if (!b.held_back.empty()) {
    if (!out.empty()) out += ", and ";
    out += "holds back what is upstream of it";
    if (expired > 0) {
      out += " until ";
      out += count(expired);
      out += " records expired waiting for it";
    }
  }
  if (!out.empty()) return out;
  if (b.late_run) return late_run_words(*b.late_run);
  if (b.kind == "late_runs") {
    out += count(static_cast<std::uint64_t>(b.late_runs));
    out += " triggers came while a run was still going, and were skipped or queued";
  } else if (b.kind == "throttles" && !b.refusals.empty()) {
    out += count(b.throttled);
    out += " ";
    out += b.refusals;
    out += " (";
    out += share(b.throttle_fraction);
    out += " of the records it was offered): nothing was lost";
  } else if (b.kind == "throttles") {
    out += "refused ";
    out += count(b.throttled);
    out += " requests (";
    out += share(b.throttle_fraction);
    out += " of the records it was offered) and its clients retried them: nothing was lost";
  } else if (b.kind == "falls_behind") {
    out += "cannot keep up: it ran at ";
    out += percent(b.utilization);
    if (b.units.unit.empty()) {
      out += " of its capacity";
    } else {
      out += " of what its hottest ";
      out += b.units.unit;
      out += " takes";
    }
    out += " at the peak, and its records waited ";
    out += seconds(b.wait_for_capacity_s);
    out += " on average for it";
    if (b.backlog_at_end >= 1) {
      out += "; ";
      out += count(static_cast<std::uint64_t>(b.backlog_at_end));
      out += " were still waiting at the end of the run";
    }
  } else if (b.kind == "saturated" && !b.units.unit.empty()) {
    out += "its hottest ";
    out += b.units.unit;
    out += " was offered ";
    out += percent(b.units.hottest_load);
    out += " of what one takes at the peak";
  } else if (b.kind == "saturated") {
    out += "ran at ";
    out += percent(b.utilization);
    out += " of its capacity at the peak";
  } else {
    out += "its records spend ";
    out += percent(b.latency_share);
    out += " of the end-to-end time of the paths through it here";
  }
  return out;
}

std::string capacity_clause(const run::Bottleneck& b) {
  std::string out;
  if (b.demand_per_s > b.peak_in_per_s) {
    out += "Up to ";
    out += rate(b.demand_per_s);
    out += " reached '";
    out += b.demand_at;
    out += "' at the peak";
    if (b.took_per_s > 0) {
      out += ", and it took ";
      out += rate(b.took_per_s);
      out += " on average while it held them back";
      if (b.capacity_per_s > 0) out += ",";
    } else {
      out += ", and it took at most ";
      out += rate(b.peak_in_per_s);
    }
  } else {
    out += b.queries ? "Queries arrived at up to " : "Records arrived at up to ";
    out += rate(b.peak_in_per_s);
  }
  if (b.capacity_per_s > 0) {
    out += b.capacity_grows ? " against a capacity that grows with the load, up to " : " against a capacity of ";
    out += rate(b.capacity_per_s);
    if (!b.capacity_words.empty()) {
      out += " (";
      out += b.capacity_words;
      out += ")";
    }
  }
  out += ".";
  return out;
}

std::string units_clause(const run::Bottleneck& b) {
  const run::UnitSummary& u = b.units;
  if (u.unit.empty() || u.count == 0) return "";
  std::string out = " Its hottest ";
  out += u.unit;
  out += " (";
  out += number(static_cast<double>(u.hottest));
  out += " of ";
  out += count(u.count);
  out += ") was offered ";
  out += percent(u.hottest_load);
  out += " of what one takes around ";
  out += time_of_day(u.peak_time_s);
  out += ", the mean ";
  out += u.unit;
  out += " ";
  out += percent(u.mean_load);
  out += ".";
  if (u.backlog_peak >= 1) {
    out += " Its longest queue was ";
    out += count(static_cast<std::uint64_t>(std::llround(u.backlog_peak)));
    out += " records waiting for ";
    out += u.unit;
    out += " ";
    out += number(static_cast<double>(u.backlog_unit));
    out += " around ";
    out += time_of_day(u.backlog_peak_time_s);
    out += ", when the mean ";
    out += u.unit;
    out += "'s was ";
    out += count(static_cast<std::uint64_t>(std::llround(u.backlog_mean_then)));
    out += ".";
  }
  if (u.hottest_throttled > 0) {
    out += " ";
    out += count(u.units_throttled);
    out += " of its ";
    out += plural(u.unit);
    out += " refused requests; ";
    out += u.unit;
    out += " ";
    out += number(static_cast<double>(u.most_throttled));
    out += " refused the most, ";
    out += count(u.hottest_throttled);
    out += ".";
  }
  return out;
}

std::string keys_clause(const run::Bottleneck& b) {
  if (b.hot_keys.empty()) return "";
  const run::HotKey& k = b.hot_keys.front();
  std::string out = " The hottest key (key ";
  out += number(static_cast<double>(k.key));
  out += " of '";
  out += k.source;
  out += "') carries ";
  out += share(k.share);
  out += " of its records, ";
  out += rate(k.peak_per_s);
  out += " at the peak, all onto one ";
  out += b.units.unit.empty() ? std::string("unit") : b.units.unit;
  if (b.units.count > 0) {
    out += " (";
    out += number(static_cast<double>(k.unit));
    out += ")";
  }
  out += ", which takes ";
  out += rate(k.unit_capacity_per_s);
  out += ".";
  if (b.key_beyond_unit) {
    out += " That one key alone is ";
    char times[16];
    std::snprintf(times, sizeof times, "%.3g", k.peak_per_s / k.unit_capacity_per_s);
    out += times;
    out += " times what one ";
    out += b.units.unit.empty() ? std::string("unit") : b.units.unit;
    out += " takes, so no number of ";
    out += plural(b.units.unit.empty() ? std::string("unit") : b.units.unit);
    out += " fixes it: spread the key over at least ";
    out += number(std::ceil(k.peak_per_s / (0.8 * k.unit_capacity_per_s)));
    out += " suffixes (its consumers merge them), or aggregate it before it is written.";
  }
  return out;
}

// Where the napkin math and the simulation part: a limit that refused records
// although the static estimate leaves it room.
std::string disagreement(const run::Bottleneck& b) {
  if (b.drop_fraction + b.throttle_fraction <= 0 || b.static_peak_utilization >= 0.95 || b.static_peak_utilization <= 0)
    return "";
  std::string out = " archsim explain puts its peak at ";
  out += percent(b.static_peak_utilization);
  out += " of capacity";
  if (!b.units.unit.empty()) out += ", its hottest " + b.units.unit + " from the declared keys included";
  if (!b.static_notes.empty()) {
    out += ", and says what it cannot know without simulating (";
    out += b.static_notes.front();
    out += ")";
  } else {
    out += "; the simulation sees the bursts that a first-order figure averages out";
  }
  out += ".";
  return out;
}

std::string held_sentence(const run::Bottleneck& b) {
  if (b.held_back.empty()) return "";
  std::string out = " It holds back ";
  for (std::size_t i = 0; i < b.held_back.size(); ++i) {
    if (i > 0) out += i + 1 == b.held_back.size() ? " and " : ", ";
    out += held_clause(b.held_back[i], b.component);
  }
  out += ": they wait for it, not for their own limits.";
  return out;
}

std::string effect_words(const run::Bottleneck& b, const run::FixTrial& t) {
  std::string out;
  if (b.dropped > 0) {
    out += "it drops ";
    out += count(t.dropped);
    out += " records (now ";
    out += count(b.dropped);
    out += ")";
  } else if (b.kind == "throttles") {
    out += b.refusals.empty() ? "it refuses " : "";
    out += count(t.throttled);
    out += b.refusals.empty() ? " requests" : " " + b.refusals;
    out += " (now ";
    out += count(b.throttled);
    out += ")";
  }
  std::uint64_t expired = 0;
  for (const auto& h : b.held_back) expired += h.expired;
  if (expired > 0) {
    out += out.empty() ? "" : ", ";
    out += "no record expires waiting for it (now ";
    out += count(expired);
    out += ")";
  }
  if (!b.held_back.empty()) {
    out += out.empty() ? "" : ", ";
    out += "nothing upstream is held back any more";
  }
  if (b.late_runs > 0) {
    out += out.empty() ? "" : ", ";
    out += "no run is late";
  }
  if (!b.causes.empty() && t.requirements_failing.empty()) {
    out += out.empty() ? "" : ", ";
    // Named once each: two freshness targets at two sinks are "freshness passes".
    std::vector<std::string> names;
    for (const auto& c : b.causes)
      if (std::find(names.begin(), names.end(), c) == names.end()) names.push_back(c);
    if (names.size() == 1 && b.causes.size() > 1) out += "every " + names[0] + " target";
    for (std::size_t i = 0; i < names.size() && !(names.size() == 1 && b.causes.size() > 1); ++i)
      out += (i ? " and " : "") + names[i];
    out += names.size() == 1 ? " passes" : " pass";
  }
  // A batch job's p99 says how long records wait for a run, not whether it is
  // late: a run that finishes at last delivers records a day old.
  if (b.late_run) {
    if (t.late_by_s > 0) {
      out += out.empty() ? "" : ", ";
      out += "its latest run still ends ";
      out += seconds(t.late_by_s);
      out += " past its deadline";
    } else if (out.empty()) {
      out += "its latest run ends by its deadline";
    }
    return out;
  }
  out += out.empty() ? "" : ", ";
  out += "the worst p99 through it is ";
  out += seconds(t.worst_p99_s);
  out += b.worst_p99_s > 0 ? " (now " + seconds(b.worst_p99_s) + ")" : " (now nothing reaches the end of its paths)";
  return out;
}

std::string cost_words(double delta) {
  if (std::abs(delta) < 0.005) return "the same a month";
  return delta >= 0 ? usd(delta) + " a month more" : usd(-delta) + " a month less";
}


// The moves of a trial, with whose they are when not the finding's own
// component's (a source's write sharding, a job upstream aggregating).
std::string owned_moves(const run::Bottleneck& b, const run::FixTrial& t) {
  if (t.moves.empty() || t.moves.front().component == b.component) return moves_words(t.moves);
  return "at '" + t.moves.front().component + "', " + t.words + " (" + moves_words(t.moves) + ")";
}

// " (--set components.job.kpu=4 --set ...)", quoted where a value has a space.
std::string set_words(const run::FixTrial& t);

std::string trial_summary(const run::Bottleneck& b, const run::FixTrial& t) {
  std::string out = owned_moves(b, t);
  if (!t.simulated) return out + " (the run did not finish: overloaded elsewhere)";
  out += " (";
  if (b.dropped > 0) out += "drops " + count(t.dropped) + ", ";
  else if (b.kind == "throttles") out += "refuses " + count(t.throttled) + ", ";
  if (b.late_run) out += t.late_by_s > 0 ? "its latest run " + seconds(t.late_by_s) + " late" : "on time";
  else out += "worst p99 " + seconds(t.worst_p99_s);
  if (!t.requirements_failing.empty()) out += ", " + t.requirements_failing.front() + " still fails";
  out += ")";
  return out;
}

}  // namespace

std::string moves_words(const std::vector<run::ParamMove>& moves) {
  std::string out;
  for (std::size_t i = 0; i < moves.size(); ++i) {
    const run::ParamMove& m = moves[i];
    // After a choice (a mode), the values that go with it: "with shards at 30".
    const bool with_choice = i > 0 && !moves[i - 1].text_to.empty() && m.text_to.empty();
    if (with_choice) out += ", with ";
    else if (i > 0) out += i + 1 == moves.size() ? " and " : ", ";
    if (!m.text_to.empty()) {
      out += m.key + " " + m.text_to + " instead of " + m.text_from;
      continue;
    }
    if (with_choice) {
      out += m.key + " at " + value_words(m, m.to, "");
      continue;
    }
    out += m.key;
    out += " from ";
    out += value_words(m, m.from, "");
    out += " to ";
    out += value_words(m, m.to, "");
  }
  return out;
}

namespace {
std::string set_words(const run::FixTrial& t) {
  std::string out = " (";
  for (const auto& v : set_values(t.moves))
    out += (out.back() == '(' ? "--set " : " --set ") + (v.find(' ') == std::string::npos ? v : "'" + v + "'");
  return out + ")";
}
}  // namespace

std::string finding_sentence(const run::Bottleneck& b) {
  std::string out = who(b.service, b.component);
  out += ", ";
  out += b.resource;
  out += ": ";
  out += what_happened(b);
  if (!b.late_run && b.kind != "latency" && b.when_s > 0) {
    out += ", worst around ";
    out += when_words(b.when_s);
  }
  out += ". ";
  out += b.late_run ? late_run_arithmetic(b) : capacity_clause(b);
  out += units_clause(b);
  out += keys_clause(b);
  // Growth worth a sentence: a minute's growth at least a second's arrivals.
  if (b.backlog_growth_per_min >= std::max(1.0, b.peak_in_per_s) &&
      (b.dropped + b.throttled > 0 || b.at_capacity || !b.causes.empty())) {
    out += " Its own backlog grew by up to ";
    out += count(static_cast<std::uint64_t>(b.backlog_growth_per_min));
    out += b.queries ? " queries a minute." : " records a minute.";
  }
  out += held_sentence(b);
  out += disagreement(b);
  return out;
}

std::string fix_sentence(const run::Bottleneck& b) {
  if (b.fix >= 0) {
    const run::FixTrial& t = b.fixes[static_cast<std::size_t>(b.fix)];
    std::string out = owned_moves(b, t);
    out += ": simulated again, ";
    out += effect_words(b, t);
    out += ", and the design costs ";
    out += cost_words(t.monthly_usd_delta);
    out += set_words(t);
    if (!t.binds_next.empty() && t.binds_next.find("'" + b.component + "'") == std::string::npos) {
      out += "; then ";
      out += t.binds_next;
      out += " binds";
    }
    if (b.alternative >= 0) {
      const run::FixTrial& a = b.fixes[static_cast<std::size_t>(b.alternative)];
      out += ". Or, for less, a change of design: ";
      out += owned_moves(b, a);
      out += ": simulated again, ";
      out += effect_words(b, a);
      out += ", and the design costs ";
      out += cost_words(a.monthly_usd_delta);
      out += set_words(a);
    }
    return out;
  }
  if (b.fix_checked) {
    std::string out = "none of its levers clears it: ";
    for (std::size_t i = 0; i < b.fixes.size(); ++i) out += (i ? "; " : "") + trial_summary(b, b.fixes[i]);
    const run::FixTrial& last = b.fixes.back();
    const std::string itself = b.service + " '" + b.component + "', " + b.resource;
    if (last.binds_next == itself) out += ". With the last of these it still binds";
    else if (!last.binds_next.empty()) out += ". With the last of these, " + last.binds_next + " binds";
    return out;
  }
  if (!b.fix_after.empty() && (b.kind == "throttles" || b.kind == "saturated")) {
    std::string out = "nothing is lost here yet, but '";
    out += b.fix_after;
    out += "' loses records on their way here: once it is fixed this takes more, so run again with that fix (its "
           "--set above) to see how this holds";
    return out;
  }
  if (!b.fix_after.empty()) {
    std::string out = "fix '";
    out += b.fix_after;
    out += "' first: it loses records on their way here, so a change sized on this run would be too small; with "
           "its fix applied (its --set above), run again to size this one";
    return out;
  }
  if (b.key_beyond_unit) return "";  // the key's own sentence says what can fix it
  if (b.kind == "throttles" || b.kind == "saturated")
    return "nothing to fix yet: nothing is lost and no requirement fails here; it is the first limit to give if the "
           "load grows";
  return "";
}

}  // namespace archsim::report

// The lines that lead a report: what fails or binds, or that nothing does,
// the room at the peak, and where the slowest path's latency comes from.
#include <algorithm>
#include <cmath>
#include <cmath>

#include "archsim/report/findings.hpp"
#include "archsim/report/human.hpp"
#include "archsim/report/whatif_reports.hpp"
#include "archsim/whatif/figures.hpp"
#include "phrases.hpp"
#include "sections.hpp"

namespace archsim::report {

using phrases::times;
using phrases::who;

const run::Bottleneck* binding(const run::RunResult& r) {
  if (r.bottlenecks.empty()) return nullptr;
  return run::binds(r.bottlenecks.front()) ? &r.bottlenecks.front() : nullptr;
}

std::vector<std::string> verdict_lines(const run::RunResult& r) {
  std::vector<std::string> out;
  for (const auto& f : r.faults) out.push_back(recovery_verdict(f));
  const std::size_t drill_lines = out.size();
  for (const auto& q : r.requirements) {
    if (q.pass) continue;
    std::string line = "FAILS " + q.name + (q.scope.empty() ? "" : " at " + q.scope) + ": ";
    if (!q.unmeasured.empty()) line += "nothing measured (" + sections::unmeasured_text(q.unmeasured) + ")";
    else if (q.name == "completes_by") line += sections::latest_finish(q);
    else line += "measured " + format_figure(whatif::requirement_unit(q.name), q.actual);
    line += " against " + q.target_text;
    line += q.cause.empty() ? "" : "; the cause is " + q.cause;
    if (q.outside_faults.judged)
      line += q.outside_faults.pass ? "; outside the faults' time it holds (" : "; it fails outside the faults' time too (";
    if (q.outside_faults.judged) line += format_figure(whatif::requirement_unit(q.name), q.outside_faults.actual) + ")";
    if (q.fails_only_with_faults) line += "; it holds without the faults: the drill is the cause";
    if (q.name == "recover_within")
      if (const std::string fix = recovery_fix_words(r.recovery_fix); !fix.empty()) line += "; " + fix;
    out.push_back(line);
  }
  const run::Bottleneck* top = r.bottlenecks.empty() ? nullptr : &r.bottlenecks.front();
  const bool binds = binding(r) != nullptr;
  if (binds) {
    out.push_back("BINDS first: " + who(top->service, top->component) + ", " + top->resource);
  } else if (out.size() == drill_lines) {
    // A drill's findings are those of the design without its faults.
    std::string line = drill_lines > 0 ? "Without the faults nothing binds: " : "Nothing binds: ";
    line += r.requirements.empty() ? "nothing is lost" : "every requirement holds and nothing is lost";
    if (top) line += "; the first limit to give as the load grows is the " + top->resource + " of " + who(top->service, top->component);
    out.push_back(line);
  }
  if (r.headroom.peak_utilization >= 0.05 && !binds) {
    std::string line = "Headroom at the peak: the busiest is '" + r.headroom.component + "' at " +
                       percent(r.headroom.peak_utilization) + " of its " + r.headroom.resource;
    line += r.headroom.peak_utilization < 0.9 ? ", room for " + times(1 / r.headroom.peak_utilization) + " the peak"
                                              : ", at its limit";
    out.push_back(line);
  }
  // Where the latency of the slowest path comes from.
  const run::PathTime* slowest = nullptr;
  for (const auto& p : r.time_by_path)
    if (!slowest || p.latency_mean_s > slowest->latency_mean_s) slowest = &p;
  if (slowest && !slowest->components.empty()) {
    const auto most = std::max_element(slowest->components.begin(), slowest->components.end(),
                                       [](const auto& a, const auto& b) { return a.second.total() < b.second.total(); });
    const run::TimeSplit& t = most->second;
    const std::pair<const char*, double> kinds[] = {{"in service", t.service_s},
                                                    {"waiting for capacity", t.capacity_s},
                                                    {"buffering", t.buffering_s},
                                                    {"held back by what is downstream", t.held_s}};
    const auto kind = std::max_element(std::begin(kinds), std::end(kinds),
                                       [](const auto& a, const auto& b) { return a.second < b.second; });
    // A component's times are its means over every path through it: when they
    // do not add up to this path's mean (a stream read at different paces, an
    // engine answering different queries), no component's figure is this path's.
    double sum = 0;
    for (const auto& [name, split] : slowest->components) sum += split.total();
    const bool typical = std::abs(sum - slowest->latency_mean_s) <= 0.25 * slowest->latency_mean_s;
    const bool slower = slowest->latency_mean_s > sum;
    std::string line = "Latency of " + slowest->from + " -> " + slowest->to + " (" + seconds(slowest->latency_mean_s) +
                       " on average) ";
    if (typical) {
      line += "comes mostly from '" + most->first + "', " + seconds(most->second.total()) + ", most of it " + kind->first;
    } else if (slowest->components.size() == 1) {
      line += "comes from '" + most->first + "' alone, where its records take " + (slower ? "longer" : "less") +
              " than the " + seconds(most->second.total()) + " the component takes on average over all it serves";
    } else {
      line += "is " + std::string(slower ? "more" : "less") + " than the " + seconds(sum) +
              " its components take by their means over all they serve: its records are " +
              (slower ? "slower" : "faster") +
              " than most where it shares a component (a stream read at different paces, an engine answering "
              "other queries)";
    }
    out.push_back(line);
  }
  return out;
}

}  // namespace archsim::report

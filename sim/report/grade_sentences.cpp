// The grade's sentences: each rubric dimension's evidence, each follow-up's
// answer and each estimate's gap, written once from the grade's data for
// every format (grade_view.hpp).
#include <cmath>

#include "archsim/report/findings.hpp"
#include "archsim/report/grade_reports.hpp"
#include "archsim/report/human.hpp"
#include "archsim/report/whatif_reports.hpp"
#include "archsim/whatif/figures.hpp"
#include "grade_view.hpp"

namespace archsim::report {

namespace {

using analysis::EstimateCheck;
using scenario::EstimateKind;

std::string quoted(const std::string& s) { return "'" + s + "'"; }

std::string times(double factor) {
  char buf[32];
  std::snprintf(buf, sizeof buf, factor < 10 ? "%.2g x" : "%.0f x", factor);
  return buf;
}

std::string requirement_line(const whatif::RequirementGrade& q) {
  const auto& r = q.result;
  std::string out = (q.passed == q.seeds ? "PASS " : q.passed == 0 ? "FAIL " : "SPLIT ") + requirement_target(r);
  if (!r.unmeasured.empty() && r.name != "completes_by") {
    out += ": nothing to measure, no record reached ";
    for (std::size_t i = 0; i < r.unmeasured.size(); ++i) out += (i ? ", " : "") + r.unmeasured[i];
  } else if (r.name == "completes_by" && r.runs_judged > 0 && !r.worst_run.finished) {
    out += ": a run still going at " + clock_time(r.actual) + ", the end of the simulation";
  } else {
    out += ": measured " + format_figure(whatif::requirement_unit(r.name), r.actual);
  }
  if (q.seeds > 1)
    out += " (met in " + std::to_string(q.passed) + " of " + std::to_string(q.seeds) + " seeds, as it came within 10% of the target)";
  if (!r.pass && !r.cause.empty()) out += "; the cause is " + r.cause;
  return out;
}

std::string points(const whatif::Dimension& d) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.1f of %.0f", d.weight * d.score, d.weight);
  return buf;
}

std::string estimate_value(const scenario::Estimate& e, double v) {
  switch (e.kind) {
    case EstimateKind::kNeeded: return count(static_cast<std::uint64_t>(std::llround(v)));
    case EstimateKind::kPeakUtilization: return percent(v);
    case EstimateKind::kP99Freshness: return seconds(v);
    case EstimateKind::kMonthlyCost: return usd(v);
    case EstimateKind::kBindsFirst: return e.component;
  }
  return {};
}

std::string plural(int n, const std::string& noun) { return std::to_string(n) + " " + noun + (n == 1 ? "" : "s"); }

std::string unit_or(const std::string& unit, const char* otherwise) { return unit.empty() ? otherwise : unit; }

// A drill's outcome: each fault's recovery and the stalest data it left,
// then the requirements with the fault and outside it.
std::vector<std::string> drill_lines(const whatif::FollowUpGrade& f) {
  std::vector<std::string> out;
  for (const auto& fault : f.faults) {
    out.push_back(recovery_verdict(fault));
    std::string stalest;
    for (const auto& [path, age] : fault.stalest) stalest += (stalest.empty() ? "" : ", ") + path + " " + seconds(age);
    if (!stalest.empty()) out.push_back("the stalest data delivered meanwhile: " + stalest);
  }
  std::string with, outside;
  for (const auto& q : f.failing) {
    std::string& list = q.fails_only_with_faults ? with : outside;
    list += (list.empty() ? "" : ", ") + whatif::requirement_title(q);
  }
  if (f.failing.empty()) out.push_back("every requirement holds, the fault included");
  if (!with.empty()) out.push_back("fails " + with + " with the fault, and holds outside it");
  if (!outside.empty()) out.push_back("fails " + outside + " without the fault too");
  return out;
}

}  // namespace

std::string dimension_title(const std::string& id) {
  if (id == "requirements") return "Meets the requirements at the peak";
  if (id == "freshness") return "Freshness per path";
  if (id == "cost") return "Cost against the reference design";
  if (id == "headroom") return "Headroom at the peak";
  if (id == "recovery") return "Recovery under the follow-up faults";
  if (id == "simplicity") return "Simplicity";
  return id;
}

std::string estimate_label(const scenario::Estimate& e) {
  switch (e.kind) {
    case EstimateKind::kNeeded: return "needed " + e.component + "." + e.key;
    case EstimateKind::kPeakUtilization: return "peak utilization of " + e.component;
    case EstimateKind::kP99Freshness: return "p99 freshness at " + e.scope;
    case EstimateKind::kMonthlyCost: return "monthly cost";
    case EstimateKind::kBindsFirst: return "binds first";
  }
  return {};
}

std::string estimate_tolerance(const EstimateCheck& e) {
  if (e.estimate.kind == EstimateKind::kBindsFirst) return "the same component";
  if (e.estimate.kind == EstimateKind::kPeakUtilization) return "± " + std::to_string(std::lround(e.tolerance * 100)) + " points";
  return "± " + std::to_string(std::lround(e.tolerance * 100)) + "%";
}

std::string estimate_gap(const EstimateCheck& e) {
  const auto& est = e.estimate;
  if (!e.simulated) return "not checked: " + e.why_not;
  if (e.within) return "within " + estimate_tolerance(e);
  const std::string unit = unit_or(e.gap_detail, "unit");
  if (e.gap == "no_value")
    return "no value of " + est.key + " up to its bound takes the peak: something else binds first (the diagnosis says what)";
  if (e.gap == "over") {
    if (est.kind == EstimateKind::kNeeded)
      return "more than it needs: " + estimate_value(est, e.actual) + " take the peak, the busiest " + unit +
             " at " + percent(e.gap_value) + " there";
    return "above the simulated " + estimate_value(est, e.actual);
  }
  if (e.gap == "peak_factor")
    return "left out the peak factor: " + estimate_value(est, e.without) + " is what the mean load needs, and the peak is " +
           times(e.gap_value) + " the mean";
  if (e.gap == "hot_unit")
    return "left out the hottest " + unit + ": " + estimate_value(est, e.without) + " is right for the mean " + unit +
           ", and the hottest takes " + times(e.gap_value) + " the mean one's load at the peak (its keys are uneven)";
  if (e.gap == "short")
    return "short of the peak: with " + estimate_value(est, est.value) + " the busiest " + unit + " is offered " +
           percent(e.gap_value) + " of what it takes";
  if (e.gap == "tail")
    return "left out the tail: " + seconds(e.without) + " is the mean, and the p99 is " + times(e.gap_value) + " the mean";
  if (e.gap == "stage")
    return "left out " + quoted(e.gap_component) + ", where a record spends " + seconds(e.gap_value) + " on average " +
           (e.gap_detail == "held" ? "held back by what is downstream"
            : e.gap_detail == "capacity" ? "waiting for capacity"
            : e.gap_detail == "buffering" ? "buffering on purpose"
                                          : "in service");
  if (e.gap == "billing_line")
    return "left out " + quoted(e.gap_component) + "'s " + e.gap_detail + ": " + usd(e.gap_value) + " a month";
  if (e.gap == "rounding")
    return "left out " + quoted(e.gap_component) + "'s rounding of each record up to " + e.gap_detail + ": " +
           usd(e.gap_value) + " a month";
  if (e.gap == "busier")
    return quoted(e.gap_component) + " binds first, at " + percent(e.gap_value) + " of its limit at the peak; " +
           quoted(est.component) + " is at " + percent(e.without);
  return "outside " + estimate_tolerance(e) + " of the simulated " + estimate_value(est, e.actual);
}

GradeView grade_view(const whatif::Grade& g) {
  GradeView v;
  char total[32];
  std::snprintf(total, sizeof total, "%.0f/100", g.total);
  v.rubric = !g.challenge.empty();
  v.headline = v.rubric ? std::string("Grade ") + total + ": " + g.title : "Predictions checked: " + g.title;
  v.run_line = g.file + (v.rubric ? " · challenge " + g.challenge : std::string(" · no challenge: the scenario's own requirements")) +
               " · seed " + std::to_string(g.seed) + " · " + std::to_string(g.simulations) + " simulations";
  const bool all_met = g.holds();
  for (const auto& d : g.dimensions) {
    if (!v.rubric && (!d.applies || (d.id != "requirements" && d.id != "freshness"))) continue;
    GradeView::Section s{dimension_title(d.id), !v.rubric ? "" : d.applies ? points(d) : "does not apply", {}};
    if (d.id == "requirements" || d.id == "freshness") {
      for (const auto& q : g.requirements)
        if (q.freshness == (d.id == "freshness")) s.lines.push_back(requirement_line(q));
      if (d.id == "freshness" && d.applies)
        for (const auto& p : g.design.paths)
          s.lines.push_back("  " + scenario::path_name(p.from, p.to) + ": p99 " + seconds(p.latency.p99) + ", mean " +
                            seconds(p.latency.mean));
      if (!d.applies) s.lines.push_back(v.rubric ? "the challenge sets no target of this kind" : "the scenario sets no target of this kind");
    } else if (d.id == "cost") {
      if (!d.applies) s.lines.push_back("no reference design to price against");
      else {
        s.lines.push_back(usd(g.design.cost_monthly_usd) + " a month against the reference design's " +
                          usd(g.reference_monthly_usd) + ": " + times(g.design.cost_monthly_usd / g.reference_monthly_usd) +
                          " (full marks within 1.1 x, none from 2.5 x)");
        if (!all_met) s.lines.push_back("no marks: a design that misses a requirement is not priced against one that meets them");
      }
    } else if (d.id == "headroom") {
      if (g.busiest_is_deadline)
        s.lines.push_back("the latest run of " + quoted(g.busiest) + " took " + percent(g.busiest_utilization) +
                          " of its window from trigger to deadline");
      else if (!g.busiest.empty())
        s.lines.push_back("the busiest at the peak is " + quoted(g.busiest) + " at " + percent(g.busiest_utilization) +
                          (g.busiest_resource.empty() ? std::string() : " of its " + g.busiest_resource) +
                          (g.busiest_utilization < 1 ? ": room for " + times(1 / std::max(g.busiest_utilization, 1e-9)) + " the peak" : ": no room left"));
      s.lines.push_back("full marks up to 80% at the peak, none at 100%");
    } else if (d.id == "recovery") {
      if (!d.applies) s.lines.push_back("the challenge drills no fault");
      else if (!all_met) s.lines.push_back("no marks: a design that fails without faults has no level to recover to");
      for (const auto& f : g.follow_ups) {
        if (!f.drill) continue;
        if (!f.simulated) {
          s.lines.push_back("\"" + f.follow_up.ask + "\": not simulated (no marks)");
          continue;
        }
        s.lines.push_back(std::string(f.recovered ? "recovered" : "did not recover by the end of the run") + ", " +
                          (f.lost_nothing ? "nothing lost" : count(f.lost) + " records lost") + ", the requirements " +
                          (f.holds_outside ? "hold" : "fail") + " outside the fault: \"" + f.follow_up.ask + "\"");
      }
      if (d.applies)
        s.lines.push_back("per drill: half for recovering, a quarter for losing nothing, a quarter for the requirements outside the fault");
    } else if (d.id == "simplicity") {
      s.lines.push_back(plural(g.components, "component") + " and " + plural(g.settings, "setting") +
                        ", against the reference design's " + std::to_string(g.reference_components) + " and " +
                        std::to_string(g.reference_settings));
      if (!all_met) s.lines.push_back("no marks: leaving a component unsized is not simplicity while a requirement fails");
    }
    v.sections.push_back(std::move(s));
  }
  for (std::size_t i = 0; i < g.follow_ups.size(); ++i) {
    const auto& f = g.follow_ups[i];
    GradeView::FollowUpView fv{std::to_string(i + 1) + ". \"" + f.follow_up.ask + "\"", {}};
    if (!f.simulated) fv.lines.push_back("not simulated: " + f.not_simulated);
    else if (f.drill) fv.lines = drill_lines(f);
    else if (f.holds)
      fv.lines.push_back("holds as designed, at " + usd(f.monthly_usd) + " a month" +
                         (f.headroom.component.empty() ? std::string()
                                                       : "; the busiest is " + quoted(f.headroom.component) + " at " +
                                                             percent(f.headroom.peak_utilization) + " at the peak"));
    else {
      std::string failing;
      for (const auto& q : f.failing) failing += (failing.empty() ? "" : ", ") + whatif::requirement_title(q);
      fv.lines.push_back("fails " + failing + ", at " + usd(f.monthly_usd) + " a month");
      if (f.binds) {
        fv.lines.push_back("breaks first: " + finding_sentence(*f.binds));
        if (const std::string fix = fix_sentence(*f.binds); !fix.empty()) fv.lines.push_back(fix);
      }
    }
    if (f.simulated && !f.drill && !f.costliest.empty())
      fv.lines.push_back("the largest part of the bill: " + f.costliest_service + " " + quoted(f.costliest) + ", " +
                         usd(f.costliest_monthly_usd) + " a month (" + percent(f.costliest_monthly_usd / f.monthly_usd) + ")");
    v.follow_ups.push_back(std::move(fv));
  }
  for (const auto& e : g.estimates)
    v.estimates.push_back({estimate_label(e.estimate), estimate_value(e.estimate, e.estimate.value),
                           !e.simulated ? "-" : e.estimate.kind == EstimateKind::kBindsFirst ? e.actual_text
                                                                                             : estimate_value(e.estimate, e.actual),
                           e.within, estimate_gap(e)});
  return v;
}

}  // namespace archsim::report

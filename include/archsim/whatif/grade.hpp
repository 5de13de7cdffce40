// `archsim grade`: a candidate's design simulated against its challenge
// (docs/challenges.md#grading). The challenge's requirements at the peak,
// then each follow-up in turn, scored on the rubric interviewers use, each
// dimension with its evidence from the runs; and the candidate's napkin
// numbers set beside the simulated ones. Data only: the report writes it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "archsim/analysis/estimates_check.hpp"
#include "archsim/run/result.hpp"
#include "archsim/scenario/challenge.hpp"
#include "archsim/scenario/scenario.hpp"

namespace archsim::whatif {

// A requirement of the challenge, judged on the candidate's design.
struct RequirementGrade {
  run::RequirementResult result;  // the first run's, with its cause
  bool freshness = false;         // a latency or freshness target: the freshness dimension's
  std::size_t seeds = 1, passed = 0;  // replicated when the first run came within 10% of the target
  double score() const { return seeds ? static_cast<double>(passed) / static_cast<double>(seeds) : 0; }
};

// A follow-up question, simulated on the candidate's design.
struct FollowUpGrade {
  scenario::FollowUp follow_up;
  bool simulated = false;
  std::string not_simulated;  // why not (the follow-up does not apply to this design)
  bool holds = false;         // every requirement of the challenge met
  std::vector<run::RequirementResult> failing;  // the challenge's, not met
  std::optional<run::Bottleneck> binds;          // what binds first, with its simulated fix
  std::vector<run::FaultResult> faults;          // a drill: how the design came through
  run::Headroom headroom;
  double monthly_usd = 0;
  std::string costliest, costliest_service;  // the component whose part of the bill is largest
  double costliest_monthly_usd = 0;
  // A drill's recovery, on the rubric: every fault recovered (half), nothing
  // lost (a quarter), the requirements met outside the faults (a quarter).
  bool drill = false, recovered = false, lost_nothing = false, holds_outside = false;
  std::uint64_t lost = 0;
  double score = 0;
};

// A rubric dimension: its points, whether it applies to this challenge, and
// its score from 0 to 1 (docs/challenges.md#the-rubric).
struct Dimension {
  std::string id;  // requirements, freshness, cost, headroom, recovery, simplicity
  double weight = 0;
  bool applies = true;
  double score = 0;
};

struct Grade {
  std::string challenge, title, file;
  std::uint64_t seed = 0;
  run::RunResult design;  // the candidate's run at the challenge's load, analysed
  std::vector<RequirementGrade> requirements;
  double reference_monthly_usd = 0;
  bool reference_holds = false;
  // The most loaded at the peak: a component against its limit, or a batch
  // job's run against its deadline window.
  std::string busiest, busiest_resource;
  double busiest_utilization = 0;
  bool busiest_is_deadline = false;
  int components = 0, settings = 0, reference_components = 0, reference_settings = 0;
  std::vector<FollowUpGrade> follow_ups;
  std::vector<Dimension> dimensions;
  double total = 0;  // out of 100, over the dimensions that apply
  std::vector<analysis::EstimateCheck> estimates;
  int simulations = 0;
  // Every requirement met on every seed it was judged on.
  bool holds() const {
    for (const auto& q : requirements)
      if (q.passed != q.seeds) return false;
    return true;
  }
};

struct GradeOptions {
  std::vector<std::string> sets;  // --seed and other overrides, applied to every run of the design
  std::size_t replications = 5;   // where a requirement came within 10% of its target
  unsigned jobs = 0;
};

// Grades the scenario at `file` (already loaded as `design`, with the
// estimates to check) against `challenge`, whose workload and requirements
// it must keep (check_against_challenge). A challenge without a name (a
// lesson's scenario, graded on its own) runs the design alone: its own
// requirements and its estimates, no rubric.
Grade grade(const std::string& file, const scenario::Scenario& design, const scenario::Challenge& challenge,
            const GradeOptions& options);



}  // namespace archsim::whatif

// Judging a run against the scenario's requirements: each latency or
// freshness target on the paths of its scope, each completes_by deadline on
// every run of its batch job, the rest on the whole design.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "archsim/model/component.hpp"
#include "archsim/run/result.hpp"
#include "archsim/scenario/scenario.hpp"
#include "archsim/scenario/topology.hpp"

namespace archsim::run {

using engine::SimTime;

// The deadline a run triggered at `triggered` must finish by: the first time
// strictly after the trigger at which the clock reads `time_of_day` (time 0
// is midnight). A run thus has the 24 h window that ends at that deadline.
SimTime deadline_after(SimTime triggered, SimTime time_of_day);

struct DeadlineVerdict {
  std::uint64_t judged = 0, late = 0;
  // The worst run's finish, in seconds after the midnight that starts its
  // deadline's day: at most the deadline when every judged run is on time.
  double worst_finish_s = 0;
  JobRun worst;  // that run
};

// Every run that finished, and every run still going at `end` when its
// deadline has passed (it is late by at least end minus the deadline); one
// still going before its deadline is not judged.
DeadlineVerdict judge_deadline(const std::vector<model::Component::RunTimes>& runs, SimTime time_of_day, SimTime end);

// A requirement judged on each path's latencies: the statistic of a path it
// reads, and the share of the path's records that may be at most the target
// (latency_p99: the p99, 0.99; freshness: the oldest, all of them).
struct PathStatistic {
  std::string requirement;
  double LatencySummary::*statistic = nullptr;
  double quantile = 1;
};
// Nothing when `requirement` is not judged on paths.
const PathStatistic* path_statistic(const std::string& requirement);

// Each completes_by job's runs, by the job's name.
using JobRuns = std::map<std::string, std::vector<model::Component::RunTimes>>;

// The requirements of `s`, in its order, judged on the run `r` of it (whose
// paths and totals are filled in) and on the runs of its batch jobs.
std::vector<RequirementResult> judge_requirements(const scenario::Scenario& s, const scenario::Topology& topo,
                                                  const RunResult& r, const JobRuns& runs);

}  // namespace archsim::run

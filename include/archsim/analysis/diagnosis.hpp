// The diagnosis of a run without simulating again: each component whose own
// limit binds becomes a finding (a root), and every component held back by
// it, through the components between, is listed under it with what it holds;
// each failed requirement is traced to the finding that causes it along its
// paths. Findings are ranked: records lost, then others held back, late
// batch runs, requests refused, capacity at its top. Data only: the report
// writes the sentences (docs/decisions/0007-diagnosis.md).
#pragma once
#include <vector>

#include "archsim/run/result.hpp"
#include "archsim/scenario/scenario.hpp"

namespace archsim::analysis {

struct Diagnosis {
  std::vector<run::Bottleneck> findings;  // ranked
  // For each of the run's requirements, the index of the finding that
  // causes its failure (-1: it passed, or nothing in the run explains it).
  std::vector<int> requirement_cause;
};

Diagnosis diagnose(const scenario::Scenario& scenario, const run::RunResult& result);

// "kinesis 'stream', shard write limit (...)": how a requirement names its cause.
std::string cause_words(const run::Bottleneck& finding);

}  // namespace archsim::analysis

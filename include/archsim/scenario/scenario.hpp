// A validated scenario: typed, with defaults filled in and every declaration
// carrying the place in the file it came from.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "archsim/engine/time.hpp"
#include "archsim/model/component.hpp"
#include "archsim/model/params.hpp"

namespace archsim::scenario {

using engine::SimTime;
using model::SourceLoc;

struct SourceDecl {
  std::string name;
  SourceLoc loc;
  model::ParamSet params;
};

struct ComponentDecl {
  std::string name;
  std::string service;
  const model::ModelSpec* model = nullptr;
  SourceLoc loc;
  model::ParamSet params;
};

struct FlowDecl {
  std::string from;
  std::string to;
  std::optional<double> share;  // fraction of `from`'s records; none: a copy of each
  SourceLoc loc;
};

struct Requirement {
  std::string name;         // latency_p99, throughput, monthly_cost_usd, max_dropped, ...
  double target = 0;        // SI units: seconds, records/s, USD, records
  std::string target_text;  // as written
  bool at_most = true;      // true: actual must be <= target; false: >= target
  SourceLoc loc;
};

struct Scenario {
  std::string file;
  std::string name;
  std::string description;
  std::uint64_t seed = 1;
  SimTime duration = 0;
  SimTime warmup = 0;
  SimTime metrics_interval = 0;  // time-series bin width
  std::string region = "us-east-1";
  std::vector<SourceDecl> sources;
  std::vector<ComponentDecl> components;
  std::vector<FlowDecl> flows;
  std::vector<Requirement> requirements;
};

}  // namespace archsim::scenario

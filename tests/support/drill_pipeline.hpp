// The drills' small pipeline: 1,000 records/s into a stream read by one
// Flink subtask at 500 us a record, so μ = 2,000/s less its checkpoint pauses
// (10 ms a minute) against λ = 1,000/s; tests append their `faults:`.
#pragma once
#include <string>

namespace archsim::testing {

inline const std::string kDrillPipeline = R"(name: drill
seed: 3
duration: 2h
workload:
  events: { rate: 1000/s, arrivals: deterministic, batch: 1s }
components:
  stream: { service: kinesis, shards: 4 }
  job: { service: flink, kpu: 1, parallelism: 1, cost_per_record: 500us }
flows:
  - events -> stream -> job
requirements:
  latency_p99: 30s
)";

}  // namespace archsim::testing

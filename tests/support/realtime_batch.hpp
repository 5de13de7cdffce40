// A design with a real-time path beside an hourly batch branch, whose
// latencies are known by hand: the requirement tests of runs, comparisons
// and sweeps share it.
#pragma once
#include <string>

namespace archsim::testing {

// Arrivals every 2/7 s into `servers` servers of exactly 1 s: with 4 or more
// a server is free again 8/7 s after it started, so no record waits and the
// real-time path takes exactly 1 s; with 3 they serve 3/s of the 3.5/s and
// the queue grows by 0.5/s, so over 3 h the last records wait half an hour.
// Beside it, every order is also copied to an hourly Glue job, whose records
// wait up to an hour for their run. Nothing is random.
inline std::string realtime_and_batch(int servers, const std::string& requirements) {
  return R"(name: real time beside an hourly batch
seed: 3
duration: 3h
warmup: 10m
workload:
  orders: { rate: 3.5/s, arrivals: deterministic, record_size: 1KB }
components:
  queue: { service: server, servers: )" +
         std::to_string(servers) + R"(, service_time: 1s }
  table: { service: sink }
  etl: { service: glue, workers: 2, schedule: every 1h }
  lake: { service: s3 }
flows:
  - orders -> queue -> table
  - orders -> etl -> lake
requirements:
)" + requirements;
}

}  // namespace archsim::testing

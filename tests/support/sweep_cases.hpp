// A sweep whose knee is known by hand, shared by the sweep tests, and a
// temporary file to hold a scenario: a sweep reads its designs from files.
#pragma once
#include <unistd.h>

#include <fstream>
#include <string>

namespace archsim::testing {

// Deterministic arrivals every 2/7 s into c servers of exactly 1 s and no
// waiting room. An arrival at t finds busy the servers taken by the arrivals
// in (t - 1, t): those 2/7, 4/7 and 6/7 s earlier (9/7 s is past 1 s, and no
// gap is exactly 1 s, so no departure ties with an arrival). With c >= 4
// servers there is always one free, and nothing is dropped. With c <= 3 the
// c servers take c arrivals, stay busy for 1 s, and free up just before the
// fifth arrival from then (8/7 s > 1 s): c of every 4 arrivals get in, and
// (4 - c) / 4 are dropped. So the smallest c that drops nothing is 4.
inline const char* kClerksAt3_5PerSecond = R"(
name: clerks at 3.5 a second
seed: 11
duration: 10m
warmup: 0s
workload:
  customers: { rate: 3.5/s, arrivals: deterministic }
components:
  clerks:
    service: server
    servers: 2
    queue_capacity: 0
    service_time: 1s
flows:
  - customers -> clerks
requirements:
  max_dropped: 0
)";

// `text` in a file of this test process's own, named after `name`.
inline std::string write_temp(const std::string& name, const std::string& text) {
  const std::string path = "/tmp/archsim-test-" + std::to_string(::getpid()) + "-" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

}  // namespace archsim::testing

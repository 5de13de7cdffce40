// Designs of many components, written as a data engineer's generator would
// write them: a chain of N servers one after another, and a fan-out of one
// source split evenly over N servers. Shared by the size test
// (tests/run/design_size_test.cpp) and the size guard (tests/bench).
#pragma once
#include <cstdio>
#include <string>

namespace archsim::testing {

enum class Shape { chain, fan_out };

inline const char* shape_name(Shape s) { return s == Shape::chain ? "chain" : "fan-out"; }

inline std::string large_design(Shape shape, int n, const std::string& duration = "1m",
                                const std::string& rate = "10/s") {
  std::string out = "name: " + std::string(shape == Shape::chain ? "chain" : "fan") + std::to_string(n) +
                    "\nduration: " + duration + "\nwarmup: 0s\nworkload:\n  src: { rate: " + rate + " }\ncomponents:\n";
  for (int i = 0; i < n; ++i) out += "  c" + std::to_string(i) + ": { service: server, servers: 4, service_time: 1ms }\n";
  out += "flows:\n";
  if (shape == Shape::chain) {
    out += "  - src -> c0\n";
    for (int i = 1; i < n; ++i) out += "  - c" + std::to_string(i - 1) + " -> c" + std::to_string(i) + "\n";
    return out;
  }
  char share[32];
  std::snprintf(share, sizeof share, "%.10g", 1.0 / n);
  for (int i = 0; i < n; ++i) out += "  - { from: src, to: c" + std::to_string(i) + ", share: " + share + " }\n";
  return out;
}

}  // namespace archsim::testing

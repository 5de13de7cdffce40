// A Managed Flink application fed by one source and read by a sink, written
// inline, and the record balance every Flink test checks.
#pragma once
#include <doctest/doctest.h>

#include <string>

#include "archsim/run/result.hpp"

namespace archsim::testing {

inline std::string flink_app_scenario(const std::string& source, const std::string& app,
                                      const std::string& duration = "60s") {
  return "name: flink\nduration: " + duration + "\nworkload:\n  producers: " + source +
         "\ncomponents:\n  app: " + app + "\n  out: { service: sink }\nflows: [producers -> app -> out]\n";
}

inline void check_flink_balance(const run::ComponentResult& c) {
  CHECK(c.records_in + c.created == c.records_out + c.dropped + c.absorbed + c.in_flight);
}

}  // namespace archsim::testing

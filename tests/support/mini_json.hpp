// The tests read archsim's JSON results with the library's own reader, to walk
// them by path ("components.counter.latency_s.p99") without trusting string
// matching.
#pragma once
#include "archsim/report/json_reader.hpp"

namespace archsim::testing {

using Json = report::JsonValue;

}  // namespace archsim::testing

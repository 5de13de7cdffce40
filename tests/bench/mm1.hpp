// The M/M/1 queue every benchmark here simulates: Poisson arrivals at 100,000
// per second, one server with exponential service of mean 8 us (utilization
// 0.8). One customer is two events, its arrival and its departure.
#pragma once
#include <cstdint>

namespace archsim::bench {

inline constexpr double kArrivalRatePerS = 100'000;
inline constexpr double kMeanServiceS = 8e-6;
inline constexpr std::int64_t kCustomers = 1'000'000;  // per benchmark iteration

}  // namespace archsim::bench

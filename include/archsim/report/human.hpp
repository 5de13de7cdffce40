// Numbers as a person reads them: 1,234,567 records, 12.3 ms, 85%, $1,234.56.
#pragma once
#include <cstdint>
#include <string>

namespace archsim::report {

std::string count(std::uint64_t n);
std::string seconds(double s);  // 3 significant digits with a unit from ns to d
std::string percent(double fraction);
std::string usd(double dollars);
std::string rate(double per_s);
std::string bytes(double b);
// A moment of a run as the clock reads on a day that starts with it: 13:52.
std::string time_of_day(double seconds_from_start);  // 3 significant digits, decimal units (11.7 GB), as data sizes are spoken  // 1,234/s or 0.25/s

}  // namespace archsim::report

// Numbers as a person reads them: 1,234,567 records, 12.3 ms, 85%, $1,234.56.
#pragma once
#include <cstdint>
#include <string>

namespace archsim::report {

std::string count(std::uint64_t n);
std::string seconds(double s);  // 3 significant digits with a unit from ns to d
std::string percent(double fraction);
std::string usd(double dollars);
std::string rate(double per_s);  // 1,234/s, 0.25/s, or below 0.01/s per hour (11.5/h) or day
std::string bytes(double b);     // 3 significant digits, decimal units (11.7 GB), as data sizes are spoken
// A moment of a run as the clock reads on a day that starts with it: 13:52.
std::string time_of_day(double seconds_from_start);
// A time after one midnight to the second, said from that day: "04:12",
// "04:12:37", "00:30 the next day", "23:00 the day before".
std::string clock_time(double seconds_after_midnight);

}  // namespace archsim::report

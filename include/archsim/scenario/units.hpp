// The units of the scenario format: sizes (decimal KB..TB and binary KiB..TiB),
// durations (a plain number is an error, never silently seconds), rates,
// bandwidths and fractions. Each parser returns the value in SI base units or
// an error message that says what was expected.
#pragma once
#include <optional>
#include <string>

namespace archsim::scenario {

struct Parsed {
  std::optional<double> value;
  std::string error;  // set when !value
  explicit operator bool() const { return value.has_value(); }
};

Parsed parse_plain_number(const std::string& text);  // 12, 1.5, 1e6, 5_000_000
Parsed parse_integer(const std::string& text);       // whole numbers only
Parsed parse_duration_ns(const std::string& text);   // 250ms -> 2.5e8
Parsed parse_size_bytes(const std::string& text);    // 1KiB -> 1024
Parsed parse_rate_per_s(const std::string& text);    // 12000/min -> 200
Parsed parse_bandwidth(const std::string& text);     // 10MB/s -> 1e7 bytes/s
Parsed parse_fraction(const std::string& text);      // 25% or 0.25 -> 0.25

}  // namespace archsim::scenario

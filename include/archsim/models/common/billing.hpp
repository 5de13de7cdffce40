// Units of AWS bills, in one place so every model prices the same way.
#pragma once

namespace archsim::models {

// AWS prices a month as 730 hours (its pricing pages' convention).
inline constexpr double kHoursPerMonth = 730.0;
inline constexpr double kSecondsPerMonth = kHoursPerMonth * 3600.0;
// A billed GB (per GB stored, ingested or transferred) is 2^30 bytes.
inline constexpr double kBytesPerGB = 1073741824.0;
// A billed TB (Athena and Spectrum scans) is 2^40 bytes, as the catalog takes
// AWS's KB/MB/GB/TB to be binary.
inline constexpr double kBytesPerTB = kBytesPerGB * 1024.0;

}  // namespace archsim::models

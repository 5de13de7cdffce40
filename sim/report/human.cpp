#include "archsim/report/human.hpp"

#include <cmath>
#include <cstdio>

namespace archsim::report {

namespace {
std::string fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}
std::string significant(double v) {
  if (v >= 100) return fmt("%.0f", v);
  if (v >= 10) return fmt("%.1f", v);
  return fmt("%.2f", v);
}
}  // namespace

std::string count(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string seconds(double s) {
  if (s == 0) return "0 s";
  if (s < 0) return seconds(-s).insert(0, 1, '-');  // a chart's axis below 0, where an interval reaches
  if (s < 1e-6) return significant(s * 1e9) + " ns";
  if (s < 1e-3) return significant(s * 1e6) + " us";
  if (s < 1) return significant(s * 1e3) + " ms";
  if (s < 120) return significant(s) + " s";
  if (s < 7200) return significant(s / 60) + " min";
  if (s < 172800) return significant(s / 3600) + " h";
  return significant(s / 86400) + " d";
}

std::string percent(double fraction) {
  const double p = fraction * 100;
  return (p < 10 && p != 0 ? fmt("%.1f", p) : fmt("%.0f", p)) + "%";
}

std::string usd(double dollars) {
  const double cents = std::round(dollars * 100);
  const auto whole = static_cast<std::uint64_t>(cents / 100);
  std::string out = "$";
  out += count(whole);
  out += fmt(".%02.0f", std::fmod(cents, 100));
  return out;
}

std::string bytes(double b) {
  if (b < 1e3) return significant(b) + " B";
  if (b < 1e6) return significant(b / 1e3) + " kB";
  if (b < 1e9) return significant(b / 1e6) + " MB";
  if (b < 1e12) return significant(b / 1e9) + " GB";
  if (b < 1e15) return significant(b / 1e12) + " TB";
  return significant(b / 1e15) + " PB";
}

// A rate too small to read per second (a query workload's 23 in two hours
// would read 0.00/s, as if nothing came) is said per hour or per day.
std::string rate(double per_s) {
  if (per_s >= 100) return count(static_cast<std::uint64_t>(std::llround(per_s))) + "/s";
  if (per_s > 0 && per_s < 0.01) return per_s * 3600 >= 1 ? significant(per_s * 3600) + "/h" : significant(per_s * 86400) + "/day";
  return significant(per_s) + "/s";
}

std::string time_of_day(double seconds_from_start) {
  const auto minutes = static_cast<long long>(seconds_from_start / 60) % (24 * 60);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld", minutes / 60, minutes % 60);
  return buf;
}

std::string clock_time(double seconds_after_midnight) {
  constexpr long long kDay = 86400;
  const long long total = std::llround(seconds_after_midnight);
  const long long days = total >= 0 ? total / kDay : -((-total + kDay - 1) / kDay);
  const long long s = total - days * kDay;
  char buf[48];
  if (s % 60 == 0) std::snprintf(buf, sizeof buf, "%02lld:%02lld", s / 3600, s / 60 % 60);
  else std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
  const std::string clock = buf;
  if (days == 0) return clock;
  if (days == 1) return clock + " the next day";
  if (days == -1) return clock + " the day before";
  return clock + (days > 0 ? " +" : " ") + std::to_string(days) + " d";
}

}  // namespace archsim::report

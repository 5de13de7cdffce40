#include "archsim/scenario/units.hpp"

#include <charconv>
#include <cmath>
#include <utility>
#include <vector>

#include "archsim/scenario/diagnostics.hpp"

namespace archsim::scenario {

namespace {

using UnitTable = std::vector<std::pair<std::string, double>>;

const UnitTable& duration_units() {
  static const UnitTable t = {{"ns", 1},          {"us", 1e3},         {"ms", 1e6},     {"s", 1e9},
                              {"m", 60e9},        {"min", 60e9},       {"h", 3600e9},   {"d", 86400e9}};
  return t;
}
const UnitTable& size_units() {
  static const UnitTable t = {{"B", 1},
                              {"KB", 1e3},
                              {"MB", 1e6},
                              {"GB", 1e9},
                              {"TB", 1e12},
                              {"PB", 1e15},
                              {"KiB", 1024.0},
                              {"MiB", 1048576.0},
                              {"GiB", 1073741824.0},
                              {"TiB", 1099511627776.0},
                              {"PiB", 1125899906842624.0}};
  return t;
}
const UnitTable& per_units() {  // the time unit after '/' in rates and bandwidths, in seconds
  static const UnitTable t = {{"ms", 1e-3}, {"s", 1}, {"min", 60}, {"m", 60}, {"h", 3600}, {"day", 86400}, {"d", 86400}};
  return t;
}

std::vector<std::string> names_of(const UnitTable& t) {
  std::vector<std::string> out;
  for (const auto& [name, factor] : t) out.push_back(name);
  return out;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// Splits "12.5ms" into 12.5 and "ms". Digits may be grouped with '_' or ','.
bool split_number(const std::string& text, double& number, std::string& unit) {
  std::string digits;
  std::size_t i = 0;
  const std::string s = trim(text);
  while (i < s.size()) {
    const char c = s[i];
    if ((c >= '0' && c <= '9') || c == '.' || c == '+' || c == '-') {
      digits += c;
    } else if ((c == 'e' || c == 'E') && i + 1 < s.size() && !digits.empty() &&
               (std::isdigit(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '-' || s[i + 1] == '+')) {
      digits += c;
    } else if ((c == '_' || c == ',') && !digits.empty()) {
      // digit grouping
    } else {
      break;
    }
    ++i;
  }
  if (digits.empty()) return false;
  const char* first = digits.data() + (digits[0] == '+' ? 1 : 0);
  const auto [ptr, ec] = std::from_chars(first, digits.data() + digits.size(), number);
  if (ec != std::errc() || ptr != digits.data() + digits.size() || !std::isfinite(number)) return false;
  unit = trim(s.substr(i));
  return true;
}

Parsed fail(std::string message) { return {std::nullopt, std::move(message)}; }

std::string join(const std::vector<std::string>& words) {
  std::string all;
  for (const auto& w : words) all += (all.empty() ? "" : ", ") + w;
  return all;
}

// A value that overflows once converted to base units (1e300s in ns) is an
// input error, not an infinity for the models to trip over.
Parsed finite(double value, const std::string& text) {
  if (!std::isfinite(value)) return fail("'" + text + "' is too large");
  return {value, {}};
}

Parsed with_unit(const std::string& text, const UnitTable& units, const char* what, const char* example) {
  double number = 0;
  std::string unit;
  if (!split_number(text, number, unit))
    return fail("'" + text + "' is not " + what + "; write a number and a unit, such as " + example);
  if (unit.empty())
    return fail(std::string(what) + " needs a unit: '" + text + "' is a bare number; write, for example, " + example);
  for (const auto& [name, factor] : units)
    if (unit == name) return finite(number * factor, text);
  // "a duration" -> "duration units: ..."
  const std::string kind = std::string(what).substr(std::string(what).find(' ') + 1);
  return fail("unknown unit '" + unit + "' in '" + text + "'" + did_you_mean(unit, names_of(units)) + " (" + kind +
              " units: " + join(names_of(units)) + ")");
}

Parsed per_time(const std::string& text, const char* what, const char* example, bool numerator_is_size) {
  const auto slash = text.rfind('/');
  if (slash == std::string::npos)
    return fail(std::string(what) + " needs '/' and a time unit: '" + text + "'; write, for example, " + example);
  const std::string top = trim(text.substr(0, slash));
  const std::string per = trim(text.substr(slash + 1));
  Parsed amount;
  if (numerator_is_size) {
    amount = with_unit(top, size_units(), "a size", "10MB/s");
  } else {
    amount = parse_plain_number(top);
    if (!amount) return fail("'" + text + "' is not " + what + "; write, for example, " + example);
  }
  if (!amount) return amount;
  for (const auto& [name, seconds] : per_units())
    if (per == name) return finite(*amount.value / seconds, text);
  // Suggest the unit as written, with its slash: '/sec' -> '/s'.
  std::vector<std::string> written;
  for (const auto& name : names_of(per_units())) written.push_back("/" + name);
  return fail("unknown time unit '/" + per + "' in '" + text + "'" + did_you_mean("/" + per, written) +
              " (use /s, /min, /h or /day)");
}

}  // namespace

Parsed parse_plain_number(const std::string& text) {
  double number = 0;
  std::string unit;
  if (!split_number(text, number, unit) || !unit.empty()) return fail("'" + text + "' is not a number");
  return {number, {}};
}

Parsed parse_integer(const std::string& text) {
  Parsed p = parse_plain_number(text);
  if (!p) return fail("'" + text + "' is not a whole number");
  if (*p.value != std::floor(*p.value)) return fail("'" + text + "' is not a whole number");
  // Beyond 2^53 a double no longer holds every whole number exactly.
  if (std::abs(*p.value) > 9.007199254740992e15) return fail("'" + text + "' is too large for a whole number");
  return p;
}

Parsed parse_duration_ns(const std::string& text) {
  return with_unit(text, duration_units(), "a duration", "250ms, 30s, 5m, 2h or 1d");
}

Parsed parse_size_bytes(const std::string& text) {
  return with_unit(text, size_units(), "a size", "512B, 1KB, 5MB or 4MiB");
}

Parsed parse_rate_per_s(const std::string& text) {
  return per_time(text, "a rate", "200/s, 12000/min, 3/h or 2000/day", false);
}

Parsed parse_bandwidth(const std::string& text) { return per_time(text, "a bandwidth", "10MB/s or 1GiB/s", true); }

Parsed parse_fraction(const std::string& text) {
  const std::string s = trim(text);
  if (!s.empty() && s.back() == '%') {
    Parsed p = parse_plain_number(s.substr(0, s.size() - 1));
    if (!p) return fail("'" + text + "' is not a percentage");
    return {*p.value / 100, {}};
  }
  Parsed p = parse_plain_number(s);
  if (!p) return fail("'" + text + "' is not a fraction; write 0.25 or 25%");
  return p;
}

}  // namespace archsim::scenario

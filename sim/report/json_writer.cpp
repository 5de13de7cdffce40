#include "archsim/report/json_writer.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace archsim::report {

std::string JsonWriter::escape(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

// Twelve significant digits keep more than any simulated or priced figure
// means (a run's statistical noise is far larger), and drop what summing
// doubles adds: 15.000000000000002 is 15.
std::string JsonWriter::number(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.12g", v);
  return exact_number(std::strtod(buf, nullptr));
}

std::string JsonWriter::exact_number(double v) {
  if (!std::isfinite(v)) return "null";
  if (v == std::floor(v) && std::abs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  char buf[40];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, end);
}

std::string JsonWriter::figure(const std::string& key, double v) const {
  if (exact_) return exact_number(v);
  return is_money(key) ? money(v) : number(v);
}

std::string JsonWriter::money(double usd) {
  return std::isfinite(usd) ? number(std::round(usd * 1000) / 1000) : "null";
}

bool JsonWriter::is_money(const std::string& key) {
  return key == "usd" || key.rfind("usd_", 0) == 0 || key.find("_usd") != std::string::npos;
}

void JsonWriter::newline() {
  out_ += '\n';
  out_.append(2 * first_.size(), ' ');
}

void JsonWriter::prefix(const std::string& key) {
  if (!first_.empty()) {
    if (!first_.back()) out_ += ",";
    first_.back() = false;
    newline();
  }
  if (!key.empty()) out_ += escape(key) + ": ";
}

JsonWriter& JsonWriter::begin_object(const std::string& key) {
  prefix(key);
  out_ += "{";
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  const bool empty = first_.back();
  first_.pop_back();
  if (!empty) newline();
  out_ += "}";
  return *this;
}

JsonWriter& JsonWriter::begin_array(const std::string& key) {
  prefix(key);
  out_ += "[";
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  const bool empty = first_.back();
  first_.pop_back();
  if (!empty) newline();
  out_ += "]";
  return *this;
}

JsonWriter& JsonWriter::value(const std::string& key, const std::string& v) {
  prefix(key);
  out_ += escape(v);
  return *this;
}

JsonWriter& JsonWriter::value(const std::string& key, double v) {
  prefix(key);
  out_ += figure(key, v);
  return *this;
}

JsonWriter& JsonWriter::value(const std::string& key, std::uint64_t v) {
  prefix(key);
  out_ += std::to_string(v);
  return *this;
}

JsonWriter& JsonWriter::value(const std::string& key, bool v) {
  prefix(key);
  out_ += v ? "true" : "false";
  return *this;
}

// Series go on one line each: they are long and read by programs, not people.
JsonWriter& JsonWriter::numbers(const std::string& key, const std::vector<double>& values) {
  prefix(key);
  out_ += "[";
  for (std::size_t i = 0; i < values.size(); ++i) out_ += (i ? ", " : "") + figure(key, values[i]);
  out_ += "]";
  return *this;
}

}  // namespace archsim::report

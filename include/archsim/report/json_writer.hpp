// A small streaming JSON writer: keys in the order written, numbers to
// twelve significant digits in their shortest form (so the same run gives
// the same bytes, without the noise of summing doubles), money (a key with
// `usd` in its name) to a tenth of a cent, non-finite numbers as null,
// strings escaped. An exact writer keeps every double's shortest round-trip
// form instead, for JSON that archsim reads back (a sweep's parts).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace archsim::report {

class JsonWriter {
 public:
  enum class Digits { kReadable, kExact };
  explicit JsonWriter(Digits digits = Digits::kReadable) : exact_(digits == Digits::kExact) {}
  JsonWriter& begin_object(const std::string& key = {});
  JsonWriter& end_object();
  JsonWriter& begin_array(const std::string& key = {});
  JsonWriter& end_array();
  JsonWriter& value(const std::string& key, const std::string& v);
  JsonWriter& value(const std::string& key, const char* v) { return value(key, std::string(v)); }
  JsonWriter& value(const std::string& key, double v);
  JsonWriter& value(const std::string& key, std::uint64_t v);
  JsonWriter& value(const std::string& key, bool v);
  JsonWriter& numbers(const std::string& key, const std::vector<double>& values);
  std::string str() const { return out_ + "\n"; }

  static std::string escape(const std::string& s);
  static std::string number(double v);
  static std::string exact_number(double v);
  static std::string money(double usd);
  // Whether a key names US dollars: "usd", "usd_...", or "..._usd...".
  static bool is_money(const std::string& key);

 private:
  void prefix(const std::string& key);
  void newline();
  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written yet
  bool exact_ = false;
  std::string figure(const std::string& key, double v) const;
};

}  // namespace archsim::report

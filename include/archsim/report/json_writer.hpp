// A small streaming JSON writer: keys in the order written, numbers in their
// shortest round-trip form (so the same run gives the same bytes), non-finite
// numbers as null, strings escaped.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace archsim::report {

class JsonWriter {
 public:
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

 private:
  void prefix(const std::string& key);
  void newline();
  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written yet
};

}  // namespace archsim::report

// A minimal JSON reader for tests: enough to walk archsim's own results by
// path ("components.counter.latency_s.p99") without trusting string matching.
#pragma once
#include <cctype>
#include <cstdlib>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace archsim::testing {

struct Json {
  enum class Kind { null, boolean, number, string, array, object } kind = Kind::null;
  bool boolean = false;
  double number = 0;
  std::string text;
  std::vector<Json> items;
  std::vector<std::pair<std::string, Json>> members;  // in document order

  const Json* get(const std::string& key) const {
    for (const auto& [k, v] : members)
      if (k == key) return &v;
    return nullptr;
  }
  // Follows a dotted path; nullptr if any step is missing.
  const Json* at(const std::string& path) const {
    const Json* node = this;
    std::size_t start = 0;
    while (node && start <= path.size()) {
      const auto dot = path.find('.', start);
      const std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      node = node->get(key);
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    return node;
  }

  static Json parse(const std::string& s) {
    std::size_t i = 0;
    Json v = value(s, i);
    skip(s, i);
    if (i != s.size()) throw std::runtime_error("trailing characters in JSON");
    return v;
  }

 private:
  static void skip(const std::string& s, std::size_t& i) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  }
  static void expect(const std::string& s, std::size_t& i, char c) {
    skip(s, i);
    if (i >= s.size() || s[i] != c) throw std::runtime_error(std::string("expected '") + c + "' in JSON");
    ++i;
  }
  static std::string string_value(const std::string& s, std::size_t& i) {
    expect(s, i, '"');
    std::string out;
    while (i < s.size() && s[i] != '"') {
      if (s[i] == '\\') {
        ++i;
        const char e = s[i];
        if (e == 'n') out += '\n';
        else if (e == 't') out += '\t';
        else if (e == 'r') out += '\r';
        else if (e == 'u') {
          out += static_cast<char>(std::strtol(s.substr(i + 1, 4).c_str(), nullptr, 16));
          i += 4;
        } else out += e;
        ++i;
      } else {
        out += s[i++];
      }
    }
    expect(s, i, '"');
    return out;
  }
  static Json value(const std::string& s, std::size_t& i) {
    skip(s, i);
    Json v;
    if (i >= s.size()) throw std::runtime_error("unexpected end of JSON");
    const char c = s[i];
    if (c == '{') {
      v.kind = Kind::object;
      ++i;
      skip(s, i);
      if (s[i] == '}') return ++i, v;
      for (;;) {
        std::string key = string_value(s, i);
        expect(s, i, ':');
        v.members.emplace_back(key, value(s, i));
        skip(s, i);
        if (s[i] == ',') { ++i; continue; }
        expect(s, i, '}');
        return v;
      }
    }
    if (c == '[') {
      v.kind = Kind::array;
      ++i;
      skip(s, i);
      if (s[i] == ']') return ++i, v;
      for (;;) {
        v.items.push_back(value(s, i));
        skip(s, i);
        if (s[i] == ',') { ++i; continue; }
        expect(s, i, ']');
        return v;
      }
    }
    if (c == '"') {
      v.kind = Kind::string;
      v.text = string_value(s, i);
      return v;
    }
    if (s.compare(i, 4, "true") == 0) return i += 4, v.kind = Kind::boolean, v.boolean = true, v;
    if (s.compare(i, 5, "false") == 0) return i += 5, v.kind = Kind::boolean, v;
    if (s.compare(i, 4, "null") == 0) return i += 4, v;
    char* end = nullptr;
    v.number = std::strtod(s.c_str() + i, &end);
    if (end == s.c_str() + i) throw std::runtime_error("bad JSON value");
    v.kind = Kind::number;
    i = static_cast<std::size_t>(end - s.c_str());
    return v;
  }
};

}  // namespace archsim::testing

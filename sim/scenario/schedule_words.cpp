#include "archsim/scenario/schedule_words.hpp"

#include <cctype>
#include <cstdio>
#include <regex>
#include <sstream>
#include <vector>

namespace archsim::scenario {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string clock(int hour, int minute) {
  char out[32];  // room for any two ints: the compiler cannot see they are clock values
  std::snprintf(out, sizeof out, "%02d:%02d", hour, minute);
  return out;
}

// "30 minutes" -> "30m"; a unit alone counts one.
std::string duration_words(const std::string& number, const std::string& unit) {
  static const std::vector<std::pair<std::regex, const char*>> units = {
      {std::regex("s|secs?|seconds?"), "s"},
      {std::regex("m|mins?|minutes?"), "m"},
      {std::regex("h|hrs?|hours?"), "h"},
      {std::regex("d|days?"), "d"},
  };
  for (const auto& [pattern, symbol] : units)
    if (std::regex_match(unit, pattern)) return (number.empty() ? "1" : number) + symbol;
  return "";
}

// A cron expression's minute and hour, the rest every day: Glue triggers and
// EventBridge take cron(MIN HOUR DOM MONTH DOW [YEAR]).
std::string from_cron(const std::string& fields_text) {
  std::istringstream in(fields_text);
  std::vector<std::string> f;
  for (std::string word; in >> word;) f.push_back(word);
  if (f.size() < 5 || f.size() > 6) return "";
  for (std::size_t i = 2; i < f.size(); ++i)
    if (f[i] != "*" && f[i] != "?") return "";
  const std::regex number("\\d{1,2}"), step("\\*/(\\d{1,2})");
  std::smatch m;
  if (std::regex_match(f[0], number) && std::regex_match(f[1], number)) {
    const int minute = std::stoi(f[0]), hour = std::stoi(f[1]);
    return minute < 60 && hour < 24 ? "daily at " + clock(hour, minute) : "";
  }
  if (std::regex_match(f[0], number) && f[1] == "*") return "every 1h";
  if (std::regex_match(f[0], number) && std::regex_match(f[1], m, step)) return "every " + m[1].str() + "h";
  if (std::regex_match(f[0], m, step) && f[1] == "*") return "every " + m[1].str() + "m";
  return "";
}

}  // namespace

// Suggestions are for what a person types: a long value is not one, and
// std::regex recurses on its length.
constexpr std::size_t kLongest = 64;

std::string suggested_time_of_day(const std::string& text) {
  if (text.size() > kLongest) return "";
  static const std::regex loose("\\s*(\\d{1,2})(?:[:.h](\\d{2}))?\\s*(am|pm|a\\.m\\.|p\\.m\\.|h|o'clock)?\\s*");
  std::smatch m;
  const std::string t = lower(text);
  if (!std::regex_match(t, m, loose)) return "";
  int hour = std::stoi(m[1].str());
  const int minute = m[2].matched ? std::stoi(m[2].str()) : 0;
  const std::string half = m[3].str();
  if (half.rfind("a", 0) == 0 || half.rfind("p", 0) == 0) {
    if (hour < 1 || hour > 12) return "";
    hour = hour % 12 + (half[0] == 'p' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return "";
  return clock(hour, minute);
}

std::string did_you_mean_time_of_day(const std::string& text) {
  const std::string close = suggested_time_of_day(text);
  return close.empty() || close == text ? "" : "; did you mean \"" + close + "\"?";
}

std::string suggested_schedule(const std::string& text) {
  if (text.size() > kLongest) return "";
  const std::string t = lower(text);
  std::smatch m;
  if (std::regex_match(t, std::regex("\\s*on[ _-]?arrivals?\\s*"))) return "on_arrival";
  if (std::regex_match(t, m, std::regex("\\s*cron\\((.*)\\)\\s*")) || std::regex_match(t, m, std::regex("\\s*([-0-9*/?,]+(?:\\s+[-0-9*/?,a-z]+){4,5})\\s*")))
    return from_cron(m[1].str());
  if (std::regex_match(t, m, std::regex("\\s*rate\\(\\s*(\\d+)\\s+([a-z]+)\\s*\\)\\s*"))) {
    const std::string d = duration_words(m[1].str(), m[2].str());
    return d.empty() ? "" : "every " + d;
  }
  if (std::regex_match(t, std::regex("\\s*hourly\\s*"))) return "every 1h";
  if (std::regex_match(t, m, std::regex("\\s*every\\s+(\\d*)\\s*([a-z]+)\\s*"))) {
    const std::string d = duration_words(m[1].str(), m[2].str());
    return d.empty() ? "" : "every " + d;
  }
  // "daily 2am", "daily at 2am", "nightly at 02:00", "every day at 6pm", "at 2am daily"
  if (std::regex_match(t, m, std::regex("\\s*(?:daily|nightly|every\\s+day|each\\s+day)\\s*(?:at\\s+)?(.+?)\\s*")) ||
      std::regex_match(t, m, std::regex("\\s*(?:at\\s+)?(.+?)\\s+(?:daily|nightly|every\\s+day)\\s*"))) {
    const std::string at = suggested_time_of_day(m[1].str());
    return at.empty() ? "" : "daily at " + at;
  }
  if (std::regex_match(t, std::regex("\\s*(?:daily|nightly|midnight)\\s*"))) return "daily at 00:00";
  return "";
}

}  // namespace archsim::scenario

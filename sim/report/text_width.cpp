#include "archsim/report/text_width.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "archsim/report/human.hpp"

namespace archsim::report {

namespace {

// Where the ANSI sequence starting at `i` ends (one past its final letter).
std::size_t escape_end(const std::string& s, std::size_t i) {
  std::size_t j = i + 1;
  if (j < s.size() && s[j] == '[') ++j;
  while (j < s.size() && !std::isalpha(static_cast<unsigned char>(s[j]))) ++j;
  return j < s.size() ? j + 1 : j;
}

bool continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The width of what opens a line and should stay left of its continuations:
// the indent, then a list marker or the label a suggestion starts with.
std::size_t hanging_indent(const std::string& line) {
  const std::size_t indent = line.find_first_not_of(' ');
  if (indent == std::string::npos) return 0;
  const std::string rest = line.substr(indent);
  if (rest.rfind("- ", 0) == 0) return indent + 2;
  if (rest.rfind("Try: ", 0) == 0) return indent + 5;
  std::size_t digits = 0;
  while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits]))) ++digits;
  if (digits > 0 && rest.compare(digits, 2, ". ") == 0) return indent + digits + 2;
  return indent + 2;
}

// Whether the space at `i` follows an option ("--set"): kept with its value,
// so that a suggested command copies whole.
bool after_option(const std::string& s, std::size_t i) {
  const std::size_t start = s.rfind(' ', i - 1);
  const std::size_t word = start == std::string::npos ? 0 : start + 1;
  return s.compare(word, 2, "--") == 0 || s.compare(word, 3, "(--") == 0;
}

// Whether the space at `i` sits between a number and its unit ("16.0 s",
// "2.00 TB"): a figure is read whole.
bool before_unit(const std::string& s, std::size_t i) {
  if (i == 0 || !std::isdigit(static_cast<unsigned char>(s[i - 1]))) return false;
  std::size_t j = i + 1;
  while (j < s.size() && std::isalpha(static_cast<unsigned char>(s[j]))) ++j;
  const std::size_t letters = j - i - 1;
  return letters >= 1 && letters <= 3 && (j == s.size() || !std::isalnum(static_cast<unsigned char>(s[j])));
}

// Appends `line` to `out` in pieces no wider than `width` where it has spaces to break at.
void fit_line(const std::string& line, std::size_t width, std::string& out) {
  // A continuation keeps at least half the width for its text.
  const std::size_t hang = std::min(hanging_indent(line), width / 2);
  // The first break may not fall inside the indent or marker.
  std::size_t keep = line.find_first_not_of(' ');
  keep = keep == std::string::npos ? line.size() : std::min(hang, line.size());
  std::string rest = line;
  for (;;) {
    std::size_t column = 0, last_space = std::string::npos, over = std::string::npos;
    for (std::size_t i = 0; i < rest.size();) {
      if (rest[i] == '\x1b') {
        i = escape_end(rest, i);
        continue;
      }
      if (rest[i] == ' ' && i >= keep && column <= width && !after_option(rest, i) &&
          !before_unit(rest, i))
        last_space = i;
      if (!continuation_byte(rest[i])) ++column;
      if (column > width && over == std::string::npos) over = i;
      ++i;
      if (over != std::string::npos && last_space != std::string::npos) break;
    }
    if (over == std::string::npos) break;
    std::size_t cut = last_space;
    if (cut == std::string::npos) {  // a word wider than the room: keep it whole, break after it
      cut = rest.find(' ', std::max(over, keep));
      if (cut == std::string::npos) break;
    }
    std::size_t end = cut;
    while (end > 0 && rest[end - 1] == ' ') --end;
    if (end <= keep && rest.find_first_not_of(' ') >= end) break;  // nothing but the indent before it
    std::size_t next = cut;
    while (next < rest.size() && rest[next] == ' ') ++next;
    if (next == rest.size()) break;
    out.append(rest, 0, end);
    out += '\n';
    rest = std::string(hang, ' ') + rest.substr(next);
    keep = hang;
  }
  out += rest;
}

}  // namespace

std::size_t display_width(const std::string& line) {
  std::size_t column = 0;
  for (std::size_t i = 0; i < line.size();) {
    if (line[i] == '\x1b') {
      i = escape_end(line, i);
      continue;
    }
    if (!continuation_byte(line[i])) ++column;
    ++i;
  }
  return column;
}

std::string fit_width(const std::string& text, std::size_t width) {
  if (width == 0) return text;
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    const bool newline = end != std::string::npos;
    if (!newline) end = text.size();
    const std::string line = text.substr(start, end - start);
    if (display_width(line) <= width) out += line;
    else fit_line(line, width, out);
    if (newline) out += '\n';
    start = end + 1;
  }
  return out;
}

std::string elided_chain(const std::vector<std::string>& names, const std::string& separator, bool wide,
                         std::size_t keep_each_end) {
  std::string out;
  const bool elide = !wide && names.size() > 2 * keep_each_end + 1;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (elide && i == keep_each_end) {
      out += separator + "... " + count(names.size() - 2 * keep_each_end) + " more ...";
      i = names.size() - keep_each_end - 1;
      continue;
    }
    if (i > 0) out += separator;
    out += names[i];
  }
  return out;
}

}  // namespace archsim::report

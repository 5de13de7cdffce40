#include "archsim/report/table.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace archsim::report {

std::string Table::str(const std::string& indent, const Paint& paint) const {
  std::vector<std::size_t> width;
  for (const auto& r : rows_)
    for (std::size_t i = 0; i < r.size(); ++i) {
      if (width.size() <= i) width.push_back(0);
      width[i] = std::max(width[i], r[i].size());
    }
  std::ostringstream out;
  for (std::size_t n = 0; n < rows_.size(); ++n) {
    const auto& r = rows_[n];
    std::string line = indent;
    for (std::size_t i = 0; i < r.size(); ++i) {
      const std::string pad(width[i] - r[i].size(), ' ');
      const std::string cell = paint ? paint(n, i, r[i]) : r[i];
      if (i > 0) line += "  ";
      line += right_.count(i) ? pad + cell : cell + pad;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
  return out.str();
}

std::string Table::markdown() const {
  std::ostringstream out;
  const std::size_t columns = rows_.front().size();
  for (std::size_t n = 0; n < rows_.size(); ++n) {
    out << "|";
    for (std::size_t i = 0; i < columns; ++i) {
      const std::string cell = i < rows_[n].size() ? markdown_escape(rows_[n][i]) : "";
      out << " " << cell << (cell.empty() ? "|" : " |");
    }
    out << "\n";
    if (n == 0) {
      out << "|";
      for (std::size_t i = 0; i < columns; ++i) out << (right_.count(i) ? "---:|" : "---|");
      out << "\n";
    }
  }
  return out.str();
}

std::string Table::html() const {
  std::ostringstream out;
  const std::size_t columns = rows_.front().size();
  out << "<table>\n";
  for (std::size_t n = 0; n < rows_.size(); ++n) {
    const char* cell_tag = n == 0 ? "th" : "td";
    out << (n == 0 ? "<thead><tr>" : "<tr>");
    for (std::size_t i = 0; i < columns; ++i) {
      out << "<" << cell_tag << (right_.count(i) ? " class=\"num\"" : "") << ">"
          << (i < rows_[n].size() ? html_escape(rows_[n][i]) : "") << "</" << cell_tag << ">";
    }
    out << (n == 0 ? "</tr></thead>\n<tbody>\n" : "</tr>\n");
  }
  out << "</tbody></table>\n";
  return out.str();
}

std::string html_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool blank_at(const std::string& s, std::size_t i) { return i >= s.size() || s[i] == ' ' || s[i] == '\t'; }

// Where the text, put at the start of a line, would open a block (a list
// item, a numbered item, a setext underline), the position of the character
// whose escape keeps it text; npos otherwise.
std::size_t block_marker(const std::string& text) {
  if (text.empty()) return std::string::npos;
  const char first = text[0];
  if ((first == '-' || first == '+') && text.size() > 1 && blank_at(text, 1)) return 0;
  if ((first == '-' || first == '=') && text.size() > 1 && text.find_first_not_of(first) == std::string::npos)
    return 0;
  std::size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits > 0 && digits < text.size() && (text[digits] == '.' || text[digits] == ')') && blank_at(text, digits + 1))
    return digits;
  return std::string::npos;
}

}  // namespace

std::string markdown_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  const std::size_t marker = block_marker(text);
  const bool math = std::count(text.begin(), text.end(), '$') > 1;  // GitHub's $...$ needs a pair
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const char next = i + 1 < text.size() ? text[i + 1] : '\0';
    switch (c) {
      case '\\': case '`': case '*': case '~': case '[': case ']': case '|': case '#':
        out += '\\';
        out += c;
        break;
      case '$':
        out += math ? "\\$" : "$";
        break;
      case '_':  // inside a word an underscore never formats: stock_table stays readable
        out += i > 0 && word_char(text[i - 1]) && word_char(next) ? "_" : "\\_";
        break;
      case '<': out += "&lt;"; break;  // an HTML tag or an autolink
      case '>': out += i == 0 ? "&gt;" : ">"; break;  // a block quote, only at the start
      case '&': out += word_char(next) || next == '#' ? "&amp;" : "&"; break;  // an entity
      case '\r':
        if (next != '\n') out += ' ';
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          out += ' ';
        } else {
          if (i == marker) out += '\\';
          out += c;
        }
    }
  }
  return out;
}

}  // namespace archsim::report

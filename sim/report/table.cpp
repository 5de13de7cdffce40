#include "archsim/report/table.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace archsim::report {

std::string Table::part(const std::string& indent, const Paint& paint, const std::vector<std::size_t>& width,
                        const std::vector<std::size_t>& columns) const {
  std::ostringstream out;
  for (std::size_t n = 0; n < rows_.size(); ++n) {
    const auto& r = rows_[n];
    std::string line = indent;
    bool first = true;
    for (const std::size_t i : columns) {
      const std::string plain = i < r.size() ? r[i] : "";
      const std::string pad(width[i] - plain.size(), ' ');
      const std::string cell = paint ? paint(n, i, plain) : plain;
      if (!first) line += "  ";
      first = false;
      line += right_.count(i) ? pad + cell : cell + pad;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
  return out.str();
}

std::vector<std::vector<std::size_t>> Table::groups(const Span& span, double budget) const {
  const std::size_t columns = rows_.front().size();
  std::vector<std::size_t> all(columns);
  for (std::size_t i = 0; i < columns; ++i) all[i] = i;
  if (budget <= 0 || span(all) <= budget || columns <= keys_ + 1) return {all};
  // The keys, then as many of the other columns as fit, at least one.
  std::vector<std::vector<std::size_t>> out;
  std::vector<std::size_t> group(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(keys_));
  for (std::size_t i = keys_; i < columns; ++i) {
    group.push_back(i);
    if (group.size() > keys_ + 1 && span(group) > budget) {
      group.pop_back();
      out.push_back(group);
      group.resize(keys_);
      group.push_back(i);
    }
  }
  out.push_back(group);
  return out;
}

std::string Table::str(const std::string& indent, const Paint& paint, std::size_t max_width) const {
  std::vector<std::size_t> width(rows_.front().size(), 0);
  for (const auto& r : rows_)
    for (std::size_t i = 0; i < r.size() && i < width.size(); ++i) width[i] = std::max(width[i], r[i].size());
  const auto span = [&](const std::vector<std::size_t>& columns) {
    double total = static_cast<double>(indent.size());
    for (std::size_t k = 0; k < columns.size(); ++k) total += static_cast<double>(width[columns[k]] + (k > 0 ? 2 : 0));
    return total;
  };
  std::string out;
  for (const auto& group : groups(span, static_cast<double>(max_width))) {
    if (!out.empty()) out += '\n';
    out += part(indent, paint, width, group);
  }
  return out;
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

namespace {
// A text's width in the tables' type of html_style.hpp (16-pixel DejaVu Sans,
// the header bold), by the font's own advance widths, rounded up.
double text_px(const std::string& text, bool bold) {
  double px = 0;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c & 0xC0) == 0x80) continue;  // the rest of a UTF-8 character
    if (std::isdigit(c) || c == '$' || c == '#' || c == '_' || c == '-') px += 10.2;
    else if (c == ',' || c == '.' || c == ':' || c == ';' || c == ' ' || c == '\'' || c == '|') px += 5.4;
    else if (c == '(' || c == ')' || c == '/' || c == 'i' || c == 'l' || c == 'j' || c == 'f' || c == 't') px += 6.3;
    else if (c == '%' || c == 'm' || c == 'w' || c == 'M' || c == 'W') px += 15.2;
    else if (std::isupper(c)) px += 11.5;
    else px += 9.8;
  }
  return bold ? px * 1.12 : px;
}

// The widest a cell can be made: a figure stays on one line, words wrap.
double least_px(const std::string& cell, bool whole, bool bold) {
  if (whole) return text_px(cell, bold);
  double most = 0;
  std::size_t start = 0;
  while (start <= cell.size()) {
    const std::size_t end = std::min(cell.find(' ', start), cell.size());
    most = std::max(most, text_px(cell.substr(start, end - start), bold));
    start = end + 1;
  }
  return most;
}

// Each cell's padding and border (html_style.hpp).
constexpr double kCellPaddingPx = 21;
}  // namespace

std::string Table::html(double max_px) const {
  const std::size_t columns = rows_.front().size();
  // A column's width on the page: a number stays on one line, words wrap.
  std::vector<double> width(columns, 0);
  for (std::size_t n = 0; n < rows_.size(); ++n)
    for (std::size_t i = 0; i < columns && i < rows_[n].size(); ++i)
      width[i] = std::max(width[i], least_px(rows_[n][i], n > 0 && right_.count(i), n == 0) + kCellPaddingPx);
  const auto span = [&](const std::vector<std::size_t>& group) {
    double total = 0;
    for (const std::size_t i : group) total += width[i];
    return total;
  };
  std::ostringstream out;
  for (const auto& group : groups(span, max_px)) {
    out << "<table>\n";
    for (std::size_t n = 0; n < rows_.size(); ++n) {
      const char* cell_tag = n == 0 ? "th" : "td";
      out << (n == 0 ? "<thead><tr>" : "<tr>");
      for (const std::size_t i : group)
        out << "<" << cell_tag << (right_.count(i) ? " class=\"num\"" : "") << ">"
            << (i < rows_[n].size() ? html_escape(rows_[n][i]) : "") << "</" << cell_tag << ">";
      out << (n == 0 ? "</tr></thead>\n<tbody>\n" : "</tr>\n");
    }
    out << "</tbody></table>\n";
  }
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

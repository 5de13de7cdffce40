// A table whose columns size themselves to their widest cell, for terminal
// reports, or written as a GitHub-flavoured Markdown table. Numbers read best
// right-aligned, words left-aligned.
#pragma once
#include <functional>
#include <set>
#include <string>
#include <vector>

namespace archsim::report {

class Table {
 public:
  // Decorates a cell once it is padded to its column (row 0 is the header),
  // e.g. with terminal colour; the padding is measured on the plain cell.
  using Paint = std::function<std::string(std::size_t row, std::size_t column, const std::string& cell)>;

  Table(std::vector<std::string> header, std::set<std::size_t> right_aligned)
      : right_(std::move(right_aligned)) {
    rows_.push_back(std::move(header));
  }
  void row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  std::size_t rows() const { return rows_.size() - 1; }  // not counting the header
  // Each row on its own line after `indent`, columns two spaces apart.
  std::string str(const std::string& indent = "  ", const Paint& paint = {}) const;
  // A Markdown table, every cell escaped with markdown_escape.
  std::string markdown() const;
  // An HTML <table>, every cell escaped with html_escape; right-aligned
  // columns get class "num".
  std::string html() const;

 private:
  std::vector<std::vector<std::string>> rows_;
  std::set<std::size_t> right_;
};

// Text as Markdown shows it, not as markup: characters that would format
// (emphasis, code, links, HTML, tables, headings, GitHub's math) are escaped,
// and line breaks become spaces, so the text stays in its table cell or line.
std::string markdown_escape(const std::string& text);

// Text as HTML (and SVG) shows it: &, <, >, " and ' as character references,
// so it can go in an element or an attribute value.
std::string html_escape(const std::string& text);

}  // namespace archsim::report

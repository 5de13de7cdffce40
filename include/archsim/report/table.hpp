// A table whose columns size themselves to their widest cell, for terminal
// reports, or written as a GitHub-flavoured Markdown table. Numbers read best
// right-aligned, words left-aligned.
#pragma once
#include <functional>
#include <set>
#include <string>
#include <vector>

namespace archsim::report {

// What a table may take on an HTML page in a window 1280 pixels wide
// (html_style.hpp: 1,201 pixels inside the page's padding and a scroll bar).
inline constexpr double kHtmlTablePx = 1180;

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
  // The first `n` columns name a row (a component, a path and a component):
  // they are repeated in each part of a table split to fit a width.
  Table& keys(std::size_t n) {
    keys_ = n;
    return *this;
  }
  // Each row on its own line after `indent`, columns two spaces apart. Wider
  // than `width` (0: no limit), the columns after the keys are split into
  // groups that fit, each printed as a table of its own under the keys.
  std::string str(const std::string& indent = "  ", const Paint& paint = {}, std::size_t width = 0) const;
  // A Markdown table, every cell escaped with markdown_escape.
  std::string markdown() const;
  // An HTML <table>, every cell escaped with html_escape; right-aligned
  // columns get class "num". Wider than `max_px` on the page (as the shared
  // style sets it: a figure on one line, words wrapping), it is split into
  // tables of column groups under the keys, as str() splits.
  std::string html(double max_px = kHtmlTablePx) const;

 private:
  std::vector<std::vector<std::string>> rows_;
  std::set<std::size_t> right_;
  std::size_t keys_ = 1;

  std::string part(const std::string& indent, const Paint& paint, const std::vector<std::size_t>& width,
                   const std::vector<std::size_t>& columns) const;
  // The columns in groups whose span (by `span`) fits `budget` (0: one group of all).
  using Span = std::function<double(const std::vector<std::size_t>&)>;
  std::vector<std::vector<std::size_t>> groups(const Span& span, double budget) const;
};

// Text as Markdown shows it, not as markup: characters that would format
// (emphasis, code, links, HTML, tables, headings, GitHub's math) are escaped,
// and line breaks become spaces, so the text stays in its table cell or line.
std::string markdown_escape(const std::string& text);

// Text as HTML (and SVG) shows it: &, <, >, " and ' as character references,
// so it can go in an element or an attribute value.
std::string html_escape(const std::string& text);

}  // namespace archsim::report

#include <doctest/doctest.h>

#include <set>
#include <sstream>

#include "archsim/report/table.hpp"
#include "archsim/report/text_width.hpp"

using archsim::report::display_width;
using archsim::report::elided_chain;
using archsim::report::fit_width;
using archsim::report::Table;

namespace {
std::size_t widest(const std::string& text) {
  std::istringstream in(text);
  std::size_t most = 0;
  for (std::string line; std::getline(in, line);) most = std::max(most, display_width(line));
  return most;
}
// The words of a text, whatever its line breaks and indents.
std::string words(const std::string& text) {
  std::istringstream in(text);
  std::string out, w;
  while (in >> w) out += w + " ";
  return out;
}
}  // namespace

TEST_CASE("text width: a character is a column, a colour sequence none") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("a · b") == 5);  // the middle dot is two bytes, one column
  CHECK(display_width("\x1b[31mFAIL\x1b[0m x") == 6);
}

TEST_CASE("text width: long lines wrap at spaces under their own indent, and lose no word") {
  const std::string line =
      "  1. kinesis 'inventory_stream', shard write limit (1,000 records/s and 1 MiB/s per shard): dropped 1,048,776 "
      "records, worst around 13:52 (13.9 h in)";
  const std::string text = "Title\n" + line + "\n     Try: shards from 350 to 426: simulated again, it drops 0 "
                           "records (now 1,048,776), and the design costs $836.45 a month more\n";
  const std::string fitted = fit_width(text, 40);
  CHECK(widest(fitted) <= 40);
  CHECK(words(fitted) == words(text));
  std::istringstream in(fitted);
  std::string first, second, third;
  std::getline(in, first);
  std::getline(in, second);
  std::getline(in, third);
  CHECK(second.rfind("  1. kinesis", 0) == 0);
  CHECK(third.rfind("     kinesis", 0) != 0);
  CHECK(third.rfind("     ", 0) == 0);  // under the text after "1. ", not under the number
  CHECK(third[5] != ' ');
  // The suggestion's continuations sit under the text after "Try: ".
  CHECK(fitted.find("\n          ") != std::string::npos);
  // Short lines, and width 0, are left as they are.
  CHECK(fit_width("short\n", 40) == "short\n");
  CHECK(fit_width(text, 0) == text);
}

TEST_CASE("text width: an option stays with its value, and a word wider than the room is left whole") {
  const std::string text = "the design costs the same a month (--set components.stock_aggregator.window=1s)\n";
  const std::string fitted = fit_width(text, 50);
  CHECK(fitted.find("(--set components.stock_aggregator.window=1s)") != std::string::npos);
  const std::string long_word = "see " + std::string(80, 'x') + " there\n";
  const std::string broken = fit_width(long_word, 30);
  CHECK(broken.find(std::string(80, 'x')) != std::string::npos);
  CHECK(words(broken) == words(long_word));
}

TEST_CASE("text width: a table wider than the screen splits its columns in groups under its keys") {
  Table t({"component", "reader", "a", "b", "c", "d"}, {2, 3, 4, 5});
  t.keys(2);
  t.row({"inventory_stream", "stock_aggregator", "1,000,000,000", "2,000,000,000", "3,000,000,000", "4"});
  t.row({"", "archive", "5", "6", "7", "8"});
  const std::string whole = t.str("  ");
  CHECK(widest(whole) > 60);
  CHECK(t.str("  ", {}, 0) == whole);
  const std::string split = t.str("  ", {}, 60);
  CHECK(widest(split) <= 60);
  // Every value is still there, and each group repeats both keys.
  for (const std::string v : {"1,000,000,000", "2,000,000,000", "3,000,000,000", "  4", "  8"})
    CHECK_MESSAGE(split.find(v) != std::string::npos, v);
  std::size_t groups = 0;
  for (std::size_t at = split.find("component  "); at != std::string::npos; at = split.find("component  ", at + 1))
    ++groups;
  CHECK(groups >= 2);
  CHECK(split.find("\n\n") != std::string::npos);  // groups are apart
  // A table that fits is untouched.
  CHECK(t.str("  ", {}, 200) == whole);
}

TEST_CASE("text width: a long chain keeps its ends and says how many it left out") {
  std::vector<std::string> names;
  for (int i = 0; i < 10000; ++i) names.push_back("c" + std::to_string(i));
  const std::string short_chain = elided_chain(names, " -> ", false);
  CHECK(short_chain == "c0 -> c1 -> c2 -> ... 9,994 more ... -> c9997 -> c9998 -> c9999");
  CHECK(elided_chain(names, " -> ", true).size() > 60000);
  const std::vector<std::string> seven(names.begin(), names.begin() + 7);
  CHECK(elided_chain(seven, " -> ", false) == "c0 -> c1 -> c2 -> c3 -> c4 -> c5 -> c6");
}

TEST_CASE("html width: a table too wide for a 1280-pixel page is split in tables under its keys") {
  std::vector<std::string> header{"component"};
  std::vector<std::string> cells{"inventory_stream"};
  std::set<std::size_t> right;
  for (std::size_t i = 1; i <= 14; ++i) {
    header.push_back("figure " + std::to_string(i));
    cells.push_back("8,639,895,956");
    right.insert(i);
  }
  Table t(header, right);
  t.row(cells);
  const auto tables = [](const std::string& html) {
    std::size_t n = 0;
    for (std::size_t at = html.find("<table>"); at != std::string::npos; at = html.find("<table>", at + 1)) ++n;
    return n;
  };
  // 14 figures of 13 characters (about 140 pixels each with padding) need two or more tables.
  const std::string split = t.html();
  CHECK(tables(split) >= 2);
  std::size_t keys = 0;
  for (std::size_t at = split.find("<td>inventory_stream</td>"); at != std::string::npos;
       at = split.find("<td>inventory_stream</td>", at + 1))
    ++keys;
  CHECK(keys == tables(split));
  for (std::size_t i = 1; i <= 14; ++i)
    CHECK_MESSAGE(split.find("<th class=\"num\">figure " + std::to_string(i) + "</th>") != std::string::npos, i);
  // Room enough, or a narrow table: one table.
  CHECK(tables(t.html(1e6)) == 1);
  Table narrow({"path", "mean"}, {1});
  narrow.row({"a -> b", "1.00 s"});
  CHECK(tables(narrow.html()) == 1);
}

TEST_CASE("text width: a line indented past the width still ends, its words kept") {
  const std::string deep = std::string(121, ' ') + "github.com/awsdocs/guide, service-sizes-and-limits.md (archived) "
                                                   "(retrieved 2026-11)\n";
  const std::string fitted = fit_width(deep, 100);
  CHECK(words(fitted) == words(deep));
  CHECK(fitted.size() < 4 * deep.size());
  const std::string spaces_only = std::string(150, ' ') + "\n";
  CHECK(fit_width(spaces_only, 100) == spaces_only);
}

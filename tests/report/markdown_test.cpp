// The Markdown report and its escaping: user text shows as written, and the
// report carries what the text report does.
#include <doctest/doctest.h>

#include <regex>
#include <sstream>

#include "archsim/report/reports.hpp"
#include "archsim/report/table.hpp"

using namespace archsim;
using report::markdown_escape;

namespace {

run::RunResult sample() {
  run::RunResult r;
  r.file = "plans/<draft>|v2.yaml";
  r.name = "Orders *fast* | `slow` <b>bold</b>\nsecond line_";
  r.seed = 7;
  r.duration_s = 3600;
  r.accounting = {.generated = 1000, .delivered = 990, .dropped = 10};
  for (const std::string name : {"ingest", "store"}) {
    run::ComponentResult c;
    c.name = name;
    c.service = "server";
    c.records_in = 1000;
    c.capacity = 1;
    c.cost_usd = 1.5;
    r.components.push_back(c);
  }
  r.components[0].dropped = 10;
  r.components[0].drops = {{"queue_full", 10}};
  r.paths.push_back({.from = "events", .to = "store", .records = 990});
  r.requirements.push_back({.name = "latency_p99", .target_text = "1s|2s", .target = 1, .actual = 0.5, .pass = true});
  r.requirements.push_back({.name = "max_dropped", .target_text = "0", .target = 0, .actual = 10, .pass = false});
  r.cost_total_usd = 3;
  r.cost_monthly_usd = 2190;
  return r;
}

// The rows of the Markdown table that follows `heading`, header and rule left out.
std::vector<std::string> table_rows(const std::string& md, const std::string& heading) {
  std::vector<std::string> rows;
  std::istringstream in(md.substr(md.find(heading)));
  std::string line;
  bool table = false;
  while (std::getline(in, line)) {
    if (line.rfind("|", 0) == 0) {
      table = true;
      rows.push_back(line);
    } else if (table) {
      break;
    }
  }
  if (rows.size() >= 2) rows.erase(rows.begin(), rows.begin() + 2);
  return rows;
}

// Unescaped pipes, the cell separators of a table row.
std::size_t cell_separators(const std::string& row) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < row.size(); ++i) n += row[i] == '|' && (i == 0 || row[i - 1] != '\\');
  return n;
}

}  // namespace

TEST_CASE("markdown: escaping keeps user text as written") {
  CHECK(markdown_escape("stock_table") == "stock_table");  // inside a word, _ does not format
  CHECK(markdown_escape("_x_") == "\\_x\\_");
  CHECK(markdown_escape("a|b") == "a\\|b");
  CHECK(markdown_escape("`code`") == "\\`code\\`");
  CHECK(markdown_escape("*bold* **x**") == "\\*bold\\* \\*\\*x\\*\\*");
  CHECK(markdown_escape("<script>alert(1)</script>") == "&lt;script>alert(1)&lt;/script>");
  CHECK(markdown_escape("> quote") == "&gt; quote");
  CHECK(markdown_escape("a -> b <= c") == "a -> b &lt;= c");
  CHECK(markdown_escape("[link](http://x)") == "\\[link\\](http://x)");
  CHECK(markdown_escape("back\\slash") == "back\\\\slash");
  CHECK(markdown_escape("# heading") == "\\# heading");
  CHECK(markdown_escape("~~gone~~") == "\\~\\~gone\\~\\~");
  CHECK(markdown_escape("one\ntwo\r\nthree\rfour\tfive") == "one two three four five");
  CHECK(markdown_escape("&amp; & R&D") == "&amp;amp; & R&amp;D");
  CHECK(markdown_escape("- item") == "\\- item");
  CHECK(markdown_escape("+ item") == "\\+ item");
  CHECK(markdown_escape("12. item") == "12\\. item");
  CHECK(markdown_escape("===") == "\\===");
  CHECK(markdown_escape("7.8%") == "7.8%");
  CHECK(markdown_escape("-") == "-");
  CHECK(markdown_escape("-5 s") == "-5 s");
  CHECK(markdown_escape("$4,774.50") == "$4,774.50");  // one $ never opens math
  CHECK(markdown_escape("$1 and $2") == "\\$1 and \\$2");
  CHECK(markdown_escape("") == "");
}

TEST_CASE("markdown: Table::markdown aligns numbers right and escapes cells") {
  report::Table t({"name", "count"}, {1});
  t.row({"a|b", "1,000"});
  t.row({"", "2"});
  CHECK(t.rows() == 2);
  CHECK(t.markdown() == "| name | count |\n|---|---:|\n| a\\|b | 1,000 |\n| | 2 |\n");
}

TEST_CASE("markdown: the report carries the text report's content, with user text escaped") {
  const run::RunResult r = sample();
  const std::string md = report::to_markdown(r);
  CHECK(md.rfind("# Orders \\*fast\\* \\| \\`slow\\` &lt;b>bold&lt;/b> second line\\_\n", 0) == 0);
  CHECK(md.find("plans/&lt;draft>\\|v2.yaml · seed 7 · simulated 60.0 min") != std::string::npos);
  CHECK(md.find("generated 1,000, delivered 990, dropped 10") != std::string::npos);
  for (const std::string heading : {"## Records", "## Components", "## Data freshness per path", "## Requirements",
                                    "## Cost"})
    CHECK_MESSAGE(md.find("\n" + heading + "\n") != std::string::npos, heading);
  const auto components = table_rows(md, "## Components");
  REQUIRE(components.size() == r.components.size());
  CHECK(components[0].rfind("| ingest | server |", 0) == 0);
  CHECK(components[0].find("| 10 (queue_full) |") != std::string::npos);
  for (const auto& row : components) CHECK(cell_separators(row) == 16);  // 15 columns
  const auto paths = table_rows(md, "## Data freshness");
  REQUIRE(paths.size() == 1);
  CHECK(paths[0].rfind("| events -> store | 990 |", 0) == 0);
  CHECK(md.find("- **PASS** latency_p99 &lt;= 1s\\|2s  (measured 500 ms)\n") != std::string::npos);
  CHECK(md.find("- **FAIL** max_dropped &lt;= 0  (measured 10)\n") != std::string::npos);
  CHECK(md.find("\\$3.00 for the simulated time, \\$2,190.00 per month at this load\n") != std::string::npos);
  // No raw markup from the user's text survives.
  CHECK(md.find("<b>") == std::string::npos);
  CHECK(md.find("*fast*") == std::string::npos);
}

TEST_CASE("text: colour marks PASS, FAIL and drops, and is the plain report once the marks are removed") {
  const run::RunResult r = sample();
  const std::string plain = report::to_text(r);
  const std::string coloured = report::to_text(r, {.colour = true});
  CHECK(plain.find('\x1b') == std::string::npos);
  CHECK(coloured.find("\x1b[32mPASS\x1b[0m latency_p99") != std::string::npos);
  CHECK(coloured.find("\x1b[31mFAIL\x1b[0m max_dropped") != std::string::npos);
  CHECK(coloured.find("dropped \x1b[31m10\x1b[0m, in flight") != std::string::npos);
  CHECK(coloured.find("\x1b[31m10 (queue_full)\x1b[0m") != std::string::npos);
  CHECK(std::regex_replace(coloured, std::regex("\x1b\\[[0-9]*m"), "") == plain);
}

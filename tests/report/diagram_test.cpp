// The Graphviz diagram: user text escaped, sizes and shares on the drawing,
// highlighted components, the same bytes for the same scenario.
#include <doctest/doctest.h>

#include "archsim/report/diagram.hpp"
#include "archsim/scenario/loader.hpp"

using namespace archsim;
using report::dot_escape;

namespace {

// Double quotes that are not escaped: an even number per line keeps every
// string closed on its own line.
std::size_t open_quotes(const std::string& line) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\') {
      ++i;
      continue;
    }
    n += line[i] == '"';
  }
  return n;
}

const char* kHostile = R"(name: "Quote \" back\\slash <b>tag</b> & amp; {x} [y] | pipe\nsecond line"
description: "A \"hostile\" description\\n with <html> &amp; a newline\nhere\r\nand a tab\there"
duration: 10s
workload:
  node:
    rate: 10/s
    producers: 3
  asks:
    kind: queries
    rate: 2/h
    scan: { data: 1GB }
components:
  edge:
    service: server
    servers: 2
    queue_capacity: 100
    service_time: 1ms
  graph:
    service: sink
  stream:
    service: kinesis
    shards: 4
  lake_queries:
    service: athena
flows:
  - { from: node, to: edge, share: 30% }
  - { from: node, to: stream, share: 70% }
  - edge -> graph
  - stream -> graph
  - asks -> lake_queries
)";

}  // namespace

TEST_CASE("diagram: dot_escape keeps hostile text inside its string and shows it as written") {
  CHECK(dot_escape("plain_name") == "plain_name");
  CHECK(dot_escape("say \"hi\"") == "say \\\"hi\\\"");
  CHECK(dot_escape("back\\slash") == "back\\\\slash");
  CHECK(dot_escape("\\\"") == "\\\\\\\"");  // a backslash before a quote cannot unescape it
  CHECK(dot_escape("\\N \\G \\l") == "\\\\N \\\\G \\\\l");  // no Graphviz escapes from user text
  CHECK(dot_escape("one\ntwo\r\nthree\rfour") == "one\\ntwo\\nthree\\nfour");
  CHECK(dot_escape("<b>&amp;</b>") == "&lt;b&gt;&amp;amp;&lt;/b&gt;");
  CHECK(dot_escape("tab\there\x01\x7f") == "tab here  ");
  CHECK(dot_escape("{x} [y] | ; -> //") == "{x} [y] | ; -&gt; //");
  CHECK(dot_escape("caf\xc3\xa9") == "caf\xc3\xa9");  // UTF-8 passes through
  CHECK(dot_escape("") == "");
  for (const std::string hostile : {"\"", "\\", "\\\\\"", "\"\"\"\\", "a\"\n\\"})
  {
    std::string quoted(1, '"');
    quoted.append(dot_escape(hostile)).push_back('"');
    CHECK_MESSAGE(open_quotes(quoted) == 2, hostile);
  }
}

TEST_CASE("diagram: a scenario with hostile name and description, keyword names, shares and sizes") {
  auto loaded = scenario::load_scenario_text(kHostile, "hostile.yaml");
  for (const auto& d : loaded.diagnostics.items()) MESSAGE(d.format());
  REQUIRE(loaded.ok());
  const std::string dot = report::to_dot(*loaded.scenario);
  CHECK(dot.rfind("digraph archsim {\n  graph [rankdir=LR,", 0) == 0);
  // A name is one line: its newline is shown as an escape (scenario/text.hpp).
  CHECK(dot.find("label=\"Quote \\\" back\\\\slash &lt;b&gt;tag&lt;/b&gt; &amp; amp; {x} [y] | pipe\\\\nsecond line\"") !=
        std::string::npos);
  CHECK(dot.find("tooltip=\"A \\\"hostile\\\" description\\\\n with &lt;html&gt; &amp;amp; a newline\\nhere\\nand a "
                 "tab here\"") != std::string::npos);
  // Names that are DOT keywords are quoted, so they are names.
  CHECK(dot.find("  \"node\" [shape=ellipse, label=\"node\\nrecords, 10.0/s x 3\"];\n") != std::string::npos);
  CHECK(dot.find("  \"asks\" [shape=hexagon, label=\"asks\\nqueries, 0.05/day\"]") == std::string::npos);
  CHECK(dot.find("  \"asks\" [shape=hexagon, label=\"asks\\nqueries, 48/day\"];\n") != std::string::npos);
  CHECK(dot.find("  \"edge\" [shape=box, style=rounded, label=\"edge\\nserver\\n2 servers, queue 100\"];\n") !=
        std::string::npos);
  CHECK(dot.find("  \"stream\" [shape=box, style=rounded, label=\"stream\\nkinesis\\n4 shards\"];\n") !=
        std::string::npos);
  CHECK(dot.find("  \"graph\" [shape=box, style=rounded, label=\"graph\\nsink\"];\n") != std::string::npos);
  CHECK(dot.find("  \"node\" -> \"edge\" [label=\"30%\"];\n") != std::string::npos);
  CHECK(dot.find("  \"node\" -> \"stream\" [label=\"70%\"];\n") != std::string::npos);
  CHECK(dot.find("  \"edge\" -> \"graph\";\n") != std::string::npos);
  CHECK(dot.find("  \"asks\" -> \"lake_queries\";\n") != std::string::npos);
  std::size_t start = 0;
  while (start < dot.size()) {
    const auto end = dot.find('\n', start);
    const std::string line = dot.substr(start, end - start);
    CHECK_MESSAGE(open_quotes(line) % 2 == 0, line);
    start = end + 1;
  }
  CHECK(report::to_dot(*loaded.scenario) == dot);  // the same bytes every time
  CHECK(dot.find("penwidth") == std::string::npos);
}

TEST_CASE("diagram: highlighted components are drawn emphasised, the others as usual") {
  auto loaded = scenario::load_scenario_text(kHostile, "hostile.yaml");
  REQUIRE(loaded.ok());
  const std::string dot = report::to_dot(*loaded.scenario, {.highlight = {"stream"}});
  CHECK(dot.find("label=\"stream\\nkinesis\\n4 shards\", color=\"#c0392b\", fontcolor=\"#c0392b\", penwidth=2.5];") !=
        std::string::npos);
  CHECK(dot.find("label=\"edge\\nserver\\n2 servers, queue 100\"];") != std::string::npos);
}

// Every scenario in scenarios/ is validated, run, and its JSON result compared
// byte for byte with the golden copy in tests/golden/: the fingerprint that
// catches an accidental change of behaviour. Its text, Markdown and HTML
// reports and its diagram are made and checked too, and each component's
// billing lines against its cost. After an intended change, refresh
// the copies with
//   ARCHSIM_UPDATE_GOLDEN=1 build/tests/archsim_tests -tc='scenarios:*'
// and review the diff before committing it.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "archsim/analysis/explain.hpp"
#include "archsim/report/diagram.hpp"
#include "archsim/report/human.hpp"
#include "archsim/report/reports.hpp"
#include "archsim/report/table.hpp"
#include "support/billed_lines.hpp"
#include "support/run_command.hpp"
#include "support/simulate.hpp"

namespace fs = std::filesystem;
using namespace archsim;

namespace {
std::vector<fs::path> scenario_files() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(ARCHSIM_SOURCE_DIR) / "scenarios"))
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string first_difference(const std::string& a, const std::string& b) {
  std::size_t line = 1, i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) line += a[i++] == '\n';
  auto line_at = [&](const std::string& s) {
    const auto start = s.rfind('\n', i == 0 ? 0 : i - 1);
    const auto from = start == std::string::npos ? 0 : start + 1;
    return s.substr(from, s.find('\n', from) - from);
  };
  return "line " + std::to_string(line) + ": golden '" + line_at(a) + "' vs now '" + line_at(b) + "'";
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The lines of `md` that start with `prefix`.
std::size_t lines_starting(const std::string& md, const std::string& prefix) {
  std::size_t n = 0;
  for (std::size_t at = 0; at < md.size();) {
    n += md.compare(at, prefix.size(), prefix) == 0;
    const auto end = md.find('\n', at);
    at = end == std::string::npos ? md.size() : end + 1;
  }
  return n;
}

// Every format of a run and the diagram of its scenario: each holds what the
// scenario and the result say it must.
void check_formats(const std::string& name, const scenario::Scenario& s, const run::RunResult& r) {
  const std::string text = report::to_text(r), md = report::to_markdown(r), json = report::to_json(r);
  CHECK_MESSAGE(has(text, r.name + "\n"), name);
  CHECK_MESSAGE(json.size() > 2, name);
  CHECK_MESSAGE(md.rfind("# ", 0) == 0, name);
  // One table row per component and per path (rows start "| name |"; the
  // header rows start "| component |" and "| path |"), where the time goes:
  // one row per component of each path, the path named on its first, and a
  // row per reader of each component with readers (a stream's consumers).
  std::size_t time_rows = 0, reader_rows = 0;
  for (const auto& p : r.time_by_path) time_rows += p.components.size();
  for (const auto& c : r.components) reader_rows += c.readers.size();
  const std::size_t headers = 3 + (reader_rows > 0 ? 1 : 0);
  CHECK_MESSAGE(r.time_by_path.size() == r.paths.size(), name);
  CHECK_MESSAGE(lines_starting(md, "| ") == headers + r.components.size() + r.paths.size() + time_rows + reader_rows,
                name);
  for (const auto& c : r.components) {
    CHECK_MESSAGE(has(text, "  " + c.name + " "), name << ": " << c.name);
    CHECK_MESSAGE(lines_starting(md, "| " + c.name + " | " + c.service + " |") == 1, name << ": " << c.name);
  }
  for (const auto& p : r.paths)
    CHECK_MESSAGE(lines_starting(md, "| " + p.from + " -> " + p.to + " |") == 2, name << ": " << p.from);
  CHECK_MESSAGE(lines_starting(md, "- **PASS** ") + lines_starting(md, "- **FAIL** ") == r.requirements.size(), name);
  CHECK_MESSAGE(has(md, "\n## Cost\n"), name);

  const std::string dot = report::to_dot(s);
  CHECK_MESSAGE(dot.rfind("digraph archsim {\n", 0) == 0, name);
  CHECK_MESSAGE(dot.substr(dot.size() - 3) == "\n}\n", name);
  for (const auto& src : s.sources) CHECK_MESSAGE(has(dot, "\n  \"" + src.name + "\" [shape="), name << ": " << src.name);
  for (const auto& c : s.components)
    CHECK_MESSAGE(has(dot, "\n  \"" + c.name + "\" [shape=box, style=rounded, label=\"" + c.name + "\\n" + c.service),
                  name << ": " << c.name);
  std::size_t edges = 0;
  for (std::size_t at = dot.find(" -> "); at != std::string::npos; at = dot.find(" -> ", at + 1)) ++edges;
  CHECK_MESSAGE(edges == s.flows.size(), name);
  for (const auto& f : s.flows) {
    const std::string edge = "\n  \"" + f.from + "\" -> \"" + f.to + "\"";
    const std::string label = f.share ? " [label=\"" + report::percent(*f.share) + "\"];\n" : ";\n";
    CHECK_MESSAGE(has(dot, edge + label), name << ": " << f.from << " -> " << f.to);
  }
  CHECK_MESSAGE(report::to_dot(s) == dot, name);

  // The HTML page: a chart of each kind, every component and path named.
  const std::string html = report::to_html(r, "<svg class=\"diagram-stub\"></svg>");
  CHECK_MESSAGE(html.rfind("<!DOCTYPE html>", 0) == 0, name);
  CHECK_MESSAGE(html.substr(html.size() - 8) == "</html>\n", name);
  for (const char* kind : {"throughput", "backlog", "utilization", "latency", "cost"})
    CHECK_MESSAGE(has(html, std::string("<figure class=\"") + kind + "\"><svg"), name << ": " << kind);
  CHECK_MESSAGE(has(html, "<svg class=\"diagram-stub\">"), name);
  for (const auto& c : r.components) {
    CHECK_MESSAGE(has(html, "<h3>" + report::html_escape(c.name) + " <small>"), name << ": " << c.name);
    CHECK_MESSAGE(has(html, "<td>" + report::html_escape(c.name) + "</td>"), name << ": " << c.name);
  }
  for (const auto& p : r.paths)
    CHECK_MESSAGE(has(html, "<td>" + report::html_escape(p.from + " -> " + p.to) + "</td>"), name << ": " << p.from);
  CHECK_MESSAGE(lines_starting(html, "<li><span class=\"badge ") == r.requirements.size(), name);
}
}  // namespace

TEST_CASE("scenarios: every scenario runs, matches its golden result and gives every format") {
  const auto files = scenario_files();
  REQUIRE(files.size() >= 4);
  const bool update = std::getenv("ARCHSIM_UPDATE_GOLDEN") != nullptr;
  for (const auto& file : files) {
    const std::string name = file.stem().string();
    // Named relative to the project, so the result does not depend on where it is cloned.
    auto loaded = scenario::load_scenario_text(testing::slurp(file.string()), "scenarios/" + name + ".yaml");
    for (const auto& d : loaded.diagnostics.items()) MESSAGE(d.format());
    REQUIRE_MESSAGE(loaded.ok(), name);
    const run::RunResult result = analysis::run_and_explain(*loaded.scenario);
    check_formats(name, *loaded.scenario, result);
    CAPTURE(name);
    for (const auto& c : result.components) testing::check_billed_lines(c);
    const std::string json = report::to_json(result);
    const fs::path golden = fs::path(ARCHSIM_TESTS_DIR) / "golden" / (name + ".json");
    if (update) std::ofstream(golden, std::ios::binary) << json;
    const std::string expected = testing::slurp(golden.string());
    CHECK_MESSAGE(!expected.empty(), name << ": no golden result; see the top of " << __FILE__);
    if (!expected.empty()) CHECK_MESSAGE(expected == json, name << ": " << first_difference(expected, json));
  }
}

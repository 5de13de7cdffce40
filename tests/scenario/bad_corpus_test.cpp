// The bad-input corpus: every file under tests/scenario/bad/ says in its
// leading comments which diagnostics loading it must give (see the README
// there), and the loader must give exactly those. Then the same through the
// real binary: exit status 2, one `FILE:LINE:COL: error: MESSAGE` line per
// problem on stderr, nothing on stdout.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "archsim/scenario/loader.hpp"
#include "support/run_command.hpp"

using namespace archsim::scenario;
namespace fs = std::filesystem;

namespace {

const fs::path kCorpus = fs::path(ARCHSIM_TESTS_DIR) / "scenario" / "bad";
const std::string kExample = std::string(ARCHSIM_SOURCE_DIR) + "/scenarios/ingest-worker.yaml";

struct Expectation {
  int line = 0;
  int col = 0;
  std::string text;
};

struct CorpusFile {
  fs::path path;
  std::vector<Expectation> expected;
  std::vector<std::string> malformed;  // `# expect:` lines not of the form LINE:COL: TEXT
};

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The `# expect: LINE:COL: TEXT` lines of the leading comment block.
CorpusFile read_expectations(const fs::path& path) {
  static const std::regex form(R"(^# expect: ([0-9]+):([0-9]+): (.+)$)");
  CorpusFile file{path, {}, {}};
  std::istringstream text(read_bytes(path));
  for (std::string line; std::getline(text, line) && line.rfind('#', 0) == 0;) {
    if (line.rfind("# expect:", 0) != 0) continue;
    std::smatch m;
    if (std::regex_match(line, m, form)) file.expected.push_back({std::stoi(m[1]), std::stoi(m[2]), m[3]});
    else file.malformed.push_back(line);
  }
  return file;
}

std::vector<CorpusFile> corpus() {
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(kCorpus))
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  std::vector<CorpusFile> out;
  for (const auto& p : paths) out.push_back(read_expectations(p));
  return out;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// All of a load's diagnostics, one per line, for failure messages.
std::string listing(const std::vector<Diagnostic>& diags) {
  std::string out;
  for (const auto& d : diags) out += "  " + d.format() + "\n";
  return out.empty() ? "  (none)\n" : out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

bool is_diagnostic_line(const std::string& line) {
  static const std::regex form(R"(^.+:[0-9]+:[0-9]+: error: .+$)");
  return std::regex_match(line, form);
}

// A file of a test's own, removed when the test ends.
struct TempFile {
  fs::path path;
  explicit TempFile(const std::string& name, const std::string& content)
      : path(fs::temp_directory_path() / ("archsim-corpus-" + std::to_string(::getpid()) + "-" + name)) {
    std::ofstream(path, std::ios::binary) << content;
  }
  ~TempFile() {
    std::error_code ec;
    fs::remove(path, ec);
  }
};

}  // namespace

TEST_CASE("bad corpus: at least 40 files, each with well-formed expectations") {
  const auto files = corpus();
  CHECK(files.size() >= 40);
  for (const auto& f : files) {
    INFO(f.path.filename().string());
    CHECK_FALSE(f.expected.empty());
    CHECK(f.malformed.empty());
  }
}

TEST_CASE("bad corpus: every file gives exactly its expected diagnostics") {
  for (const auto& f : corpus()) {
    const std::string path = f.path.string();
    const LoadResult r = load_scenario(path);
    const std::vector<Diagnostic> got = r.diagnostics.sorted();
    INFO(f.path.filename().string() << " reported:\n" << listing(got));
    CHECK_FALSE(r.ok());
    CHECK_FALSE(r.scenario.has_value());
    // Each problem once: sorting removes repeats, so the raw list must not have any.
    CHECK(r.diagnostics.items().size() == got.size());
    REQUIRE(got.size() == f.expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      const Diagnostic& d = got[i];
      const Expectation& e = f.expected[i];
      INFO("expected " << e.line << ":" << e.col << ": ..." << e.text << "...");
      CHECK(d.loc.file == path);
      CHECK(d.loc.line == e.line);
      CHECK(d.loc.col == e.col);
      CHECK(contains(d.message, e.text));
      CHECK_FALSE(contains(d.message, "\n"));
      CHECK(d.format() == path + ":" + std::to_string(e.line) + ":" + std::to_string(e.col) + ": error: " + d.message);
    }
  }
}

TEST_CASE("bad corpus: a missing file is one diagnostic at its path") {
  const std::string path = (kCorpus / "no-such-scenario.yaml").string();
  REQUIRE_FALSE(fs::exists(path));
  const LoadResult r = load_scenario(path);
  REQUIRE_FALSE(r.ok());
  const auto got = r.diagnostics.sorted();
  REQUIRE(got.size() == 1);
  CHECK(got[0].format().rfind(path + ":1:1: error: cannot read the scenario file", 0) == 0);
  CHECK(contains(got[0].message, "check the path"));
}

TEST_CASE("bad corpus: a directory is not a scenario file") {
  const LoadResult r = load_scenario(kCorpus.string());
  REQUIRE_FALSE(r.ok());
  const auto got = r.diagnostics.sorted();
  REQUIRE(got.size() == 1);
  CHECK(got[0].format() == kCorpus.string() +
                               ":1:1: error: cannot read the scenario file: it is a directory; give the path of a file");
}

TEST_CASE("bad corpus: a zero-byte file is an empty scenario") {
  const TempFile empty("zero-bytes.yaml", "");
  const LoadResult r = load_scenario(empty.path.string());
  REQUIRE_FALSE(r.ok());
  const auto got = r.diagnostics.sorted();
  REQUIRE(got.size() == 1);
  CHECK(got[0].loc.line == 1);
  CHECK(got[0].loc.col == 1);
  CHECK(contains(got[0].message, "the scenario is empty"));
}

TEST_CASE("bad corpus CLI: run on a bad file exits 2 with every problem on stderr and nothing on stdout") {
  const fs::path file = kCorpus / "several-errors.yaml";
  const auto expected = read_expectations(file).expected;
  const auto r = archsim::testing::run_archsim("run '" + file.string() + "' --format json");
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  const auto lines = lines_of(r.err);
  INFO("stderr:\n" << r.err);
  REQUIRE(lines.size() == expected.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    CHECK(is_diagnostic_line(lines[i]));
    const std::string where =
        file.string() + ":" + std::to_string(expected[i].line) + ":" + std::to_string(expected[i].col) + ": error: ";
    CHECK(lines[i].rfind(where, 0) == 0);
    CHECK(contains(lines[i], expected[i].text));
  }
}

TEST_CASE("bad corpus CLI: run on files that crashed or hung a naive loader exits 2") {
  for (const char* name : {"alias-self-reference.yaml", "alias-expansion.yaml", "nesting-too-deep.yaml",
                           "yaml-nul-byte.yaml", "empty-document.yaml"}) {
    INFO(name);
    const auto r = archsim::testing::run_archsim("run '" + (kCorpus / name).string() + "'");
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    const auto lines = lines_of(r.err);
    REQUIRE(lines.size() == 1);
    CHECK(is_diagnostic_line(lines[0]));
  }
}

TEST_CASE("bad corpus CLI: a missing file exits 2 with one diagnostic line") {
  const std::string path = (kCorpus / "no-such-scenario.yaml").string();
  const auto r = archsim::testing::run_archsim("run '" + path + "'");
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  const auto lines = lines_of(r.err);
  REQUIRE(lines.size() == 1);
  CHECK(is_diagnostic_line(lines[0]));
  CHECK(lines[0].rfind(path + ":1:1: error: ", 0) == 0);
}

TEST_CASE("bad corpus CLI: validate reports the problems of every file given") {
  const fs::path a = kCorpus / "rate-zero.yaml";
  const fs::path b = kCorpus / "flow-cycle.yaml";
  const auto r = archsim::testing::run_archsim("validate '" + a.string() + "' '" + b.string() + "'");
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  const auto lines = lines_of(r.err);
  INFO("stderr:\n" << r.err);
  REQUIRE(lines.size() == 2);
  for (const auto& line : lines) CHECK(is_diagnostic_line(line));
  CHECK(lines[0].rfind(a.string() + ":", 0) == 0);
  CHECK(lines[1].rfind(b.string() + ":", 0) == 0);
}

TEST_CASE("bad corpus CLI: a bad --set exits 2 before simulating") {
  const auto r = archsim::testing::run_archsim("run '" + kExample + "' --set components.ingest_workr.servers=2");
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  const auto lines = lines_of(r.err);
  REQUIRE(lines.size() == 1);
  CHECK(is_diagnostic_line(lines[0]));
  CHECK(lines[0] ==
        "--set:1:12: error: no key 'ingest_workr' at 'components.ingest_workr'; did you mean 'ingest_worker'?");
}

TEST_CASE("bad corpus --set: a path that names nothing, with the nearest name or the names there") {
  const auto misspelt = load_scenario(kExample, {"components.ingest_workr.servers=2"}).diagnostics.sorted();
  REQUIRE(misspelt.size() == 1);
  CHECK(misspelt[0].format() ==
        "--set:1:12: error: no key 'ingest_workr' at 'components.ingest_workr'; did you mean 'ingest_worker'?");

  // Nothing close to 'nope': the message lists what the path could name instead.
  const auto unknown = load_scenario(kExample, {"components.nope.servers=2"}).diagnostics.sorted();
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].format() ==
        "--set:1:12: error: no key 'nope' at 'components.nope' (there: ingest_worker, network_hop, store)");

  const auto top = load_scenario(kExample, {"componets.ingest_worker.servers=2"}).diagnostics.sorted();
  REQUIRE(top.size() == 1);
  CHECK(top[0].format() == "--set:1:1: error: no key 'componets' at 'componets'; did you mean 'components'?");
}

TEST_CASE("bad corpus --set: a new last key is checked like a key in the file") {
  const auto r = load_scenario(kExample, {"components.ingest_worker.srevers=2"}).diagnostics.sorted();
  REQUIRE(r.size() == 1);
  CHECK(r[0].format() ==
        "--set:1:26: error: unknown key 'srevers' in server component 'ingest_worker'; did you mean 'servers'?");
}

TEST_CASE("bad corpus --set: a value is checked at its place in the assignment") {
  const auto r = load_scenario(kExample, {"seed=3", "components.ingest_worker.servers=0"}).diagnostics.sorted();
  REQUIRE(r.size() == 1);
  CHECK(r[0].format() == "--set:2:34: error: 'servers' in server component 'ingest_worker' must be at least 1");
}

TEST_CASE("bad corpus --set: an assignment without '=' is not KEY=VALUE") {
  const auto r = load_scenario(kExample, {"seed=3", "components.ingest_worker.servers"}).diagnostics.sorted();
  REQUIRE(r.size() == 1);
  CHECK(r[0].loc.file == "--set");
  CHECK(r[0].loc.line == 2);
  CHECK(r[0].loc.col == 1);
  CHECK(contains(r[0].message, "'components.ingest_worker.servers' is not KEY=VALUE"));

  const auto empty_key = load_scenario(kExample, {"=3"}).diagnostics.sorted();
  REQUIRE(empty_key.size() == 1);
  CHECK(contains(empty_key[0].message, "'=3' is not KEY=VALUE"));
}

TEST_CASE("bad corpus --set: every bad assignment is reported, not only the first") {
  const auto r =
      load_scenario(kExample, {"components.nope.servers=2", "duration", "workload.events.rate=[1"}).diagnostics.sorted();
  REQUIRE(r.size() == 3);
  CHECK(r[0].loc.line == 1);
  CHECK(r[1].loc.line == 2);
  CHECK(r[2].loc.line == 3);
  CHECK(contains(r[2].message, "this is not valid YAML"));
}

TEST_CASE("bad corpus CLI: requirements: a scope or deadline that names the wrong thing exits 2 with its place") {
  std::size_t checked = 0;
  for (const auto& f : corpus()) {
    const std::string name = f.path.filename().string();
    if (name.rfind("requirement-scope-", 0) != 0 && name.rfind("requirement-path-", 0) != 0 &&
        name.rfind("completes-by-", 0) != 0)
      continue;
    INFO(name);
    ++checked;
    const auto r = archsim::testing::run_archsim("validate '" + f.path.string() + "'");
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    const auto lines = lines_of(r.err);
    REQUIRE(lines.size() == f.expected.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const auto& e = f.expected[i];
      CHECK(lines[i].rfind(f.path.string() + ":" + std::to_string(e.line) + ":" + std::to_string(e.col) + ": error: ",
                           0) == 0);
      CHECK(contains(lines[i], e.text));
    }
  }
  CHECK(checked >= 19);
}

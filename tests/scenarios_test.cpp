// Every scenario in scenarios/ is validated, run, and its JSON result compared
// byte for byte with the golden copy in tests/golden/: the fingerprint that
// catches an accidental change of behaviour. After an intended change, refresh
// the copies with
//   ARCHSIM_UPDATE_GOLDEN=1 build/tests/archsim_tests -tc='scenarios:*'
// and review the diff before committing it.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "archsim/analysis/explain.hpp"
#include "archsim/report/reports.hpp"
#include "support/run_command.hpp"
#include "archsim/analysis/explain.hpp"
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
}  // namespace

TEST_CASE("scenarios: every scenario runs and matches its golden result") {
  const auto files = scenario_files();
  REQUIRE(files.size() >= 4);
  const bool update = std::getenv("ARCHSIM_UPDATE_GOLDEN") != nullptr;
  for (const auto& file : files) {
    const std::string name = file.stem().string();
    // Named relative to the project, so the result does not depend on where it is cloned.
    auto loaded = scenario::load_scenario_text(testing::slurp(file.string()), "scenarios/" + name + ".yaml");
    for (const auto& d : loaded.diagnostics.items()) MESSAGE(d.format());
    REQUIRE_MESSAGE(loaded.ok(), name);
    const std::string json = report::to_json(analysis::run_and_explain(*loaded.scenario));
    const fs::path golden = fs::path(ARCHSIM_TESTS_DIR) / "golden" / (name + ".json");
    if (update) std::ofstream(golden, std::ios::binary) << json;
    const std::string expected = testing::slurp(golden.string());
    CHECK_MESSAGE(!expected.empty(), name << ": no golden result; see the top of " << __FILE__);
    if (!expected.empty()) CHECK_MESSAGE(expected == json, name << ": " << first_difference(expected, json));
  }
}

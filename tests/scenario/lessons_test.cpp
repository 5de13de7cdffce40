// The course in docs/teaching/: every lesson's scenario loads with its
// story (a prompt, and questions with their answers), its sheet names it,
// and its answer key (scenarios/lessons/answers/NAME.yaml, worked by hand
// from the closed forms and the documented limits) is within tolerance of
// the run on every estimate, as archsim grade checks a class's predictions.
#include <doctest/doctest.h>

#include <filesystem>

#include "archsim/scenario/estimates.hpp"
#include "archsim/scenario/loader.hpp"
#include "archsim/whatif/grade.hpp"
#include "support/run_command.hpp"

using namespace archsim;

namespace {
const std::filesystem::path kRoot(ARCHSIM_SOURCE_DIR);
}

TEST_CASE("lessons: each lesson has a story, a sheet, and an answer key that the run bears out") {
  std::vector<std::filesystem::path> lessons;
  for (const auto& e : std::filesystem::directory_iterator(kRoot / "scenarios/lessons"))
    if (e.path().extension() == ".yaml") lessons.push_back(e.path());
  std::sort(lessons.begin(), lessons.end());
  REQUIRE(lessons.size() >= 6);
  std::string sheets;
  for (const auto& e : std::filesystem::directory_iterator(kRoot / "docs/teaching"))
    sheets += testing::slurp(e.path().string());
  for (const auto& path : lessons) {
    const std::string name = path.stem().string();
    CAPTURE(name);
    auto loaded = scenario::load_scenario(path.string());
    for (const auto& d : loaded.diagnostics.items()) MESSAGE(d.format());
    REQUIRE(loaded.ok());
    scenario::Scenario& s = *loaded.scenario;
    CHECK_FALSE(s.story.prompt.empty());
    CHECK(s.story.questions.size() >= 2);
    for (const auto& q : s.story.questions) CHECK_FALSE(q.answer.empty());
    CHECK(sheets.find("scenarios/lessons/" + name + ".yaml") != std::string::npos);
    CHECK(s.estimates.empty());  // left for the class
    scenario::Diagnostics diags;
    s.estimates = scenario::load_estimates((kRoot / "scenarios/lessons/answers" / (name + ".yaml")).string(), s, diags);
    for (const auto& d : diags.items()) MESSAGE(d.format());
    REQUIRE(diags.empty());
    REQUIRE(s.estimates.size() >= 2);
    whatif::GradeOptions options;
    options.jobs = 2;
    const whatif::Grade g = whatif::grade(path.string(), s, scenario::Challenge{}, options);
    for (const auto& e : g.estimates) {
      CAPTURE(e.estimate.text);
      CAPTURE(e.actual);
      CHECK(e.simulated);
      CHECK(e.within);
    }
  }
}

// The design challenges under challenges/: each loads, its starter leaves
// something to decide (it fails its own requirements as written), its
// reference design meets them, and the commands list, show and start them
// as docs/challenges.md says.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "archsim/run/simulation.hpp"
#include "archsim/scenario/challenge.hpp"
#include "archsim/scenario/loader.hpp"
#include "support/run_command.hpp"

using namespace archsim;
using archsim::testing::run_archsim;

namespace {

const std::filesystem::path kChallenges = std::filesystem::path(ARCHSIM_SOURCE_DIR) / "challenges";

scenario::Challenge challenge(const std::string& name) {
  auto loaded = scenario::load_challenge((kChallenges / (name + ".yaml")).string());
  for (const auto& d : loaded.diagnostics.items()) MESSAGE(d.format());
  REQUIRE(loaded.challenge);
  return *loaded.challenge;
}

bool all_pass(const run::RunResult& r) {
  for (const auto& q : r.requirements)
    if (!q.pass) return false;
  return !r.requirements.empty();
}

}  // namespace

TEST_CASE("challenges: each loads, its starter leaves something to decide, and its reference meets the requirements") {
  const auto names = scenario::challenge_names(kChallenges.string());
  REQUIRE_FALSE(names.empty());
  for (const auto& name : names) {
    CAPTURE(name);
    const scenario::Challenge c = challenge(name);
    CHECK_FALSE(c.title.empty());
    CHECK_FALSE(c.prompt.empty());
    CHECK_FALSE(c.hints.empty());
    CHECK_FALSE(c.reference.empty());
    // The starter as `start` writes it loads as it is.
    auto starter = scenario::load_scenario_text(scenario::starter_text(c), name + ".yaml");
    REQUIRE(starter.ok());
    CHECK_FALSE(all_pass(run::simulate(*starter.scenario)));
    auto reference = scenario::load_scenario_text(c.scenario, name + ".yaml", c.reference);
    REQUIRE(reference.ok());
    CHECK(all_pass(run::simulate(*reference.scenario)));
  }
}

TEST_CASE("challenges: a mistake in a challenge's scenario is placed in the challenge file") {
  const std::string path = "/tmp/archsim-challenge-" + std::to_string(::getpid()) + ".yaml";
  std::ofstream(path) << "title: t\nprompt: p\nscenario: |\n  name: x\n  duration: 1h\n  workload:\n"
                         "    w: { rate: 10/s }\n  components:\n    q: { service: kinesiss }\n  flows: [w -> q]\n"
                         "reference: []\nhints: []\n";
  const auto loaded = scenario::load_challenge(path);
  REQUIRE_FALSE(loaded.challenge);
  REQUIRE(loaded.diagnostics.size() >= 1);
  const auto& d = loaded.diagnostics.items().front();
  CHECK(d.loc.file == path);
  CHECK(d.loc.line == 9);   // the component's line in the file
  CHECK(d.loc.col == 19);   // its service's value: "    q: { service: kinesiss }"
  CHECK(d.message.find("kinesis") != std::string::npos);
  std::filesystem::remove(path);
}

TEST_CASE("challenges: list, show with hints, and start, which writes the starter once and never over a file") {
  const auto list = run_archsim("challenge list");
  CHECK(list.exit_code == 0);
  CHECK(list.out.find("realtime-inventory") != std::string::npos);

  const auto show = run_archsim("challenge show realtime-inventory");
  CHECK(show.exit_code == 0);
  CHECK(show.out.find("The follow-ups an interviewer asks next:") != std::string::npos);
  CHECK(show.out.find("Hints:") == std::string::npos);
  CHECK(show.out.find("--hints 1") != std::string::npos);
  const auto hinted = run_archsim("challenge show realtime-inventory --hints 2");
  CHECK(hinted.out.find("Hints:\n  1. ") != std::string::npos);
  CHECK(hinted.out.find("  2. ") != std::string::npos);
  // The reference design is never shown.
  CHECK(hinted.out.find("shards=45") == std::string::npos);

  const auto misspelt = run_archsim("challenge show realtime-inventroy");
  CHECK(misspelt.exit_code == 2);
  CHECK(misspelt.err.find("did you mean 'realtime-inventory'") != std::string::npos);

  const std::string dir = "/tmp/archsim-start-" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  const auto started = run_archsim("challenge start realtime-inventory " + dir);
  CHECK(started.exit_code == 0);
  const std::string written = archsim::testing::slurp(dir + "/realtime-inventory.yaml");
  CHECK(written.rfind("# Challenge: ", 0) == 0);
  CHECK(written.find("shards=45") == std::string::npos);
  CHECK(run_archsim("validate " + dir + "/realtime-inventory.yaml").exit_code == 0);
  const auto again = run_archsim("challenge start realtime-inventory " + dir);
  CHECK(again.exit_code == 2);
  CHECK(again.err.find("exists already") != std::string::npos);
  CHECK(archsim::testing::slurp(dir + "/realtime-inventory.yaml") == written);
  std::filesystem::remove_all(dir);
}

TEST_CASE("challenges: a challenge file run as a scenario says how to start it") {
  const auto r = run_archsim("run " + (kChallenges / "nightly-etl.yaml").string());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("this is a design challenge, not a scenario; write its starter with 'archsim challenge start") !=
        std::string::npos);
}

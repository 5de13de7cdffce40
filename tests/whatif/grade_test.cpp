// archsim grade: a design against its challenge (tests/scenario/challenges/
// small-stream.yaml, small enough to grade in a second). The rubric's
// arithmetic against the bills AWS's prices give, the gates a failing design
// meets, the follow-ups, the checks that keep a design at the challenge's
// load, and the command's formats.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "archsim/report/grade_reports.hpp"
#include "archsim/scenario/challenge.hpp"
#include "archsim/scenario/loader.hpp"
#include "archsim/whatif/grade.hpp"
#include "support/mini_json.hpp"
#include "support/run_command.hpp"

using namespace archsim;
using archsim::testing::run_archsim;

namespace {

const std::string kDir = std::string(ARCHSIM_TESTS_DIR) + "/scenario/challenges";

scenario::Challenge small_stream() {
  auto loaded = scenario::load_challenge(kDir + "/small-stream.yaml");
  for (const auto& d : loaded.diagnostics.items()) MESSAGE(d.format());
  REQUIRE(loaded.challenge);
  return *loaded.challenge;
}

// The starter as `challenge start` writes it, with `extra` appended.
std::string starter_file(const std::string& extra = {}) {
  static int n = 0;
  const std::string path = "/tmp/archsim-grade-" + std::to_string(::getpid()) + "-" + std::to_string(n++) + ".yaml";
  std::ofstream(path) << scenario::starter_text(small_stream()) << extra;
  return path;
}

whatif::Grade grade_file(const std::string& file, const std::vector<std::string>& sets) {
  auto loaded = scenario::load_scenario(file, sets);
  for (const auto& d : loaded.diagnostics.items()) MESSAGE(d.format());
  REQUIRE(loaded.ok());
  whatif::GradeOptions options;
  options.sets = sets;
  options.jobs = 2;
  return whatif::grade(file, *loaded.scenario, small_stream(), options);
}

whatif::Grade grade_with(const std::vector<std::string>& sets, const std::string& extra = {}) {
  return grade_file(starter_file(extra), sets);
}

const std::vector<std::string> kReference = {"components.stream.shards=4", "components.counter.parallelism=2"};

const whatif::Dimension& dimension(const whatif::Grade& g, const std::string& id) {
  for (const auto& d : g.dimensions)
    if (d.id == id) return d;
  FAIL("no dimension " << id);
  return g.dimensions.front();
}

}  // namespace

TEST_CASE("grade: the reference design meets every requirement and takes full marks on every dimension") {
  const whatif::Grade g = grade_with(kReference);
  CHECK(g.holds());
  CHECK(g.reference_holds);
  CHECK(g.design.cost_monthly_usd == doctest::Approx(g.reference_monthly_usd));
  CHECK(g.components == g.reference_components);
  CHECK(g.settings == g.reference_settings);
  for (const auto& d : g.dimensions) {
    CAPTURE(d.id);
    CHECK(d.applies);
    CHECK(d.score == doctest::Approx(1));
  }
  CHECK(g.total == doctest::Approx(100));
}

TEST_CASE("grade: the cost dimension scores the bill against the reference's, as the shard-hours price it") {
  // Twice the shards: the bill grows by 4 shards x 730 h x $0.015 (Kinesis
  // pricing, a provisioned shard-hour) and nothing else.
  const whatif::Grade g = grade_with({"components.stream.shards=8", "components.counter.parallelism=2"});
  REQUIRE(g.holds());
  CHECK(g.design.cost_monthly_usd - g.reference_monthly_usd == doctest::Approx(4 * 730 * 0.015).epsilon(0.001));
  const double ratio = g.design.cost_monthly_usd / g.reference_monthly_usd;
  CHECK(dimension(g, "cost").score == doctest::Approx(std::clamp((2.5 - std::max(ratio, 1.1)) / 1.4, 0.0, 1.0)));
  // One more setting than the reference would take (none here: the same keys).
  CHECK(dimension(g, "simplicity").score == doctest::Approx(1));
  // The stream has twice the room: its busiest shard near half the reference's 76%.
  CHECK(g.busiest == "counter");
}

TEST_CASE("grade: a design that misses a requirement gets no marks for cost, recovery or simplicity") {
  const whatif::Grade g = grade_with({});  // the starter: one shard, one subtask
  CHECK_FALSE(g.holds());
  CHECK(dimension(g, "requirements").score < 1);
  CHECK(dimension(g, "cost").score == 0);
  CHECK(dimension(g, "recovery").score == 0);
  CHECK(dimension(g, "simplicity").score == 0);
  CHECK(dimension(g, "headroom").score == 0);  // its stream is offered more than it takes
  CHECK(g.total < 40);
}

TEST_CASE("grade: headroom is full to 80% at the peak and falls to none at 100%") {
  // Three shards take the 3,000/s peak at about 100%: the stream refuses.
  const whatif::Grade tight = grade_with({"components.stream.shards=3", "components.counter.parallelism=2"});
  CHECK(tight.busiest == "stream");
  CHECK(tight.busiest_utilization >= 0.99);
  CHECK(dimension(tight, "headroom").score == 0);
  const whatif::Grade roomy = grade_with(kReference);
  CHECK(roomy.busiest_utilization < 0.8);
  CHECK(dimension(roomy, "headroom").score == 1);
}

TEST_CASE("grade: each follow-up is simulated on the design: the scale-up binds with its fix, the drill recovers") {
  const whatif::Grade g = grade_with(kReference);
  REQUIRE(g.follow_ups.size() == 3);
  const auto& twice = g.follow_ups[0];
  REQUIRE(twice.simulated);
  CHECK_FALSE(twice.holds);
  REQUIRE(twice.binds);
  CHECK(twice.binds->component == "stream");  // 6,000/s at the peak against 4 shards
  CHECK(twice.binds->fix >= 0);
  const auto& drill = g.follow_ups[1];
  REQUIRE(drill.simulated);
  CHECK(drill.drill);
  REQUIRE(drill.faults.size() == 1);
  CHECK(drill.recovered);
  CHECK(drill.lost_nothing);
  CHECK(drill.holds_outside);
  CHECK(drill.score == 1);
  const auto& words = g.follow_ups[2];
  CHECK_FALSE(words.simulated);
  CHECK(words.not_simulated.find("words") != std::string::npos);
  CHECK(dimension(g, "recovery").score == 1);
}

TEST_CASE("grade: the same design and seed give the same grade, byte for byte") {
  const std::string file = starter_file();
  const std::string a = report::to_json(grade_file(file, kReference));
  const std::string b = report::to_json(grade_file(file, kReference));
  CHECK(a == b);
  const auto parsed = testing::Json::parse(a);
  REQUIRE(parsed.get("total"));
  CHECK(parsed.get("total")->number == doctest::Approx(100));
}

TEST_CASE("grade: a design that changes the challenge's load, targets or facts is refused, at the line") {
  const scenario::Challenge c = small_stream();
  auto problems = [&](const std::string& file, const std::vector<std::string>& sets = {}) {
    scenario::Diagnostics diags;
    scenario::check_against_challenge(file, c, sets, diags);
    std::string out;
    for (const auto& d : diags.sorted()) out += d.format() + "\n";
    return out;
  };
  CHECK(problems(starter_file()).empty());
  CHECK(problems(starter_file(), kReference).empty());
  const std::string rate = problems(starter_file(), {"workload.events.rate=100/s"});
  CHECK(rate.find("--set:1:") != std::string::npos);
  CHECK(rate.find("'workload.events.rate' is 100/s here and 1500/s in the challenge") != std::string::npos);
  const std::string fact = problems(starter_file(), {"components.counter.cost_per_record=1us"});
  CHECK(fact.find("it is a fact of the challenge") != std::string::npos);
  // A requirement loosened in the file: placed at its line.
  std::string text = scenario::starter_text(c);
  const auto at = text.find("out: 10s");
  REQUIRE(at != std::string::npos);
  text.replace(at, 8, "out: 1h");
  const std::string path = starter_file();
  std::ofstream(path) << text;
  const std::string loosened = problems(path);
  const int line = static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n')) + 1;
  CHECK(loosened.find(path + ":" + std::to_string(line) + ":") != std::string::npos);
  CHECK(loosened.find("targets") != std::string::npos);
  // Another service for a component frees its facts: the design is the candidate's.
  CHECK(problems(starter_file(), {"components.counter={service: server, service_time: 1ms, servers: 2}"}).empty());
}

TEST_CASE("grade: the command grades a started challenge in every format, and refuses what it cannot grade") {
  const std::string file = starter_file();
  const std::string dir = "--dir " + kDir;
  const auto text = run_archsim("grade " + file + " " + dir + " --set components.stream.shards=4 --set components.counter.parallelism=2");
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("Grade 100/100") != std::string::npos);
  CHECK(text.out.find("Follow-ups") != std::string::npos);
  const auto json = run_archsim("grade " + file + " " + dir + " --format json");
  REQUIRE(json.exit_code == 0);
  CHECK(testing::Json::parse(json.out).get("rubric"));
  const auto md = run_archsim("grade " + file + " " + dir + " --format md");
  CHECK(md.out.rfind("# Grade ", 0) == 0);
  const auto html = run_archsim("grade " + file + " " + dir + " --format html");
  CHECK(html.out.find("<h2>Rubric</h2>") != std::string::npos);
  // No challenge named: said how to name one.
  const std::string plain = "/tmp/archsim-grade-plain-" + std::to_string(::getpid()) + ".yaml";
  std::ofstream(plain) << "name: plain\nduration: 1m\nworkload:\n  e: {rate: 10/s}\ncomponents:\n  out: {service: sink}\n"
                          "flows:\n  - e -> out\n";
  const auto none = run_archsim("grade " + plain + " " + dir);
  CHECK(none.exit_code == 2);
  CHECK(none.err.find(plain + ":1:1: error: this scenario names no challenge") != std::string::npos);
  const auto unknown = run_archsim("grade " + file + " " + dir + " --challenge small-strem");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("did you mean 'small-stream'?") != std::string::npos);
}

TEST_CASE("grade: every shipped challenge's reference design takes full marks, and its starter fails") {
  const std::string dir = std::string(ARCHSIM_SOURCE_DIR) + "/challenges";
  for (const auto& name : scenario::challenge_names(dir)) {
    CAPTURE(name);
    auto loaded = scenario::load_challenge(dir + "/" + name + ".yaml");
    REQUIRE(loaded.challenge);
    const scenario::Challenge& c = *loaded.challenge;
    const std::string file = "/tmp/archsim-grade-shipped-" + std::to_string(::getpid()) + "-" + name + ".yaml";
    std::ofstream(file) << scenario::starter_text(c);
    for (const bool reference : {true, false}) {
      CAPTURE(reference);
      const std::vector<std::string> sets = reference ? c.reference : std::vector<std::string>{};
      auto design = scenario::load_scenario(file, sets);
      REQUIRE(design.ok());
      scenario::Diagnostics diags;
      scenario::check_against_challenge(file, c, sets, diags);
      CHECK(diags.empty());
      whatif::GradeOptions options;
      options.sets = sets;
      options.jobs = 2;
      const whatif::Grade g = whatif::grade(file, *design.scenario, c, options);
      if (reference) {
        CHECK(g.holds());
        CHECK(g.total == doctest::Approx(100));
      } else {
        CHECK_FALSE(g.holds());
        CHECK(g.total < 50);
      }
    }
  }
}

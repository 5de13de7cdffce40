// Starting points: archsim new writes a commented scenario from a template
// or with one service alone, and archsim models SERVICE shows one service's
// keys with an example; every one of them loads and runs.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "archsim/models/builtin.hpp"
#include "archsim/run/simulation.hpp"
#include "archsim/scenario/examples.hpp"
#include "archsim/scenario/loader.hpp"
#include "support/run_command.hpp"

using namespace archsim;
using archsim::testing::run_archsim;

TEST_CASE("new: every service alone loads and runs, with each of its keys shown") {
  for (const auto& m : models::builtin_models()) {
    CAPTURE(m.service);
    const std::string text = scenario::service_alone(m);
    for (const auto& p : m.params)
      if (p.type != model::ParamType::named_sets) CHECK(text.find(p.name + ": ") != std::string::npos);
    auto loaded = scenario::load_scenario_text(text, m.service + ".yaml");
    for (const auto& d : loaded.diagnostics.items()) MESSAGE(d.format());
    REQUIRE(loaded.ok());
    loaded.scenario->duration = engine::from_seconds(600);
    loaded.scenario->warmup = 0;
    CHECK(run::simulate(*loaded.scenario).accounting.generated > 0);
  }
}

TEST_CASE("new: each template loads and meets its own requirements as shipped") {
  const std::filesystem::path dir = std::filesystem::path(ARCHSIM_SOURCE_DIR) / "scenarios/templates";
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"lake-and-query-engines", "nightly-batch", "stream-to-table"});
  for (const auto& name : names) {
    CAPTURE(name);
    auto loaded = scenario::load_scenario((dir / (name + ".yaml")).string());
    REQUIRE(loaded.ok());
    for (const auto& q : run::simulate(*loaded.scenario).requirements) {
      CAPTURE(q.name);
      CHECK(q.pass);
    }
  }
}

TEST_CASE("new and models: the commands write, refuse to overwrite, and suggest a name") {
  const std::string dir = "/tmp/archsim-new-" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  const auto made = run_archsim("new nightly-batch " + dir + "/n.yaml");
  CHECK(made.exit_code == 0);
  CHECK(run_archsim("validate " + dir + "/n.yaml").exit_code == 0);
  const auto again = run_archsim("new nightly-batch " + dir + "/n.yaml");
  CHECK(again.exit_code == 2);
  CHECK(again.err.find(dir + "/n.yaml:1:1: error: the file exists already") != std::string::npos);
  const auto typo = run_archsim("new stream-to-tabel " + dir + "/x.yaml");
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("did you mean 'stream-to-table'?") != std::string::npos);
  const auto service = run_archsim("new dynamodb " + dir + "/d.yaml");
  CHECK(service.exit_code == 0);
  const auto one = run_archsim("models flink");
  CHECK(one.exit_code == 0);
  CHECK(one.out.rfind("flink: ", 0) == 0);
  CHECK(one.out.find("kinesis:") == std::string::npos);
  CHECK(one.out.find("parallelism") != std::string::npos);
  CHECK(one.out.find("Example: flink alone") != std::string::npos);
  const auto wrong = run_archsim("models kinesiss");
  CHECK(wrong.exit_code == 2);
  CHECK(wrong.err.find("did you mean 'kinesis'?") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("cli: a mistyped option gets the nearest of its command's, and a key's words in another order are found") {
  const std::string scenario = std::string(ARCHSIM_SOURCE_DIR) + "/scenarios/support-desk-erlang.yaml";
  auto r = run_archsim("run " + scenario + " --replication 3");
  CHECK(r.exit_code == 2);
  CHECK(r.err == "archsim run: error: no option '--replication'; did you mean '--replications'?\n");
  r = run_archsim("sweep " + scenario + " --vary=components.agents.servers=1,2 --metrics x");
  CHECK(r.exit_code == 2);
  CHECK(r.err == "archsim sweep: error: no option '--metrics'; did you mean '--metric'?\n");
  r = run_archsim("run " + scenario + " --frobnicate");
  CHECK(r.err == "archsim run: error: no option '--frobnicate'; archsim run --help lists them\n");
  r = run_archsim("validate " + scenario + " --set requirements.p99_latency=5s");
  CHECK(r.err == "--set:1:14: error: unknown key 'p99_latency' in requirements; did you mean 'latency_p99'?\n");
}

TEST_CASE("cli: a mistyped command gets the nearest, and no command writes over a file it reads") {
  const auto typo = run_archsim("runn x.yaml");
  CHECK(typo.exit_code == 2);
  CHECK(typo.err == "archsim: error: no command 'runn'; did you mean 'run'? (archsim --help lists them)\n");
  const auto unknown = run_archsim("frobnicate");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("the commands are run, compare") != std::string::npos);
  // run -o onto its own scenario: refused before anything is written, the file intact.
  const std::string file = "/tmp/archsim-self-" + std::to_string(::getpid()) + ".yaml";
  const std::string text = testing::slurp(std::string(ARCHSIM_SOURCE_DIR) + "/scenarios/lessons/queueing.yaml");
  std::ofstream(file) << text;
  for (const std::string& command : {"run " + file + " -o " + file, "explain " + file + " -o " + file,
                                     "diagram " + file + " -o " + file}) {
    CAPTURE(command);
    const auto over = run_archsim(command);
    CHECK(over.exit_code == 2);
    CHECK(over.err.find(file + ":1:1: error: the ") != std::string::npos);
    CHECK(over.err.find("would be written over " + file) != std::string::npos);
    CHECK(testing::slurp(file) == text);
  }
  std::filesystem::remove(file);
}

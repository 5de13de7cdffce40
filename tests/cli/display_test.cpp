// The everyday habits of the command line: text that fits the terminal it is
// read on (or --wide), explain in every format, a progress line only on a
// terminal, and a key's former name read with a warning.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <sstream>

#include "archsim/report/text_width.hpp"
#include "progress_line.hpp"
#include "support/run_command.hpp"
#include "support/sweep_cases.hpp"

using archsim::testing::run_archsim;
using archsim::testing::slurp;

namespace {
const std::string kScenarios = std::string(ARCHSIM_SOURCE_DIR) + "/scenarios/";

std::size_t widest(const std::string& text) {
  std::istringstream in(text);
  std::size_t most = 0;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();  // a terminal's line end
    most = std::max(most, archsim::report::display_width(line));
  }
  return most;
}

std::string temp(const std::string& name) { return "/tmp/archsim-test-" + std::to_string(::getpid()) + "-display-" + name; }

// The command run with a terminal of `columns` for its standard output and
// error (script(1)); what the terminal showed, or nothing when there is no
// script(1) here.
std::optional<std::string> on_terminal(const std::string& args, int columns) {
  const std::string shown = temp("typescript.txt");
  const std::string command = "script -qec \"stty cols " + std::to_string(columns) + "; " +
                              std::string(ARCHSIM_BINARY) + " " + args + "\" /dev/null >" + shown + " 2>&1";
  if (std::system(command.c_str()) != 0) return std::nullopt;
  return slurp(shown);
}
}  // namespace

TEST_CASE("display: a text report fits 100 columns into a file or a pipe, the terminal's on one, all of it with --wide") {
  const std::string file = kScenarios + "realtime-inventory-underprovisioned.yaml --duration 1h --warmup 5m";
  const auto piped = run_archsim("run " + file);
  REQUIRE(piped.exit_code == 0);
  CHECK(widest(piped.out) <= 100);
  const auto wide = run_archsim("run " + file + " --wide");
  REQUIRE(wide.exit_code == 0);
  CHECK(widest(wide.out) > 200);  // the components table on one row each
  // Wrapping moves line breaks, never words.
  std::istringstream a(piped.out), b(wide.out);
  std::string wa, wb, word;
  while (a >> word) wa += word + " ";
  while (b >> word) wb += word + " ";
  // The split table repeats its key columns; every word of the wide report is there.
  std::istringstream wide_words(wb);
  while (wide_words >> word) CHECK_MESSAGE(wa.find(word) != std::string::npos, word);
  const auto shown = on_terminal("run " + file + " --quiet", 72);
  if (!shown) {
    MESSAGE("script(1) cannot give the command a terminal here; the terminal's width not checked");
    return;
  }
  CHECK(widest(*shown) <= 72);
  CHECK(shown->find("Bottlenecks") != std::string::npos);
}

TEST_CASE("display: explain writes text, Markdown, HTML and JSON, and shortens a long path unless --wide") {
  const std::string file = kScenarios + "realtime-inventory.yaml";
  const auto md = run_archsim("explain " + file + " --format md");
  REQUIRE(md.exit_code == 0);
  CHECK(md.out.rfind("# Real-time inventory", 0) == 0);
  for (const std::string heading : {"\n## Components\n", "\n## Ceiling\n", "\n## Latency by path\n", "\n## Cost\n"})
    CHECK_MESSAGE(md.out.find(heading) != std::string::npos, heading);
  CHECK(md.out.find("| path | mean | peak |") != std::string::npos);
  const auto html = run_archsim("explain " + file + " --format html");
  REQUIRE(html.exit_code == 0);
  CHECK(html.out.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.out.find("<h2>Ceiling</h2>") != std::string::npos);
  CHECK(html.out.find("stock_table") != std::string::npos);
  CHECK(html.out.find("<script") == std::string::npos);
  // The same figures in every format: the ceiling's multiple.
  const auto text = run_archsim("explain " + file + " --wide");
  const auto at = text.out.find("carries up to ");
  REQUIRE(at != std::string::npos);
  const std::string multiple = text.out.substr(at, text.out.find("x today", at) - at);
  CHECK(md.out.find(multiple) != std::string::npos);
  CHECK(html.out.find(multiple) != std::string::npos);

  // A chain of 30 servers: its path shortened to its ends, whole with --wide.
  std::string chain = "name: chain\nduration: 10m\nworkload:\n  s: {rate: 10/s}\ncomponents:\n";
  std::string flow = "  - s";
  for (int i = 0; i < 30; ++i) {
    chain += "  stage" + std::to_string(i) + ": {service: server, service_time: 1ms}\n";
    flow += " -> stage" + std::to_string(i);
  }
  chain += "  end: {service: sink}\nflows:\n" + flow + " -> end\n";
  const std::string path = archsim::testing::write_temp("display-chain.yaml", chain);
  const auto shortened = run_archsim("explain " + path);
  REQUIRE(shortened.exit_code == 0);
  CHECK(shortened.out.find("-> ... 26 more ... ->") != std::string::npos);
  CHECK(widest(shortened.out) <= 100);
  const auto whole = run_archsim("explain " + path + " --wide");
  CHECK(whole.out.find("stage14 -> stage15") != std::string::npos);
}

TEST_CASE("display: a progress line on a terminal's standard error for work over a second, never in a pipe or with --quiet") {
  using archsim::cli::progress_text;
  archsim::run::ProgressCount since{.started = 2, .finished = 2};
  CHECK(progress_text("run", since, {.started = 3, .finished = 2, .running_done_ns = 43, .running_planned_ns = 100}, 5.4) ==
        "run: 1 simulation running, 43% of its simulated time · 5 s");
  CHECK(progress_text("run", since, {.started = 9, .finished = 6, .running_done_ns = 1, .running_planned_ns = 2}, 125) ==
        "run: 4 simulations done, 3 running, 50% of their simulated time · 2 min 5 s");
  // A run counts itself while it goes.
  const auto before = archsim::run::progress_now();
  {
    archsim::run::ProgressTicket ticket(1000);
    ticket.reached(250);
    const auto during = archsim::run::progress_now();
    CHECK(during.started == before.started + 1);
    CHECK(during.running_done_ns - before.running_done_ns == 250);
  }
  CHECK(archsim::run::progress_now().finished == before.finished + 1);

  const std::string file = kScenarios + "realtime-inventory-underprovisioned.yaml --duration 8h --warmup 5m";
  const auto piped = run_archsim("run " + file + " -o /dev/null");
  REQUIRE(piped.exit_code == 0);
  CHECK(piped.err.empty());
  const auto shown = on_terminal("run " + file + " -o /dev/null", 100);
  if (!shown) {
    MESSAGE("script(1) cannot give the command a terminal here; progress line not checked");
    return;
  }
  CHECK(shown->find("\rrun: ") != std::string::npos);
  CHECK(shown->find("simulated time") != std::string::npos);
  CHECK(shown->find("\r\x1b[K") != std::string::npos);  // cleared at the end
  const auto quiet = on_terminal("run " + file + " -o /dev/null --quiet", 100);
  REQUIRE(quiet);
  CHECK(quiet->find("run: ") == std::string::npos);
}

TEST_CASE("display: a source's former key 'instances' is read as 'producers', with a warning at its line") {
  const std::string base = "name: renamed\nduration: 10m\nworkload:\n  events: {rate: 10/s, instances: 3}\n"
                           "components:\n  worker: {service: server, service_time: 1ms}\n  store: {service: sink}\n"
                           "flows:\n  - events -> worker -> store\n";
  const std::string path = archsim::testing::write_temp("display-renamed.yaml", base);
  const auto r = run_archsim("explain " + path);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find(path + ":4:24: warning: 'instances' in source 'events' is now called 'producers'") == 0);
  CHECK(r.out.find("input: 30.0/s mean") != std::string::npos);
  // An override under the new name wins over the file's former name.
  const auto set = run_archsim("explain " + path + " --set workload.events.producers=5");
  REQUIRE(set.exit_code == 0);
  CHECK(set.out.find("input: 50.0/s mean") != std::string::npos);
  // Both names in the file: which one was meant is not clear.
  std::string both = base;
  both.replace(both.find("instances: 3"), 12, "instances: 3, producers: 4");
  const auto clash = run_archsim("validate " + archsim::testing::write_temp("display-both.yaml", both));
  CHECK(clash.exit_code == 2);
  CHECK(clash.err.find("'instances' is the former name of 'producers', which source 'events' also sets") !=
        std::string::npos);
  // EMR keeps its `instances`: a cluster's nodes.
  CHECK(run_archsim("models emr").out.find("instances") != std::string::npos);
}

TEST_CASE("display: reference text fits too: the models, the catalog, a challenge") {
  for (const std::string command : {"models", "models kinesis", "catalog", "challenge list", "challenge show realtime-inventory"}) {
    const auto r = run_archsim(command);
    REQUIRE_MESSAGE(r.exit_code == 0, command);
    // A document's address may be longer than the room left beside its indent; nothing else is.
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);)
      if (line.find("/") == std::string::npos && line.find("example") == std::string::npos)
        CHECK_MESSAGE(archsim::report::display_width(line) <= 100, (command + ": " + line));
    CHECK_MESSAGE(widest(run_archsim(command + " --wide").out) >= widest(r.out), command);
  }
  // The catalog, narrower than its table: each entry on its own line, its documents under it.
  const auto catalog = run_archsim("catalog");
  CHECK(catalog.out.find("  kinesis.shard.write_records_per_s = 1,000 records/s  [ok]\n") != std::string::npos);
  // A service's example scenario is YAML to copy: never wrapped.
  const auto kinesis = run_archsim("models kinesis");
  const auto wide = run_archsim("models kinesis --wide");
  CHECK(kinesis.out.substr(kinesis.out.find("Example:")) == wide.out.substr(wide.out.find("Example:")));
}

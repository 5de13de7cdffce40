// Bounds checked before a run: only regular files of a stated size are read;
// counts, byte totals and the clock cannot overflow; a design offered far
// more than it takes, or a run past the event budget, is refused with the
// arithmetic and how to shorten it. Each case is the adversarial input that
// once gave a wrong answer, an internal error or a hang.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <regex>
#include <string>

#include "archsim/run/simulation.hpp"
#include "archsim/scenario/input_file.hpp"
#include "archsim/scenario/loader.hpp"
#include "archsim/scenario/scale.hpp"
#include "support/run_command.hpp"

using namespace archsim;
using archsim::testing::run_archsim;

namespace {

std::string temp(const std::string& name) { return "/tmp/archsim-bounds-" + std::to_string(::getpid()) + "-" + name; }

std::string written(const std::string& name, const std::string& text) {
  const std::string path = temp(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// The one diagnostic a scenario text gets.
std::string only_error(const std::string& yaml) {
  const auto loaded = scenario::load_scenario_text(yaml, "s.yaml");
  REQUIRE_FALSE(loaded.ok());
  const auto items = loaded.diagnostics.sorted();
  REQUIRE(items.size() == 1);
  return items.front().format();
}

const char* kServer = R"(
components:
  w: { service: server, servers: 1, service_time: { dist: exponential, mean: 1ms } }
flows:
  - src -> w
)";

}  // namespace

TEST_CASE("bounds: a device, a FIFO, a directory or an oversized file is refused at once, not read") {
  auto r = run_archsim("validate /dev/zero", "timeout 20");
  CHECK(r.exit_code == 2);
  CHECK(r.err == "/dev/zero:1:1: error: cannot read the scenario file: it is a character device; give the path of a file\n");

  const std::string fifo = temp("fifo.yaml");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  r = run_archsim("validate " + fifo, "timeout 20");  // 124 if it waited for a writer
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("it is a named pipe (FIFO)") != std::string::npos);
  r = run_archsim("sweep-merge " + fifo, "timeout 20");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("cannot read this part: it is a named pipe (FIFO)") != std::string::npos);
  std::remove(fifo.c_str());

  const std::string big = written("big.yaml", std::string(scenario::kMaxYamlBytes + 1, '#'));
  r = run_archsim("validate " + big);
  CHECK(r.exit_code == 2);
  CHECK(r.err == big + ":1:1: error: cannot read the scenario file: it is larger than 16 MiB, the most archsim reads; "
                       "is this the file you meant?\n");
  std::remove(big.c_str());
  // At the limit it is read (and then judged as YAML: a comment only is empty).
  const std::string edge = written("edge.yaml", std::string(scenario::kMaxYamlBytes, '#'));
  r = run_archsim("validate " + edge);
  CHECK(r.err.find("the scenario is empty") != std::string::npos);
  std::remove(edge.c_str());
}

TEST_CASE("bounds: records past an exact count are refused at the rate, with the largest rate that fits") {
  // 1e16/s in 1-hour batches for 2 h: 7.2e19 records, past 2^53 (and past
  // a 64-bit count, where it once read "generated 0").
  const std::string e = only_error(std::string("name: n\nduration: 2h\nworkload:\n  src: { rate: 1e16/s, batch: 1h }\n") +
                                   kServer);
  CHECK(e.rfind("s.yaml:4:16: error: source 'src' would make about 7.2e+19 records", 0) == 0);
  // 2^53 / 7200 s = 1.25e12 a second.
  CHECK(e.find("the largest rate that fits this duration is 1.3e+12 a second") != std::string::npos);
}

TEST_CASE("bounds: bytes past a 64-bit total are refused, though the records fit") {
  // 1e6/s for an hour of 10 GB records: 3.6e9 records, 3.6e19 bytes > 2^63.
  const std::string e = only_error(
      std::string("name: n\nduration: 1h\nworkload:\n  src: { rate: 1e6/s, batch: 1s, record_size: 10GB }\n") + kServer);
  CHECK(e.find("would carry about 3.6e+19 bytes") != std::string::npos);
  CHECK(e.find("2^63") != std::string::npos);
}

TEST_CASE("bounds: a one-second spike of a billion times counts in the event budget, and shortening is worked out") {
  // 10/s x 1e9 for 1 s at 1 h: 1e10 records, each an arrival and a delivery.
  const std::string e = only_error(R"(name: n
duration: 24h
workload:
  src: { rate: 10/s, profile: { kind: spike, at: 1h, for: 1s, factor: 1e9 } }
components:
  sink: { service: s3 }
flows:
  - src -> sink
)");
  CHECK(e.find("the run would take about 2e+10 events") != std::string::npos);
  // Any run that reaches the spike's second is over budget: it must end before it.
  CHECK(e.find("shorten 'duration' to at most 1 h") != std::string::npos);
}

TEST_CASE("bounds: a run past its event budget in ways arrivals do not show is stopped early, at --duration") {
  // The shipped Lambda design takes about 68 million events a day, most of
  // them polls and batches split by shard, not arrivals; 300 days is 2e10.
  const auto r = run_archsim("run " + std::string(ARCHSIM_SOURCE_DIR) + "/scenarios/lambda-vs-flink.yaml --duration 300d",
                             "timeout 120");
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK_MESSAGE(std::regex_search(r.err, std::regex("^--duration:1:1: error: the run would take about [0-9.e+]+ events "
                                                    "\\([0-9.e+]+ in its first [0-9.]+ h of 7.2e\\+03 h\\)")),
                r.err);
  CHECK(r.err.find("shorten 'duration' to at most") != std::string::npos);
}

TEST_CASE("bounds: options are reported at the option, not at a --set nobody typed") {
  auto r = run_archsim("run " + std::string(ARCHSIM_SOURCE_DIR) + "/scenarios/support-desk-erlang.yaml --duration 0s");
  CHECK(r.exit_code == 2);
  CHECK(r.err == "--duration:1:1: error: 'duration' in the scenario must be greater than zero\n");
  r = run_archsim("run " + std::string(ARCHSIM_SOURCE_DIR) + "/scenarios/support-desk-erlang.yaml --warmup 5h");
  CHECK(r.exit_code == 2);
  CHECK(r.err.rfind("--warmup:1:1: error: ", 0) == 0);
}

TEST_CASE("bounds: times past the clock's end saturate: a tiny rate makes nothing, centuries of service never finish") {
  for (const char* arrivals : {"poisson", "deterministic"}) {
    CAPTURE(arrivals);
    // A gap of 1e11 s a record: none in an hour, where it once scheduled
    // in the past (an overflowed gap) or spun on 1 ns gaps.
    const auto loaded = scenario::load_scenario_text(
        std::string("name: n\nduration: 1h\nworkload:\n  src: { rate: 1e-11/s, arrivals: ") + arrivals + " }\n" + kServer,
        "s.yaml");
    REQUIRE(loaded.ok());
    const run::RunResult r = run::simulate(*loaded.scenario);
    CHECK(r.accounting.generated == 0);
  }
  // 400 records an hour in hourly batches, each served for 366 days: a
  // batch's service is 400 x 366 d, past 2^63 ns. It never ends in the run;
  // its records are in flight at the end, not an error.
  const auto loaded = scenario::load_scenario_text(R"(name: n
duration: 3h
workload:
  src: { rate: 400/h, batch: 1h }
components:
  w: { service: server, servers: 1, service_time: 366d }
flows:
  - src -> w
)",
                                                   "s.yaml");
  REQUIRE(loaded.ok());
  const run::RunResult r = run::simulate(*loaded.scenario);
  CHECK(r.accounting.generated > 0);
  CHECK(r.accounting.delivered == 0);
  CHECK(r.accounting.in_flight == r.accounting.generated);
}

TEST_CASE("bounds: a consumer of a stream whose own keys are wrong gets the stream's errors, not an internal error") {
  const auto loaded = scenario::load_scenario_text(R"(name: n
duration: 10m
workload:
  src: { rate: 10/s }
components:
  s: { service: kinesis, mode: sometimes, shards: -3 }
  f: { service: lambda, duration: 10ms }
flows:
  - src -> s -> f
)",
                                                   "s.yaml");
  REQUIRE_FALSE(loaded.ok());
  const auto items = loaded.diagnostics.sorted();
  REQUIRE(items.size() == 2);
  CHECK(items[0].format() == "s.yaml:6:32: error: 'mode' in kinesis component 's' must be provisioned or on_demand, not 'sometimes'");
  CHECK(items[1].format() == "s.yaml:6:51: error: 'shards' in kinesis component 's' must be at least 1");
}

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <regex>
#include <vector>

#include "commands.hpp"
#include "support/mini_json.hpp"
#include "support/run_command.hpp"

using archsim::testing::Json;
using archsim::testing::run_archsim;

namespace {
const std::string kDefault = std::string(ARCHSIM_SOURCE_DIR) + "/scenarios/ingest-worker.yaml";
// A short run of the default scenario, so CLI tests stay fast.
const std::string kShort = kDefault + " --duration 2m --warmup 10s";
}  // namespace

TEST_CASE("cli: --version and --help for every command") {
  auto v = run_archsim("--version");
  CHECK(v.exit_code == 0);
  CHECK(v.out.find("archsim 0.") != std::string::npos);
  for (const std::string cmd : {"", "run ", "diagram ", "validate ", "models ", "catalog "}) {
    auto h = run_archsim(cmd + "--help");
    CHECK_MESSAGE(h.exit_code == 0, cmd);
    CHECK_MESSAGE(h.out.find("Usage") != std::string::npos, cmd);
  }
  auto run_help = run_archsim("run --help");
  for (const std::string option : {"--format", "-o", "--seed", "--duration", "--set"})
    CHECK_MESSAGE(run_help.out.find(option) != std::string::npos, option);
}

TEST_CASE("cli: usage errors exit 2") {
  CHECK(run_archsim("").exit_code == 2);
  CHECK(run_archsim("frobnicate").exit_code == 2);
  CHECK(run_archsim("run " + kShort + " --format yaml").exit_code == 2);
  CHECK(run_archsim("run").exit_code == 2);
}

TEST_CASE("cli: run --format json carries every stable key of the result contract") {
  auto r = run_archsim("run " + kShort + " --format json");
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  const Json j = Json::parse(r.out);
  for (const std::string key :
       {"scenario.name", "scenario.seed", "scenario.duration_s", "scenario.warmup_s", "accounting.generated",
        "accounting.delivered", "accounting.dropped", "accounting.in_flight", "accounting.absorbed",
        "accounting.created", "cost.total_usd", "cost.monthly_usd"})
    CHECK_MESSAGE(j.at(key) != nullptr, key);
  CHECK(j.at("scenario.duration_s")->number == 120);
  CHECK(j.at("scenario.warmup_s")->number == 10);
  const Json* worker = j.at("components.ingest_worker");
  REQUIRE(worker != nullptr);
  for (const std::string key :
       {"service", "records_in", "records_out", "dropped", "in_flight", "absorbed", "created", "throttled",
        "utilization.mean", "utilization.peak", "latency_s.mean", "latency_s.p50", "latency_s.p90", "latency_s.p99",
        "latency_s.max", "wait_s.mean", "cost_usd"})
    CHECK_MESSAGE(worker->at(key) != nullptr, key);
  CHECK(worker->at("service")->text == "server");
  const Json* paths = j.get("paths");
  REQUIRE(paths != nullptr);
  REQUIRE(paths->items.size() == 1);
  for (const std::string key : {"from", "to", "records", "latency_s.mean", "latency_s.p50", "latency_s.p99"})
    CHECK_MESSAGE(paths->items[0].at(key) != nullptr, key);
  CHECK(j.get("bottlenecks")->kind == Json::Kind::array);
  const Json* reqs = j.get("requirements");
  REQUIRE(reqs->items.size() == 2);
  for (const auto& q : reqs->items)
    for (const std::string key : {"name", "target", "actual", "pass"}) CHECK(q.at(key) != nullptr);
  // SI units: the worker's mean latency is about 100 ms, written in seconds.
  CHECK(worker->at("latency_s.mean")->number > 0.02);
  CHECK(worker->at("latency_s.mean")->number < 1.0);
}

TEST_CASE("cli: -o writes the report to a file and nothing to stdout") {
  const std::string path = "/tmp/archsim-cli-o-" + std::to_string(::getpid()) + ".json";
  auto r = run_archsim("run " + kShort + " --format json -o " + path);
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  const std::string written = archsim::testing::slurp(path);
  std::remove(path.c_str());
  CHECK(Json::parse(written).at("scenario.name")->text == "Ingest worker at 90% utilization");
}

TEST_CASE("cli: the text summary names components, paths and the seed") {
  auto r = run_archsim("run " + kShort + " --seed 7");
  REQUIRE(r.exit_code == 0);
  for (const std::string text : {"seed 7", "ingest_worker", "network_hop", "events -> store", "Data freshness", "Requirements"})
    CHECK_MESSAGE(r.out.find(text) != std::string::npos, text);
}

TEST_CASE("cli: --set changes the design, servers: 2 makes the queue vanish") {
  auto one = Json::parse(run_archsim("run " + kShort + " --format json").out);
  auto two = Json::parse(run_archsim("run " + kShort + " --format json --set components.ingest_worker.servers=2").out);
  const double wait_one = one.at("components.ingest_worker.wait_s.mean")->number;
  const double wait_two = two.at("components.ingest_worker.wait_s.mean")->number;
  CHECK(wait_one > 0.03);          // M/M/1 at rho 0.9: 90 ms in theory
  CHECK(wait_two < wait_one / 10);  // M/M/2 at rho 0.45: 2.5 ms in theory
}

TEST_CASE("cli: validate accepts every scenario in scenarios/") {
  auto r = run_archsim("validate " + std::string(ARCHSIM_SOURCE_DIR) + "/scenarios/*.yaml");
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(r.out.find(": ok") != std::string::npos);
}

TEST_CASE("cli: models lists every service with its keys") {
  auto r = run_archsim("models");
  CHECK(r.exit_code == 0);
  for (const std::string text : {"server:", "delay:", "sink:", "service_time", "queue_capacity", "latency", "rate"})
    CHECK_MESSAGE(r.out.find(text) != std::string::npos, text);
}

TEST_CASE("cli: catalog lists every limit and price with its source and date") {
  auto r = run_archsim("catalog");
  CHECK(r.exit_code == 0);
  for (const std::string text : {"kinesis.", "dynamodb.", "athena.", "2024-07-01", "docs.aws.amazon.com"})
    CHECK_MESSAGE(r.out.find(text) != std::string::npos, text);
}

TEST_CASE("cli: a design that cannot keep up stops with a clear error, not out of memory") {
  // 20 million orders a second into two servers that take 500 a second, with an unlimited queue.
  const std::string args = "run " + std::string(ARCHSIM_SOURCE_DIR) +
                           "/scenarios/fanout-and-split.yaml --duration 30s --warmup 0s --set workload.orders.rate=5000000/s";
  // Refused before it runs, with explain's arithmetic, at the component.
  auto r = run_archsim(args);
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK_MESSAGE(std::regex_search(r.err, std::regex("fanout-and-split\\.yaml:[0-9]+:3: error: server 'validate' would be "
                                                    "offered [0-9,]+x what it takes at the peak")),
                r.err);
  CHECK(r.err.find("--allow-overload") != std::string::npos);
  // Run anyway, it stops when its queue outgrows what the machine holds.
  r = run_archsim(args + " --allow-overload");
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(std::regex_search(r.err, std::regex("fanout-and-split\\.yaml:[0-9]+:3: error: component 'validate' cannot keep up")));
}

TEST_CASE("cli: colour only on a terminal, never with NO_COLOR, never into a file") {
  using archsim::cli::colour_wanted;
  for (const bool terminal : {false, true})
    for (const bool no_color : {false, true})
      for (const bool to_file : {false, true})
        CHECK(colour_wanted(terminal, no_color, to_file) == (terminal && !no_color && !to_file));
  // Not a terminal here: the report is plain.
  auto r = run_archsim("run " + kShort);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find('\x1b') == std::string::npos);
}

TEST_CASE("cli: run --format md writes the Markdown report") {
  auto r = run_archsim("run " + kShort + " --format md");
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(r.out.rfind("# Ingest worker at 90% utilization\n", 0) == 0);
  for (const std::string text : {"## Components", "| ingest_worker | server |", "| events -> store |", "- **PASS** "})
    CHECK_MESSAGE(r.out.find(text) != std::string::npos, text);
}

TEST_CASE("cli: diagram writes DOT to stdout or a .dot file, and SVG through Graphviz for every scenario") {
  const std::string dir = std::string(ARCHSIM_SOURCE_DIR) + "/scenarios/";
  auto out = run_archsim("diagram " + dir + "fanout-and-split.yaml --set components.validate.servers=3");
  REQUIRE(out.exit_code == 0);
  CHECK(out.err.empty());
  CHECK(out.out.find("\"validate\" [shape=box, style=rounded, label=\"validate\\nserver\\n3 servers\"]") !=
        std::string::npos);
  CHECK(out.out.find("\"pricing\" -> \"manual_review\" [label=\"20%\"];") != std::string::npos);
  const std::string base = "/tmp/archsim-cli-diagram-" + std::to_string(::getpid());
  auto dot = run_archsim("diagram " + dir + "fanout-and-split.yaml --set components.validate.servers=3 -o " + base +
                         ".dot");
  CHECK(dot.exit_code == 0);
  CHECK(dot.out.empty());
  CHECK(archsim::testing::slurp(base + ".dot") == out.out);
  std::remove((base + ".dot").c_str());

  if (std::system("command -v dot >/dev/null 2>&1") != 0) {
    MESSAGE("Graphviz's dot is not installed (scripts/setup installs it): SVG not checked");
    return;
  }
  const std::vector<std::string> names = {"clickstream-lake", "data-quality-10k-tables", "fanout-and-split",
                                          "flash-sale-spike", "glue-vs-emr", "ingest-worker", "lambda-vs-flink",
                                          "order-stream-basics", "realtime-inventory-underprovisioned",
                                          "realtime-inventory", "recommendations-batch", "redshift-vs-athena",
                                          "support-desk-erlang"};
  for (const auto& name : names) {
    auto svg = run_archsim("diagram " + dir + name + ".yaml -o " + base + ".svg");
    CHECK_MESSAGE(svg.exit_code == 0, name << ": " << svg.err);
    const std::string drawn = archsim::testing::slurp(base + ".svg");
    std::remove((base + ".svg").c_str());
    CHECK_MESSAGE(drawn.find("<svg") != std::string::npos, name);
    CHECK_MESSAGE(drawn.find("</svg>") != std::string::npos, name);
  }
}

TEST_CASE("cli: diagram errors exit 2: a bad scenario, an unknown extension, SVG without Graphviz") {
  const std::string file = std::string(ARCHSIM_SOURCE_DIR) + "/scenarios/fanout-and-split.yaml";
  auto bad = run_archsim("diagram " + file + " --set components.validate.servers=zero");
  CHECK(bad.exit_code == 2);
  CHECK(bad.out.empty());
  CHECK(bad.err.find("--set:1:") != std::string::npos);
  CHECK(bad.err.find(": error: ") != std::string::npos);
  auto missing = run_archsim("diagram /nonexistent/plan.yaml");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("/nonexistent/plan.yaml:1:1: error: ") == 0);
  auto png = run_archsim("diagram " + file + " -o /tmp/archsim-diagram.png");
  CHECK(png.exit_code == 2);
  CHECK(png.err.find("/tmp/archsim-diagram.png:1:1: error: ") == 0);
  const std::string svg = "/tmp/archsim-cli-nodot-" + std::to_string(::getpid()) + ".svg";
  auto no_dot = run_archsim("diagram " + file + " -o " + svg, "env PATH=/nonexistent");
  CHECK(no_dot.exit_code == 2);
  CHECK(no_dot.out.empty());
  CHECK(no_dot.err.find("Graphviz's 'dot'") != std::string::npos);
  CHECK(no_dot.err.find("graphviz") != std::string::npos);
  std::remove(svg.c_str());
}

TEST_CASE("cli: run --format html writes one page with the diagram, its bottleneck in red") {
  const std::string file = std::string(ARCHSIM_SOURCE_DIR) + "/scenarios/realtime-inventory-underprovisioned.yaml";
  const std::string page = "/tmp/archsim-cli-html-" + std::to_string(::getpid()) + ".html";
  auto r = run_archsim("run " + file + " --duration 2h --format html -o " + page);
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  const std::string html = archsim::testing::slurp(page);
  std::remove(page.c_str());
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  if (std::system("command -v dot >/dev/null 2>&1") == 0) {
    CHECK(r.err.empty());
    CHECK(html.find("<figure class=\"diagram\" style=\"max-width: ") != std::string::npos);
    CHECK(html.find("#c0392b") != std::string::npos);  // the highlighted bottleneck
  }
  // Without Graphviz the page is still written, with a note in the diagram's place.
  auto no_dot = run_archsim("run " + file + " --duration 2h --format html", "env PATH=/nonexistent");
  CHECK(no_dot.exit_code == 0);
  CHECK(no_dot.out.find("install the Debian package graphviz") != std::string::npos);
  CHECK(no_dot.out.find("<figure class=\"diagram\"") == std::string::npos);
}

TEST_CASE("cli: --fault drills a design from the command line, and a mistake in it exits 2 at --fault:N:COL") {
  const std::string file = "/tmp/archsim-drill-" + std::to_string(::getpid()) + ".yaml";
  {
    std::ofstream out(file);
    out << "name: drill\nduration: 1h\n"
           "workload:\n  events: { rate: 1000/s, arrivals: deterministic, batch: 1s }\n"
           "components:\n  stream: { service: kinesis, shards: 4 }\n"
           "  job: { service: flink, kpu: 1, parallelism: 1, cost_per_record: 500us }\n"
           "flows:\n  - events -> stream -> job\n";
  }
  auto r = run_archsim("run " + file + " --format json --fault '{target: job, kind: stopped, after: 10m, for: 5m}'");
  REQUIRE(r.exit_code == 0);
  const Json j = Json::parse(r.out);
  const Json* faults = j.at("faults");
  REQUIRE(faults);
  REQUIRE(faults->items.size() == 1);
  CHECK(faults->items[0].at("kind")->text == "stopped");
  CHECK(faults->items[0].at("start_s")->number == 600);
  CHECK(faults->items[0].at("recovered")->boolean);
  CHECK(j.at("requirements_without_faults") == nullptr);  // the scenario states none
  auto text = run_archsim("run " + file + " --fault '{target: job, kind: stopped, after: 10m, for: 5m}'");
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("Drill: 'job' stopped from 00:10 to 00:15 (5.00 min)") != std::string::npos);
  CHECK(text.out.find("Faults drilled") != std::string::npos);
  auto bad = run_archsim("run " + file + " --fault '{target: jo, kind: stopped, after: 10m, for: 5m}'");
  CHECK(bad.exit_code == 2);
  CHECK(bad.out.empty());
  CHECK(bad.err.rfind("--fault:1:10: error: the fault's target 'jo' is not a source or component", 0) == 0);
  auto checked = run_archsim("validate " + file + " --fault '{target: job, kind: throttled, share: 50%, after: 10m, for: 5m}'");
  CHECK(checked.exit_code == 2);
  CHECK(checked.err.find("a 'throttled' fault is not simulated for flink component 'job'; the kinds it simulates: stopped") !=
        std::string::npos);
  std::remove(file.c_str());
}

TEST_CASE("cli: compare --fault drills every design the same way and sets their recoveries side by side") {
  const std::string base = "/tmp/archsim-compare-drill-" + std::to_string(::getpid());
  for (const char* subtasks : {"1", "2"}) {
    std::ofstream out(base + "-" + subtasks + ".yaml");
    out << "name: drill with " << subtasks << "\nduration: 1h\n"
           "workload:\n  events: { rate: 1000/s, arrivals: deterministic, batch: 1s }\n"
           "components:\n  stream: { service: kinesis, shards: 4 }\n"
           "  job: { service: flink, parallelism: " << subtasks << ", cost_per_record: 500us }\n"
           "flows:\n  - events -> stream -> job\n";
  }
  auto r = run_archsim("compare " + base + "-1.yaml " + base + "-2.yaml --replications 2 --jobs 1 --fault "
                       "'{target: job, kind: stopped, after: 10m, for: 5m}'");
  CHECK(r.exit_code == 0);
  // 300,000 records wait, and the minute since the 00:09 checkpoint is
  // replayed (60,000): one subtask (2,000/s) catches up at 1,000/s in 6 min,
  // two (4,000/s) at 3,000/s in 2 min.
  CHECK(r.out.find("time to recover, fault 0 (job stopped)") != std::string::npos);
  CHECK(r.out.find("time to recover, fault 0 (job stopped): B is 4.00 min lower") != std::string::npos);
  std::remove((base + "-1.yaml").c_str());
  std::remove((base + "-2.yaml").c_str());
}

TEST_CASE("cli: sweep --fault drills every point, and its shards carry the fault into the merge") {
  const std::string base = "/tmp/archsim-sweep-drill-" + std::to_string(::getpid());
  {
    std::ofstream out(base + ".yaml");
    out << "name: drill\nduration: 1h\n"
           "workload:\n  events: { rate: 1000/s, arrivals: deterministic, batch: 1s }\n"
           "components:\n  stream: { service: kinesis, shards: 4 }\n"
           "  job: { service: flink, parallelism: 1, cost_per_record: 500us }\n"
           "flows:\n  - events -> stream -> job\n";
  }
  const std::string sweep = "sweep " + base + ".yaml --vary components.job.parallelism=1,2,3 --replications 1 --jobs 1 " +
                            "--metric faults.0.time_to_recover_s --fault '{target: job, kind: stopped, after: 10m, for: 5m}'";
  auto whole = run_archsim(sweep + " --format csv");
  REQUIRE(whole.exit_code == 0);
  // 360,000 records (5 min at 1,000/s and the minute replayed) drained at
  // 2,000 x subtasks - 1,000/s: 6 min, 2 min and 72 s.
  CHECK(whole.out.find("faults.0.time_to_recover_s") != std::string::npos);
  auto one = run_archsim(sweep + " --shard 1/2 -o " + base + "-1.json");
  auto two = run_archsim(sweep + " --shard 2/2 -o " + base + "-2.json");
  REQUIRE(one.exit_code == 0);
  REQUIRE(two.exit_code == 0);
  CHECK(archsim::testing::slurp(base + "-1.json").find("\"faults\"") != std::string::npos);
  auto merged = run_archsim("sweep-merge " + base + "-1.json " + base + "-2.json --format csv");
  CHECK(merged.exit_code == 0);
  CHECK(merged.out == whole.out);
  for (const char* suffix : {".yaml", "-1.json", "-2.json"}) std::remove((base + suffix).c_str());
}

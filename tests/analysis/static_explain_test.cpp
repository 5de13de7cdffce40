// archsim explain: the ceiling and the min cut against hand-computed cuts, the
// static figures against documented limits and closed forms, and the command
// on every scenario.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "archsim/analysis/static_explain.hpp"
#include "archsim/model/key_mix.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "archsim/scenario/loader.hpp"
#include "support/run_command.hpp"
#include "validation/queueing_formulas.hpp"

using namespace archsim;

namespace {

analysis::StaticExplanation explain(const std::string& yaml) {
  auto loaded = scenario::load_scenario_text(yaml, "test.yaml");
  for (const auto& d : loaded.diagnostics.items()) MESSAGE(d.format());
  REQUIRE(loaded.ok());
  return analysis::explain_statically(*loaded.scenario, scenario::builtin_catalog());
}

const analysis::StaticComponent& find(const analysis::StaticExplanation& e, const std::string& name) {
  for (const auto& c : e.components)
    if (c.name == name) return c;
  FAIL("no component " << name);
  return e.components.front();
}

// A server of `servers` at `ms` milliseconds a record: capacity servers x 1000 / ms.
std::string server(const std::string& name, int servers, int ms) {
  return "  " + name + ": { service: server, servers: " + std::to_string(servers) + ", service_time: " +
         std::to_string(ms) + "ms }\n";
}

}  // namespace

TEST_CASE("explain: a chain's ceiling is its smallest capacity, and max-flow agrees") {
  // 100/s through a (2 servers x 10 ms: 200/s), b (1 x 4 ms: 250/s), c (5 x 50 ms: 100/s... 5 x 20/s = 100/s).
  const auto e = explain("name: chain\nduration: 1h\nworkload:\n  s: { rate: 50/s }\ncomponents:\n" +
                         server("a", 2, 10) + server("b", 1, 4) + server("c", 5, 50) +
                         "flows: [s -> a -> b -> c]\n");
  CHECK(find(e, "a").capacity == doctest::Approx(200));
  CHECK(find(e, "c").capacity == doctest::Approx(100));
  CHECK(e.ceiling.scale == doctest::Approx(2.0));  // 100 / 50
  REQUIRE(e.ceiling.binding.size() == 1);
  CHECK(e.ceiling.binding[0] == "c");
  CHECK(e.ceiling.max_flow == doctest::Approx(100));
  REQUIRE(e.ceiling.min_cut.size() == 1);
  CHECK(e.ceiling.min_cut[0] == "c");
  CHECK_FALSE(e.ceiling.fixed_routing);
}

TEST_CASE("explain: parallel branches with fixed shares bind at the branch with the least room") {
  // 100/s split 50/50 over b (100/s) and c (1,000/s): b binds at 2x; free
  // routing could send c its 1,000 and b its 100: max-flow 1,100.
  const auto e = explain("name: par\nduration: 1h\nworkload:\n  s: { rate: 100/s }\ncomponents:\n  a: { service: delay, latency: 1ms }\n" +
                         server("b", 1, 10) + server("c", 10, 10) +
                         "flows:\n  - s -> a\n  - { from: a, to: b, share: 50% }\n  - { from: a, to: c, share: 50% }\n");
  CHECK(e.ceiling.scale == doctest::Approx(2.0));
  REQUIRE(e.ceiling.binding.size() == 1);
  CHECK(e.ceiling.binding[0] == "b");
  CHECK(e.ceiling.max_flow == doctest::Approx(1100));
  CHECK(e.ceiling.min_cut.size() == 2);  // both branches
  CHECK(e.ceiling.fixed_routing);
}

TEST_CASE("explain: a copy fan-out binds at the smaller branch, since each carries the whole flow") {
  const auto e = explain("name: copy\nduration: 1h\nworkload:\n  s: { rate: 100/s }\ncomponents:\n  a: { service: delay, latency: 1ms }\n" +
                         server("b", 3, 10) + server("c", 10, 10) + "flows: [s -> a, a -> b, a -> c]\n");
  CHECK(find(e, "b").offered == doctest::Approx(100));
  CHECK(find(e, "c").offered == doctest::Approx(100));
  CHECK(e.ceiling.scale == doctest::Approx(3.0));  // b: 300 / 100
  CHECK(e.ceiling.binding == std::vector<std::string>{"b"});
  CHECK(e.ceiling.fixed_routing);
}

TEST_CASE("explain: a server's latency is Erlang C's M/M/c sojourn, and M/D/1's for a constant service") {
  const auto e = explain("name: q\nduration: 1h\nworkload:\n  s: { rate: 150/s }\ncomponents:\n"
                         "  mmc: { service: server, servers: 2, service_time: { dist: exponential, mean: 10ms } }\n"
                         "  md1: { service: server, servers: 1, service_time: 5ms }\nflows: [s -> mmc -> md1]\n");
  CHECK(find(e, "mmc").latency_s == doctest::Approx(validation::mmc_w(2, 150, 100)).epsilon(1e-9));
  CHECK(find(e, "md1").latency_s == doctest::Approx(validation::md1_w(150, 0.005)).epsilon(1e-9));
  CHECK(find(e, "mmc").utilization == doctest::Approx(0.75));
}

TEST_CASE("explain: realtime-inventory's stream, by hand: 100,000/s mean, 300,000 at the peak, 450,000/s capacity") {
  auto loaded = scenario::load_scenario(std::string(ARCHSIM_SOURCE_DIR) + "/scenarios/realtime-inventory.yaml");
  REQUIRE(loaded.ok());
  const auto e = analysis::explain_statically(*loaded.scenario, scenario::builtin_catalog());
  const auto& stream = find(e, "inventory_stream");
  CHECK(stream.offered == doctest::Approx(100'000));
  CHECK(stream.peak == doctest::Approx(300'000));
  CHECK(stream.capacity == doctest::Approx(450 * 1000));  // 400 B records: the 1,000 records/s limit binds
  // The table: ceil(10,000 / 3,000 + 300,000 / 1,000) = 304 partitions sharing 300,000 WCU: 300,000 writes/s.
  CHECK(find(e, "stock_table").capacity == doctest::Approx(300'000));
  CHECK(find(e, "stock_table").limit.find("300,000 WCU over 304 partitions") == 0);
  // Firehose at the mean: 128 MiB at 40 MB/s fills in 3.36 s; a record waits half of it.
  CHECK(find(e, "archive").latency_s == doctest::Approx(134217728.0 / 40e6 / 2));
  // 16 KPUs at 40 us a record, less 500 ms of each 60 s: 400,000 x (1 - 1/120) = 396,667/s.
  CHECK(find(e, "stock_aggregator").capacity == doctest::Approx(400'000 * (1 - 0.5 / 60)));
  // The 1 s window sends on one record per distinct item a second: at the
  // peak, the distinct keys among 300,000 draws of the zipf space, summed key
  // by key (the subtasks' split aside, which hardly moves it).
  model::KeyMixes mixes;
  const std::uint32_t items = mixes.add_space({.count = 5'000'000, .zipf = true, .s = 0.6});
  const double distinct = mixes.expected_distinct_exact(items, 300'000);
  const auto& table = find(e, "stock_table");
  CHECK(table.peak == doctest::Approx(distinct).epsilon(0.005));
  CHECK(table.peak < 0.95 * stream.peak);  // the window folds about 6% of the events
  // The table binds first, at its 300,000 writes/s over that peak.
  CHECK(e.ceiling.scale == doctest::Approx(300'000 / distinct).epsilon(0.01));
  CHECK(e.ceiling.binding == std::vector<std::string>{"stock_table"});
}

TEST_CASE("explain: the command runs on every scenario, fast, and names a binding component") {
  for (const auto& entry : std::filesystem::directory_iterator(std::string(ARCHSIM_SOURCE_DIR) + "/scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    CAPTURE(entry.path().string());
    const auto r = testing::run_archsim("explain " + entry.path().string() + " --format json");
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("\"binding\": [\n") != std::string::npos);
    CHECK(r.out.find("\"binding\": []") == std::string::npos);
    const auto t = testing::run_archsim("explain " + entry.path().string() + " --wide");
    CHECK(t.exit_code == 0);
    CHECK(t.out.find("the binding resource is ") != std::string::npos);
  }
}

TEST_CASE("explain: bad input exits 2 with the file's line and column") {
  const auto missing = testing::run_archsim("explain /nonexistent/x.yaml");
  CHECK(missing.exit_code == 2);
  const auto bad = testing::run_archsim("explain " + std::string(ARCHSIM_SOURCE_DIR) +
                                        "/scenarios/realtime-inventory.yaml --set components.stock_table.wcu=oops");
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find(":1:28: error: 'wcu'") != std::string::npos);  // the --set text's line and column
  const auto format = testing::run_archsim("explain " + std::string(ARCHSIM_SOURCE_DIR) +
                                           "/scenarios/realtime-inventory.yaml --format xml");
  CHECK(format.exit_code == 2);
}

TEST_CASE("explain: one path per source and sink, along the slowest route, as a run reports them") {
  // s reaches d two ways: through fast (2 ms) and through slow (40 ms); t
  // reaches d only through slow. The run has one path per source and sink,
  // and so does explain: the slower route's sum, not one row per route.
  const auto e = explain("name: diamond\nduration: 1h\nworkload:\n  s: { rate: 1/s }\n  t: { rate: 1/s }\n"
                         "components:\n" + server("a", 1, 1) + server("fast", 1, 2) + server("slow", 1, 40) +
                         server("d", 1, 1) + "flows:\n  - s -> a\n  - a -> fast -> d\n  - a -> slow -> d\n"
                         "  - t -> slow\n");
  REQUIRE(e.paths.size() == 2);
  const double a = find(e, "a").latency_s, slow = find(e, "slow").latency_s, d = find(e, "d").latency_s;
  CHECK(find(e, "fast").latency_s < slow);
  CHECK(e.paths[0].vertices == std::vector<std::string>{"s", "a", "slow", "d"});
  CHECK(e.paths[0].latency_s == doctest::Approx(a + slow + d));
  CHECK(e.paths[1].vertices == std::vector<std::string>{"t", "slow", "d"});
  CHECK(e.paths[1].latency_s == doctest::Approx(slow + d));
}

TEST_CASE("explain: a ladder of diamonds has 2^20 routes and one path, found in a walk") {
  // Enumerating routes would take 2^20 of them; one per source and sink does not.
  std::string components = server("n0", 1, 1), flows = "flows:\n  - s -> n0\n";
  for (int i = 0; i < 20; ++i) {
    const std::string from = "n" + std::to_string(i), to = "n" + std::to_string(i + 1);
    const std::string up = "u" + std::to_string(i), down = "w" + std::to_string(i);
    components += server(up, 1, 1) + server(down, 1, 2) + server(to, 1, 1);
    flows += "  - { from: " + from + ", to: " + up + ", share: 50% }\n  - { from: " + from + ", to: " + down +
             ", share: 50% }\n  - " + up + " -> " + to + "\n  - " + down + " -> " + to + "\n";
  }
  const auto e = explain("name: ladder\nduration: 1h\nworkload:\n  s: { rate: 1/s }\ncomponents:\n" + components + flows);
  REQUIRE(e.paths.size() == 1);
  CHECK(e.paths[0].vertices.size() == 1 + 1 + 20 * 2);  // s, n0, then w_i and n_{i+1} each step
  CHECK(e.paths[0].vertices[2] == "w0");
}

TEST_CASE("explain: a nightly job's headroom is its room to its completes_by deadline, and its fixed reads do not grow") {
  // 40 G.1X workers at 32 MiB/s a DPU, 5% serial: 454,975,349 B/s. The run
  // at 02:00 takes two hours of 1,000 records/s of 10,000 B, 72 GB, in
  // 158 s after its start-up.
  const double rate = 32.0 * 1048576 / (0.05 + 0.95 / 40);
  const double startup = scenario::builtin_catalog().value("glue.job.startup_s");
  const double grows = 7200 * 1000 * 10000.0 / rate;
  const std::string job =
      "name: nightly\nduration: 4h\nworkload:\n  orders: { rate: 1000/s, record_size: 10000B }\ncomponents:\n"
      "  landing: { service: s3, prefixes: 100 }\n"
      "  etl: { service: glue, worker_type: G.1X, workers: 40, schedule: daily at 02:00 }\n"
      "  tables: { service: sink }\nflows:\n  - orders -> landing -> etl -> tables\n";
  const std::string due = "requirements:\n  completes_by:\n    etl: \"03:00\"\n";
  // Without a deadline its room is the day between runs; the start-up does not grow with the input.
  CHECK(find(explain(job), "etl").headroom == doctest::Approx((86400 - startup) / grows).epsilon(0.002));
  // Due by 03:00 it has the hour from 02:00: 22.6 times its input, and the design's ceiling is its.
  const auto e = explain(job + due);
  const auto& etl = find(e, "etl");
  CHECK(etl.headroom == doctest::Approx((3600 - startup) / grows).epsilon(0.002));
  CHECK(etl.peak_utilization == doctest::Approx((startup + grows) / 3600).epsilon(0.002));
  CHECK(etl.busy_words.find("of the 3,600 s from its trigger to its completes_by deadline") != std::string::npos);
  CHECK(e.ceiling.scale == doctest::Approx(etl.headroom));
  CHECK(e.ceiling.binding == std::vector<std::string>{"etl"});
  // A terabyte of history read every run takes 2,198 s whatever the input:
  // the hour then holds (3,600 - 30 - 2,198) / 158 = 8.7 times the input.
  std::string history = job;
  history.replace(history.find("daily at 02:00 }"), 16, "daily at 02:00, reads: 1TB }");
  CHECK(find(explain(history + due), "etl").headroom ==
        doctest::Approx((3600 - startup - 1e12 / rate) / grows).epsilon(0.002));
  // Triggered at 22:00 and due by 06:00 the next morning, it has 8 hours.
  std::string late = job;
  late.replace(late.find("daily at 02:00"), 14, "daily at 22:00");
  late.replace(late.find("duration: 4h"), 12, "duration: 26h");
  const auto overnight = find(explain(late + "requirements:\n  completes_by:\n    etl: \"06:00\"\n"), "etl");
  CHECK(overnight.busy_words.find("of the 28,800 s from its trigger") != std::string::npos);
}

#include <doctest/doctest.h>

#include <string>

#include "archsim/models/flink/flink_application.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using testing::component;
using testing::simulate_text;

namespace {
// An application fed from one source, to a sink.
std::string app_scenario(const std::string& source, const std::string& app, const std::string& duration = "60s") {
  return "name: flink\nduration: " + duration + "\nworkload:\n  producers: " + source +
         "\ncomponents:\n  app: " + app + "\n  out: { service: sink }\nflows: [producers -> app -> out]\n";
}

void check_balance(const run::ComponentResult& c) {
  CHECK(c.records_in + c.created == c.records_out + c.dropped + c.absorbed + c.in_flight);
}
}  // namespace

TEST_CASE("flink: key groups follow Flink's default max parallelism") {
  CHECK(models::FlinkApplication::default_max_parallelism(1) == 128);
  CHECK(models::FlinkApplication::default_max_parallelism(4) == 128);
  CHECK(models::FlinkApplication::default_max_parallelism(100) == 256);  // 150 -> 256
  CHECK(models::FlinkApplication::default_max_parallelism(256) == 512);  // 384 -> 512
  std::uint64_t per[4] = {};
  for (std::uint64_t k = 0; k < 40000; ++k) ++per[models::FlinkApplication::subtask_of(k, 4)];
  for (auto n : per) CHECK(n == doctest::Approx(10000).epsilon(0.05));
}

TEST_CASE("flink: 4 subtasks at 1 ms per record serve 3,000/s with a checkpoint stall absorbed") {
  // Capacity 4 x 1,000/s. The checkpoint at 60 s stalls all subtasks for 5 s
  // (flink.checkpoint.min_pause_s): 15,000 records queue, then drain at
  // 4,000 - 3,000 = 1,000/s in 15 s, long before the end at 120 s. The work
  // is conserved, so utilization = 3,000 x 1 ms / 4 = 0.75 exactly, and the
  // backlog triangle (per subtask 3,750 records high, 20 s wide) gives a mean
  // wait of 4 x 3,750 x 20 / 2 / 360,000 = 0.417 s (+1.5 ms M/D/1 queueing).
  const auto r = simulate_text(app_scenario(
      "{ rate: 3000/s, arrivals: deterministic, keys: { count: 1000000, dist: uniform } }",
      "{ service: flink, parallelism: 4, kpu: 4, cost_per_record: 1ms }", "120s"));
  const auto& a = component(r, "app");
  MESSAGE("out " << a.records_out << ", throughput " << a.throughput_per_s << "/s, utilization " << a.utilization_mean
                 << ", wait " << a.wait_mean_s << " s, in flight " << a.in_flight);
  CHECK(a.capacity == 4);
  CHECK(a.dropped == 0);
  CHECK(a.throughput_per_s == doctest::Approx(3000).epsilon(0.005));
  CHECK(a.utilization_mean == doctest::Approx(0.75).epsilon(0.01));
  CHECK(a.wait_mean_s == doctest::Approx(0.417).epsilon(0.05));
  CHECK(a.in_flight < 20);
  check_balance(a);
}

TEST_CASE("flink: offered 5,000/s, 4 subtasks give 4,000/s less the checkpoint stall and queue the rest") {
  // Saturated from the start; processing stops during [60 s, 65 s): 115 s of
  // 4,000/s = 460,000 out of 600,000 offered (3,833/s, utilization 115/120).
  const auto r = simulate_text(app_scenario(
      "{ rate: 5000/s, arrivals: deterministic, keys: { count: 1000000, dist: uniform } }",
      "{ service: flink, parallelism: 4, kpu: 4, cost_per_record: 1ms }", "120s"));
  const auto& a = component(r, "app");
  MESSAGE("out " << a.records_out << ", throughput " << a.throughput_per_s << "/s, utilization " << a.utilization_mean
                 << ", in flight " << a.in_flight << ", backlog mean " << a.backlog_mean);
  CHECK(a.dropped == 0);
  CHECK(static_cast<double>(a.records_out) == doctest::Approx(460000).epsilon(0.003));
  CHECK(a.throughput_per_s == doctest::Approx(4000.0 * 115 / 120).epsilon(0.003));
  CHECK(a.utilization_mean == doctest::Approx(115.0 / 120).epsilon(0.005));
  CHECK(static_cast<double>(a.in_flight) == doctest::Approx(140000).epsilon(0.01));
  CHECK(a.backlog_mean > 50000);  // grows ~1,000/s, plus 25,000 during the stall
  check_balance(a);
}

TEST_CASE("flink: more subtasks than KPUs share the CPUs") {
  // 4 subtasks on 2 KPUs: each runs at half a vCPU, 500 records/s; 2,000/s in total.
  const auto r = simulate_text(app_scenario(
      "{ rate: 3000/s, arrivals: deterministic, keys: { count: 1000000, dist: uniform } }",
      "{ service: flink, parallelism: 4, kpu: 2, cost_per_record: 1ms, checkpoints: off }"));
  const auto& a = component(r, "app");
  CHECK(static_cast<double>(a.records_out) == doctest::Approx(120000).epsilon(0.003));
  CHECK(a.utilization_mean == doctest::Approx(1.0).epsilon(0.01));
}

TEST_CASE("flink: a zipf key saturates one subtask while uniform keys do not") {
  // 3,000/s on 4 x 1,000/s. Under zipf s=1.2 over 1M keys, key 0 alone carries
  // ~19% (~570/s) and its subtask a quarter of the rest as well: ~1,180/s > 1,000/s.
  const std::string app = "{ service: flink, parallelism: 4, cost_per_record: 1ms, checkpoints: off }";
  const auto hot = simulate_text(app_scenario(
      "{ rate: 3000/s, arrivals: deterministic, keys: { count: 1000000, dist: zipf, s: 1.2 } }", app));
  const auto even = simulate_text(app_scenario(
      "{ rate: 3000/s, arrivals: deterministic, keys: { count: 1000000, dist: uniform } }", app));
  const auto& h = component(hot, "app");
  const auto& e = component(even, "app");
  MESSAGE("zipf: wait " << h.wait_mean_s << " s, in flight " << h.in_flight << ", utilization " << h.utilization_mean
                        << "; uniform: wait " << e.wait_mean_s << " s, in flight " << e.in_flight << ", utilization "
                        << e.utilization_mean);
  CHECK(h.dropped == 0);
  CHECK(h.in_flight > 5000);     // the hot subtask falls ~180/s behind
  CHECK(h.wait_mean_s > 1.0);    // its records wait seconds
  CHECK(h.utilization_mean < 0.8);  // yet the application as a whole is not busy
  CHECK(e.in_flight < 50);
  CHECK(e.wait_mean_s < 0.02);   // M/D/1-like, rho 0.75: ~1.5 ms
  CHECK(e.utilization_mean == doctest::Approx(0.75).epsilon(0.02));
  check_balance(h);
}

TEST_CASE("flink: a tumbling window emits one record per key per window and absorbs the rest") {
  // 10 keys, 1,000/s, window 10 s, 60 s: windows close at 10, 20, ..., 50 s
  // (and 60 s if the run's end event runs); each emits 10 records.
  const auto r = simulate_text(app_scenario(
      "{ rate: 1000/s, arrivals: deterministic, keys: { count: 10, dist: uniform } }",
      "{ service: flink, parallelism: 4, cost_per_record: 1ms, window: 10s }"));
  const auto& a = component(r, "app");
  MESSAGE("in " << a.records_in << ", out " << a.records_out << ", absorbed " << a.absorbed << ", in flight "
                << a.in_flight << ", latency mean " << a.latency.mean);
  CHECK((a.records_out == 50 || a.records_out == 60));
  CHECK(a.absorbed + a.records_out + a.in_flight == a.records_in);
  CHECK(a.absorbed > 49000);
  check_balance(a);
  // Each emitted record carries its key's oldest record: about one window old.
  CHECK(a.latency.mean > 9.0);
}

TEST_CASE("flink: output_ratio below 1 absorbs, above 1 creates") {
  const std::string source = "{ rate: 1000/s, arrivals: deterministic, keys: { count: 1000, dist: uniform } }";
  const auto half = simulate_text(app_scenario(
      source, "{ service: flink, cost_per_record: 100us, output_ratio: 0.5, checkpoints: off }", "10s"));
  const auto twice = simulate_text(app_scenario(
      source, "{ service: flink, cost_per_record: 100us, output_ratio: 2, checkpoints: off }", "10s"));
  const auto& h = component(half, "app");
  const auto& t = component(twice, "app");
  const auto processed_h = h.records_in - h.in_flight;
  const auto processed_t = t.records_in - t.in_flight;
  CHECK(h.records_out == processed_h / 2);
  CHECK(h.absorbed == processed_h - h.records_out);
  CHECK(h.created == 0);
  CHECK(t.records_out == 2 * processed_t);
  CHECK(t.created == processed_t);
  CHECK(t.absorbed == 0);
  check_balance(h);
  check_balance(t);
  CHECK(half.accounting.absorbed == h.absorbed);
  CHECK(twice.accounting.created >= t.created);
}

TEST_CASE("flink: cost is KPU-hours plus the orchestration KPU and running storage") {
  // By hand, us-east-1 (catalog flink.price.*): 4 KPUs + 1 orchestration KPU
  // = 5 x $0.11 = $0.55 for one hour; running storage 4 KPUs x 50 GB x
  // $0.10/GB-month x 1/730 month = $0.027397; total $0.577397.
  const auto hour = simulate_text(app_scenario(
      "{ rate: 1/s, arrivals: deterministic }", "{ service: flink, kpu: 4, cost_per_record: 1ms }", "1h"));
  CHECK(component(hour, "app").cost_usd == doctest::Approx(0.55 + 4 * 50 * 0.10 / 730).epsilon(1e-6));
  // Billing is per second: "an application running for 20 minutes and 10
  // seconds will be charged for 20 minutes and 10 seconds, multiplied by the
  // resources it used" (managed-flink/latest/java/how-pricing.html). One KPU
  // plus the orchestration KPU. The page's 10-minute minimum per start is not
  // applied: a run is a slice of an application that keeps running.
  const auto odd = simulate_text(app_scenario(
      "{ rate: 1/s, arrivals: deterministic }", "{ service: flink, cost_per_record: 1ms }", "1210s"));
  CHECK(component(odd, "app").cost_usd ==
        doctest::Approx((2 * 0.11 + 50 * 0.10 / 730) * 1210.0 / 3600).epsilon(1e-6));
}

TEST_CASE("flink: limits come from the catalog") {
  auto loaded = scenario::load_scenario_text(
      app_scenario("{ rate: 1/s }", "{ service: flink, parallelism: 300, cost_per_record: 1ms }"), "test.yaml");
  CHECK_FALSE(loaded.ok());
}

TEST_CASE("flink: a window over batches with a key mix emits the expected distinct keys") {
  // 100 keys uniform, 1,000/s in 100 ms batches, 10 s windows: 10,000 records
  // a window hold 100 (1 - (1 - 1/100)^10000) = 100 distinct keys; with 10,000
  // keys, 10,000 (1 - (1 - 1e-4)^10000) = 6,321.
  for (const auto& [keys, per_window] : {std::pair{100, 100.0}, std::pair{10000, 6321.2}}) {
    const auto r = simulate_text(app_scenario(
        "{ rate: 1000/s, arrivals: deterministic, batch: 100ms, keys: { count: " + std::to_string(keys) +
            ", dist: uniform } }",
        "{ service: flink, parallelism: 4, cost_per_record: 10us, window: 10s, checkpoints: off }"));
    const auto& a = component(r, "app");
    MESSAGE(keys << " keys: out " << a.records_out << ", absorbed " << a.absorbed << ", in flight " << a.in_flight);
    const double windows = std::floor(static_cast<double>(a.records_out) / per_window + 0.5);
    CHECK((windows == 5 || windows == 6));
    CHECK(static_cast<double>(a.records_out) == doctest::Approx(windows * per_window).epsilon(0.01));
    CHECK(a.absorbed + a.records_out + a.in_flight == a.records_in);
    check_balance(a);
  }
}

TEST_CASE("flink: checkpoint_stall sets how long each checkpoint stops processing") {
  // As above, with a 2 s stall: processing stops during [60 s, 62 s), so
  // 118 s of 4,000/s = 472,000 records out.
  const auto r = simulate_text(app_scenario(
      "{ rate: 5000/s, arrivals: deterministic, keys: { count: 1000000, dist: uniform } }",
      "{ service: flink, parallelism: 4, kpu: 4, cost_per_record: 1ms, checkpoint_stall: 2s }", "120s"));
  const auto& a = component(r, "app");
  CHECK(static_cast<double>(a.records_out) == doctest::Approx(472000).epsilon(0.003));
  CHECK(a.utilization_mean == doctest::Approx(118.0 / 120).epsilon(0.005));
  check_balance(a);
}

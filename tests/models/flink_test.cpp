#include <doctest/doctest.h>

#include <string>

#include "archsim/models/flink/flink_application.hpp"
#include "support/flink_app.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using testing::check_flink_balance;
using testing::component;
using testing::flink_app_scenario;
using testing::simulate_text;

TEST_CASE("flink: key groups follow Flink's default max parallelism") {
  CHECK(models::FlinkApplication::default_max_parallelism(1) == 128);
  CHECK(models::FlinkApplication::default_max_parallelism(4) == 128);
  CHECK(models::FlinkApplication::default_max_parallelism(100) == 256);  // 150 -> 256
  CHECK(models::FlinkApplication::default_max_parallelism(256) == 512);  // 384 -> 512
  std::uint64_t per[4] = {};
  for (std::uint64_t k = 0; k < 40000; ++k) ++per[models::FlinkApplication::subtask_of(k, 4)];
  for (auto n : per) CHECK(n == doctest::Approx(10000).epsilon(0.05));
}

TEST_CASE("flink: a zipf key saturates one subtask while uniform keys do not") {
  // 3,000/s on 4 x 1,000/s. Under zipf s=1.2 over 1M keys, key 0 alone carries
  // ~19% (~570/s) and its subtask a quarter of the rest as well: ~1,180/s > 1,000/s.
  const std::string app = "{ service: flink, parallelism: 4, cost_per_record: 1ms, checkpoints: off }";
  const auto hot = simulate_text(flink_app_scenario(
      "{ rate: 3000/s, arrivals: deterministic, keys: { count: 1000000, dist: zipf, s: 1.2 } }", app));
  const auto even = simulate_text(flink_app_scenario(
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
  check_flink_balance(h);
}

TEST_CASE("flink: a tumbling window emits one record per key per window and absorbs the rest") {
  // 10 keys, 1,000/s, window 10 s, 60 s: windows close at 10, 20, ..., 50 s
  // (and 60 s if the run's end event runs); each emits 10 records.
  const auto r = simulate_text(flink_app_scenario(
      "{ rate: 1000/s, arrivals: deterministic, keys: { count: 10, dist: uniform } }",
      "{ service: flink, parallelism: 4, cost_per_record: 1ms, window: 10s }"));
  const auto& a = component(r, "app");
  MESSAGE("in " << a.records_in << ", out " << a.records_out << ", absorbed " << a.absorbed << ", in flight "
                << a.in_flight << ", latency mean " << a.latency.mean);
  CHECK((a.records_out == 50 || a.records_out == 60));
  CHECK(a.absorbed + a.records_out + a.in_flight == a.records_in);
  CHECK(a.absorbed > 49000);
  check_flink_balance(a);
  // Each emitted record carries its key's oldest record: about one window old.
  CHECK(a.latency.mean > 9.0);
}

TEST_CASE("flink: output_ratio below 1 absorbs, above 1 creates") {
  const std::string source = "{ rate: 1000/s, arrivals: deterministic, keys: { count: 1000, dist: uniform } }";
  const auto half = simulate_text(flink_app_scenario(
      source, "{ service: flink, cost_per_record: 100us, output_ratio: 0.5, checkpoints: off }", "10s"));
  const auto twice = simulate_text(flink_app_scenario(
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
  check_flink_balance(h);
  check_flink_balance(t);
  CHECK(half.accounting.absorbed == h.absorbed);
  CHECK(twice.accounting.created >= t.created);
}

TEST_CASE("flink: a window over batches with a key mix emits the expected distinct keys") {
  // 100 keys uniform, 1,000/s in 100 ms batches, 10 s windows: 10,000 records
  // a window hold 100 (1 - (1 - 1/100)^10000) = 100 distinct keys; with 10,000
  // keys, 10,000 (1 - (1 - 1e-4)^10000) = 6,321.
  for (const auto& [keys, per_window] : {std::pair{100, 100.0}, std::pair{10000, 6321.2}}) {
    const auto r = simulate_text(flink_app_scenario(
        "{ rate: 1000/s, arrivals: deterministic, batch: 100ms, keys: { count: " + std::to_string(keys) +
            ", dist: uniform } }",
        "{ service: flink, parallelism: 4, cost_per_record: 10us, window: 10s, checkpoints: off }"));
    const auto& a = component(r, "app");
    MESSAGE(keys << " keys: out " << a.records_out << ", absorbed " << a.absorbed << ", in flight " << a.in_flight);
    const double windows = std::floor(static_cast<double>(a.records_out) / per_window + 0.5);
    CHECK((windows == 5 || windows == 6));
    CHECK(static_cast<double>(a.records_out) == doctest::Approx(windows * per_window).epsilon(0.01));
    CHECK(a.absorbed + a.records_out + a.in_flight == a.records_in);
    check_flink_balance(a);
  }
}

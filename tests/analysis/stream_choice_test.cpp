// Kinesis or Kafka: two streams fed the same records, each with its bill and
// freshness, what it needs for the peak, its capacity modes priced, the
// cheapest by load, and the answer in a sentence.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "archsim/analysis/explain.hpp"
#include "archsim/report/stream_choice_text.hpp"
#include "archsim/report/whatif_reports.hpp"
#include "archsim/whatif/compare.hpp"
#include "support/simulate.hpp"

using namespace archsim;

namespace {

run::RunResult explained(const std::string& yaml) {
  auto loaded = scenario::load_scenario_text(yaml, "choice.yaml");
  for (const auto& d : loaded.diagnostics.items()) MESSAGE(d.format());
  REQUIRE(loaded.ok());
  return analysis::run_and_explain(*loaded.scenario, 2);
}

std::string at_rate(const std::string& rate) {
  return R"(name: small
duration: 1h
workload:
  events: { rate: )" + rate + R"(, arrivals: deterministic, record_size: 1KB, keys: { count: 100000 } }
components:
  stream: { service: kinesis, shards: 1 }
  topic: { service: msk }
  a: { service: sink }
  b: { service: sink }
flows: [events -> stream -> a, events -> topic -> b]
)";
}

const std::string kSmall = at_rate("10/s");

}  // namespace

TEST_CASE("stream choice: a trickle costs least on one shard, and the topic is fresher") {
  const run::RunResult r = explained(kSmall);
  REQUIRE(r.stream_choices.size() == 1);
  const auto& q = r.stream_choices.front();
  CHECK(q.sources == std::vector<std::string>{"events"});
  CHECK(q.a.component == "stream");
  CHECK(q.b.component == "topic");
  CHECK(q.records_per_s == doctest::Approx(10));
  // What each needs for the peak: one shard; three brokers of the design's size.
  CHECK(q.a.needs == "1 shard");
  CHECK(q.b.needs == "3 x kafka.m5.large, 6 partitions");
  // Each capacity mode, priced.
  REQUIRE(q.options.size() == 4);
  CHECK(q.options[0].mode == "on-demand capacity");
  CHECK(q.options[1].mode == "provisioned shards for the peak x 1.25");
  CHECK(q.options[2].mode == "MSK Serverless");
  CHECK(q.options[3].mode == "provisioned brokers for the peak x 1.25");
  // One shard for a month of 730 hours, $0.015 an hour, and 10 records/s of
  // one PUT payload unit each at $0.014 a million: $10.95 + $0.37.
  CHECK(q.options[1].monthly_usd == doctest::Approx(730 * 0.015 + 10 * 730 * 3600 / 1e6 * 0.014).epsilon(1e-6));
  // MSK Serverless: a cluster-hour $0.75 and six partition-hours $0.0015 an
  // hour, GB in at $0.10 and out at $0.05, and 7 days kept at $0.10 a GB-month.
  const double gb_month = 10 * 1000.0 * 730 * 3600 / 1073741824.0;
  const double kept_gb = 10 * 1000.0 * 7 * 86400 / 1073741824.0;
  CHECK(q.options[2].monthly_usd ==
        doctest::Approx(0.75 * 730 + 0.0015 * 6 * 730 + 0.10 * gb_month + 0.05 * gb_month + 0.10 * kept_gb).epsilon(1e-6));
  // The cheapest at a trickle is the one shard, and the bands cover every load.
  REQUIRE_FALSE(q.cheapest.empty());
  CHECK(q.cheapest.front().option == 1);
  CHECK(q.cheapest.front().from_per_s == 0);
  CHECK(std::isinf(q.cheapest.back().to_per_s));
  for (std::size_t i = 1; i < q.cheapest.size(); ++i) {
    CHECK(q.cheapest[i].from_per_s == q.cheapest[i - 1].to_per_s);
    CHECK(q.cheapest[i].option != q.cheapest[i - 1].option);
  }
  // The answer: the shard costs less; the topic is fresher (5 ms linger
  // against the shard's 200 ms polling interval).
  CHECK(q.a.monthly_usd < q.b.monthly_usd);
  CHECK(q.a.p99_s == doctest::Approx(0.2).epsilon(0.01));
  CHECK(q.b.p99_s < 0.01);
  const auto p = report::stream_choice_paragraph(q);
  CHECK(p.items.back().find("At this load kinesis 'stream' costs less") == 0);
  CHECK(p.items.back().find("msk 'topic' keeps records fresher") != std::string::npos);
}

TEST_CASE("stream choice: small records cross from shards to brokers where the hand arithmetic says") {
  // 100-byte records at a steady rate r. Shards for the peak x 1.25: at the
  // crossing 22 of them, $0.015 an hour each, plus a PUT payload unit a
  // record at $0.014 a million: 22 x 10.95 + r x 2,628,000 x 1.4e-8 a month.
  // Three kafka.m5.large ($0.21 an hour) with 1,000 GiB each ($0.10 a
  // GB-month) and the clients' bytes, written and read once, 2/3 of them
  // across a zone at $0.01 each way: 459.90 + 300 + r x 200 B x 2,628,000 s
  // / 2^30 x 2/3 x 0.02. They meet at r = 17,148/s.
  std::string yaml = at_rate("2000/s");
  yaml.replace(yaml.find("record_size: 1KB"), 16, "record_size: 100B");
  const run::RunResult r = explained(yaml);
  const auto& q = r.stream_choices.front();
  const double month_s = 730 * 3600.0;
  const double shards_fixed = 22 * 730 * 0.015, shards_per = month_s * 0.014 / 1e6;
  const double brokers_fixed = 3 * 730 * 0.21 + 3 * 1000 * 0.10;
  const double brokers_per = 200 * month_s / 1073741824.0 * 2.0 / 3.0 * 0.02;
  const double crossing = (brokers_fixed - shards_fixed) / (shards_per - brokers_per);
  REQUIRE(std::ceil(1.25 * crossing / 1000) == 22);
  REQUIRE(q.cheapest.size() == 2);
  CHECK(q.options[q.cheapest[0].option].mode == "provisioned shards for the peak x 1.25");
  CHECK(q.options[q.cheapest[1].option].mode == "provisioned brokers for the peak x 1.25");
  MESSAGE("crossing " << q.cheapest[0].to_per_s << "/s, by hand " << crossing << "/s");
  CHECK(q.cheapest[0].to_per_s == doctest::Approx(crossing).epsilon(0.001));
}

TEST_CASE("stream choice: two designs in compare, a stream in one and a topic in the other, get the same answer") {
  // The same source feeds a Kinesis stream in design A and an MSK topic in
  // design B: compare answers as one design with both would.
  const std::string both = at_rate("2000/s");
  const auto one_of = [&](const std::string& drop) {
    std::string yaml = both;
    const std::string line = drop == "topic" ? "  topic: { service: msk }\n" : "  stream: { service: kinesis, shards: 1 }\n";
    yaml.erase(yaml.find(line), line.size());
    const std::string sink = drop == "topic" ? "  b: { service: sink }\n" : "  a: { service: sink }\n";
    yaml.erase(yaml.find(sink), sink.size());
    const std::string flows = "flows: [events -> stream -> a, events -> topic -> b]";
    yaml.replace(yaml.find(flows), flows.size(),
                 drop == "topic" ? "flows: [events -> stream -> a]" : "flows: [events -> topic -> b]");
    auto loaded = scenario::load_scenario_text(yaml, drop + ".yaml");
    for (const auto& d : loaded.diagnostics.items()) MESSAGE(d.format());
    REQUIRE(loaded.ok());
    return *loaded.scenario;
  };
  const auto c = whatif::compare({one_of("topic"), one_of("stream")}, {.replications = 1, .jobs = 2});
  REQUIRE(c.stream_choices.size() == 1);
  const auto& q = c.stream_choices.front();
  CHECK(q.a.service == "kinesis");
  CHECK(q.b.service == "msk");
  const auto together = explained(both).stream_choices.front();
  REQUIRE(q.cheapest.size() == together.cheapest.size());
  for (std::size_t i = 0; i < q.cheapest.size(); ++i) {
    CHECK(q.cheapest[i].option == together.cheapest[i].option);
    if (std::isinf(together.cheapest[i].to_per_s)) CHECK(std::isinf(q.cheapest[i].to_per_s));
    else CHECK(q.cheapest[i].to_per_s == doctest::Approx(together.cheapest[i].to_per_s).epsilon(1e-6));
  }
  CHECK(q.a.needs == together.a.needs);
  CHECK(q.b.needs == together.b.needs);
  CHECK(report::to_text(c, {}).find("Which stream:") != std::string::npos);
}

// A run asked to stop at a settled failure (RunLimits::stop_when_failed)
// stops only where the whole run fails the same requirement, and runs a
// design that passes to the same end, event for event. The truth it is held
// to: an M/M/1 counter at 90% load, whose time in the system is exponential
// with rate mu - lambda (1/s here), so that its p99 is ln(100) = 4.6 s and a
// record waits past t seconds with probability exp(-t).
#include <doctest/doctest.h>

#include <cmath>
#include <optional>
#include <string>

#include "archsim/run/simulation.hpp"
#include "archsim/scenario/loader.hpp"

using namespace archsim;

namespace {

std::string counter(const std::string& requirement, const std::string& queue = "unlimited") {
  return R"(name: one counter at 90%
seed: 7
duration: 1h
warmup: 1m
workload:
  customers: { rate: 9/s, arrivals: poisson }
components:
  counter:
    service: server
    service_time: { dist: exponential, mean: 100ms }
    queue_capacity: )" + queue + R"(
flows:
  - customers -> counter
requirements:
  )" + requirement + "\n";
}

scenario::Scenario load(const std::string& text) {
  auto loaded = scenario::load_scenario_text(text, "counter.yaml");
  for (const auto& d : loaded.diagnostics.items()) MESSAGE(d.format());
  REQUIRE(loaded.ok());
  return *loaded.scenario;
}

struct Stop {
  std::string requirement;
  double at = 0;
};

// Where a run that stops at a settled failure stopped; nothing if it ran to the end.
std::optional<Stop> stopped(const scenario::Scenario& s, const run::RunLimits& limits = {.stop_when_failed = true}) {
  try {
    run::simulate(s, limits);
  } catch (const run::RequirementFailed& e) {
    return Stop{e.what(), e.at};
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("settled failures: a p99 far past its target stops the run early, and the whole run fails it") {
  const auto s = load(counter("latency_p99: 1s"));
  const auto stop = stopped(s);
  REQUIRE(stop);
  CHECK(stop->requirement == "latency_p99 1s on customers -> counter");
  // 37% of records wait past 1 s: past the 1% of what the hour can still
  // deliver (twice its expected rest) after about a nineteenth of it.
  CHECK(stop->at > 60);
  CHECK(stop->at < 600);
  const auto whole = run::simulate(s);
  REQUIRE(whole.requirements.size() == 1);
  CHECK_FALSE(whole.requirements[0].pass);
  CHECK(whole.requirements[0].actual > 2);  // 4.6 s in the long run
}

TEST_CASE("settled failures: a design that passes runs to the same end, event for event") {
  const auto s = load(counter("latency_p99: 10s"));
  const auto whole = run::simulate(s);
  REQUIRE(whole.requirements[0].pass);
  const auto watched = run::simulate(s, {.stop_when_failed = true});
  CHECK(watched.events == whole.events);
  CHECK(watched.requirements[0].actual == whole.requirements[0].actual);
}

TEST_CASE("settled failures: a stop is never called where the whole run passes") {
  // Targets on both sides of the p99 (4.6 s), near it and far, on several seeds.
  for (const char* target : {"1s", "3s", "4s", "4500ms", "5s", "6s", "8s"})
    for (const std::uint64_t seed : {1, 2, 3}) {
      auto s = load(counter(std::string("latency_p99: ") + target));
      s.seed = seed;
      const auto whole = run::simulate(s);
      const auto stop = stopped(s);
      CAPTURE(target);
      CAPTURE(seed);
      if (stop) CHECK_FALSE(whole.requirements[0].pass);
      if (!whole.requirements[0].pass && whole.requirements[0].actual > 2 * s.requirements[0].target) CHECK(stop);
    }
}

TEST_CASE("settled failures: a drop past max_dropped and a record past a freshness target settle at once") {
  const auto dropping = load(counter("max_dropped: 0", "3"));
  const auto stop = stopped(dropping);
  REQUIRE(stop);
  CHECK(stop->requirement == "max_dropped 0");
  CHECK(stop->at < 60);  // P(4 in the system) = 0.9^4 * 0.1: a drop within seconds
  CHECK(run::simulate(dropping).accounting.dropped > 0);

  // One record in e^4 (about 55) waits past 4 s: about 600 in the hour.
  const auto fresh = load(counter("freshness: 4s"));
  const auto stale = stopped(fresh);
  REQUIRE(stale);
  CHECK(stale->requirement == "freshness 4s on customers -> counter");
  CHECK(run::simulate(fresh).requirements[0].actual > 4);
}

TEST_CASE("settled failures: a caller's own cap on drops, and none without the flag") {
  const auto s = load(counter("latency_p99: 10s", "3"));
  const auto stop = stopped(s, {.stop_when_failed = true, .most_dropped = 0});
  REQUIRE(stop);
  CHECK(stop->requirement == "no record lost");
  CHECK_FALSE(stopped(s, {.stop_when_failed = false, .most_dropped = 0}));
  CHECK_FALSE(stopped(s, {.stop_when_failed = true}));  // the scenario allows drops
}

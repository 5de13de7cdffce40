// M/M/1 through the public engine API alone: an Engine, two small handlers
// (arrivals, the server) and the engine's random streams and distributions;
// no scenario, no models, no metrics. This is the kernel's own cost per event.
#include <benchmark/benchmark.h>

#include <cstdint>

#include "archsim/engine/distribution.hpp"
#include "archsim/engine/engine.hpp"
#include "archsim/engine/rng.hpp"
#include "mm1.hpp"

namespace {

using namespace archsim::engine;

SimTime draw_ns(const Distribution& d, Rng& rng) { return round_half_away(d.sample(rng)); }

// One server and a count of customers waiting for it (the queue is FIFO, so
// the count says everything the departures need).
class ServerHandler final : public Handler {
 public:
  ServerHandler(Engine& engine, std::uint64_t seed)
      : engine_(engine), id_(engine.add_handler(this)), rng_(Rng::stream(seed, "server")) {}
  void arrive() {
    if (busy_) {
      ++waiting_;
    } else {
      busy_ = true;
      engine_.schedule_in(draw_ns(service_, rng_), id_);
    }
  }
  void handle(const Event&) override {  // a departure
    if (waiting_ > 0) {
      --waiting_;
      engine_.schedule_in(draw_ns(service_, rng_), id_);
    } else {
      busy_ = false;
    }
  }

 private:
  Engine& engine_;
  HandlerId id_;
  Rng rng_;
  Distribution service_ = Distribution::exponential(archsim::bench::kMeanServiceS * 1e9);
  bool busy_ = false;
  std::uint64_t waiting_ = 0;
};

class ArrivalHandler final : public Handler {
 public:
  ArrivalHandler(Engine& engine, ServerHandler& server, std::int64_t customers, std::uint64_t seed)
      : engine_(engine), server_(server), id_(engine.add_handler(this)), left_(customers),
        rng_(Rng::stream(seed, "arrivals")) {
    engine_.schedule_in(draw_ns(gap_, rng_), id_);
  }
  void handle(const Event&) override {
    if (--left_ > 0) engine_.schedule_in(draw_ns(gap_, rng_), id_);
    server_.arrive();
  }

 private:
  Engine& engine_;
  ServerHandler& server_;
  HandlerId id_;
  std::int64_t left_;
  Rng rng_;
  Distribution gap_ = Distribution::exponential(1e9 / archsim::bench::kArrivalRatePerS);
};

void BM_Mm1EngineApi(benchmark::State& state) {
  std::uint64_t events = 0, seed = 1;
  for (auto _ : state) {
    Engine engine;
    ServerHandler server(engine, seed);
    ArrivalHandler arrivals(engine, server, archsim::bench::kCustomers, seed);
    ++seed;
    engine.run_until(kForever);  // arrivals stop after kCustomers; the queue drains
    events += engine.events_processed();
  }
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["customers/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * archsim::bench::kCustomers), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Mm1EngineApi)->Unit(benchmark::kMillisecond);

}  // namespace

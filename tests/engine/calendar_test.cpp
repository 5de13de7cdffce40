#include <doctest/doctest.h>

#include "archsim/engine/engine.hpp"
#include "archsim/engine/rng.hpp"

using namespace archsim::engine;

namespace {
struct Recorder : Handler {
  std::vector<std::uint64_t> seen;
  std::vector<SimTime> times;
  Engine* engine = nullptr;
  void handle(const Event& e) override {
    seen.push_back(e.data);
    times.push_back(engine->now());
  }
};
}  // namespace

TEST_CASE("engine: same-time events run in scheduling order") {
  Engine engine;
  Recorder r;
  r.engine = &engine;
  const HandlerId id = engine.add_handler(&r);
  for (std::uint64_t i = 0; i < 100; ++i) engine.schedule_at(5 * kSecond, id, 0, i);
  engine.run_until(kForever);
  REQUIRE(r.seen.size() == 100);
  for (std::uint64_t i = 0; i < 100; ++i) CHECK(r.seen[i] == i);
}

TEST_CASE("engine: events run in time order and the clock stops at the end") {
  Engine engine;
  Recorder r;
  r.engine = &engine;
  const HandlerId id = engine.add_handler(&r);
  const SimTime times[] = {7, 3, 9, 1, 3, 12, 5};
  for (std::uint64_t i = 0; i < 7; ++i) engine.schedule_at(times[i] * kMillisecond, id, 0, i);
  engine.run_until(10 * kMillisecond);
  CHECK(r.times == std::vector<SimTime>{1 * kMillisecond, 3 * kMillisecond, 3 * kMillisecond, 5 * kMillisecond,
                                        7 * kMillisecond, 9 * kMillisecond});
  CHECK(r.seen[1] == 1);  // the earlier-scheduled of the two events at 3 ms
  CHECK(r.seen[2] == 4);
  CHECK(engine.now() == 10 * kMillisecond);
  CHECK(engine.pending() == 1);  // the event at 12 ms is beyond the end
}

TEST_CASE("engine: a large random calendar pops in (time, seq) order") {
  Calendar cal;
  std::uint64_t state = 12345;
  for (std::uint64_t i = 0; i < 20000; ++i) {
    const auto t = static_cast<SimTime>(splitmix64(state) % 1000);
    cal.push(Event{t, i, 0, 0, 0});
  }
  Event prev = cal.pop();
  while (!cal.empty()) {
    Event e = cal.pop();
    CHECK((prev.time < e.time || (prev.time == e.time && prev.seq < e.seq)));
    prev = e;
  }
}

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <stdexcept>
#include <vector>

#include "archsim/run/parallel.hpp"

using archsim::run::parallel_for;

TEST_CASE("parallel_for runs every task once, with any number of jobs") {
  for (unsigned jobs : {1u, 2u, 3u, 8u}) {
    std::vector<int> ran(37, 0);
    std::size_t last_done = 0;
    parallel_for(ran.size(), jobs, [&](std::size_t i) { ran[i] += 1; },
                 [&](std::size_t done, std::size_t count) {
                   CHECK(done == last_done + 1);
                   CHECK(count == ran.size());
                   last_done = done;
                 });
    CHECK(last_done == ran.size());
    for (int r : ran) CHECK(r == 1);
  }
  parallel_for(0, 2, [](std::size_t) { FAIL("no task to run"); });
}

TEST_CASE("parallel_for rethrows the lowest-numbered task's exception after all have run") {
  std::atomic<int> ran{0};
  try {
    parallel_for(20, 4, [&](std::size_t i) {
      ++ran;
      if (i == 13 || i == 5) throw std::runtime_error("task " + std::to_string(i));
    });
    FAIL("no exception");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()) == "task 5");
  }
  CHECK(ran == 20);
}

TEST_CASE("parallel_for nested in parallel_for keeps to the jobs of the whole process") {
  // Replications each checking fixes side by side: at no time more tasks at
  // work than `jobs`, and every thread added is given back.
  for (unsigned jobs : {1u, 2u, 3u}) {
    std::atomic<int> working{0}, most{0};
    std::atomic<int> ran{0};
    archsim::run::parallel_for(4, jobs, [&](std::size_t) {
      archsim::run::parallel_for(3, jobs, [&](std::size_t) {
        const int now = ++working;
        for (int seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
        }
        // Long enough for the threads to overlap, so that the bound is tested.
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        --working;
        ++ran;
      });
    });
    CHECK(ran == 12);
    CHECK(most <= static_cast<int>(jobs));
    CHECK(archsim::run::threads_added() == 0);
    if (jobs == 1) CHECK(most == 1);
  }
}

TEST_CASE("parallel_for runs task 0 on the calling thread, whatever the jobs") {
  // So that a caller can put first the task whose own calls nest.
  for (unsigned jobs : {1u, 2u, 4u}) {
    std::thread::id ran_on;
    archsim::run::parallel_for(8, jobs, [&](std::size_t i) {
      if (i == 0) ran_on = std::this_thread::get_id();
    });
    CHECK(ran_on == std::this_thread::get_id());
  }
}

#include "archsim/run/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace archsim::run {

namespace {
// Threads added by every call still running, across the process: the
// threads that called parallel_for are not counted (one is the main thread,
// the others are these).
std::atomic<std::size_t> added{0};

// Reserves up to `wanted` threads while fewer than `jobs` work in all (the
// calling thread is one of them); returns how many it reserved.
std::size_t reserve(std::size_t wanted, std::size_t jobs) {
  std::size_t now = added.load();
  for (;;) {
    const std::size_t room = jobs > now + 1 ? jobs - now - 1 : 0;
    const std::size_t take = std::min(wanted, room);
    if (take == 0) return 0;
    if (added.compare_exchange_weak(now, now + take)) return take;
  }
}
}  // namespace

unsigned effective_jobs(unsigned jobs) {
  if (jobs > 0) return jobs;
  return std::max(1u, std::thread::hardware_concurrency());
}

std::size_t threads_added() { return added.load(); }

void parallel_for(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& task,
                  const std::function<void(std::size_t, std::size_t)>& on_done) {
  std::vector<std::exception_ptr> errors(count);
  std::atomic<std::size_t> next{0};
  std::mutex progress;
  std::size_t finished = 0;
  auto run_one = [&](std::size_t i) {
    try {
      task(i);
    } catch (...) {
      errors[i] = std::current_exception();
    }
    if (on_done) {
      const std::lock_guard lock(progress);
      on_done(++finished, count);
    }
  };
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < count;) run_one(i);
  };
  // The calling thread claims task 0 before any thread is added, so that the
  // task a caller puts first (the one with calls nested in it) runs where it
  // keeps its place: the threads that finish early give theirs back, to its
  // nested calls.
  const std::size_t first = next.fetch_add(1);
  const std::size_t extra = count > 1 ? reserve(count - 1, effective_jobs(jobs)) : 0;
  std::vector<std::thread> pool;
  pool.reserve(extra);
  for (std::size_t t = 0; t < extra; ++t)
    pool.emplace_back([&] {
      worker();
      // Free the thread's place as soon as its share is done, for calls nested in the tasks still running.
      added.fetch_sub(1);
    });
  if (first < count) run_one(first);
  worker();
  for (auto& thread : pool) thread.join();
  for (const auto& error : errors)
    if (error) std::rethrow_exception(error);
}

}  // namespace archsim::run

// Independent tasks on a few threads. Each task writes only its own slot of
// the caller's output, so the result does not depend on which thread ran what
// or in which order: the same inputs give the same bytes with any job count.
//
// Calls nest: replications each diagnosing their run, a diagnosis checking
// several fixes at once. `jobs` is the most threads at work at once for the
// whole process, the nested calls' included: a call adds threads only while
// fewer than that are working, and otherwise runs its tasks on the thread
// that called it. So `--jobs 1` runs everything on one thread, and `--jobs 2`
// never has three simulations running at once.
#pragma once
#include <cstddef>
#include <functional>

namespace archsim::run {

// Runs task(0) .. task(count - 1) on up to `jobs` threads (0: one per core)
// and returns when all have finished. If tasks throw, the exception of the
// lowest-numbered failing task is rethrown, whatever the timing.
// `on_done(finished, count)`, when given, is called after each task, one call
// at a time, for a progress display. The calling thread runs task 0: put
// first the task whose own calls nest, so that threads freed by the others
// go to them.
void parallel_for(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& task,
                  const std::function<void(std::size_t, std::size_t)>& on_done = {});

// The job count to use for `jobs` (0: the cores this machine has).
unsigned effective_jobs(unsigned jobs);

// Threads parallel_for has added that are working now (for tests).
std::size_t threads_added();

}  // namespace archsim::run

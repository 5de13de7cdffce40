// Independent tasks on a few threads. Each task writes only its own slot of
// the caller's output, so the result does not depend on which thread ran what
// or in which order: the same inputs give the same bytes with any job count.
#pragma once
#include <cstddef>
#include <functional>

namespace archsim::whatif {

// Runs task(0) .. task(count - 1) on up to `jobs` threads (0: one per core)
// and returns when all have finished. If tasks throw, the exception of the
// lowest-numbered failing task is rethrown, whatever the timing.
// `on_done(finished, count)`, when given, is called after each task, one call
// at a time, for a progress display.
void parallel_for(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& task,
                  const std::function<void(std::size_t, std::size_t)>& on_done = {});

// The job count to use for `jobs` (0: the cores this machine has).
unsigned effective_jobs(unsigned jobs);

}  // namespace archsim::whatif

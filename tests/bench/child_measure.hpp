// Wall time and max RSS of some work done in a child process of its own (so
// that its memory is its own), the least of several runs: the CPUs of a
// shared machine slow some runs by half or more, never speed one up.
// Shared by the regression guards (perf_guard.cpp, size_guard.cpp).
#pragma once
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <functional>

namespace archsim::bench {

struct Measured {
  bool ok = false;
  double seconds = 0, max_rss_mb = 0;
};

// `work` returns true when it did what it should.
inline Measured measure_in_child(const std::function<bool()>& work) {
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) _exit(work() ? 0 : 3);
  Measured m;
  int status = 0;
  rusage usage{};
  if (pid < 0 || wait4(pid, &status, 0, &usage) != pid) return m;
  m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m.max_rss_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;
  m.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return m;
}

inline Measured best_of(const std::function<bool()>& work, int runs) {
  Measured best;
  for (int i = 0; i < runs; ++i) {
    const Measured m = measure_in_child(work);
    if (!m.ok) return m;
    if (!best.ok || m.seconds < best.seconds) best.seconds = m.seconds;
    if (!best.ok || m.max_rss_mb < best.max_rss_mb) best.max_rss_mb = m.max_rss_mb;
    best.ok = true;
  }
  return best;
}

}  // namespace archsim::bench

// A line on standard error saying how far a long command has got, redrawn in
// place: only on a terminal, only once the work has taken a second, never
// with --quiet; cleared when the work ends, so the report follows on a clean
// line.
#pragma once
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "archsim/run/progress.hpp"

namespace archsim::cli {

// "run: 3 simulations done, 2 running, 41% of their simulated time · 12 s":
// the simulations since `since`, `elapsed_s` of wall time.
std::string progress_text(const std::string& label, const run::ProgressCount& since, const run::ProgressCount& now,
                          double elapsed_s);

class ProgressLine {
 public:
  // `show`: whether to draw at all (standard error is a terminal, no --quiet).
  ProgressLine(std::string label, bool show);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

 private:
  void draw_until_stopped();

  std::string label_;
  run::ProgressCount since_;
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread drawer_;
};

}  // namespace archsim::cli

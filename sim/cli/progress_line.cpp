#include "progress_line.hpp"

#include <cmath>
#include <cstdio>

#include "archsim/report/human.hpp"

namespace archsim::cli {

std::string progress_text(const std::string& label, const run::ProgressCount& since, const run::ProgressCount& now,
                          double elapsed_s) {
  const std::uint64_t started = now.started - since.started, finished = now.finished - since.finished;
  const std::uint64_t running = started - finished;
  std::string out = label + ": ";
  if (finished > 0) out += report::count(finished) + (finished == 1 ? " simulation" : " simulations") + " done, ";
  out += report::count(running) + (finished == 0 ? (running == 1 ? " simulation" : " simulations") : "") + " running";
  if (running > 0 && now.running_planned_ns > 0) {
    const double share = static_cast<double>(now.running_done_ns) / static_cast<double>(now.running_planned_ns);
    out += ", " + std::to_string(static_cast<int>(std::floor(share * 100))) + "% of " +
           (running == 1 ? "its" : "their") + " simulated time";
  }
  // Whole seconds: a clock that ticks, not a measurement.
  const auto whole = static_cast<long>(std::floor(elapsed_s));
  out += " · ";
  if (whole >= 60) out += std::to_string(whole / 60) + " min ";
  out += std::to_string(whole % 60) + " s";
  return out;
}

ProgressLine::ProgressLine(std::string label, bool show)
    : label_(std::move(label)), since_(run::progress_now()), start_(std::chrono::steady_clock::now()) {
  if (show) drawer_ = std::thread([this] { draw_until_stopped(); });
}

ProgressLine::~ProgressLine() {
  if (!drawer_.joinable()) return;
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  drawer_.join();
}

void ProgressLine::draw_until_stopped() {
  std::unique_lock lock(mutex_);
  // Work done within a second shows nothing.
  if (wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_; })) return;
  do {
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    // \x1b[K clears what a longer line before left.
    std::fprintf(stderr, "\r%s\x1b[K", progress_text(label_, since_, run::progress_now(), elapsed).c_str());
    std::fflush(stderr);
  } while (!wake_.wait_for(lock, std::chrono::milliseconds(250), [this] { return stop_; }));
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
}

}  // namespace archsim::cli

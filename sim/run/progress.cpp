#include "archsim/run/progress.hpp"

#include <algorithm>
#include <atomic>

namespace archsim::run {

namespace {
std::atomic<std::uint64_t> started{0}, finished{0}, running_done{0}, running_planned{0};
}  // namespace

ProgressCount progress_now() {
  return {started.load(), finished.load(), running_done.load(), running_planned.load()};
}

ProgressTicket::ProgressTicket(std::int64_t planned_ns) : planned_(static_cast<std::uint64_t>(std::max<std::int64_t>(planned_ns, 0))) {
  started.fetch_add(1);
  running_planned.fetch_add(planned_);
}

ProgressTicket::~ProgressTicket() {
  running_done.fetch_sub(done_);
  running_planned.fetch_sub(planned_);
  finished.fetch_add(1);
}

void ProgressTicket::reached(std::int64_t now_ns) {
  const auto now = std::min(planned_, static_cast<std::uint64_t>(std::max<std::int64_t>(now_ns, 0)));
  if (now <= done_) return;
  running_done.fetch_add(now - done_);
  done_ = now;
}

}  // namespace archsim::run

// A Managed Flink application under automatic scaling: the CPU datapoints
// AWS's rule counts, the scaling action that stops the job, and its restart
// on the new subtasks from the snapshot, each queued record and open window
// moved to the subtask its key group now runs on (Apache Flink restores keyed
// state by key group; the max parallelism, and with it each key's group,
// stays as it was).
#include <algorithm>
#include <utility>

#include "archsim/models/flink/flink_application.hpp"

namespace archsim::models {

// The busiest container's CPU over the period just ended: a container is
// taken as one KPU, running `parallelism_per_kpu` subtasks on its vCPU.
void FlinkApplication::datapoint() {
  const engine::SimTime t = now();
  const double period = static_cast<double>(t - period_start_);
  double busiest = 0, container = 0;
  for (std::uint64_t i = 0; i < subtasks_.size(); ++i) {
    Subtask& s = subtasks_[i];
    if (s.busy) s.busy_ns += static_cast<double>(t - s.busy_from), s.busy_from = t;
    container += s.busy_ns * cpu_share_;
    s.busy_ns = 0;
    if ((i + 1) % per_kpu_ == 0 || i + 1 == subtasks_.size()) {
      busiest = std::max(busiest, period > 0 ? container / (period * vcpus_per_kpu_) : 0.0);
      container = 0;
    }
  }
  period_start_ = t;
  if (rescaling_) return;  // no datapoints while AUTOSCALING
  const std::uint64_t to = autoscaler_->datapoint(busiest, parallelism_);
  if (to != 0) begin_rescale(to);
}

// The application goes to AUTOSCALING: the job stops (batches in service
// finish), reads nothing, and runs on the new KPUs, billed from now.
void FlinkApplication::begin_rescale(std::uint64_t to) {
  (to > parallelism_ ? scale_ups_ : scale_downs_) += 1;
  rescaling_ = true;
  rescale_to_ = to;
  const std::uint64_t kpus = (to + per_kpu_ - 1) / per_kpu_;
  kpu_seconds_ += static_cast<double>(kpu_) * engine::to_seconds(now() - sized_at_);
  sized_at_ = now();
  kpu_ = kpus;
  probe_.set_size(now(), static_cast<double>(kpu_));
  schedule_in(restart_pause_, kRestarted, 0);
}

// Restarted from the snapshot (the pause over and no batch in service).
void FlinkApplication::restart() {
  restart_due_ = false;
  rescaling_ = false;
  std::vector<Subtask> old = std::move(subtasks_);
  resize(rescale_to_);
  requeue(old);
  // The datapoints count afresh, the first over the part of its minute since now.
  autoscaler_->restarted();
  period_start_ = now();
  start_idle();
  update_levels();
}

void FlinkApplication::resize(std::uint64_t parallelism) {
  parallelism_ = parallelism;
  const double vcpus = static_cast<double>(kpu_) * vcpus_per_kpu_;
  cpu_share_ = std::min(1.0, vcpus / static_cast<double>(parallelism_));
  mean_cost_s_ = cost_per_record_.mean() / 1e9 / cpu_share_;
  subtasks_.clear();
  subtasks_.resize(parallelism_);
  for (Subtask& s : subtasks_) s.busy_from = now();
  probe_.units().resize(parallelism_);
  set_buffers();
}

// Each old subtask's queue, in order, split again by key group over the new
// subtasks (a key's records keep their order: they all wait in one queue);
// keyed windows move with their keys, windows over key mixes stay with the
// subtask of the same index (folded onto the new count when it shrank).
void FlinkApplication::requeue(std::vector<Subtask>& old) {
  const engine::SimTime t = now();
  const model::KeyHash hash{subtask_fn_, parallelism_};
  for (std::uint64_t from = 0; from < old.size(); ++from) {
    Subtask& o = old[from];
    probe_.units().queued(t, from, -static_cast<double>(o.queued));
    while (!o.queue.empty()) {
      const model::Batch b = o.queue.pop();
      network_.key_mixes().split(b, hash, rng_, [&](std::uint64_t to, const model::Batch& part) {
        Subtask& s = subtasks_[to];
        probe_.units().queued(t, to, static_cast<double>(part.count));
        s.queue.push(part);
        s.queued += part.count;
        s.queued_bytes += part.bytes;
      });
    }
    for (const auto& [key, w] : o.window) {
      KeyWindow& into = subtasks_[subtask_now(key)].window[key];
      if (into.count == 0) {
        into = w;
        continue;
      }
      into.created = std::min(into.created, w.created);
      into.arrived = std::min(into.arrived, w.arrived);
      into.count += w.count;
      into.bytes += w.bytes;
    }
    auto& mixed = subtasks_[from % parallelism_].mixed;
    mixed.insert(mixed.end(), o.mixed.begin(), o.mixed.end());
  }
}

std::vector<std::pair<std::string, double>> FlinkApplication::usage() const {
  if (!autoscaler_) return {};
  return {{"kpu_hours", kpu_hours(ended_)},
          {"scale_ups", static_cast<double>(scale_ups_)},
          {"scale_downs", static_cast<double>(scale_downs_)},
          {"parallelism_at_end", static_cast<double>(parallelism_)}};
}

}  // namespace archsim::models

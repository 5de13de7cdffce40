#include "archsim/models/msk/msk_lanes.hpp"

#include <algorithm>
#include <cmath>

#include "archsim/model/static_figures.hpp"

namespace archsim::models {

MskLanes::MskLanes(const model::ParamSet& params, const model::Catalog& catalog)
    : serverless_(params.text("deployment") == "serverless"),
      broker_type_(params.text("broker_type")),
      partitions_(static_cast<std::uint64_t>(params.integer("partitions"))) {
  if (serverless_) {
    // Serverless keeps three copies of every partition itself; its quotas are what the clients meet.
    brokers_ = 0;
    rate_.assign(partitions_, catalog.value("msk.serverless.partition_ingress_bytes_per_s"));
    rate_.resize(2 * partitions_, catalog.value("msk.serverless.partition_egress_bytes_per_s"));
    rate_.push_back(catalog.value("msk.serverless.cluster_ingress_bytes_per_s"));
    rate_.push_back(catalog.value("msk.serverless.cluster_egress_bytes_per_s"));
  } else {
    brokers_ = static_cast<std::uint64_t>(params.integer("brokers"));
    replication_ = static_cast<std::uint64_t>(params.integer("replication_factor"));
    const std::string size = "msk." + msk_size(broker_type_);
    storage_bytes_per_s_ = std::min(params.number("storage_throughput"), catalog.value(size + ".ebs_bytes_per_s"));
    network_bytes_per_s_ = catalog.value(size + ".network_bytes_per_s");
    for (std::uint64_t b = 0; b < brokers_; ++b) {
      rate_.push_back(storage_bytes_per_s_);
      rate_.push_back(network_bytes_per_s_);
    }
  }
  free_at_.assign(rate_.size(), 0);
  work_s_.assign(rate_.size(), 0.0);
  down_until_.assign(brokers_, 0);
}

// A lane's queue is the work it was given beyond what it has done; a record
// waits only for the part of it past the burst a lane absorbs, and takes its
// own transfer time (a part's records came from many producers at once, each
// sending its own).
bool MskLanes::offline(std::uint64_t p) const {
  if (serverless_) return false;
  for (std::uint64_t k = 0; k < replication_; ++k)
    if (down_until_[(p + k) % brokers_] == 0) return false;
  return true;
}

std::vector<std::uint64_t> MskLanes::struck_by(double share, std::uint64_t zones) const {
  const auto count = static_cast<std::uint64_t>(
      std::clamp(std::round(share * static_cast<double>(brokers_)), 1.0, static_cast<double>(brokers_)));
  std::vector<std::uint64_t> order(brokers_);
  for (std::uint64_t b = 0; b < brokers_; ++b) order[b] = b;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint64_t a, std::uint64_t b) { return a % zones < b % zones; });
  order.resize(count);
  return order;
}

MskLanes::Done MskLanes::take(std::uint64_t p, double bytes, std::uint64_t records, engine::SimTime t, bool keep) {
  // An offline partition's records wait for the first of its replicas back.
  const bool off = offline(p);
  if (off)
    for (std::uint64_t k = 0; k < replication_; ++k) {
      const engine::SimTime back = down_until_[(p + k) % brokers_];
      t = k == 0 ? back : std::min(t, back);
    }
  Done done{t, t, 0};
  const double record_bytes = bytes / static_cast<double>(std::max<std::uint64_t>(1, records));
  visit(p, [&](std::uint64_t lane, double seconds_per_byte, bool leader) {
    const engine::SimTime work = engine::round_half_away(bytes * seconds_per_byte * static_cast<double>(engine::kSecond));
    const engine::SimTime own =
        engine::round_half_away(record_bytes * seconds_per_byte * static_cast<double>(engine::kSecond));
    const engine::SimTime queued = std::max(t, free_at_[lane]) + work;
    if (keep) {
      free_at_[lane] = queued;
      work_s_[lane] += engine::to_seconds(work);
    }
    const engine::SimTime end = t + std::max(own, queued - t - kBurst);
    done.committed = std::max(done.committed, end);
    done.own = std::max(done.own, own);
    if (leader) done.leader = std::max(done.leader, end);
  }, off);
  return done;
}

double MskLanes::take_busiest_work() {
  double most = 0;
  for (double& w : work_s_) {
    most = std::max(most, w);
    w = 0;
  }
  return most;
}

double MskLanes::most_waiting_bytes(engine::SimTime t) const {
  double most = 0;
  for (std::size_t lane = 0; lane < rate_.size(); ++lane)
    if (free_at_[lane] > t + kBurst) most = std::max(most, engine::to_seconds(free_at_[lane] - t - kBurst) * rate_[lane]);
  return most;
}

double MskLanes::busiest_seconds_per_byte(const std::vector<double>& share) const {
  std::vector<double> load(rate_.size(), 0.0);
  const double even = 1.0 / static_cast<double>(std::max<std::uint64_t>(1, partitions_));
  for (std::uint64_t p = 0; p < partitions_; ++p) {
    const double s = share.empty() ? even : share[p];
    if (s <= 0) continue;
    visit(p, [&](std::uint64_t lane, double seconds_per_byte, bool) { load[lane] += s * seconds_per_byte; });
  }
  return *std::max_element(load.begin(), load.end());
}

double MskLanes::capacity_bytes_per_s(const std::vector<double>& share) const {
  const double busiest = busiest_seconds_per_byte(share);
  return busiest > 0 ? 1.0 / busiest : model::kUnbounded;
}

double MskLanes::partition_capacity_bytes_per_s() const {
  double busiest = 0;
  visit(0, [&](std::uint64_t, double seconds_per_byte, bool) { busiest = std::max(busiest, seconds_per_byte); });
  return busiest > 0 ? 1.0 / busiest : model::kUnbounded;
}

std::string MskLanes::limit_words(double record_bytes) const {
  const auto mb = [](double bytes_per_s) { return model::group_digits(bytes_per_s / 1e6) + " MB/s"; };
  const double capacity = capacity_bytes_per_s();
  const std::string records =
      record_bytes > 0 ? " (" + model::group_digits(capacity / record_bytes) + " records/s of this size)" : "";
  if (serverless_)
    return "MSK Serverless quotas, 5 MiB/s in per partition over " + model::group_digits(static_cast<double>(partitions_)) +
           " partitions and 200 MiB/s in per cluster, reads out of 10 MiB/s per partition and 400 MiB/s: " +
           mb(capacity) + records;
  const double copies_out = static_cast<double>(replication_ - 1) + groups_;
  return model::group_digits(static_cast<double>(brokers_)) + " x " + broker_type_ + " (storage " +
         mb(storage_bytes_per_s_) + " and network out " + mb(network_bytes_per_s_) + " each; " +
         model::group_digits(static_cast<double>(replication_)) + " copies written, " +
         model::group_digits(copies_out) + " sent out): " + mb(capacity) + records;
}

}  // namespace archsim::models

#include "archsim/model/network.hpp"

#include <algorithm>
#include <cmath>

#include "archsim/model/component.hpp"

namespace archsim::model {

Network::Network(engine::Engine& engine, const metrics::MeasurementWindow& window, std::uint64_t seed)
    : engine_(engine), window_(window), seed_(seed) {}

Network::~Network() = default;

std::uint32_t Network::add_node(const std::string& name) {
  names_.push_back(name);
  probes_.push_back(std::make_unique<metrics::ComponentProbe>(window_));
  routes_.push_back(Route{{}, {}, {}, {}, {}, {}, engine::Rng::stream(seed_, name + "/route"), probes_.back().get()});
  components_.push_back(nullptr);
  routes_into_.emplace_back();
  return static_cast<std::uint32_t>(names_.size() - 1);
}

void Network::attach(std::uint32_t node, Component* component) {
  components_[node] = component;
  for (const auto& [from, i] : routes_into_[node]) routes_[from].resolved[i].component = component;
}

void Network::set_targets(std::uint32_t node, std::vector<std::uint32_t> targets, std::vector<double> shares) {
  Route& r = routes_[node];
  // Targets set again replace the old ones in the index (set once in practice).
  for (const std::uint32_t t : r.targets)
    std::erase_if(routes_into_[t], [&](const auto& at) { return at.first == node; });
  r.targets = std::move(targets);
  for (std::size_t i = 0; i < r.targets.size(); ++i) routes_into_[r.targets[i]].emplace_back(node, i);
  r.resolved.clear();
  for (std::uint32_t t : r.targets) r.resolved.push_back({components_[t], probes_[t].get()});
  r.cumulative_shares.clear();
  r.carry.assign(r.targets.size(), 0.0);
  r.refusals.assign(r.targets.size(), 0);
  r.passed_on.assign(r.targets.size(), 0);
  double sum = 0;
  for (double s : shares) r.cumulative_shares.push_back(sum += s);
  if (!r.cumulative_shares.empty()) r.cumulative_shares.back() = 1.0;  // absorb rounding in the sum
}

void Network::send(Route& route, const Batch& batch) {
  if (!route.cumulative_shares.empty()) return split(route, batch);
  const std::size_t copies = route.targets.size();
  if (copies > 1) route.probe->created(batch.count * (copies - 1));
  for (const Target& target : route.resolved) {
    sent(route, batch.count);
    hand_to(target, batch);
  }
}

// A single record goes to one target at random with its share's probability
// (Bernoulli routing, as in a Jackson network); a batch is divided in proportion,
// carrying fractions forward so that no target is short-changed over time.
void Network::split(Route& route, const Batch& batch) {
  if (batch.count == 1) {
    const double u = route.rng.uniform();
    // The first target whose cumulative share exceeds u (the last one catches rounding).
    const auto& cum = route.cumulative_shares;
    const auto above = std::upper_bound(cum.begin(), cum.end() - 1, u);
    const auto i = static_cast<std::size_t>(above - cum.begin());
    sent(route, 1);
    hand_to(route.resolved[i], batch);
    return;
  }
  std::uint64_t remaining = batch.count;
  Batch rest = batch;
  double previous = 0;
  for (std::size_t i = 0; i < route.targets.size() && remaining > 0; ++i) {
    const double share = route.cumulative_shares[i] - previous;
    previous = route.cumulative_shares[i];
    std::uint64_t n = remaining;
    if (i + 1 < route.targets.size()) {
      const double owed = share * static_cast<double>(batch.count) + route.carry[i];
      n = std::min<std::uint64_t>(remaining, static_cast<std::uint64_t>(std::floor(owed)));
      route.carry[i] = owed - static_cast<double>(n);
    }
    if (n == 0) continue;
    const Batch part = engine::take_front(rest, n);
    remaining -= n;
    sent(route, n);
    hand_to(route.resolved[i], part);
  }
}

void Network::hand_to(const Target& target, const Batch& batch) {
  Batch arriving = batch;
  arriving.arrived = engine_.now();
  target.probe->arrived(arriving, arriving.arrived);
  target.component->accept(arriving);
}

bool Network::ready(std::uint32_t node) const {
  const Route& r = routes_[node];
  for (std::size_t i = 0; i < r.resolved.size(); ++i)
    if (r.resolved[i].component != nullptr && !r.resolved[i].component->ready()) {
      refused(r, i);
      return false;
    }
  return true;
}

void Network::refused(const Route& r, std::size_t target) const {
  ++r.refusals[target];
  if (r.resolved[target].component->passing_back_pressure()) ++r.passed_on[target];
}

std::size_t Network::consumers(std::uint32_t node) const {
  const Route& r = routes_[node];
  return r.cumulative_shares.empty() && r.targets.size() > 1 ? r.targets.size() : 1;
}

bool Network::consumer_ready(std::uint32_t node, std::size_t consumer) const {
  if (consumers(node) == 1) return ready(node);
  const Route& r = routes_[node];
  const Component* c = r.resolved[consumer].component;
  if (c == nullptr || c->ready()) return true;
  refused(r, consumer);
  return false;
}

std::uint64_t Network::consumer_room(std::uint32_t node, std::size_t consumer, std::uint64_t unit,
                                     std::uint64_t units) const {
  const Route& r = routes_[node];
  const bool all = consumers(node) == 1;
  std::uint64_t room = Component::kAnyAmount;
  for (std::size_t i = all ? 0 : consumer; i < (all ? r.resolved.size() : consumer + 1); ++i)
    if (const Component* c = r.resolved[i].component) room = std::min(room, c->room_for(unit, units));
  return room;
}

void Network::forward_to(std::uint32_t node, std::size_t consumer, const Batch& batch) {
  Route& route = routes_[node];
  if (consumers(node) == 1) return forward(node, batch);
  sent(route, batch.count);
  hand_to(route.resolved[consumer], batch);
}

void Network::deliver(std::uint32_t node, const Route& route, const Batch& batch) {
  const SimTime now = engine_.now();
  sent(route, batch.count);
  delivered_ += batch.count;
  if (paths_at_.size() < names_.size()) paths_at_.resize(names_.size());  // once, at the first delivery
  auto& here = paths_at_[node];
  auto found = std::find_if(here.begin(), here.end(), [&](const auto& p) { return p->origin == batch.origin; });
  if (found == here.end()) {
    here.push_back(std::make_unique<PathStats>(PathStats{batch.origin, node, 0, {}, {}, {}}));
    found = here.end() - 1;
  }
  PathStats* path = found->get();
  path->records += batch.count;
  const auto interval = static_cast<std::size_t>(now / window_.interval);
  if (path->worst_by_interval.size() <= interval) path->worst_by_interval.resize(interval + 1, 0);
  path->worst_by_interval[interval] = std::max(path->worst_by_interval[interval], now - batch.created);
  if (now >= window_.warmup) {
    delivered_in_window_ += batch.count;
    path->latency.add(now - batch.created, batch.count);
    if (by_interval_every_ > 0)
      path->by_interval.add(static_cast<std::size_t>(now / by_interval_every_), now - batch.created, batch.count);
  }
}

std::vector<const PathStats*> Network::paths() const {
  std::vector<const PathStats*> out;
  for (const auto& at : paths_at_)
    for (const auto& p : at) out.push_back(p.get());
  return out;
}

}  // namespace archsim::model

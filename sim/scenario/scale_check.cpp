#include "archsim/scenario/scale.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace archsim::scenario {

namespace {

using engine::SimTime;


// The source's profile with the spike faults drilled on it.
model::Profile with_spikes(const Scenario& s, const SourceDecl& src) {
  model::Profile profile = *src.params.at("profile").profile;
  for (const FaultDecl& f : s.faults)
    if (f.target == src.name && f.fault.kind == "spike") profile = profile.with_overlay(f.fault.start, f.fault.end, f.fault.factor);
  return profile;
}

// Components a source's records pass through: every one its flows reach.
std::size_t reached_from(const Scenario& s, const std::string& source) {
  std::unordered_map<std::string, std::vector<const std::string*>> next;
  for (const FlowDecl& f : s.flows) next[f.from].push_back(&f.to);
  std::set<std::string> seen;
  std::vector<std::string> open{source};
  while (!open.empty()) {
    const std::string at = open.back();
    open.pop_back();
    if (const auto it = next.find(at); it != next.end())
      for (const std::string* to : it->second)
        if (seen.insert(*to).second) open.push_back(*to);
  }
  return seen.size();
}

// One source's arrivals over [0, end): one a record, or one a batch for a
// source with `batch`; Poisson arrivals under a diurnal profile are drawn at
// the peak rate and thinned.
double arrivals(const SourceDecl& src, const model::Profile& profile, SimTime end) {
  const double per_s = src.params.number("rate") * static_cast<double>(src.params.integer("producers"));
  const double run_s = engine::to_seconds(end);
  const bool thinned = src.params.has("arrivals") && src.params.text("arrivals") == "poisson" &&
                       profile.kind() == model::Profile::Kind::diurnal;
  const double drawn = per_s * run_s * (thinned ? profile.max_factor() : profile.mean_between(0, end));
  const SimTime batch = src.params.has("batch") ? src.params.duration("batch") : 0;
  return batch > 0 ? std::min(drawn, static_cast<double>(end / batch)) : drawn;
}

bool sized(const SourceDecl& src) {
  return src.params.has("rate") && src.params.has("producers") && src.params.has("profile");
}

// The run's events over [0, end): each source's arrivals times the
// components they pass, plus one for the arrival itself.
struct Events {
  double total = 0, most = 0;
  const SourceDecl* busiest = nullptr;
};

// `passes`: for each source, the components its records pass (reached_from).
Events events_until(const Scenario& s, SimTime end, const std::vector<std::size_t>& passes) {
  Events out;
  for (std::size_t i = 0; i < s.sources.size(); ++i) {
    const SourceDecl& src = s.sources[i];
    if (!sized(src)) continue;
    const double mine = arrivals(src, with_spikes(s, src), end) * static_cast<double>(1 + passes[i]);
    out.total += mine;
    if (mine > out.most) out.most = mine, out.busiest = &src;
  }
  return out;
}

// The longest run from the start that stays within the budget.
SimTime longest_within_budget(const Scenario& s, const std::vector<std::size_t>& passes) {
  SimTime lo = 0, hi = s.duration;
  while (hi - lo > engine::kSecond) {
    const SimTime mid = lo + (hi - lo) / 2;
    (events_until(s, mid, passes).total <= kMaxEvents ? lo : hi) = mid;
  }
  return lo;
}

std::string hours_or_minutes(SimTime t) {
  const double h = static_cast<double>(t) / static_cast<double>(engine::kHour);
  return h >= 1 ? about(h) + " h" : about(h * 60) + " min";
}

}  // namespace

std::string about(double count) {
  char out[32];
  std::snprintf(out, sizeof out, "%.2g", count);
  return out;
}

void check_scale(const Scenario& s, Diagnostics& diags) {
  if (s.duration <= 0) return;
  const double run_s = engine::to_seconds(s.duration);
  for (const SourceDecl& src : s.sources) {
    if (!sized(src)) continue;
    const double rate = src.params.number("rate");
    const double per_s = rate * static_cast<double>(src.params.integer("producers"));
    const double records = per_s * with_spikes(s, src).mean_between(0, s.duration) * run_s;
    const SourceLoc& at = src.params.at("rate").loc;
    if (records > kMaxRecords) {
      diags.error(at, "source '" + src.name + "' would make about " + about(records) +
                          " records in the run (rate x instances x the profile's mean x duration), more than "
                          "archsim counts exactly (2^53, about 9.0e+15); the largest rate that fits this duration is " +
                          about(rate * kMaxRecords / records) + " a second: check the rate's unit, or shorten 'duration'");
      continue;
    }
    const double bytes = src.params.has("record_size") ? records * src.params.dist("record_size").mean() : 0;
    if (bytes > kMaxBytes)
      diags.error(at, "source '" + src.name + "' would carry about " + about(bytes) +
                          " bytes in the run (its records x their mean size), more than a byte count holds (2^63, "
                          "about 9.2e+18); the largest rate that fits is " + about(rate * kMaxBytes / bytes) +
                          " a second: check the rate's and the record size's units, or shorten 'duration'");
  }
  if (!diags.empty()) return;
  std::vector<std::size_t> passes;
  for (const SourceDecl& src : s.sources) passes.push_back(reached_from(s, src.name));
  const Events events = events_until(s, s.duration, passes);
  if (events.total <= kMaxEvents || !events.busiest) return;
  std::string message = "the run would take about " + about(events.total) +
                        " events (each source's arrivals x the components they pass; source '" + events.busiest->name +
                        "' the most), more than archsim's budget of " + about(kMaxEvents) +
                        " (hours on one core); ";
  const SimTime fits = longest_within_budget(s, passes);
  if (fits >= engine::kMinute) message += "shorten 'duration' to at most " + hours_or_minutes(fits) + ", ";
  message += "check the rate's unit, or give the source a 'batch' interval (batch: 1s sends a second of records as "
             "one event)";
  diags.error(events.busiest->params.at("rate").loc, message);
}

}  // namespace archsim::scenario

// What a whole sweep shows: each line's knee, and where two lines (or two
// figures of one line) change order, with the interval of that place.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "archsim/whatif/statistics.hpp"
#include "archsim/whatif/sweep.hpp"

namespace archsim::whatif {

namespace {

std::vector<SweepLine> make_lines(const SweepResult& r) {
  const auto& grid = r.definition.grid;
  const auto& first = grid.parameters.at(0);
  const std::size_t n1 = first.values.size();
  const std::size_t n2 = grid.parameters.size() > 1 ? grid.parameters[1].values.size() : 1;
  // Numeric values in ascending order; words in the order they were listed.
  std::vector<std::size_t> order(n1);
  std::iota(order.begin(), order.end(), 0);
  if (first.numeric)
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return first.values[a].x < first.values[b].x; });
  std::vector<SweepLine> lines;
  for (std::size_t d = 0; d < grid.designs.size(); ++d)
    for (std::size_t v2 = 0; v2 < n2; ++v2) {
      SweepLine line;
      line.design = d;
      if (grid.parameters.size() > 1) line.second = v2;
      for (const auto v1 : order) {
        line.points.push_back((d * n1 + v1) * n2 + v2);
        line.values.push_back(v1);
      }
      lines.push_back(std::move(line));
    }
  return lines;
}

bool any_uncertain(const SweepPoint& p) {
  return std::any_of(p.requirements.begin(), p.requirements.end(),
                     [](const ReplicatedRequirement& q) { return q.verdict == Verdict::kUncertain; });
}

Knee knee_of(const SweepResult& r, std::size_t index) {
  const SweepLine& line = r.lines[index];
  Knee k;
  k.line = index;
  if (r.at(line.points.front()).requirements.empty()) {
    k.kind = Knee::Kind::kNoRequirements;
    return k;
  }
  for (std::size_t i = 0; i < line.points.size(); ++i) {
    const SweepPoint& p = r.at(line.points[i]);
    if (!k.point) {
      if (p.all_met()) {
        k.point = p.index;
        k.kind = i == 0 ? Knee::Kind::kAtFirst : Knee::Kind::kFound;
      } else if (any_uncertain(p)) {
        k.uncertain.push_back(p.index);
      }
    } else if (!p.all_met()) {
      k.fails_again = p.index;
      break;
    }
  }
  return k;
}

// The difference of two figures' means with its 95% interval: paired when
// they ran on the same seeds (the common random numbers cancel), Welch's
// otherwise.
Interval difference(const Interval& a, const Interval& b, bool paired) {
  return paired ? paired_difference(a, b) : unpaired_difference(a, b);
}

struct Curve {
  std::size_t line;
  std::string metric;
};

// Where a piecewise-linear f, given at xs, rises above 0 going left from
// segment `seg` (f <= 0 at the crossing in it); the first x when it never does.
std::pair<double, bool> rise_left(const std::vector<double>& xs, const std::vector<double>& f, std::size_t seg) {
  for (std::size_t i = seg + 1; i-- > 0;)
    if (f[i] > 0) return {xs[i] + f[i] / (f[i] - f[i + 1]) * (xs[i + 1] - xs[i]), true};
  return {xs.front(), false};
}

std::pair<double, bool> rise_right(const std::vector<double>& xs, const std::vector<double>& g, std::size_t seg) {
  for (std::size_t i = seg + 1; i < xs.size(); ++i)
    if (g[i] > 0) return {xs[i - 1] + g[i - 1] / (g[i - 1] - g[i]) * (xs[i] - xs[i - 1]), true};
  return {xs.back(), false};
}

void add_crossings(const SweepResult& r, const Curve& a, const Curve& b, std::vector<Crossing>& out) {
  const SweepLine& la = r.lines[a.line];
  const SweepLine& lb = r.lines[b.line];
  const auto& values = r.definition.grid.parameters[0].values;
  // The grid values where both curves have the figure.
  std::vector<double> xs, d, h;
  bool paired = true;
  for (std::size_t i = 0; i < la.points.size(); ++i) {
    const SweepPoint& pa = r.at(la.points[i]);
    const SweepPoint& pb = r.at(lb.points[i]);
    const auto* fa = pa.find(a.metric);
    const auto* fb = pb.find(b.metric);
    if (!fa || !fb) continue;
    const bool same_seeds = pa.seeds == pb.seeds;
    paired = paired && same_seeds;
    const Interval diff = difference(fa->interval, fb->interval, same_seeds);
    xs.push_back(values[la.values[i]].x);
    d.push_back(diff.mean);
    h.push_back(diff.half_width);
  }
  // Consecutive points where the difference is not 0, and where it changes sign between them.
  std::vector<std::size_t> signed_at;
  for (std::size_t i = 0; i < d.size(); ++i)
    if (d[i] != 0) signed_at.push_back(i);
  for (std::size_t k = 0; k + 1 < signed_at.size(); ++k) {
    const std::size_t p = signed_at[k], q = signed_at[k + 1];
    if ((d[p] > 0) == (d[q] > 0)) continue;
    Crossing c{a.line, b.line, a.metric, b.metric};
    c.paired = paired;
    c.a_lower_before = d[p] < 0;
    // Equal at a grid value between them, or interpolated between adjacent ones.
    c.x = q == p + 1 ? xs[p] + d[p] / (d[p] - d[q]) * (xs[q] - xs[p]) : xs[p + 1];
    // Below the crossing the difference keeps the sign it had at p while its
    // interval excludes 0; above it, the sign it has at q.
    const double s = d[p] > 0 ? 1 : -1;
    std::vector<double> before(d.size()), after(d.size());
    for (std::size_t i = 0; i < d.size(); ++i) before[i] = s * d[i] - h[i], after[i] = -s * d[i] - h[i];
    std::tie(c.low, c.low_bounded) = rise_left(xs, before, p);
    std::tie(c.high, c.high_bounded) = rise_right(xs, after, q - 1);
    c.low = std::min(c.low, c.x);
    c.high = std::max(c.high, c.x);
    out.push_back(std::move(c));
  }
}

whatif::Unit unit_of(const SweepResult& r, const std::string& metric) {
  for (const auto& p : r.points)
    if (const auto* f = p.find(metric)) return f->figure.unit;
  return Unit::kCount;
}

std::vector<Crossing> crossings_of(const SweepResult& r) {
  std::vector<Crossing> out;
  if (!r.definition.grid.parameters.at(0).numeric) return out;
  const auto& metrics = r.definition.metrics;
  // The same figure of two lines.
  for (const auto& m : metrics)
    for (std::size_t a = 0; a < r.lines.size(); ++a)
      for (std::size_t b = a + 1; b < r.lines.size(); ++b) add_crossings(r, {a, m}, {b, m}, out);
  // Two figures of one line, when they are in the same unit (two engines' costs).
  for (std::size_t l = 0; l < r.lines.size(); ++l)
    for (std::size_t i = 0; i < metrics.size(); ++i)
      for (std::size_t j = i + 1; j < metrics.size(); ++j)
        if (unit_of(r, metrics[i]) == unit_of(r, metrics[j])) add_crossings(r, {l, metrics[i]}, {l, metrics[j]}, out);
  return out;
}

}  // namespace

void analyze(SweepResult& r) {
  r.lines.clear();
  r.knees.clear();
  r.crossings.clear();
  if (!r.complete() || r.points.empty()) return;
  r.lines = make_lines(r);
  for (std::size_t l = 0; l < r.lines.size(); ++l) r.knees.push_back(knee_of(r, l));
  r.crossings = crossings_of(r);
}

}  // namespace archsim::whatif

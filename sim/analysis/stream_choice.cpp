#include "archsim/analysis/stream_choice.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "archsim/analysis/static_explain.hpp"
#include "archsim/models/common/billing.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "archsim/scenario/topology.hpp"
#include "archsim/analysis/moves.hpp"
#include "param_edit.hpp"

namespace archsim::analysis {

namespace {

// The loads the bands span, as multiples of today's: a hundredth to a hundred times.
constexpr double kLeast = 0.01, kMost = 100;
constexpr int kGrid = 40;       // points on that log scale: 1.26 x a step
constexpr int kBisections = 24;  // a crossing to within 0.001%
constexpr double kFarBeyond = 1e6;  // a load that no stream's smallest provisioned size holds

const scenario::ComponentDecl* decl(const scenario::Scenario& s, const std::string& name) {
  for (const auto& c : s.components)
    if (c.name == name) return &c;
  return nullptr;
}

std::string label_of(const scenario::ComponentDecl& c) {
  return c.model && c.model->label ? c.model->label(c.params) : c.service;
}

// One way to run a stream: the mode one of its capacity-mode levers
// switches to, sized for each load's peak where the lever sizes it.
struct Way {
  std::string component;
  const model::Lever* lever = nullptr;
};

class Streams {
 public:
  Streams(const scenario::Scenario& s, const StaticExplanation& now, const model::Catalog& catalog)
      : s_(s), now_(now), catalog_(catalog) {}

  // The design with the stream in a way's mode at `factor` x today's load:
  // the lever applied to the design, or, where the design is in that mode
  // already, to the design switched to the other mode first, so that what
  // it sizes is sized for this load. Nothing when the lever applies to neither.
  std::optional<scenario::Scenario> design(const Way& w, double factor, double boost = 1) const {
    const scenario::Scenario at = scaled(s_, factor);
    const scenario::ComponentDecl& c = *decl(at, w.component);
    PeakLoad peak;
    if (const StaticComponent* f = figures_of(now_, w.component)) peak_load(*f, peak);
    peak.in.records_per_s *= factor * boost;
    peak.in.consumers = consumers(w.component);
    const auto apply = [&](const scenario::Scenario& from, const model::Lever& l) -> std::optional<scenario::Scenario> {
      const auto changes = l.move(decl(from, w.component)->params, catalog_, peak.in, 1);
      if (changes.empty()) return std::nullopt;
      return with_moves(from, moves_of(c.name, *c.model, changes));
    };
    if (auto direct = apply(at, *w.lever)) return direct;
    for (const auto& m : c.model->levers) {
      if (!m.capacity_mode || !m.move || &m == w.lever) continue;
      if (auto other = apply(at, m))
        if (auto back = apply(*other, *w.lever)) return back;
    }
    return std::nullopt;
  }
  // The design of a way at `factor` x today's load that holds its peak,
  // hottest unit included: a lever sizes by the mean unit, so where that
  // leaves the hottest short it sizes for a peak as much higher; its month;
  // nothing when it cannot hold it.
  struct Sized {
    std::optional<scenario::Scenario> design;
    double monthly_usd = INFINITY;
  };
  Sized sized(const Way& w, double factor) const {
    double boost = 1;
    for (int tries = 0; tries < 4; ++tries) {
      try {
        auto d = design(w, factor, boost);
        if (!d) return {};
        const auto e = explain_statically(*d, catalog_);
        const StaticComponent* c = figures_of(e, w.component);
        if (!c) return {};
        if (c->headroom >= 1) return {std::move(d), c->monthly_usd};
        if (!(c->headroom > 0)) return {};
        boost *= 1.01 / c->headroom;
      } catch (const std::exception&) {
        return {};
      }
    }
    return {};
  }
  double monthly(const Way& w, double factor) const { return sized(w, factor).monthly_usd; }
  // Whether its lever sizes it for the load (a provisioned mode), not only
  // switches: a load far beyond today's is sized otherwise.
  bool sizes(const Way& w) const {
    const auto at = [&](double f) {
      const auto d = design(w, f);
      return d ? label_of(*decl(*d, w.component)) : std::string();
    };
    return at(1) != at(kFarBeyond);
  }

 private:
  std::size_t consumers(const std::string& component) const {
    std::size_t n = 0;
    for (const auto& f : s_.flows)
      if (f.from == component) ++n;
    return std::max<std::size_t>(1, n);
  }
  const scenario::Scenario& s_;
  const StaticExplanation& now_;
  const model::Catalog& catalog_;
};

double seconds_p99(const run::RunResult& r, const std::string& name) {
  for (const auto& c : r.components)
    if (c.name == name) return c.latency.p99;
  return 0;
}

double run_monthly(const run::RunResult& r, const std::string& name) {
  const double months = r.duration_s / models::kSecondsPerMonth;
  for (const auto& c : r.components)
    if (c.name == name) return months > 0 ? c.cost_usd / months : 0;
  return 0;
}

}  // namespace

namespace {

// One design with its run and its static explanation, the side a stream is on.
struct Design {
  const scenario::Scenario& s;
  const run::RunResult& r;
  StaticExplanation now;
  Streams streams;
  scenario::Topology topo;
  Design(const scenario::Scenario& scenario, const run::RunResult& result, const model::Catalog& catalog)
      : s(scenario), r(result), now(explain_statically(scenario, catalog)), streams(scenario, now, catalog),
        topo(scenario) {}
  std::vector<std::string> sources_of(const std::string& component) const {
    std::vector<std::string> out;
    if (const auto v = topo.find(component))
      for (const std::size_t src : topo.sources_reaching(*v)) out.push_back(topo.name(src));
    return out;
  }
  std::vector<const scenario::ComponentDecl*> stream_components() const {
    std::vector<const scenario::ComponentDecl*> out;
    for (const auto& c : s.components)
      if (c.model && !c.model->reader_lag.empty()) out.push_back(&c);
    return out;
  }
};

struct Placed {
  const Design* design;
  Way way;
};

std::size_t cheapest(const std::vector<Placed>& ways, double factor) {
  std::size_t best = ways.size();
  double least = INFINITY;
  for (std::size_t i = 0; i < ways.size(); ++i)
    if (const double m = ways[i].design->streams.monthly(ways[i].way, factor); m < least) least = m, best = i;
  return best;
}

// Stream `a` of one design beside stream `b` of another (or the same), both
// reached by `sources`.
run::StreamChoice choose(const Design& da, const scenario::ComponentDecl& a, const Design& db,
                         const scenario::ComponentDecl& b, std::vector<std::string> sources) {
  run::StreamChoice q;
  q.sources = std::move(sources);
  if (const StaticComponent* fa = figures_of(da.now, a.name)) {
    q.records_per_s = fa->offered;
    q.peak_records_per_s = fa->peak;
  }
  std::vector<Placed> ways;
  for (const auto& [d, c] : {std::pair<const Design*, const scenario::ComponentDecl*>{&da, &a}, {&db, &b}}) {
    run::StreamChoice::Side& side = c == &a ? q.a : q.b;
    side.component = c->name;
    side.service = c->service;
    side.shape = label_of(*c);
    side.monthly_usd = run_monthly(d->r, c->name);
    side.p99_s = seconds_p99(d->r, c->name);
    for (const auto& l : c->model->levers) {
      if (!l.capacity_mode || !l.move) continue;
      const Way w{c->name, &l};
      const auto today = d->streams.sized(w, 1);
      const auto as_switched = d->streams.design(w, 1);
      if (!as_switched) continue;
      ways.push_back({d, w});
      const std::string shape = label_of(*decl(today.design ? *today.design : *as_switched, c->name));
      q.options.push_back({c->name, c->service, l.words, shape, today.monthly_usd});
      // The way its lever sizes for the load: what it needs for today's peak.
      if (d->streams.sizes(w) && today.design) {
        side.needs = shape;
        side.needs_monthly_usd = today.monthly_usd;
      }
    }
  }
  if (ways.empty() || q.records_per_s <= 0) return q;
  // The cheapest way on a log grid of loads, each change bisected to its crossing.
  const double step = std::pow(kMost / kLeast, 1.0 / kGrid);
  double prev_f = kLeast;
  std::size_t prev = cheapest(ways, prev_f);
  q.cheapest.push_back({0, 0, prev});
  for (int k = 1; k <= kGrid; ++k) {
    const double f = kLeast * std::pow(step, k);
    const std::size_t best = cheapest(ways, f);
    if (best != prev) {
      double lo = prev_f, hi = f;
      for (int n = 0; n < kBisections; ++n) {
        const double mid = std::sqrt(lo * hi);
        (cheapest(ways, mid) == prev ? lo : hi) = mid;
      }
      const double at = std::sqrt(lo * hi) * q.records_per_s;
      q.cheapest.back().to_per_s = at;
      q.cheapest.push_back({at, 0, best});
      prev = best;
    }
    prev_f = f;
  }
  q.cheapest.back().to_per_s = INFINITY;
  return q;
}

std::vector<std::string> common(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> out;
  for (const auto& name : a)
    if (std::find(b.begin(), b.end(), name) != b.end()) out.push_back(name);
  return out;
}

}  // namespace

void compare_streams(const scenario::Scenario& s, run::RunResult& r) {
  try {
    const Design d(s, r, scenario::builtin_catalog());
    const auto streams = d.stream_components();
    for (std::size_t i = 0; i < streams.size(); ++i)
      for (std::size_t j = i + 1; j < streams.size(); ++j) {
        const auto& a = *streams[i];
        const auto& b = *streams[j];
        if (a.service == b.service) continue;  // two of a kind: nothing to choose between
        auto sources = common(d.sources_of(a.name), d.sources_of(b.name));
        if (!sources.empty()) r.stream_choices.push_back(choose(d, a, d, b, std::move(sources)));
      }
  } catch (const std::exception&) {
    // A design explain cannot cost has no answer to give here.
  }
}

std::vector<run::StreamChoice> compare_streams(const scenario::Scenario& sa, const run::RunResult& ra,
                                               const scenario::Scenario& sb, const run::RunResult& rb) {
  std::vector<run::StreamChoice> out;
  try {
    const model::Catalog& catalog = scenario::builtin_catalog();
    const Design da(sa, ra, catalog), db(sb, rb, catalog);
    for (const auto* a : da.stream_components())
      for (const auto* b : db.stream_components()) {
        if (a->service == b->service) continue;
        auto sources = common(da.sources_of(a->name), db.sources_of(b->name));
        if (!sources.empty()) out.push_back(choose(da, *a, db, *b, std::move(sources)));
      }
  } catch (const std::exception&) {
  }
  return out;
}

}  // namespace archsim::analysis

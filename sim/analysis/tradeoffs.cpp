#include "archsim/analysis/tradeoffs.hpp"

#include <cmath>
#include <cstdio>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "archsim/analysis/static_explain.hpp"
#include "param_edit.hpp"
#include "archsim/report/human.hpp"
#include "archsim/scenario/catalog_loader.hpp"

namespace archsim::analysis {

namespace {

using report::count;
using report::percent;
using report::seconds;
using report::usd;

struct Variant {
  std::string component, lever;
  std::function<void(scenario::Scenario&)> apply;
  bool capacity_mode = false;  // on-demand against provisioned: its bill crosses the other's at some load
};

scenario::ComponentDecl* component_in(scenario::Scenario& s, const std::string& name) {
  for (auto& c : s.components)
    if (c.name == name) return &c;
  return nullptr;
}

const StaticComponent* figures_of(const StaticExplanation& e, const std::string& name) {
  for (const auto& c : e.components)
    if (c.name == name) return &c;
  return nullptr;
}

std::string text_of(const scenario::ComponentDecl& c, const std::string& key) {
  return c.params.has(key) ? c.params.text(key) : std::string();
}

std::string whole(double x) { return count(static_cast<std::uint64_t>(std::llround(x))); }

// The levers of one component, each as a change to a copy of the scenario.
void levers_of(const scenario::Scenario& s, const scenario::ComponentDecl& c, const StaticComponent& now,
               std::vector<Variant>& out) {
  const std::string name = c.name;
  if (c.service == "kinesis") {
    if (text_of(c, "mode") == "on_demand") {
      const double shards = std::ceil(now.peak * 1.25 / 1000);
      out.push_back({name, "provisioned with " + whole(shards) + " shards (the peak x 1.25) instead of on-demand",
                     [=](scenario::Scenario& v) {
                       set_text(component_in(v, name)->params, "mode", "provisioned");
                       set_number(component_in(v, name)->params, "shards", shards);
                     },
                     true});
    } else {
      out.push_back({name, "on-demand capacity instead of " + whole(c.params.number("shards")) + " shards",
                     [=](scenario::Scenario& v) { set_text(component_in(v, name)->params, "mode", "on_demand"); },
                     true});
      const double more = std::ceil(c.params.number("shards") * 1.5);
      out.push_back({name, "shards from " + whole(c.params.number("shards")) + " to " + whole(more) +
                               " (room for hot keys; a better-spread partition key gets it for free)",
                     [=](scenario::Scenario& v) { set_number(component_in(v, name)->params, "shards", more); }});
    }
  } else if (c.service == "dynamodb") {
    if (text_of(c, "mode") == "on_demand") {
      const double wcu = std::ceil(now.peak * 1.25);
      out.push_back({name, "provisioned with " + whole(wcu) + " WCU (the peak x 1.25) instead of on-demand",
                     [=](scenario::Scenario& v) {
                       set_text(component_in(v, name)->params, "mode", "provisioned");
                       set_number(component_in(v, name)->params, "wcu", wcu);
                     },
                     true});
    } else {
      out.push_back({name, "on-demand capacity instead of " + whole(c.params.number("wcu")) + " WCU",
                     [=](scenario::Scenario& v) { set_text(component_in(v, name)->params, "mode", "on_demand"); },
                     true});
    }
  } else if (c.service == "firehose") {
    const double interval_s = engine::to_seconds(c.params.duration("buffer_interval"));
    const double other = interval_s >= 120 ? 60 : 300;
    out.push_back({name, "a " + seconds(other) + " buffer interval instead of " + seconds(interval_s) +
                             " (fresher archive against more, smaller S3 objects)",
                   [=](scenario::Scenario& v) {
                     set_number(component_in(v, name)->params, "buffer_interval", other * 1e9);
                   }});
  } else if (c.service == "glue") {
    const double workers = c.params.number("workers");
    out.push_back({name, "twice the workers (" + whole(workers * 2) + ")", [=](scenario::Scenario& v) {
                     set_number(component_in(v, name)->params, "workers", workers * 2);
                   }});
  } else if (c.service == "emr") {
    const std::string kind = text_of(c, "cluster");
    const std::string other = kind == "persistent" ? "transient" : "persistent";
    out.push_back({name, "a " + other + " cluster instead of " + kind, [=](scenario::Scenario& v) {
                     set_text(component_in(v, name)->params, "cluster", other);
                   }});
  } else if (c.service == "athena") {
    // The lake's format, when one source of queries feeds the workgroup: the
    // first-order figures take one query shape per engine.
    std::size_t sources = 0;
    for (const auto& f : s.flows) sources += f.to == name ? 1 : 0;
    for (const auto& f : s.flows) {
      if (f.to != name || sources != 1) continue;
      for (const auto& src : s.sources) {
        if (src.name != f.from || !src.params.has("scan")) continue;
        const std::string format = src.params.at("scan").fields->text("format");
        const bool columnar = format == "parquet" || format == "orc";
        const std::string other = columnar ? "json" : "parquet";
        const std::string source = src.name;
        out.push_back({name, "the queries of '" + source + "' over " + other + " instead of " + format,
                       [=](scenario::Scenario& v) {
                         for (auto& vs : v.sources) {
                           if (vs.name != source) continue;
                           model::ParamValue scan = vs.params.at("scan");
                           auto fields = std::make_shared<model::ParamSet>(*scan.fields);
                           set_text(*fields, "format", other);
                           scan.fields = std::move(fields);
                           vs.params.set("scan", scan);
                         }
                       }});
      }
    }
  }
}

// "0.45 x", "3.2 x", "120 x": a factor to two significant figures.
std::string times(double factor) {
  char buf[32];
  std::snprintf(buf, sizeof buf, factor >= 10 ? "%.0f x" : factor >= 1 ? "%.1f x" : "%.2g x", factor);
  return buf;
}

// The scenario with every source's rate times `factor`.
scenario::Scenario scaled(const scenario::Scenario& s, double factor) {
  scenario::Scenario out = s;
  for (auto& src : out.sources) set_number(src.params, "rate", src.params.number("rate") * factor);
  return out;
}

double monthly_of(const scenario::Scenario& s, const std::string& component, const model::Catalog& catalog) {
  const auto e = explain_statically(s, catalog);
  const auto* c = figures_of(e, component);
  return c ? c->monthly_usd : 0;
}

// The factor on today's load at which one component's monthly bill is the
// same in the two designs, nearest today's load, between a thousandth and a
// thousand times it; 0 when the bills do not cross there. The bills are
// piecewise linear in the load (a capacity bill is flat; a request bill
// grows), so a scan on a log grid brackets the crossing and bisection
// finds it.
double break_even_factor(const scenario::Scenario& a, const scenario::Scenario& b, const std::string& component,
                         const model::Catalog& catalog) {
  auto gap = [&](double f) {
    return monthly_of(scaled(a, f), component, catalog) - monthly_of(scaled(b, f), component, catalog);
  };
  constexpr int kSteps = 12;  // per side: a factor of 1.78 a step over three decades
  const double step = std::pow(1000.0, 1.0 / kSteps);
  const double at_one = gap(1);
  if (at_one == 0) return 1;
  double lo = 0, hi = 0;
  for (int i = 1; i <= kSteps && hi == 0; ++i)
    for (double f : {std::pow(step, i), std::pow(step, -i)}) {
      const double near = f > 1 ? f / step : f * step;
      if ((gap(f) > 0) != (at_one > 0)) {
        lo = std::min(near, f), hi = std::max(near, f);
        break;
      }
    }
  if (hi == 0) return 0;
  const bool lo_sign = gap(lo) > 0;
  for (int i = 0; i < 40; ++i) {
    const double mid = std::sqrt(lo * hi);
    ((gap(mid) > 0) == lo_sign ? lo : hi) = mid;
  }
  return std::sqrt(lo * hi);
}

// "; on-demand costs less below about 45,000 records/s into 'stream' (0.45 x
// today's mean load), the 450 shards above it"
std::string break_even_clause(const scenario::ComponentDecl& c, const StaticComponent& now,
                              const StaticComponent& provisioned_side, double factor) {
  const bool on_demand_now = text_of(c, "mode") == "on_demand";
  const std::string unit = c.service == "dynamodb" ? " writes/s into '" : " records/s into '";
  std::string provisioned = c.service == "dynamodb" ? "provisioned capacity" : "provisioned shards";
  std::string out = "; the bills cross at about ";
  out += whole(now.offered * factor);
  out += unit + c.name + "' (";
  out += times(factor);
  out += " today's mean load): below it on-demand costs less, above it ";
  out += provisioned;
  out += on_demand_now ? " would" : c.service == "dynamodb" ? " does" : " do";
  // Past its capacity the provisioned side throttles: cheaper, but not enough.
  if (std::isfinite(provisioned_side.capacity) && now.offered * factor > provisioned_side.capacity) {
    out += ", though as sized it carries only ";
    out += whole(provisioned_side.capacity);
    out += "/s and would need more for that load";
  }
  return out;
}

bool latency_moves(const StaticComponent& now, const StaticComponent& then) {
  return std::isfinite(now.latency_s) && std::isfinite(then.latency_s) &&
         std::abs(then.latency_s - now.latency_s) > 0.05 * std::max(now.latency_s, 1e-9);
}

// Appended piece by piece: GCC 12 misreads long chains of string + string.
std::string verdict(const Variant& v, const StaticExplanation& now, const StaticExplanation& then,
                    const StaticComponent& c_now, const StaticComponent& c_then, bool batch) {
  const double delta = then.monthly_usd - now.monthly_usd;
  std::string out = v.lever;
  out += ": the design would cost ";
  out += usd(then.monthly_usd);
  out += " a month instead of ";
  out += usd(now.monthly_usd);
  out += delta >= 0 ? " (+" : " (-";
  out += usd(std::abs(delta));
  out += ")";
  if (latency_moves(c_now, c_then)) {
    out += "; '";
    out += v.component;
    out += "' takes ";
    out += seconds(c_then.latency_s);
    out += " instead of ";
    out += seconds(c_now.latency_s);
  }
  if (batch || !std::isfinite(c_then.peak_utilization) || c_then.peak_utilization <= 0) return out;
  if (c_then.peak_utilization > 1) {
    out += "; at the peak '";
    out += v.component;
    out += "' would be offered ";
    out += percent(c_then.peak_utilization);
    out += " of what it can take (";
    out += c_then.limit;
    out += "), so it would throttle";
  } else if (std::abs(c_then.peak_utilization - c_now.peak_utilization) > 0.01) {
    out += "; '";
    out += v.component;
    out += "' would peak at ";
    out += percent(c_then.peak_utilization);
    out += " of its capacity instead of ";
    out += percent(c_now.peak_utilization);
  }
  return out;
}

}  // namespace

void find_tradeoffs(const scenario::Scenario& s, run::RunResult& r) {
  const model::Catalog& catalog = scenario::builtin_catalog();
  StaticExplanation now;
  try {
    now = explain_statically(s, catalog);
  } catch (const std::exception&) {
    return;  // a design the static figures cannot read has no levers to weigh
  }
  std::vector<Variant> variants;
  for (const auto& c : s.components)
    if (const auto* figures = figures_of(now, c.name)) levers_of(s, c, *figures, variants);
  for (const auto& v : variants) {
    scenario::Scenario changed = s;
    v.apply(changed);
    try {
      const StaticExplanation then = explain_statically(changed, catalog);
      const auto* c_now = figures_of(now, v.component);
      const auto* c_then = figures_of(then, v.component);
      if (!c_now || !c_then) continue;
      run::Tradeoff t;
      t.component = v.component;
      t.lever = v.lever;
      t.monthly_usd_now = now.monthly_usd;
      t.monthly_usd_then = then.monthly_usd;
      t.latency_s_now = c_now->latency_s;
      t.latency_s_then = c_then->latency_s;
      t.peak_utilization_now = c_now->peak_utilization;
      t.peak_utilization_then = c_then->peak_utilization;
      // A lever that moves neither the bill nor the component's latency says nothing here.
      const bool batch = c_now->service == "glue" || c_now->service == "emr";
      if (std::abs(then.monthly_usd - now.monthly_usd) < 0.01 && !latency_moves(*c_now, *c_then) &&
          std::abs(c_then->peak_utilization - c_now->peak_utilization) <= 0.01)
        continue;
      t.verdict = verdict(v, now, then, *c_now, *c_then, batch);
      if (v.capacity_mode) {
        t.break_even_factor = break_even_factor(s, changed, v.component, catalog);
        t.break_even_records_per_s = t.break_even_factor * c_now->offered;
        for (const auto& decl : s.components)
          if (decl.name == v.component && t.break_even_factor > 0)
            t.verdict += break_even_clause(decl, *c_now, text_of(decl, "mode") == "on_demand" ? *c_then : *c_now,
                                           t.break_even_factor);
      }
      r.tradeoffs.push_back(std::move(t));
    } catch (const std::exception&) {
      // A lever the static figures cannot price is left out rather than guessed.
    }
  }
}

}  // namespace archsim::analysis

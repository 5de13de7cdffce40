#include "archsim/report/stream_choice_text.hpp"

#include <cmath>

#include "archsim/report/human.hpp"

namespace archsim::report {

namespace {

std::string named(const run::StreamChoice::Side& s) { return s.service + " '" + s.component + "' (" + s.shape + ")"; }

std::string way(const run::StreamChoice& q, std::size_t option) {
  if (option >= q.options.size()) return "neither holds that load as its levers size it";
  const auto& o = q.options[option];
  return o.service + " '" + o.component + "', " + o.mode + " (" + o.shape + " today)";
}

// Each band of loads with the way that costs least there.
std::string bands(const run::StreamChoice& q) {
  std::string out = "Cheapest by load, each way sized for it by explain's figures: ";
  for (std::size_t i = 0; i < q.cheapest.size(); ++i) {
    const auto& b = q.cheapest[i];
    if (i > 0) out += "; ";
    if (q.cheapest.size() == 1) out += "at every load from a hundredth to a hundred times today's, ";
    else if (i == 0) out += "below " + rate(b.to_per_s) + ", ";
    else if (!std::isfinite(b.to_per_s)) out += "above " + rate(b.from_per_s) + ", ";
    else out += "from " + rate(b.from_per_s) + " to " + rate(b.to_per_s) + ", ";
    out += way(q, b.option);
  }
  return out + " (today " + rate(q.records_per_s) + " on average).";
}

}  // namespace

StreamChoiceParagraph stream_choice_paragraph(const run::StreamChoice& q) {
  StreamChoiceParagraph p;
  std::string sources;
  for (std::size_t i = 0; i < q.sources.size(); ++i)
    sources += (i ? (i + 1 == q.sources.size() ? " and " : ", ") : "") + q.sources[i];
  p.lead = "Which stream: the records of " + sources + " reach " + named(q.a) + " and " + named(q.b) + ", " +
           rate(q.records_per_s) + " on average and " + rate(q.peak_records_per_s) + " at the peak";
  for (const auto* s : {&q.a, &q.b})
    p.items.push_back("'" + s->component + "' costs " + usd(s->monthly_usd) +
                      " a month in this run, and 99% of its records are read within " + seconds(s->p99_s) +
                      " of arriving.");
  std::string needs = "For today's peak with a quarter to spare";
  bool any = false;
  for (const auto* s : {&q.a, &q.b}) {
    if (s->needs.empty()) continue;
    needs += std::string(any ? "; " : ": ") + "'" + s->component + "' needs " + s->needs + " (" +
             usd(s->needs_monthly_usd) + " a month by explain's figures)";
    any = true;
  }
  if (any) p.items.push_back(needs + ".");
  if (!q.options.empty()) {
    std::string each = "Each way at this load by explain's figures, sized for today's peak where it is provisioned: ";
    for (std::size_t i = 0; i < q.options.size(); ++i) {
      const auto& o = q.options[i];
      each += (i ? "; " : "") + o.service + " " + o.mode + " (" + o.shape + ") " +
              (std::isfinite(o.monthly_usd) ? usd(o.monthly_usd) + " a month" : std::string("cannot hold the peak"));
    }
    p.items.push_back(each + ".");
  }
  if (!q.cheapest.empty()) p.items.push_back(bands(q));
  // The answer: which costs less and which is fresher, at this load.
  const auto& cheaper = q.a.monthly_usd <= q.b.monthly_usd ? q.a : q.b;
  const auto& dearer = &cheaper == &q.a ? q.b : q.a;
  const auto& fresher = q.a.p99_s <= q.b.p99_s ? q.a : q.b;
  const auto& staler = &fresher == &q.a ? q.b : q.a;
  std::string answer = "At this load " + cheaper.service + " '" + cheaper.component + "' costs less (" +
                       usd(cheaper.monthly_usd) + " against " + usd(dearer.monthly_usd) + " a month)";
  if (&fresher == &cheaper)
    answer += " and keeps records fresher (p99 " + seconds(fresher.p99_s) + " against " + seconds(staler.p99_s) + ").";
  else
    answer += "; " + fresher.service + " '" + fresher.component + "' keeps records fresher (p99 " +
              seconds(fresher.p99_s) + " against " + seconds(staler.p99_s) + ").";
  p.items.push_back(answer);
  return p;
}

}  // namespace archsim::report

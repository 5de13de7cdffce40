#include "archsim/report/stream_choice_text.hpp"

#include <cmath>

#include "archsim/report/human.hpp"
#include "archsim/report/json_writer.hpp"
#include "archsim/report/table.hpp"

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

std::string stream_choices_text(const std::vector<run::StreamChoice>& choices) {
  std::string out;
  for (const auto& q : choices) {
    const auto p = stream_choice_paragraph(q);
    out += "\n" + p.lead + "\n";
    for (const auto& item : p.items) out += "  " + item + "\n";
  }
  return out;
}

std::string stream_choices_markdown(const std::vector<run::StreamChoice>& choices) {
  std::string out;
  for (const auto& q : choices) {
    const auto p = stream_choice_paragraph(q);
    out += "\n" + markdown_escape(p.lead) + "\n\n";
    for (const auto& item : p.items) out += "- " + markdown_escape(item) + "\n";
  }
  return out;
}

std::string stream_choices_html(const std::vector<run::StreamChoice>& choices) {
  std::string out;
  for (const auto& q : choices) {
    const auto p = stream_choice_paragraph(q);
    out += "<section class=\"stream-choice\">\n<h2>Which stream</h2>\n<p>" + html_escape(p.lead) + "</p>\n<ul>\n";
    for (const auto& item : p.items) out += "<li>" + html_escape(item) + "</li>\n";
    out += "</ul>\n</section>\n";
  }
  return out;
}

void stream_choices_json(JsonWriter& w, const std::vector<run::StreamChoice>& choices) {
  w.begin_array("stream_choices");
  for (const auto& q : choices) {
    w.begin_object();
    for (const auto* side : {&q.a, &q.b})
      w.begin_object(side == &q.a ? "a" : "b")
          .value("component", side->component)
          .value("service", side->service)
          .value("shape", side->shape)
          .value("monthly_usd", side->monthly_usd)
          .value("p99_s", side->p99_s)
          .value("needs", side->needs)
          .value("needs_monthly_usd", side->needs_monthly_usd)
          .end_object();
    w.value("records_per_s", q.records_per_s).value("peak_records_per_s", q.peak_records_per_s);
    w.begin_array("options");
    for (const auto& o : q.options)
    {
      w.begin_object().value("component", o.component).value("mode", o.mode).value("shape", o.shape);
      if (std::isfinite(o.monthly_usd)) w.value("monthly_usd", o.monthly_usd);
      w.end_object();
    }
    w.end_array();
    w.begin_array("cheapest");
    for (const auto& b : q.cheapest) {
      w.begin_object().value("from_records_per_s", b.from_per_s);
      if (std::isfinite(b.to_per_s)) w.value("to_records_per_s", b.to_per_s);
      w.value("option", static_cast<std::uint64_t>(b.option)).end_object();
    }
    w.end_array();
    w.value("verdict", stream_choice_paragraph(q).items.back()).end_object();
  }
  w.end_array();
}

}  // namespace archsim::report

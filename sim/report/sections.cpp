#include "sections.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <utility>

#include "archsim/models/common/billing.hpp"
#include "archsim/report/human.hpp"
#include "archsim/report/query_engine_text.hpp"
#include "archsim/report/whatif_reports.hpp"
#include "archsim/version.hpp"
#include "phrases.hpp"

namespace archsim::report::sections {

namespace {

std::string drops_of(const run::ComponentResult& c) {
  if (c.dropped == 0) return "0";
  std::string out = count(c.dropped);
  for (const auto& d : c.drops)
    if (d.count > 0) out += " (" + d.reason + ")";
  return out;
}

}  // namespace

std::string run_line(const run::RunResult& r) {
  std::ostringstream out;
  out << r.file << " · seed " << r.seed << " · simulated " << seconds(r.duration_s);
  if (r.warmup_s > 0) out << " (first " << seconds(r.warmup_s) << " warm-up, excluded from statistics)";
  out << " · " << count(r.events) << " events · archsim " << kVersion;
  return out.str();
}

std::string records_line(const run::RunResult& r, Mark dropped) {
  const auto& a = r.accounting;
  std::ostringstream out;
  out << "generated " << count(a.generated) << ", delivered " << count(a.delivered) << ", dropped "
      << (a.dropped ? dropped(count(a.dropped)) : count(a.dropped)) << ", in flight at the end "
      << count(a.in_flight);
  if (a.created) out << ", copies made " << count(a.created);
  if (a.absorbed) out << ", absorbed " << count(a.absorbed);
  return out.str();
}

std::string throughput_line(const run::RunResult& r) { return "throughput " + rate(r.throughput_per_s) + " delivered"; }

Table components(const run::RunResult& r) {
  Table t({"component", "service", "in", "out", "throttled", "dropped", "util mean", "util peak", "hottest unit",
           "wait mean", "latency mean", "p50", "p99", "max", "cost/month"},
          {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14});
  const double months = r.duration_s / models::kSecondsPerMonth;
  for (const auto& c : r.components) {
    const bool bounded = c.capacity > 0;
    t.row({c.name, c.service, count(c.records_in), count(c.records_out), count(c.throttled), drops_of(c),
           bounded ? percent(c.utilization_mean) : "-", bounded ? percent(c.utilization_peak) : "-",
           c.units.unit.empty() ? "-" : percent(c.units.hottest_load) + " " + c.units.unit,
           bounded ? seconds(c.wait_mean_s) : "-", seconds(c.latency.mean), seconds(c.latency.p50),
           seconds(c.latency.p99), seconds(c.latency.max), usd(c.cost_usd / months)});
  }
  return t;
}

Table paths(const run::RunResult& r) {
  Table p({"path", "records", "mean", "p50", "p90", "p99", "max"}, {1, 2, 3, 4, 5, 6});
  for (const auto& path : r.paths)
    p.row({path.from + " -> " + path.to, count(path.records), seconds(path.latency.mean), seconds(path.latency.p50),
           seconds(path.latency.p90), seconds(path.latency.p99), seconds(path.latency.max)});
  return p;
}

Table readers(const run::RunResult& r) {
  Table t({"component", "reader", "records read", "lag", "mean", "max"}, {2, 4, 5});
  t.keys(2);
  for (const auto& c : r.components) {
    bool first = true;
    for (const auto& reader : c.readers) {
      t.row({first ? c.name : "", reader.name, count(reader.records), first ? c.reader_lag : "",
             seconds(reader.lag_mean_s), seconds(reader.lag_max_s)});
      first = false;
    }
  }
  return t;
}

bool has_readers(const run::RunResult& r) {
  return std::any_of(r.components.begin(), r.components.end(), [](const auto& c) { return !c.readers.empty(); });
}

bool has_sizes(const run::RunResult& r) {
  return std::any_of(r.components.begin(), r.components.end(), [](const auto& c) { return !c.series.size.empty(); });
}

Table sizes(const run::RunResult& r) {
  Table t({"component", "counting", "at the start", "least", "most", "mean", "at the end"}, {2, 3, 4, 5, 6});
  for (const auto& c : r.components) {
    const auto& size = c.series.size;
    if (size.empty()) continue;
    const auto [least, most] = std::minmax_element(size.begin(), size.end());
    double sum = 0;
    for (const double x : size) sum += x;
    using phrases::number;
    t.row({c.name, c.series.size_unit + "s", number(size.front()), number(*least), number(*most),
           number(sum / static_cast<double>(size.size())), number(size.back())});
  }
  return t;
}

Table time_by_path(const run::RunResult& r) {
  Table t({"path", "component", "total", "in service", "waiting for capacity", "buffering", "held back"},
          {2, 3, 4, 5, 6});
  t.keys(2);
  for (const auto& p : r.time_by_path) {
    bool first = true;
    for (const auto& [name, time] : p.components) {
      t.row({first ? p.from + " -> " + p.to : "", name, seconds(time.total()), seconds(time.service_s),
             seconds(time.capacity_s), seconds(time.buffering_s), seconds(time.held_s)});
      first = false;
    }
  }
  return t;
}

std::string latest_finish(const run::RequirementResult& q) {
  const std::string when = format_figure(whatif::Unit::kClock, q.actual);
  if (q.worst_run.gave_up) {
    std::string out = "a run failed all ";
    out += std::to_string(q.worst_run.attempts);
    out += " attempts and dropped its input at ";
    out += when;
    return out;
  }
  return q.worst_run.finished ? "latest finish " + when : "a run still going at " + when + " (the end of the simulation)";
}

std::string requirement(const run::RequirementResult& q) {
  std::string out = requirement_target(q);
  if (q.name == "completes_by") {
    if (q.runs_judged == 0) return out + "; " + unjudged_runs_text(q.scope);
    out += "  (" + latest_finish(q) + "; " + std::to_string(q.runs_late) + " of " + std::to_string(q.runs_judged) +
           " runs late)";
  } else {
    out += "  (measured " + format_figure(whatif::requirement_unit(q.name), q.actual) + ")";
    if (!q.unmeasured.empty()) out += "; " + unmeasured_text(q.unmeasured);
  }
  out += fault_parts_text(q);
  if (!q.cause.empty()) out += "; bound by " + q.cause;
  return out;
}

std::string fault_parts_text(const run::RequirementResult& q) {
  std::string out;
  const auto part = [&](const char* when, const run::RequirementResult::Part& p) {
    if (!p.judged) return;
    out += out.empty() ? "; " : ", ";
    out += when;
    out += " ";
    out += format_figure(whatif::requirement_unit(q.name), p.actual);
    out += p.pass ? " (holds)" : " (fails)";
  };
  part("from each fault's start until it recovered", q.during_faults);
  part("the rest of the run", q.outside_faults);
  return out;
}

std::string unmeasured_text(const std::vector<std::string>& paths) {
  std::string out = "no record reached the end of ";
  for (std::size_t i = 0; i < paths.size(); ++i) out += (i ? ", " : "") + paths[i];
  out += " after the warm-up, so its latency is unknown: run longer, or check what holds those records back";
  return out;
}

std::string unjudged_runs_text(const std::string& job) {
  return "no run of " + job +
         " finished, nor was one still going past its deadline, in the simulated time, so the deadline is not "
         "judged: run longer";
}

std::string cost_line(const run::RunResult& r) {
  return usd(r.cost_total_usd) + " for the simulated time, " + usd(r.cost_monthly_usd) + " per month at this load";
}

namespace {
// The shortest whole number of cycles covering `span_s`, as the command line writes a duration.
std::string covering_duration(double span_s, double cycle_s) {
  const double whole = std::ceil(span_s / cycle_s - 1e-9) * cycle_s;
  for (const auto& [unit, seconds] : {std::pair{"d", 86400.0}, {"h", 3600.0}, {"m", 60.0}})
    if (std::fmod(whole, seconds) == 0) return std::to_string(std::llround(whole / seconds)) + unit;
  return std::to_string(std::llround(whole)) + "s";
}
}  // namespace

void partial_cycles_json(JsonWriter& w, const std::vector<run::PartialCycle>& cycles) {
  w.begin_array("partial_cycles");
  for (const auto& p : cycles)
    w.begin_object()
        .value("source", p.source)
        .value("span_s", p.span_s)
        .value("cycle_s", p.cycle_s)
        .value("load_factor", p.load_factor)
        .value("verdict", partial_cycle_sentence(p))
        .end_object();
  w.end_array();
}

std::string partial_cycle_sentence(const run::PartialCycle& p) {
  const bool under = p.load_factor < 1;
  const double off = under ? 1 / p.load_factor : p.load_factor;
  char factor[32], by[32];
  std::snprintf(factor, sizeof factor, "%.2g", p.load_factor);
  std::snprintf(by, sizeof by, "%.2g", off);
  std::string out = "The month is projected from ";
  const bool within = p.span_s < p.cycle_s;
  out += within ? "the first " : "";
  out += seconds(p.span_s);
  out += within ? " of the " : ", which is not a whole number of the ";
  out += seconds(p.cycle_s);
  out += within ? " load cycle of source '" : " load cycles of source '";
  out += p.source;
  out += within ? "', where its load is " : "'; its load over that time is ";
  out += factor;
  out += "x the cycle's mean: what is billed by the request, the byte or on demand is ";
  out += under ? "understated" : "overstated";
  out += " about ";
  out += off >= 10 ? count(static_cast<std::uint64_t>(std::llround(off))) : std::string(by);
  out += "x (capacity billed by the hour is not); simulate the whole cycle (duration: ";
  out += covering_duration(p.span_s, p.cycle_s);
  out += ") for the month's bill.";
  return out;
}

namespace {
// An amount of a billed unit: whole with separators from a thousand up,
// else three significant figures.
std::string amount_words(double x) {
  if (x >= 1000) return count(static_cast<std::uint64_t>(std::llround(x)));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", x);
  return buf;
}
}  // namespace

std::vector<std::string> billed_lines(const run::RunResult& r) {
  std::vector<std::string> out;
  for (const auto& c : r.components) {
    for (const auto& q : c.billed) {
      out.push_back(c.name + " (" + c.service + "): " + amount_words(q.amount) + " " + q.unit + ", " + usd(q.usd) +
                    " over the simulated time");
      if (q.decimal_input.empty() || q.amount_if_binary <= 0) continue;
      out.push_back("Note: " + q.decimal_input + " is a decimal size (powers of 1,000), while the price is per " +
                    "binary unit (powers of 1,024, which AWS's price list writes without the i): each decimal unit " +
                    "written counts as " + amount_words(q.amount / q.amount_if_binary) +
                    " of the binary one; had the binary unit been meant, " + amount_words(q.amount_if_binary) + " " +
                    q.unit + ", " + usd(q.usd_if_binary));
    }
  }
  return out;
}

std::string sentence(const std::string& note) {
  std::string s = note;
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s + ".";
}

Paragraph query_engines(const run::QueryEngineComparison& q) {
  std::istringstream lines(query_engine_text(q));
  Paragraph p;
  std::string line;
  bool first = true;
  while (std::getline(lines, line)) {
    if (first) {
      p.lead = line;
      first = false;
      continue;
    }
    const auto start = line.find_first_not_of(' ');
    if (start != std::string::npos) p.items.push_back(line.substr(start));
  }
  return p;
}

std::vector<std::string> story_lines(const scenario::Story& story) {
  std::vector<std::string> out;
  std::istringstream prompt(story.prompt);
  for (std::string line; std::getline(prompt, line);) out.push_back(line);
  if (!story.look_at.empty()) {
    out.push_back("Look at:");
    for (const auto& l : story.look_at) out.push_back("  " + l);
  }
  bool answered = false;
  for (const auto& q : story.questions) answered = answered || !q.answer.empty();
  if (!story.questions.empty()) out.push_back(answered ? "Questions (predict first; the answers are at the end):" : "Questions:");
  for (std::size_t i = 0; i < story.questions.size(); ++i)
    out.push_back("  " + std::to_string(i + 1) + ". " + story.questions[i].ask);
  return out;
}

std::vector<std::string> story_answers(const scenario::Story& story) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < story.questions.size(); ++i)
    if (!story.questions[i].answer.empty())
      out.push_back(std::to_string(i + 1) + ". " + story.questions[i].answer);
  return out;
}

}  // namespace archsim::report::sections

#include "archsim/report/findings.hpp"

#include <cmath>

#include "archsim/report/json_writer.hpp"
#include "archsim/report/stream_choice_text.hpp"
#include "archsim/report/reports.hpp"
#include "archsim/version.hpp"
#include "json_run.hpp"
#include "sections.hpp"

namespace archsim::report {

namespace {
void latency(JsonWriter& w, const std::string& key, const run::LatencySummary& l) {
  w.begin_object(key)
      .value("mean", l.mean)
      .value("p50", l.p50)
      .value("p90", l.p90)
      .value("p99", l.p99)
      .value("max", l.max)
      .value("count", l.count)
      .end_object();
}

void time_split(JsonWriter& w, const std::string& key, const run::TimeSplit& t) {
  w.begin_object(key)
      .value("service", t.service_s)
      .value("capacity", t.capacity_s)
      .value("buffering", t.buffering_s)
      .value("held", t.held_s)
      .end_object();
}

void units(JsonWriter& w, const run::UnitSummary& u) {
  if (u.unit.empty()) return;
  w.begin_object("units")
      .value("unit", u.unit)
      .value("count", u.count)
      .value("hottest", u.hottest)
      .value("hottest_load", u.hottest_load)
      .value("mean_load", u.mean_load)
      .value("peak_time_s", u.peak_time_s)
      .value("hottest_share", u.hottest_share)
      .value("most_throttled", u.most_throttled)
      .value("most_throttled_requests", u.hottest_throttled)
      .value("units_throttled", u.units_throttled)
      .value("backlog_peak", u.backlog_peak)
      .value("backlog_unit", u.backlog_unit)
      .value("backlog_mean_then", u.backlog_mean_then)
      .value("backlog_peak_time_s", u.backlog_peak_time_s)
      .end_object();
}

void fix_trial(JsonWriter& w, const run::FixTrial& t) {
  w.begin_object().value("lever", t.lever).value("words", t.words);
  w.begin_array("moves");
  for (const auto& m : t.moves) {
    w.begin_object().value("component", m.component).value("key", m.key).value("kind", m.kind);
    if (m.text_to.empty()) w.value("from", m.from).value("to", m.to);
    else w.value("from", m.text_from).value("to", m.text_to);
    w.end_object();
  }
  w.end_array();
  w.value("simulated", t.simulated)
      .value("clears", t.clears)
      .value("dropped", t.dropped)
      .value("throttled", t.throttled)
      .value("worst_p99_s", t.worst_p99_s)
      .value("monthly_usd_delta", t.monthly_usd_delta);
  w.begin_array("requirements_failing");
  for (const auto& q : t.requirements_failing) w.value("", q);
  w.end_array();
  w.value("binds_next", t.binds_next).end_object();
}

void job_run(JsonWriter& w, const char* key, const run::JobRun& run) {
  w.begin_object(key)
      .value("triggered_s", run.triggered_s)
      .value("started_s", run.started_s)
      .value("end_s", run.end_s)
      .value("finished", run.finished)
      .value("deadline_s", run.deadline_s)
      .value("records", run.records)
      .value("bytes", run.bytes)
      .value("bytes_besides", run.bytes_besides)
      .value("startup_s", run.startup_s)
      .value("processing_s", run.processing_s)
      .value("attempts", static_cast<std::uint64_t>(run.attempts))
      .end_object();
}

void bottleneck(JsonWriter& w, const run::Bottleneck& b) {
  w.begin_object()
      .value("component", b.component)
      .value("service", b.service)
      .value("resource", b.resource)
      .value("resource_id", b.resource_id)
      .value("kind", b.kind)
      .value("utilization", b.utilization)
      .value("throttle_fraction", b.throttle_fraction)
      .value("drop_fraction", b.drop_fraction)
      .value("dropped", b.dropped)
      .value("throttled", b.throttled)
      .value("backlog_growth_per_min", b.backlog_growth_per_min)
      .value("backlog_at_end", b.backlog_at_end)
      .value("wait_for_capacity_s", b.wait_for_capacity_s)
      .value("latency_share", b.latency_share)
      .value("late_runs", b.late_runs)
      .value("static_peak_utilization", b.static_peak_utilization)
      .value("when_s", b.when_s)
      .value("peak_in_per_s", b.peak_in_per_s)
      .value("took_per_s", b.took_per_s)
      .value("capacity_per_s", b.capacity_per_s)
      .value("capacity_words", b.capacity_words)
      .value("capacity_grows", b.capacity_grows)
      .value("worst_p99_s", b.worst_p99_s)
      .value("explanation", finding_sentence(b))
      .value("suggestion", fix_sentence(b));
  if (!b.fix_after.empty()) w.value("fix_after", b.fix_after);
  if (b.late_run) job_run(w, "late_run", *b.late_run);
  units(w, b.units);
  w.begin_array("hot_keys");
  for (const auto& k : b.hot_keys)
    w.begin_object()
        .value("source", k.source)
        .value("key", k.key)
        .value("rank", k.rank)
        .value("share", k.share)
        .value("peak_per_s", k.peak_per_s)
        .value("unit", k.unit)
        .value("unit_capacity_per_s", k.unit_capacity_per_s)
        .end_object();
  w.end_array();
  w.value("key_beyond_unit", b.key_beyond_unit);
  w.begin_array("held_back");
  for (const auto& h : b.held_back)
    w.begin_object()
        .value("component", h.component)
        .value("service", h.service)
        .value("by", h.by)
        .value("backlog_peak", h.backlog_peak)
        .value("backlog_growth_per_min", h.backlog_growth_per_min)
        .value("wait_mean_s", h.wait_mean_s)
        .value("wait_max_s", h.wait_max_s)
        .value("expired", h.expired)
        .end_object();
  w.end_array();
  w.begin_array("causes");
  for (const auto& q : b.causes) w.value("", q);
  w.end_array();
  w.begin_array("fixes");
  for (const auto& t : b.fixes) fix_trial(w, t);
  w.end_array();
  if (b.fix >= 0) {
    const run::FixTrial& t = b.fixes[static_cast<std::size_t>(b.fix)];
    w.begin_object("fix")
        .value("dropped", t.dropped)
        .value("throttled", t.throttled)
        .value("worst_p99_s", t.worst_p99_s)
        .value("monthly_usd_delta", t.monthly_usd_delta)
        .value("moves", moves_words(t.moves))
        .end_object();
  }
  w.end_object();
}
}  // namespace

void write_requirement_scope(JsonWriter& w, const run::RequirementResult& q) {
  if (q.scope.empty()) return;
  w.value("scope", q.scope);
  if (q.paths.empty()) return;
  w.begin_array("paths");
  for (const auto& path : q.paths) w.value("", path);
  w.end_array();
}

void write_requirements(JsonWriter& w, const char* key, const std::vector<run::RequirementResult>& requirements) {
  w.begin_array(key);
  for (const auto& q : requirements) {
    w.begin_object().value("name", q.name);
    write_requirement_scope(w, q);
    w.value("target", q.target).value("actual", q.actual).value("pass", q.pass);
    if (!q.cause.empty()) w.value("cause", q.cause);
    if (q.fails_only_with_faults) w.value("fails_only_with_faults", true);
    for (const auto& [key, part] : {std::pair{"during_faults", q.during_faults}, std::pair{"outside_faults", q.outside_faults}})
      if (part.judged) w.begin_object(key).value("actual", part.actual).value("pass", part.pass).end_object();
    if (q.name == "completes_by") w.value("runs_judged", q.runs_judged).value("runs_late", q.runs_late);
    if (q.name == "completes_by" && q.runs_judged > 0) job_run(w, "worst_run", q.worst_run);
    if (!q.unmeasured.empty() && q.name != "completes_by") {
      w.begin_array("unmeasured_paths");
      for (const auto& path : q.unmeasured) w.value("", path);
      w.end_array();
    }
    w.end_object();
  }
  w.end_array();
}

void write_faults(JsonWriter& w, const std::vector<run::FaultResult>& faults) {
  w.begin_array("faults");
  for (const auto& f : faults) {
    w.begin_object()
        .value("target", f.target)
        .value("kind", f.kind)
        .value("start_s", f.start_s)
        .value("end_s", f.end_s);
    if (f.kind == "spike" || f.kind == "latency") w.value("factor", f.factor);
    if (f.share > 0) w.value("share", f.share);
    w.value("in_flight_before", f.in_flight_before)
        .value("in_flight_peak", f.in_flight_peak)
        .value("peak_at_s", f.peak_at_s)
        .value("recovered", f.recovered);
    if (f.recovered) w.value("recovered_at_s", f.recovered_at_s).value("time_to_recover_s", f.recovery_s());
    w.value("dropped", f.dropped).value("set_aside", f.set_aside).value("replayed", f.replayed);
    w.begin_array("dropped_by");
    for (const auto& loss : f.dropped_by)
      w.begin_object()
          .value("component", loss.component)
          .value("reason", loss.reason)
          .value("count", loss.count)
          .value("set_aside", loss.set_aside)
          .end_object();
    w.end_array();
    w.begin_array("delayed");
    for (const auto& d : f.delayed)
      w.begin_object()
          .value("path", d.path)
          .value("delayed", d.delayed)
          .value("delivered", d.delivered)
          .value("level_s", d.level_s)
          .end_object();
    w.end_array();
    w.begin_array("copies_reach");
    for (const auto& c : f.copies_reach)
      w.begin_object()
          .value("path", c.path)
          .value("sink", c.sink)
          .value("service", c.service)
          .value("idempotent", c.idempotent)
          .value("copies", c.copies)
          .value("exactly_once", c.exactly_once)
          .end_object();
    w.end_array();
    w.begin_array("stalest");
    for (const auto& [path, age] : f.stalest) w.begin_object().value("path", path).value("oldest_delivered_s", age).end_object();
    w.end_array();
    if (!f.paced_by.empty())
      w.value("drain_per_s", f.drain_per_s)
          .value("paced_by", f.paced_by)
          .value("paced_resource", f.paced_resource)
          .value("paced_utilization", f.paced_utilization);
    w.value("sentence", fault_sentence(f));
    w.end_object();
  }
  w.end_array();
}


void write_run_members(JsonWriter& w, const run::RunResult& r) {
  w.value("archsim_version", kVersion);
  w.begin_object("scenario")
      .value("name", r.name)
      .value("file", r.file)
      .value("description", r.description)
      .value("seed", r.seed)
      .value("duration_s", r.duration_s)
      .value("warmup_s", r.warmup_s)
      .value("region", r.region);
  if (!r.story.empty()) {
    w.begin_object("story").value("prompt", r.story.prompt);
    w.begin_array("look_at");
    for (const auto& l : r.story.look_at) w.value("", l);
    w.end_array().begin_array("questions");
    for (const auto& q : r.story.questions) w.begin_object().value("ask", q.ask).value("answer", q.answer).end_object();
    w.end_array().end_object();
  }
  w.end_object();
  const auto& a = r.accounting;
  w.begin_object("accounting")
      .value("generated", a.generated)
      .value("delivered", a.delivered)
      .value("dropped", a.dropped)
      .value("in_flight", a.in_flight)
      .value("absorbed", a.absorbed)
      .value("created", a.created)
      .end_object();
  w.value("throughput_per_s", r.throughput_per_s);
  w.value("events", r.events);
  w.begin_object("sources");
  for (const auto& s : r.sources)
    w.begin_object(s.name)
        .value("generated", s.generated)
        .value("created", s.created)
        .value("records_out", s.records_out)
        .value("rate_per_s", s.mean_rate_per_s)
        .end_object();
  w.end_object();
  w.begin_object("components");
  for (const auto& c : r.components) {
    w.begin_object(c.name)
        .value("service", c.service)
        .value("records_in", c.records_in)
        .value("records_out", c.records_out)
        .value("dropped", c.dropped)
        .value("in_flight", c.in_flight)
        .value("absorbed", c.absorbed)
        .value("created", c.created)
        .value("throttled", c.throttled);
    w.begin_object("drops");
    for (const auto& d : c.drops) w.value(d.reason, d.count);
    w.end_object();
    w.begin_object("throttled_by");
    for (const auto& [resource, n] : c.throttled_by) w.value(resource, n);
    w.end_object();
    w.begin_object("held").value("mean", c.held_mean).value("peak", c.held_peak).end_object();
    w.begin_array("refused_by");
    for (const auto& x : c.refused_by)
      w.begin_object().value("by", x.by).value("times", x.times).value("passed_on", x.passed_on).end_object();
    w.end_array();
    time_split(w, "time_s", c.time);
    units(w, c.units);
    w.value("capacity", c.capacity);
    w.begin_object("utilization").value("mean", c.utilization_mean).value("peak", c.utilization_peak).end_object();
    latency(w, "latency_s", c.latency);
    w.begin_object("wait_s").value("mean", c.wait_mean_s).end_object();
    w.value("backlog_mean", c.backlog_mean);
    w.value("throughput_per_s", c.throughput_per_s);
    w.value("cost_usd", c.cost_usd);
    w.begin_object("usage");
    for (const auto& [name, amount] : c.usage) w.value(name, amount);
    w.end_object();
    if (!c.billed.empty()) {
      w.begin_array("billed");
      for (const auto& q : c.billed) {
        w.begin_object().value("unit", q.unit).value("amount", q.amount).value("usd", q.usd);
        if (!q.decimal_input.empty())
          w.value("decimal_input", q.decimal_input)
              .value("amount_if_binary", q.amount_if_binary)
              .value("usd_if_binary", q.usd_if_binary);
        w.end_object();
      }
      w.end_array();
    }
    w.begin_object("series")
        .value("interval_s", c.series.interval_s)
        .numbers("records_in_per_s", c.series.records_in_per_s)
        .numbers("records_out_per_s", c.series.records_out_per_s)
        .numbers("dropped_per_s", c.series.dropped_per_s)
        .numbers("backlog", c.series.backlog)
        .numbers("utilization", c.series.utilization)
        .numbers("held", c.series.held);
    if (!c.series.hottest_unit.empty())
      w.numbers("hottest_unit", c.series.hottest_unit).numbers("mean_unit", c.series.mean_unit);
    if (!c.series.size_unit.empty()) w.value("size_unit", c.series.size_unit).numbers("size", c.series.size);
    w.end_object();
    if (!c.readers.empty()) {
      w.value("reader_lag", c.reader_lag);
      w.begin_array("readers");
      for (const auto& reader : c.readers)
        w.begin_object()
            .value("name", reader.name)
            .value("records", reader.records)
            .value("lag_mean_s", reader.lag_mean_s)
            .value("lag_max_s", reader.lag_max_s)
            .numbers("lag_max_by_interval_s", reader.lag_max_by_interval_s)
            .end_object();
      w.end_array();
    }
    w.end_object();
  }
  w.end_object();
  w.begin_array("paths");
  for (const auto& p : r.paths) {
    w.begin_object().value("from", p.from).value("to", p.to).value("records", p.records);
    latency(w, "latency_s", p.latency);
    if (!r.faults.empty()) {
      latency(w, "latency_during_faults_s", p.during_faults);
      latency(w, "latency_outside_faults_s", p.outside_faults);
    }
    w.begin_array("components");
    for (const auto& c : p.components) w.value("", c);
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.begin_object("cost").value("total_usd", r.cost_total_usd).value("monthly_usd", r.cost_monthly_usd).end_object();
  w.begin_array("verdict");
  for (const auto& line : verdict_lines(r)) w.value("", line);
  w.end_array();
  w.begin_object("headroom")
      .value("component", r.headroom.component)
      .value("resource", r.headroom.resource)
      .value("peak_utilization", r.headroom.peak_utilization)
      .end_object();
  w.begin_array("bottlenecks");
  for (const auto& b : r.bottlenecks) bottleneck(w, b);
  w.end_array();
  w.begin_array("time_by_path");
  for (const auto& p : r.time_by_path) {
    w.begin_object().value("from", p.from).value("to", p.to).value("latency_mean_s", p.latency_mean_s);
    w.begin_array("components");
    for (const auto& [name, t] : p.components) {
      w.begin_object().value("component", name);
      time_split(w, "time_s", t);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  write_requirements(w, "requirements", r.requirements);
  // A drill: the same requirements judged on the design without its faults,
  // and what each fault did.
  if (!r.requirements_without_faults.empty()) write_requirements(w, "requirements_without_faults", r.requirements_without_faults);
  if (r.recovery_fix.tried) {
    w.begin_object("recovery_fix").value("found", r.recovery_fix.found);
    w.begin_array("moves");
    for (const auto& v : set_values(r.recovery_fix.moves)) w.value("", v);
    w.end_array();
    w.value("recovery_s", r.recovery_fix.recovery_s)
        .value("monthly_usd_delta", r.recovery_fix.monthly_usd_delta)
        .value("simulations", static_cast<std::uint64_t>(r.recovery_fix.simulations));
    if (!r.recovery_fix.paced_by.empty()) w.value("paced_by", r.recovery_fix.paced_by);
    if (!r.recovery_fix.why_not.empty()) w.value("why_not", r.recovery_fix.why_not);
    w.value("sentence", recovery_fix_words(r.recovery_fix)).end_object();
  }
  if (!r.faults.empty()) {
    write_faults(w, r.faults);
    w.begin_object("fault_split")
        .value("during_s", r.during_faults_s)
        .value("outside_s", r.outside_faults_s)
        .value("throughput_during_per_s", r.throughput_during_faults_per_s)
        .value("throughput_outside_per_s", r.throughput_outside_faults_per_s)
        .end_object();
  }
  w.begin_array("tradeoffs");
  for (const auto& t : r.tradeoffs) {
    w.begin_object()
        .value("component", t.component)
        .value("lever", t.lever)
        .value("words", t.words)
        .value("moves", moves_words(t.moves))
        .value("figures", std::string("static"))
        .value("monthly_usd_now", t.monthly_usd_now)
        .value("monthly_usd_then", t.monthly_usd_then)
        .value("latency_s_now", t.latency_s_now)
        .value("latency_s_then", t.latency_s_then)
        .value("peak_utilization_now", t.peak_utilization_now)
        .value("peak_utilization_then", t.peak_utilization_then);
    if (t.break_even_factor > 0)
      w.begin_object("break_even")
          .value("load_factor", t.break_even_factor)
          .value("records_per_s", t.break_even_records_per_s)
          .end_object();
    w.value("verdict", tradeoff_sentence(t)).end_object();
  }
  w.end_array();
  w.value("tradeoffs_left_out", static_cast<std::uint64_t>(r.tradeoffs_left_out));
  sections::partial_cycles_json(w, r.partial_cycles);
  w.begin_array("query_engines");
  for (const auto& q : r.query_engines) {
    w.begin_object()
        .value("athena", q.athena)
        .value("redshift", q.redshift)
        .value("redshift_shape", q.redshift_shape)
        .value("queries_per_day", q.queries_per_day)
        .value("scanned_bytes_per_query", q.scanned_bytes_per_query)
        .value("table_bytes_per_query", q.table_bytes_per_query)
        .value("athena_monthly_usd", q.athena_monthly_usd)
        .value("redshift_monthly_usd", q.redshift_monthly_usd)
        .value("redshift_fixed_monthly_usd", q.redshift_fixed_monthly_usd)
        .value("athena_p99_s", q.athena_p99_s)
        .value("redshift_p99_s", q.redshift_p99_s)
        .value("break_even_queries_per_day", q.break_even_queries_per_day)
        .value("break_even_data_factor", q.break_even_data_factor)
        .value("scanned_bytes_per_month", q.scanned_bytes_per_month)
        .value("break_even_scanned_bytes_per_month", q.break_even_scanned_bytes_per_month);
    if (q.rerun)
      w.begin_object("at_break_even")
          .value("queries_per_day", q.rerun_queries_per_day)
          .value("athena_monthly_usd", q.rerun_athena_monthly_usd)
          .value("redshift_monthly_usd", q.rerun_redshift_monthly_usd)
          .value("athena_p99_s", q.rerun_athena_p99_s)
          .value("redshift_p99_s", q.rerun_redshift_p99_s)
          .end_object();
    w.end_object();
  }
  w.end_array();
  stream_choices_json(w, r.stream_choices);
}

std::string to_json(const run::RunResult& r) {
  JsonWriter w;
  w.begin_object();
  write_run_members(w, r);
  w.end_object();
  return w.str();
}

}  // namespace archsim::report
